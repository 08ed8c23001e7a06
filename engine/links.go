package engine

import (
	"context"
	"fmt"
	"slices"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/agency"
	"github.com/wiretrace/wiretrace/anatomy"
	"github.com/wiretrace/wiretrace/provenance"
)

// What a trace and the grouping of a store into families share: the
// members made from articles, and the derivation links found by aligning
// an article with the stored ones that share most with it.

// neighbour is a stored article that an article derives from or lends to.
type neighbour struct {
	article wiretrace.Article
	text    *Text
	// cmp is the alignment with the article as the suspect and the
	// neighbour as the source.
	cmp wiretrace.Comparison
	// tokens is the alignment's word map, for the credit comparison.
	tokens []int
}

// linkQuery is how neighbours are looked for.
type linkQuery struct {
	// self is the article's Seq, 0 for a text not stored.
	self uint64
	// before keeps only neighbours stored before the article, so that
	// each pair of a store is aligned once, from its later member.
	before bool
	// limit is how many candidates to align at most.
	limit int
}

// neighbours aligns t with the stored articles that share the most
// fingerprints with it and returns those it derives from or that derive
// from it (copy, spun, partial), most shared first.
func (e *Engine) neighbours(ctx context.Context, t *Text, q linkQuery) ([]neighbour, error) {
	if e.store == nil {
		return nil, errNoStore
	}
	if t.Empty() {
		return nil, wiretrace.ErrEmptyText
	}
	cands, err := e.store.Candidates(ctx, wiretrace.CandidateQuery{
		Fingerprints: t.Fingerprints(),
		// The article itself and, for before, later articles are passed
		// over: room for them.
		Limit:       2*q.limit + 1,
		MaxPostings: e.opts.MaxPostings,
		MinShared:   max(e.opts.MinShared, len(t.Fingerprints())/familyMinShare),
	})
	if err != nil {
		return nil, fmt.Errorf("links: %w", err)
	}
	var out []neighbour
	aligned := 0
	for _, c := range cands {
		if c.Seq == q.self || q.before && c.Seq > q.self || aligned == q.limit {
			continue
		}
		// A small text inside a large one is partial reuse of the large
		// one's at most; one sharing too little of the smaller text is not
		// worth aligning.
		if c.Shared*familyMinShare < min(c.Fingerprints, len(t.Fingerprints())) {
			continue
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		aligned++
		src := e.cache.get(c.Seq, c.Article.Text)
		a := e.opts.Align.Align(src.doc, t.doc)
		if !a.Relation.Derived() {
			continue
		}
		c.Article.Seq = c.Seq
		out = append(out, neighbour{article: c.Article, text: src, cmp: a.Comparison, tokens: a.TokenMap})
	}
	return out, nil
}

// familyMinShare: a candidate must share at least one in this many of the
// fingerprints of the smaller of the two texts to be aligned for a family.
// A derived text shares far more (a partial copy of two paragraphs in
// twenty shares one in ten of the larger's); most of what shares less is
// the same subject in the same words ("the central bank said on Tuesday").
const familyMinShare = 50

// memberOf returns the family member that article a with text t is.
func memberOf(a wiretrace.Article, t *Text) provenance.Member {
	return provenance.Member{
		Appearance: wiretrace.AppearanceOf(a),
		Title:      a.Title,
		Seq:        a.Seq,
		Credits:    creditKeys(t.Anatomy()),
	}
}

// appearanceMembers returns the appearances of a as members: the same
// text, so the same credits.
func appearanceMembers(a wiretrace.Article, m provenance.Member) []provenance.Member {
	out := make([]provenance.Member, 0, len(a.Appearances))
	for _, ap := range a.Appearances {
		out = append(out, provenance.Member{Appearance: ap, Title: a.Title, Credits: m.Credits, Of: a.ID})
	}
	return out
}

// creditKeys returns the organisations an article credits as its author,
// in agency.Key form: photo credits and picture libraries are not.
func creditKeys(an *anatomy.Anatomy) []string {
	var keys []string
	for _, c := range an.Credits {
		if c.Role == anatomy.RolePhoto || agency.IsPhotoLibrary(c.Name) {
			continue
		}
		if k := agency.Key(c.Name); k != "" && !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}

// sameText is the link between an article and one of its appearances.
func sameText(a, b int) provenance.Link {
	return provenance.Link{A: a, B: b, Relation: wiretrace.Copy, Score: 1, CoverA: 1, CoverB: 1}
}
