// Package storecopy copies the articles of one store into another, in the
// order they were stored and with their appearances: the embedded store
// into PostgreSQL and back (wiretrace copy).
//
// A copy goes through the Store contract on both sides: Scan lists the
// source's articles in the order of storing, which lets an interrupted
// copy resume after the last article it stored, and the destination
// decides, as for any add, what is new, what it holds already and what
// conflicts: copying twice stores nothing twice. The destination gives
// the articles Seqs of its own, in the source's order.
//
// Notes (the engine's story families) are not copied: they name articles
// by their Seqs in the source. wiretrace families links the destination's
// articles again.
//
// The package knows no backend.
package storecopy

import (
	"context"
	"errors"
	"fmt"

	"github.com/wiretrace/wiretrace"
)

// Scanner is what Copy reads of the source: wiretrace.Store's Scan, the
// articles with their appearances in the order they were stored, from
// the Seq from on.
type Scanner interface {
	Scan(ctx context.Context, from uint64, fn func(wiretrace.Article) error) error
}

// Options tune a copy.
type Options struct {
	// From is the Seq of the first source article to copy: 0 for all,
	// Progress.Next of an interrupted copy to resume it.
	From uint64
	// Batch is how many source articles go to the destination in one Add
	// (with their appearances); 0 means 256.
	Batch int
	// Done, if set, is called after each batch is stored and synced, with
	// the progress so far. An error from it stops the copy.
	Done func(Progress) error
}

// Progress is what a copy did so far.
type Progress struct {
	// Next is the Seq to resume from: every source article stored before
	// it was copied (or refused, see Failed).
	Next uint64 `json:"next"`
	// Articles counts the source articles read; Added those the
	// destination stored as new, Present those it held already (the same
	// text under the same ID).
	Articles int `json:"articles"`
	Added    int `json:"added"`
	Present  int `json:"present"`
	// Appearances counts the appearances recorded in the destination;
	// those it held already count in Present.
	Appearances int `json:"appearances"`
	// Failed are the articles and appearances the destination refused,
	// the first maxFailures of them; FailedCount counts them all.
	Failed      []Failure `json:"failed,omitempty"`
	FailedCount int       `json:"failed_count"`
}

// Failure is an article or appearance the destination refused.
type Failure struct {
	ID  string `json:"id"`
	Err error  `json:"-"`
}

// maxFailures bounds the failures Progress lists.
const maxFailures = 100

// errStop ends a scan from its callback.
var errStop = errors.New("copy stopped")

// Copy copies the articles of from, starting at o.From, into to, with
// the fingerprints scheme gives their texts: the scheme both stores were
// built with. It returns the progress made, also when it fails; a failed
// or interrupted copy is resumed by another with From set to its
// Progress.Next.
func Copy(ctx context.Context, from Scanner, to wiretrace.Store, scheme wiretrace.Scheme, o Options) (Progress, error) {
	if o.Batch <= 0 {
		o.Batch = 256
	}
	p := Progress{Next: o.From}
	var entries []wiretrace.Entry
	articles := 0
	var last uint64
	flush := func() error {
		if len(entries) == 0 {
			return nil
		}
		res, err := to.Add(ctx, entries)
		if err != nil {
			return err
		}
		for i, r := range res {
			switch {
			case r.Err != nil:
				p.FailedCount++
				if len(p.Failed) < maxFailures {
					p.Failed = append(p.Failed, Failure{entries[i].Article.ID, r.Err})
				}
			case r.Appeared:
				p.Appearances++
			case r.Duplicate:
				p.Present++
			default:
				// An appearance is stored as an article of its own only
				// when its article's entry failed (an ID conflict).
				p.Added++
			}
		}
		if err := to.Sync(); err != nil {
			return err
		}
		p.Articles += articles
		p.Next = last + 1
		clear(entries)
		entries, articles = entries[:0], 0
		if o.Done != nil {
			if err := o.Done(p); err != nil {
				return fmt.Errorf("%w: %w", errStop, err)
			}
		}
		return nil
	}
	err := from.Scan(ctx, o.From, func(a wiretrace.Article) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		seq := a.Seq
		a.Seq = 0
		fps := scheme.Fingerprints(a.Text)
		aps := a.Appearances
		a.Appearances = nil
		entries = append(entries, wiretrace.Entry{Article: a, Fingerprints: fps})
		for _, ap := range aps {
			e := a
			e.ID, e.URL, e.Site = ap.ID, ap.URL, ap.Site
			e.Published, e.PublishedFrom = ap.Published, ap.PublishedFrom
			e.FirstSeen, e.FirstSeenFrom = ap.FirstSeen, ap.FirstSeenFrom
			e.Canonical = ap.Canonical
			entries = append(entries, wiretrace.Entry{Article: e, Fingerprints: fps})
		}
		articles++
		last = seq
		if articles >= o.Batch {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if err != nil {
		return p, fmt.Errorf("copy: %w", err)
	}
	return p, nil
}
