package benchmark

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"time"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/internal/corpus"
	"github.com/wiretrace/wiretrace/text"
)

// Kind says how a benchmark article was made.
type Kind string

// The kinds of article in a benchmark corpus.
const (
	// Original: a story of the collections, as read.
	Original Kind = "original"
	// Verbatim: the original under a different header line.
	Verbatim Kind = "verbatim"
	// Trimmed: the original with some paragraphs dropped.
	Trimmed Kind = "trimmed"
	// Reordered: the original's paragraphs in another order.
	Reordered Kind = "reordered"
	// Spun: about one in four of the original's replaceable words swapped.
	Spun Kind = "spun"
	// Partial: two paragraphs of the original inside another original.
	Partial Kind = "partial"
)

// derivedKinds are the kinds of generated copy, drawn with equal chance.
var derivedKinds = []Kind{Verbatim, Trimmed, Reordered, Spun, Partial}

// Seeds of the generators. Changing one changes every corpus: the figures
// of two runs compare only if the seeds are the same.
const (
	seedShuffle = 0x7769726574726163 // order of the originals
	seedDerived = 0x636f706965732121 // one stream per derived copy
	seedQuery   = 0x7175657269657321 // one stream per query
)

// headers are the invented outlets whose line heads a verbatim copy.
var headers = []string{
	"Published by The Harbour Ledger",
	"From the Northtown Daily Wire desk",
	"Market Pulse Online staff report",
	"Eastfield Gazette news service",
	"Reposted by Daily Digest Hub",
	"Via World Briefing Network",
}

// Item is one article of a benchmark corpus with the truth about it.
type Item struct {
	Article wiretrace.Article
	Kind    Kind
	// Sources are the IDs of the originals the article was made from, the
	// main one first; empty for an original.
	Sources []string
}

// Corpus is a deterministic benchmark corpus of a given size: originals
// first, then derived copies of them. Items are generated on demand, so a
// corpus of any size costs only the originals' memory.
type Corpus struct {
	originals []corpus.Doc
	size      int
}

// LoadOriginals reads the Reuters-21578 stories with a body and the BBC
// articles from the data folder, drops repeated texts (the Reuters
// collection re-files some stories), and returns them in a fixed shuffled
// order, so that any prefix mixes both collections.
func LoadOriginals(dataDir string) ([]corpus.Doc, error) {
	var docs []corpus.Doc
	seen := map[string]bool{}
	read := func(seq func(func(corpus.Doc, error) bool)) error {
		for d, err := range seq {
			if err != nil {
				return err
			}
			if seen[d.Text] {
				continue
			}
			seen[d.Text] = true
			docs = append(docs, d)
		}
		return nil
	}
	if err := read(corpus.Reuters(filepath.Join(dataDir, "reuters21578"))); err != nil {
		return nil, err
	}
	if err := read(corpus.BBC(filepath.Join(dataDir, "bbc-news-summary"))); err != nil {
		return nil, err
	}
	if len(docs) < 2 {
		return nil, fmt.Errorf("%s: %d originals, want at least 2", dataDir, len(docs))
	}
	rand.New(rand.NewPCG(seedShuffle, 1)).Shuffle(len(docs), func(i, j int) { docs[i], docs[j] = docs[j], docs[i] })
	return docs, nil
}

// NewCorpus returns the corpus of size articles made from originals: half
// of them originals (all of them, when there are fewer than half), the rest
// derived copies. The originals are used in the order given.
func NewCorpus(originals []corpus.Doc, size int) *Corpus {
	n := min(len(originals), size/2)
	return &Corpus{originals: originals[:max(n, min(2, len(originals)))], size: size}
}

// Len is the corpus size.
func (c *Corpus) Len() int { return c.size }

// Originals is how many of the corpus's articles are originals.
func (c *Corpus) Originals() int { return min(len(c.originals), c.size) }

// Item returns article k of the corpus, 0 <= k < Len.
func (c *Corpus) Item(k int) Item {
	if k < len(c.originals) {
		d := c.originals[k]
		return Item{Article: d.Article(), Kind: Original}
	}
	return c.derived(k)
}

// Queries returns m suspects to check against the corpus, drawn
// deterministically: half are derived copies stored in the corpus (Check
// then skips the suspect's own entry), half are copies made the same way
// but not stored.
func (c *Corpus) Queries(m int) []Item {
	out := make([]Item, 0, m)
	stored := c.size - len(c.originals)
	for q := range m {
		r := rand.New(rand.NewPCG(seedQuery, uint64(q)))
		if q%2 == 0 && stored > 0 {
			out = append(out, c.derived(len(c.originals)+r.IntN(stored)))
		} else {
			out = append(out, c.derived(c.size+q))
		}
	}
	return out
}

