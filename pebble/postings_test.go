package pebble

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/wiretrace/wiretrace"
)

func TestPostingBuffer(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	b := newPostingBuffer(10)
	var want []posting
	byFP := map[wiretrace.Fingerprint][]doc{}
	for d := doc(10); d < 400; d++ {
		n := r.IntN(40)
		fps := make([]wiretrace.Fingerprint, 0, n)
		for range n {
			// Few distinct values, so that chains are long and the
			// table grows, and values with high bytes set.
			fp := wiretrace.Fingerprint(r.Uint64N(300)) << (r.IntN(8) * 8)
			if !slices.Contains(fps, fp) {
				fps = append(fps, fp)
			}
		}
		b.add(d, fps)
		removed := d%7 == 0
		if removed {
			b.remove(d)
		}
		for _, fp := range fps {
			if !removed {
				want = append(want, posting{fp, d})
				byFP[fp] = append(byFP[fp], d)
			}
		}
	}
	slices.SortFunc(want, func(x, y posting) int { return cmp.Or(cmp.Compare(x.fp, y.fp), cmp.Compare(x.doc, y.doc)) })
	if got := flushed(t, b); !slices.Equal(got, want) {
		t.Fatalf("forBuckets: %d postings, want %d, or out of order", len(got), len(want))
	}
	for fp, docs := range byFP {
		if got := b.lookup(fp, nil); !slices.Equal(got, docs) {
			t.Fatalf("lookup(%x) = %v, want %v", fp, got, docs)
		}
	}
	if got := b.lookup(1<<62+5, nil); len(got) != 0 {
		t.Errorf("lookup of an absent fingerprint = %v", got)
	}
	if b.holds(9) || b.holds(14) || !b.holds(15) {
		t.Errorf("holds: below lo, removed and present docs wrong")
	}
	if got := flushed(t, newPostingBuffer(0)); len(got) != 0 {
		t.Errorf("forBuckets of an empty buffer = %v", got)
	}
}

// flushed returns the postings b.forBuckets gives, in the order given,
// checking that each call holds one bucket's, in increasing buckets.
func flushed(t *testing.T, b *postingBuffer) []posting {
	t.Helper()
	var all []posting
	last := -1
	err := b.forBuckets(func(bucket uint16, ps []posting) error {
		if int(bucket) <= last || len(ps) == 0 {
			t.Fatalf("bucket %04x after %04x, with %d postings", bucket, last, len(ps))
		}
		last = int(bucket)
		for _, p := range ps {
			if bucketOf(p.fp) != bucket {
				t.Fatalf("posting %x given with bucket %04x", uint64(p.fp), bucket)
			}
		}
		all = append(all, ps...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return all
}
