package pebble

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/wiretrace/wiretrace"
)

// A segment reads back the postings it was made of, in order, and a
// damaged one is an error, never postings that were not written.
func TestSegmentRoundTrip(t *testing.T) {
	const bucket = 0x8a3c
	high := wiretrace.Fingerprint(uint64(bucket) << lowBits)
	ps := []posting{{high, 0}, {high, 7}, {high | 5, 3}, {high | lowMask, 1 << 31}}
	val := appendSegment(nil, ps)
	var got []posting
	if err := readSegment(bucket, val, func(fp wiretrace.Fingerprint, d doc) bool {
		got = append(got, posting{fp, d})
		return true
	}); err != nil || !slices.Equal(got, ps) {
		t.Fatalf("read %v, %v; want %v", got, err, ps)
	}
	for _, bad := range [][]byte{
		val[:len(val)-1],                // cut inside the last doc
		append(slices.Clone(val), 0x80), // a varint that never ends
		appendSegment(nil, []posting{{high | lowMask, 1}, {high | lowMask + 1, 2}}), // out of the bucket
	} {
		err := readSegment(bucket, bad, func(wiretrace.Fingerprint, doc) bool { return true })
		if !errors.Is(err, errCorrupt) {
			t.Errorf("segment %x: %v, want errCorrupt", bad, err)
		}
	}
}

// Postings written by many flushes, one bucket's in several segments,
// are found whole; MaxPostings counts a fingerprint's postings over all
// of them and the buffer; a removal takes an article out of the segment
// that holds it and nothing else.
func TestSegmentsOverFlushes(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, t.TempDir(), withFlushPostings(4))
	shared := wiretrace.Fingerprint(0x1234_0000_0000_0042)
	near := shared + 1 // same bucket
	for i := range 30 {
		id := fmt.Sprintf("a%02d", i)
		fps := []wiretrace.Fingerprint{shared, wiretrace.Fingerprint(1000 + i)}
		if i%3 == 0 {
			fps = append(fps, near)
		}
		if _, err := add(s, wiretrace.Article{ID: id, Text: "text of " + id}, fps...); err != nil {
			t.Fatal(err)
		}
	}
	count := func(fp wiretrace.Fingerprint, max int) int {
		cs, err := s.Candidates(ctx, wiretrace.CandidateQuery{Fingerprints: []wiretrace.Fingerprint{fp}, Limit: 100, MaxPostings: max})
		if err != nil {
			t.Fatal(err)
		}
		return len(cs)
	}
	if n := count(shared, 100); n != 30 {
		t.Errorf("%d articles found under the shared fingerprint, want 30", n)
	}
	if n := count(near, 100); n != 10 {
		t.Errorf("%d articles found under its bucket neighbour, want 10", n)
	}
	if n := count(shared, 29); n != 0 {
		t.Errorf("%d articles found under a fingerprint past MaxPostings, want 0", n)
	}
	if err := s.Remove(ctx, "a03"); err != nil {
		t.Fatal(err)
	}
	if n, m := count(shared, 100), count(near, 100); n != 29 || m != 9 {
		t.Errorf("after a removal %d and %d articles found, want 29 and 9", n, m)
	}
	if err := verify(s); err != nil {
		t.Fatal(err)
	}
}

func TestSortDocs(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{0, 1, 100, 4095, 4096, 20000} {
		docs := make([]doc, n)
		for i := range docs {
			switch i % 3 {
			case 0:
				docs[i] = doc(r.Uint32())
			case 1:
				docs[i] = doc(r.IntN(5000))
			default:
				docs[i] = math.MaxUint32 - doc(r.IntN(3))
			}
		}
		want := slices.Clone(docs)
		slices.Sort(want)
		sortDocs(docs)
		if !slices.Equal(docs, want) {
			t.Fatalf("sortDocs of %d docs differs from slices.Sort", n)
		}
	}
}

// BenchmarkSortDocs sorts 100,000 docs of a million-article store, as
// a long suspect's lookup there may, by sortDocs and by slices.Sort.
func BenchmarkSortDocs(b *testing.B) {
	r := rand.New(rand.NewPCG(5, 6))
	docs := make([]doc, 100_000)
	for i := range docs {
		docs[i] = doc(r.IntN(1_000_000))
	}
	work := make([]doc, len(docs))
	for _, c := range []struct {
		name string
		sort func([]doc)
	}{{"radix", sortDocs}, {"slices", slices.Sort[[]doc]}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				copy(work, docs)
				c.sort(work)
			}
		})
	}
}
