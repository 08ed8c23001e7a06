package engine

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/credit"
	"github.com/wiretrace/wiretrace/text"
)

// CheckOptions tune one check.
type CheckOptions struct {
	// Top is how many matches to return at most; <= 0 returns all found.
	Top int
	// Exclude are the IDs of stored articles that are the suspect itself,
	// besides the suspect's own ID: a stored copy of the suspect under
	// another ID is a source like any other.
	Exclude []string
}

// Check finds the stored articles the suspect derives from or relates to,
// best first: the highest score, then the one stored first. Unrelated
// candidates are left out, and so is the stored article that is the
// suspect (its ID, or one in o.Exclude); a stored article with the same
// text under another ID is a copy like any other. A suspect without words
// returns wiretrace.ErrEmptyText; one that finds no source and is mostly
// in a script wiretrace cannot split into words returns a
// *text.UnsegmentedError (text.ErrUnsegmented) rather than no matches.
func (e *Engine) Check(ctx context.Context, suspect wiretrace.Article, o CheckOptions) ([]wiretrace.Match, error) {
	return e.CheckText(ctx, suspect.ID, Prepare(suspect.Text), o)
}

// CheckText is Check for a text already prepared; id is the suspect's ID
// in the store, if it has one.
func (e *Engine) CheckText(ctx context.Context, id string, suspect *Text, o CheckOptions) ([]wiretrace.Match, error) {
	if e.store == nil {
		return nil, errNoStore
	}
	if suspect.Empty() {
		return nil, wiretrace.ErrEmptyText
	}
	self := func(cid string) bool { return cid == id && id != "" || slices.Contains(o.Exclude, cid) }
	// Enough candidates that a few unrelated ones still leave Top
	// matches, and at least Candidates.
	aligning := max(e.opts.Candidates, o.Top+5)
	q := wiretrace.CandidateQuery{
		Fingerprints: suspect.Fingerprints(),
		// Room for the suspect itself, which is skipped.
		Limit:       aligning + len(o.Exclude) + 1,
		MaxPostings: e.opts.MaxPostings,
		MinShared:   e.opts.MinShared,
	}
	cands, err := e.store.Candidates(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("check: %w", err)
	}
	type found struct {
		m   wiretrace.Match
		seq uint64
		// The source and the word alignment, to compare credits of the
		// matches kept.
		source *Text
		tokens []int
	}
	var matches []found
	aligned := 0
	for _, c := range cands {
		if c.Shared < e.opts.MinShared || self(c.Article.ID) || aligned == aligning {
			continue
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		aligned++
		src := e.cache.get(c.Seq, c.Article.Text)
		a := e.opts.Align.Align(src.doc, suspect.doc)
		if a.Relation == wiretrace.Unrelated {
			continue
		}
		matches = append(matches, found{wiretrace.MatchOf(c.Article, a.Comparison), c.Seq, src, a.TokenMap})
	}
	slices.SortFunc(matches, func(a, b found) int {
		return cmp.Or(cmp.Compare(b.m.Score, a.m.Score), cmp.Compare(a.seq, b.seq))
	})
	if len(matches) == 0 {
		// "No sources" would be an answer the engine cannot give for a
		// text it could not split into words.
		if err := text.Unsegmented(suspect.String()); err != nil {
			return nil, err
		}
	}
	if o.Top > 0 && len(matches) > o.Top {
		matches = matches[:o.Top]
	}
	out := make([]wiretrace.Match, len(matches))
	for i, f := range matches {
		out[i] = f.m
		// Credits only of the matches returned: reading an article's
		// anatomy costs as much as aligning it.
		e.opts.credits(&out[i].Comparison, f.source, suspect, f.tokens)
	}
	return out, nil
}

// Compare aligns a suspect text with a source text: the comparison that
// check reports for each source, for two texts a user gives.
func (o Options) Compare(source, suspect *Text) wiretrace.Comparison {
	return o.compare(source, suspect)
}

// Compare aligns suspect with source under the default options.
func Compare(source, suspect string) wiretrace.Comparison {
	return Defaults.Compare(Prepare(source), Prepare(suspect))
}

func (o Options) compare(source, suspect *Text) wiretrace.Comparison {
	a := o.Align.Align(source.doc, suspect.doc)
	o.credits(&a.Comparison, source, suspect, a.TokenMap)
	return a.Comparison
}

// credits says, for a derived suspect, whether it kept the source's credits
// and quotes, following them through the word alignment.
func (o Options) credits(c *wiretrace.Comparison, source, suspect *Text, tokens []int) {
	if c.Relation.Derived() {
		c.Credit, c.Quotes = credit.Compare(source.Anatomy(), suspect.Anatomy(), *c, credit.WithTokenMap(tokens))
	}
}
