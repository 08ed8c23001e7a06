package engine

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/credit"
	"github.com/wiretrace/wiretrace/provenance"
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
	// Published is when the suspect was published, if known (Check takes
	// the article's own). A stored article published more than a day
	// after it cannot be its source: it ranks after those that can.
	Published time.Time
	// Canonical is the URL the suspect's page gives for itself, if any
	// (Check takes the article's own). A stored article the suspect
	// derives from at that URL is the one the page names as its original
	// (Match.Original), as is one on the site a republication note in its
	// text names: it ranks first.
	Canonical string
}

// lateness is how much later than the suspect a match must be published
// before it cannot be the suspect's source: a day, so that a date given
// without its time or in another time zone decides nothing.
const lateness = 24 * time.Hour

// Check finds the stored articles the suspect derives from or relates to,
// the most likely source first (see rank). Unrelated
// candidates are left out, and so is the stored article that is the
// suspect (its ID, or one in o.Exclude); a stored article with the same
// text under another ID is a copy like any other. A suspect without words
// returns wiretrace.ErrEmptyText; one that finds no source and is mostly
// in a script wiretrace cannot split into words returns a
// *text.UnsegmentedError (text.ErrUnsegmented) rather than no matches.
func (e *Engine) Check(ctx context.Context, suspect wiretrace.Article, o CheckOptions) ([]wiretrace.Match, error) {
	if o.Published.IsZero() {
		o.Published = suspect.Published
	}
	if o.Canonical == "" {
		o.Canonical = suspect.Canonical
	}
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
	// Room for the articles skipped: those excluded and the suspect
	// itself when it is stored.
	skipped := len(o.Exclude)
	if id != "" {
		skipped++
	}
	q := wiretrace.CandidateQuery{
		Fingerprints: suspect.Fingerprints(),
		Limit:        aligning + skipped,
		MaxPostings:  e.opts.MaxPostings,
		MinShared:    e.opts.MinShared,
		// A match reports its source's record, not where else the
		// same text appeared.
		NoAppearances: true,
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
	seen := map[uint64]bool{} // the candidates aligned
	derived := false
	look := func(q wiretrace.CandidateQuery) error {
		cands, err := e.store.Candidates(ctx, q)
		if err != nil {
			return fmt.Errorf("check: %w", err)
		}
		aligned := 0
		for _, c := range cands {
			if c.Shared < e.opts.MinShared || self(c.Article.ID) || aligned == aligning {
				continue
			}
			if err := ctx.Err(); err != nil {
				return err
			}
			aligned++
			if seen[c.Seq] {
				continue
			}
			seen[c.Seq] = true
			src := e.cache.get(c.Seq, c.Article.Text)
			a := e.opts.Align.Align(src.doc, suspect.doc)
			if a.Relation == wiretrace.Unrelated {
				continue
			}
			derived = derived || a.Relation.Derived()
			m := wiretrace.MatchOf(c.Article, a.Comparison)
			m.Later = !o.Published.IsZero() && !m.Published.IsZero() && m.Published.Sub(o.Published) > lateness
			matches = append(matches, found{m, c.Seq, src, a.TokenMap})
		}
		return nil
	}
	if err := look(q); err != nil {
		return nil, err
	}
	// A short text that derives from none of the stored texts sharing its
	// fingerprints is looked up again by every run of three words
	// (Text.Probes): a brief that retells a story in its own words may
	// share no fingerprint with it.
	if !derived && suspect.Short() {
		q.Fingerprints = suspect.Probes()
		if err := look(q); err != nil {
			return nil, err
		}
	}
	// The sources the suspect names as its original: by its page's
	// canonical URL, else by a republication note naming their site (the
	// suspect's anatomy is read only when it derives from a source, and
	// the credits of the matches read it anyway).
	ran := sync.OnceValue(func() []string { return firstRan(suspect.Anatomy()) })
	for i := range matches {
		m := &matches[i].m
		m.Original = namedOriginal(m.Comparison, m.URL, m.Site, o.Canonical, ran)
	}
	slices.SortFunc(matches, func(a, b found) int { return rank(a.m, b.m, a.seq, b.seq) })
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

// rankStep is the width of the containment steps rank compares:
// differences smaller than a sentence or two of a short story are not told
// apart.
const rankStep = 0.1

// rank orders two matches of one suspect, the most likely source first.
// A match published after the suspect (Later) cannot be its source and
// comes after every one that can; one the suspect's page names as its
// original (Original) comes before every other. When a story and copies of it are
// stored, every one of them shares the suspect's words. The source is one
// that holds the whole suspect (held: the larger of its suspect coverage
// and its containment, in steps of rankStep) in the suspect's wording (the
// strongest relation: copy, then spun, partial, related); among those, the
// one published first (else first seen), since
// copies follow their source and a trimmed copy follows the fuller text it
// was cut from; then the higher score, then the one stored first. A story
// published earlier but written differently (another day's report from
// the same template) has a weaker relation and does not come first.
func rank(a, b wiretrace.Match, aSeq, bSeq uint64) int {
	step := func(f float64) int { return int(math.Round(f / rankStep)) }
	later := func(m wiretrace.Match) int {
		if m.Later {
			return 1
		}
		return 0
	}
	original := func(m wiretrace.Match) int {
		if m.Original != "" {
			return 0
		}
		return 1
	}
	return cmp.Or(
		cmp.Compare(later(a), later(b)),
		cmp.Compare(original(a), original(b)),
		cmp.Compare(step(held(b)), step(held(a))),
		cmp.Compare(strength(b.Relation), strength(a.Relation)),
		earlier(a, b),
		cmp.Compare(b.Score, a.Score),
		cmp.Compare(aSeq, bSeq),
	)
}

// held is how much of the suspect a match holds. Its suspect coverage
// depends on how the passages chained: a copy with its paragraphs in
// another order chains less well against the story than against another
// copy in a like order, and the containment does not. Containment counts
// only for a match the suspect derives from: an independent report of the
// same event holds many of its three-word runs (names, titles, a shared
// quote) without being a source.
func held(m wiretrace.Match) float64 {
	if !m.Relation.Derived() {
		return m.SuspectCoverage
	}
	return max(m.SuspectCoverage, m.Containment)
}

// strength orders the relations from the weakest derivation to the
// strongest.
func strength(r wiretrace.Relation) int {
	switch r {
	case wiretrace.Copy:
		return 4
	case wiretrace.Spun:
		return 3
	case wiretrace.Partial:
		return 2
	case wiretrace.Related:
		return 1
	}
	return 0
}

// earlier puts the match published first before the other: by their
// publication times when both are known, else by when the store first saw
// each; a time unknown on either side decides nothing.
func earlier(a, b wiretrace.Match) int {
	if !a.Published.IsZero() && !b.Published.IsZero() {
		return a.Published.Compare(b.Published)
	}
	if !a.FirstSeen.IsZero() && !b.FirstSeen.IsZero() {
		return a.FirstSeen.Compare(b.FirstSeen)
	}
	return 0
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

// sameURL reports whether two URLs name one page: the same host, "www."
// aside and in any case, and the same path, a trailing slash aside. The
// scheme, the query (tracking parameters) and the fragment are left out.
func sameURL(a, b string) bool {
	if a == "" || b == "" {
		return false
	}
	key := func(s string) string {
		u, err := url.Parse(strings.TrimSpace(s))
		if err != nil || u.Host == "" {
			return ""
		}
		host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
		return host + "/" + strings.Trim(u.EscapedPath(), "/")
	}
	ka := key(a)
	return ka != "" && ka == key(b)
}

// NamedOriginal returns how the suspect, an article with text t, names
// the source as the original of what it runs, when c, their comparison,
// says it derives from it (Comparison.Original): by its page's canonical
// URL, else by a republication note naming the source's site; "" when it
// does not.
func NamedOriginal(c wiretrace.Comparison, source, suspect wiretrace.Article, t *Text) string {
	return namedOriginal(c, source.URL, source.Site, suspect.Canonical, func() []string { return firstRan(t.Anatomy()) })
}

func namedOriginal(c wiretrace.Comparison, url, site, canonical string, ran func() []string) string {
	switch {
	case !c.Relation.Derived():
		return ""
	case sameURL(url, canonical):
		return wiretrace.OriginalCanonical
	case provenance.RanOn(ran(), cmp.Or(site, url)):
		return wiretrace.OriginalNote
	}
	return ""
}