// derived makes derived copy k from its own random stream, so that it does
// not depend on which other items were generated.
func (c *Corpus) derived(k int) Item {
	r := rand.New(rand.NewPCG(seedDerived, uint64(k)))
	src := c.originals[r.IntN(len(c.originals))]
	kind := derivedKinds[r.IntN(len(derivedKinds))]
	it := Item{Kind: kind, Sources: []string{src.ID}}
	a := wiretrace.Article{
		ID:    fmt.Sprintf("copy-%07d-%s", k, kind),
		Title: src.Title,
	}
	// A copy appears one to 72 hours after the latest story it copies,
	// when that story's date is known.
	lag := time.Duration(1+r.IntN(72)) * time.Hour
	if !src.Published.IsZero() {
		a.Published = src.Published.Add(lag)
	}
	switch kind {
	case Verbatim:
		a.Text = headers[r.IntN(len(headers))] + "\n\n" + src.Text
	case Trimmed:
		a.Text = trim(src.Text, r)
	case Reordered:
		a.Text = reorder(src.Text, r)
	case Spun:
		a.Text = spin(src.Text, func() bool { return r.IntN(4) == 0 })
	case Partial:
		host := src
		for host.ID == src.ID && len(c.originals) > 1 {
			host = c.originals[r.IntN(len(c.originals))]
		}
		a.Text = embed(src.Text, host.Text, r)
		a.Title = host.Title
		if host.Published.After(src.Published) {
			a.Published = host.Published.Add(lag)
		}
		it.Sources = append(it.Sources, host.ID)
	}
	it.Article = a
	return it
}

// units splits s into paragraphs, or into sentences when it has fewer than
// three paragraphs, so that short stories can be trimmed and reordered too.
func units(s string) []string {
	var paras []string
	for p := range strings.SplitSeq(s, "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			paras = append(paras, p)
		}
	}
	if len(paras) >= 3 {
		return paras
	}
	var out []string
	for _, p := range paras {
		toks := text.Tokenize(p)
		spans := text.Sentences(p, toks)
		for i, sp := range spans {
			end := len(p)
			if i+1 < len(spans) {
				end = toks[spans[i+1].Start].Start
			}
			if u := strings.TrimSpace(p[toks[sp.Start].Start:end]); u != "" {
				out = append(out, u)
			}
		}
	}
	return out
}

// trim keeps the first unit and drops each later one with a chance of 0.3,
// and at least one. A single unit loses its last quarter of words.
func trim(s string, r *rand.Rand) string {
	us := units(s)
	if len(us) < 2 {
		toks := text.Tokenize(s)
		if len(toks) < 4 {
			return s + "\n\n" + headers[r.IntN(len(headers))]
		}
		return s[:toks[len(toks)*3/4-1].End]
	}
	kept := us[:1]
	for _, u := range us[1:] {
		if r.IntN(10) >= 3 {
			kept = append(kept, u)
		}
	}
	if len(kept) == len(us) {
		kept = kept[:len(kept)-1]
	}
	return strings.Join(kept, "\n\n")
}

// reorder shuffles the units, making sure the order changes.
func reorder(s string, r *rand.Rand) string {
	us := units(s)
	if len(us) < 2 {
		return trim(s, r)
	}
	order := make([]int, len(us))
	for i := range order {
		order[i] = i
	}
	r.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	same := true
	for i, o := range order {
		if o != i {
			same = false
		}
	}
	if same {
		order[0], order[1] = order[1], order[0]
	}
	out := make([]string, len(us))
	for i, o := range order {
		out[i] = us[o]
	}
	return strings.Join(out, "\n\n")
}

// embed puts two consecutive units of src into host at a random unit
// boundary.
func embed(src, host string, r *rand.Rand) string {
	su := units(src)
	i := r.IntN(max(1, len(su)-1))
	taken := su[i:min(i+2, len(su))]
	hu := units(host)
	at := r.IntN(len(hu) + 1)
	out := make([]string, 0, len(hu)+len(taken))
	out = append(out, hu[:at]...)
	out = append(out, taken...)
	out = append(out, hu[at:]...)
	return strings.Join(out, "\n\n")
}
