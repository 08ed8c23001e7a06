package engine

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"sync"

	"github.com/wiretrace/wiretrace"
)

// Briefs stored before their story. Linking aligns each article with the
// earlier articles sharing the most fingerprints with it. A brief that
// retells a story in its own words may share none of them with it, only
// phrases of three to seven words: linked after the story, it looks the
// story up by every run of three of its words (neighbours, Text.Probes).
// Stored before the story (a paper's brief filed ahead of the wire's full
// report, a first short version of a breaking story), it would be found
// by nothing: the story's fingerprints are too few to hold its phrases.
// So every brief is kept in an index of the notes, by its fingerprints,
// and every longer article linked after a brief that linking joined to
// nothing looks its own runs of three words up among those: the brief's
// fingerprints are runs of three words of the brief, as the story's
// fingerprints are of the story, and a story that holds two of the
// brief's phrases finds the brief as a brief finds a story. A brief found so is linked when it
// derives from the article as a whole (foundByPhrases), as a brief that
// looks a story up is.
//
//	fam/b/<seq>  a brief: its ID, fingerprints and whether linking
//	             joined it to an earlier article, JSON (briefNote)
//
// A live trace looks up every brief (those found by their own runs of
// three words too, which its gathering would not reach from the story);
// linking only those joined to nothing.
//
// The index lives in memory while linking runs (briefIndex), read from
// the notes when it starts and grown batch by batch (linkBatch).

const notesBrief = "fam/b/"

// briefPostings: a fingerprint of more indexed briefs than this is a
// phrase of the field ("said on Tuesday", "the company said"), not one of
// a story, and finds none of them. The store's postings are capped the
// same way (Options.MaxPostings), at a larger spread for a larger set.
const briefPostings = 20

// briefScore is the least score of a brief linked by its phrases alone
// (foundByPhrases). Chosen on the tuning corpora of eval families (ARI
// of the generated part, and origin accuracy of METER's): none 0.942 /
// 0.969, 0.15 the same, 0.2 and 0.25 0.952 / 0.969, 0.3 0.952 / 0.959;
// the stricter of the two best. Below it the alignment of a short text
// with a long one is mostly a formula's words ("said it filed with the
// Securities and Exchange Commission") or another week's figures.
const briefScore = 0.25

// foundByPhrases reports whether a brief found only by runs of three
// words, its own or the other text's, is linked to that text: it derives
// from it as a whole (copy or spun) with a score of briefScore or more.
func foundByPhrases(c wiretrace.Comparison) bool {
	return c.Relation.Whole() && c.Score >= briefScore
}

// briefShared is the fewest runs of three words of a text an indexed
// brief must hold to be aligned with it. Chosen on the tuning corpora of
// eval families and on the cost of linking at 100,000 articles: see
// docs/provenance.md.
const briefShared = 2

// briefNote is an indexed brief as its note keeps it.
type briefNote struct {
	ID           string                  `json:"id"`
	Fingerprints []wiretrace.Fingerprint `json:"fingerprints"`
	// Linked says linking joined the brief to an earlier article: a live
	// trace looks it up, linking does not.
	Linked bool `json:"linked,omitempty"`
}

// briefIndex maps the fingerprints of the indexed briefs to their Seqs,
// ascending, and each brief's Seq to its ID.
type briefIndex struct {
	bySeq map[uint64]string
	byFP  map[wiretrace.Fingerprint][]uint64
}

// isBrief reports whether t is a brief that linking looks up by its runs
// of three words: short (Text.Short), with BriefWords of its own or more,
// so that notices written to one formula ("Qtly div nine cts vs nine cts
// prior"), copies of each other in a handful of words, are not.
func (e *Engine) isBrief(t *Text) bool {
	return t.Short() && t.doc.Ordinary() >= e.opts.Align.BriefWords
}

func newBriefIndex() *briefIndex {
	return &briefIndex{bySeq: map[uint64]string{}, byFP: map[wiretrace.Fingerprint][]uint64{}}
}

// loadBriefs reads the index of briefs from the notes: those linking
// joined to nothing, or with linked every brief.
func (e *Engine) loadBriefs(ctx context.Context, linked bool) (*briefIndex, error) {
	idx := newBriefIndex()
	err := e.store.ScanNotes(ctx, notesBrief, func(key string, v []byte) error {
		seq, err := strconv.ParseUint(key[len(notesBrief):], 16, 64)
		var n briefNote
		if err == nil {
			err = json.Unmarshal(v, &n)
		}
		if err != nil || n.ID == "" {
			return fmt.Errorf("families: note %s: %w", key, wiretrace.ErrCorrupt)
		}
		if linked || !n.Linked {
			idx.add(seq, n)
		}
		return nil
	})
	return idx, err
}

// add indexes a brief; briefs are added in Seq order.
func (idx *briefIndex) add(seq uint64, n briefNote) {
	idx.bySeq[seq] = n.ID
	for _, fp := range n.Fingerprints {
		idx.byFP[fp] = append(idx.byFP[fp], seq)
	}
}

