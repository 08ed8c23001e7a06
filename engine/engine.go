// Package engine is wiretrace's one entry point: it prepares each text once
// and adds articles, finds the stored sources a suspect derives from,
// compares two articles and inspects one, over any wiretrace.Store. The
// command line and the HTTP server both call it, and print or send the
// result types it returns.
//
// It knows the Store contract only, never a backend, does no I/O beyond the
// store, and reads no input: the caller reads articles (package ingest)
// and opens the store (package backend).
package engine

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/align"
	"github.com/wiretrace/wiretrace/fingerprint"
	"github.com/wiretrace/wiretrace/text"
	"github.com/zeebo/xxh3"
)

// Options tune the engine.
type Options struct {
	Align align.Options
	// Candidates is how many stored articles sharing the most fingerprints
	// are aligned for each check, at least.
	Candidates int
	// MaxPostings skips fingerprints shared by more stored articles than
	// this: at that spread they are boilerplate, not evidence.
	MaxPostings int
	// MinShared is the fewest shared fingerprints for a stored article to
	// be aligned in a check. One: a short copy rewritten in other words
	// keeps few of its source's word sequences, and the source is still
	// aligned when fewer than Candidates articles share more. Families
	// link only articles that share more (familyMinShared).
	MinShared int
	// CachedTexts is how many prepared stored texts the engine keeps for
	// the checks that follow; 0 keeps none.
	CachedTexts int
}

// Defaults are the options wiretrace uses.
var Defaults = Options{
	Align:       align.Defaults,
	Candidates:  15,
	MaxPostings: 1000,
	MinShared:   1,
	CachedTexts: 2048,
}

// Engine adds, checks, compares and inspects articles over one store. It
// is safe for concurrent use.
type Engine struct {
	store wiretrace.Store
	opts  Options
	cache *textCache
	// briefs is the index of briefs a live trace looks up (storedBriefs).
	briefs *briefCache
	// now is the clock of first-seen times.
	now func() time.Time
}

// New returns an engine over st, which may be nil for an engine that only
// compares and inspects.
func New(st wiretrace.Store, opts Options) *Engine {
	return &Engine{store: st, opts: opts, cache: newTextCache(opts.CachedTexts), briefs: &briefCache{}, now: time.Now}
}

// WithClock returns a copy of e whose first-seen times come from now.
func (e *Engine) WithClock(now func() time.Time) *Engine {
	c := *e
	c.now = now
	return &c
}

// Store returns the engine's store.
func (e *Engine) Store() wiretrace.Store { return e.store }

// Options returns the engine's options.
func (e *Engine) Options() Options { return e.opts }

// errNoStore: a method that needs the store was called on an engine
// without one.
var errNoStore = errors.New("engine has no store")

// ID derives an article's ID from its text: the same text always gets the
// same ID, on every machine.
func ID(text string) string {
	h := xxh3.HashString128(text).Bytes()
	return hex.EncodeToString(h[:8])
}

// Add stores articles, as one write when the store allows: an empty ID is
// derived from the text, and an article never observed before is first
// seen now. Each article's outcome is in its AddResult; the error is for
// the call as a whole: the store failed and nothing was stored, or, with
// the results, the articles were stored and the families' notes of the
// appearances they recorded could not be written (a rebuild of the
// families makes those whole).
func (e *Engine) Add(ctx context.Context, articles ...wiretrace.Article) ([]wiretrace.AddResult, error) {
	if e.store == nil {
		return nil, errNoStore
	}
	entries := make([]wiretrace.Entry, 0, len(articles))
	results := make([]wiretrace.AddResult, len(articles))
	index := make([]int, 0, len(articles)) // entries[k] is articles[index[k]]
	for i, a := range articles {
		ent, err := e.entry(a)
		if err != nil {
			results[i] = wiretrace.AddResult{ID: ent.Article.ID, Err: err}
			continue
		}
		entries = append(entries, ent)
		index = append(index, i)
	}
	if len(entries) == 0 {
		return results, nil
	}
	res, err := e.store.Add(ctx, entries)
	if err != nil {
		return nil, err
	}
	var appeared []string
	for k, r := range res {
		results[index[k]] = r
		if r.Appeared {
			appeared = append(appeared, r.ID)
		}
	}
	// An appearance of an article the families linked before joins its
	// member note (noteAppearances).
	if err := e.noteAppearances(ctx, appeared); err != nil {
		return results, err
	}
	return results, nil
}

// entry prepares one article for the store.
func (e *Engine) entry(a wiretrace.Article) (wiretrace.Entry, error) {
	if a.ID == "" {
		a.ID = ID(a.Text)
	}
	// Only the fingerprints: preparing the text for alignment would cost
	// an add twice as much.
	toks := text.Tokenize(a.Text)
	if len(toks) == 0 {
		return wiretrace.Entry{Article: a}, fmt.Errorf("article %q: %w", a.ID, wiretrace.ErrEmptyText)
	}
	if a.FirstSeen.IsZero() {
		a.FirstSeen, a.FirstSeenFrom = e.now().UTC(), wiretrace.FromAdd
	}
	return wiretrace.Entry{Article: a, Fingerprints: fingerprint.Of(toks)}, nil
}

// AddOne stores one article; its entry error, if any, is the error.
func (e *Engine) AddOne(ctx context.Context, a wiretrace.Article) (wiretrace.AddResult, error) {
	res, err := e.Add(ctx, a)
	if err != nil {
		return wiretrace.AddResult{}, err
	}
	return res[0], res[0].Err
}
