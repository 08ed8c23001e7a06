// Package index adds articles to a Store with their fingerprints and checks
// a suspect article against it: candidate lookup by shared fingerprints,
// then alignment of each candidate with package align.
//
// It depends on the Store contract only, never on a backend, and does no
// I/O of its own beyond the Store.
package index

import (
	"cmp"
	"context"
	"encoding/hex"
	"fmt"
	"slices"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/align"
	"github.com/wiretrace/wiretrace/anatomy"
	"github.com/wiretrace/wiretrace/credit"
	"github.com/wiretrace/wiretrace/fingerprint"
	"github.com/wiretrace/wiretrace/text"
	"github.com/zeebo/xxh3"
)

// Options tune candidate lookup.
type Options struct {
	Align align.Options
	// Candidates is how many stored articles sharing the most fingerprints
	// are aligned for each check, at least.
	Candidates int
	// MaxPostings skips fingerprints shared by more stored articles than
	// this: at that spread they are boilerplate, not evidence.
	MaxPostings int
	// MinShared is the fewest shared fingerprints worth an alignment.
	MinShared int
}

// Defaults are the options wiretrace uses.
var Defaults = Options{
	Align:       align.Defaults,
	Candidates:  15,
	MaxPostings: 1000,
	MinShared:   2,
}

// Index adds and checks articles against one Store.
type Index struct {
	store wiretrace.Store
	opts  Options
}

// New returns an Index over s.
func New(s wiretrace.Store, opts Options) *Index {
	return &Index{store: s, opts: opts}
}

// ID derives an article's ID from its text: the same text always gets the
// same ID, on every machine.
func ID(text string) string {
	h := xxh3.HashString128(text).Bytes()
	return hex.EncodeToString(h[:8])
}

// Add fingerprints a and stores it. An empty a.ID is derived from the text.
// Errors are those of Store.Add.
func (ix *Index) Add(ctx context.Context, a wiretrace.Article) (wiretrace.AddResult, error) {
	toks := text.Tokenize(a.Text)
	if len(toks) == 0 {
		return wiretrace.AddResult{}, wiretrace.ErrEmptyText
	}
	if a.ID == "" {
		a.ID = ID(a.Text)
	}
	return ix.store.Add(ctx, a, fingerprint.Of(toks))
}

// Remove deletes a stored article and its fingerprints.
func (ix *Index) Remove(ctx context.Context, id string) error {
	return ix.store.Remove(ctx, id)
}

// Compare aligns a suspect text with a source text: the comparison that
// check reports for each source, for two texts a user gives.
func (o Options) Compare(source, suspect string) wiretrace.Comparison {
	return o.compare(align.NewDoc(source), align.NewDoc(suspect))
}

func (o Options) compare(source, suspect *align.Doc) wiretrace.Comparison {
	c := o.Align.Compare(source, suspect)
	if c.Relation.Derived() {
		c.Credit, c.Quotes = credit.Compare(anatomy.ParseTokens(source.Text, source.Toks), anatomy.ParseTokens(suspect.Text, suspect.Toks), c)
	}
	return c
}

// Check finds the stored articles the suspect text derives from or relates
// to, best first, at most top of them (all when top <= 0). Unrelated
// candidates are left out, and so is a stored article whose text is the
// suspect's own: a user checking an indexed article wants its sources, not
// itself.
func (ix *Index) Check(ctx context.Context, suspect string, top int) ([]wiretrace.Match, error) {
	doc := align.NewDoc(suspect)
	if len(doc.Toks) == 0 {
		return nil, wiretrace.ErrEmptyText
	}
	limit := max(ix.opts.Candidates, 2*top)
	cands, err := ix.store.Candidates(ctx, fingerprint.Of(doc.Toks), limit, ix.opts.MaxPostings)
	if err != nil {
		return nil, fmt.Errorf("check: candidates: %w", err)
	}
	var matches []wiretrace.Match
	for _, c := range cands {
		if c.Shared < ix.opts.MinShared {
			continue
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		a, err := ix.store.Get(ctx, c.ID)
		if err != nil {
			return nil, fmt.Errorf("check: candidate %s: %w", c.ID, err)
		}
		if a.Text == suspect {
			continue
		}
		cm := ix.opts.compare(align.NewDoc(a.Text), doc)
		if cm.Relation == wiretrace.Unrelated {
			continue
		}
		matches = append(matches, wiretrace.Match{
			ID: a.ID, URL: a.URL, Site: a.Site, Title: a.Title, Published: a.Published,
			Comparison: cm,
		})
	}
	slices.SortFunc(matches, func(a, b wiretrace.Match) int {
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		if c := a.Published.Compare(b.Published); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	if top > 0 && len(matches) > top {
		matches = matches[:top]
	}
	return matches, nil
}