// merge adds the briefs of later, all stored after idx's.
func (idx *briefIndex) merge(later *briefIndex) {
	maps.Copy(idx.bySeq, later.bySeq)
	for fp, seqs := range later.byFP {
		idx.byFP[fp] = append(idx.byFP[fp], seqs...)
	}
}

// note returns the note that indexes the brief stored as seq.
func (n briefNote) note(seq uint64) wiretrace.Note {
	v, _ := json.Marshal(n)
	return wiretrace.Note{Key: seqKey(notesBrief, seq), Value: v}
}

// hits adds to counts, for each brief of the indexes stored before self,
// how many of probes (a text's distinct runs of three words, Text.Probes)
// it holds. A fingerprint of more than briefPostings briefs stored before
// self counts for none; those stored after it, which a run linking in
// other batches would not have indexed yet, are not counted.
func hits(probes []wiretrace.Fingerprint, self uint64, counts map[uint64]int, idx ...*briefIndex) {
	for _, fp := range probes {
		n := 0
		for _, x := range idx {
			k, _ := slices.BinarySearch(x.byFP[fp], self)
			n += k
		}
		if n == 0 || n > briefPostings {
			continue
		}
		for _, x := range idx {
			seqs := x.byFP[fp]
			k, _ := slices.BinarySearch(seqs, self)
			for _, s := range seqs[:k] {
				counts[s]++
			}
		}
	}
}

// holdsBefore reports whether a brief of idx stored before self holds one
// of probes.
func (idx *briefIndex) holdsBefore(probes []wiretrace.Fingerprint, self uint64) bool {
	for _, fp := range probes {
		if seqs := idx.byFP[fp]; len(seqs) > 0 && seqs[0] < self {
			return true
		}
	}
	return false
}

// topBriefs returns the briefs of counts holding at least briefShared of
// a text's runs of three words, the most first (then the earlier), at
// most familyNeighbours.
func topBriefs(counts map[uint64]int) []uint64 {
	var out []uint64
	for s, n := range counts {
		if n >= briefShared {
			out = append(out, s)
		}
	}
	slices.SortFunc(out, func(a, b uint64) int {
		return cmp.Or(cmp.Compare(counts[b], counts[a]), cmp.Compare(a, b))
	})
	return out[:min(len(out), familyNeighbours)]
}

// linkBriefs aligns an article, of text t, with the indexed briefs its
// hits (l.hits) put first, and keeps in l.briefs those that derive from
// it as a whole, as neighbours with the brief as the suspect. A brief
// l.tried holds was aligned before and is not again; one the article's
// own neighbours (l.own) hold is not looked at. The briefs are those of
// the indexes idx.
func (e *Engine) linkBriefs(ctx context.Context, t *Text, l *linked, idx ...*briefIndex) error {
	top := topBriefs(l.hits)
	if slices.Equal(top, l.tried) {
		return nil
	}
	var out []neighbour
	for _, seq := range top {
		if slices.ContainsFunc(l.own, func(n neighbour) bool { return n.article.Seq == seq }) {
			continue
		}
		if slices.Contains(l.tried, seq) {
			if k := slices.IndexFunc(l.briefs, func(n neighbour) bool { return n.article.Seq == seq }); k >= 0 {
				out = append(out, l.briefs[k])
			}
			continue
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		var id string
		for _, x := range idx {
			if v, ok := x.bySeq[seq]; ok {
				id = v
			}
		}
		b, err := e.store.Get(ctx, id)
		if errors.Is(err, wiretrace.ErrNotFound) || err == nil && b.Seq != seq {
			// Removed since it was indexed (Remove deletes its note:
			// another process's removal during this run).
			continue
		}
		if err != nil {
			return err
		}
		bt := e.cache.get(b.Seq, b.Text)
		al := e.opts.Align.Align(t.doc, bt.doc)
		if !foundByPhrases(al.Comparison) || templated(t.doc, bt.doc, al.TokenMap, al.Comparison) {
			continue
		}
		out = append(out, neighbour{article: b, text: bt, cmp: al.Comparison, tokens: al.TokenMap, reversed: true})
	}
	l.tried, l.briefs = top, out
	return nil
}

// briefCache keeps the index of every brief the families' linking noted,
// for live traces, with the families' state it was read under.
type briefCache struct {
	mu  sync.Mutex
	st  famState
	idx *briefIndex
}

// storedBriefs returns the index of briefs in the notes, read again only
// when the families' state changed since it was last read (a linking
// run, a removal). An index read before a removal may name a removed
// brief, which linkBriefs passes over.
func (e *Engine) storedBriefs(ctx context.Context) (*briefIndex, error) {
	st, err := e.famState(ctx)
	if err != nil {
		return nil, err
	}
	c := e.briefs
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.idx != nil && c.st == st {
		return c.idx, nil
	}
	idx, err := e.loadBriefs(ctx, true)
	if err != nil {
		return nil, err
	}
	c.st, c.idx = st, idx
	return idx, nil
}
