package pebble

import (
	"context"
	"encoding/binary"
	"fmt"
	"math"

	pebbledb "github.com/cockroachdb/pebble/v2"
	"github.com/wiretrace/wiretrace"
)

// Postings are stored in segments: the postings one flush wrote for one
// range of fingerprints (a bucket: the fingerprint's top segmentBits
// bits), in one key. A flush of four million postings writes 65,536 keys
// instead of four million, and a lookup reads a fingerprint's postings
// from its bucket's few segments, which lie side by side: one a flush,
// about 11 at a million articles.
const (
	segmentBits = 16
	// lowBits are the bits of a fingerprint below its bucket, the part a
	// segment stores.
	lowBits = 64 - segmentBits
	lowMask = 1<<lowBits - 1
	// segmentKeySize: prefix, bucket (2 bytes), flush (4 bytes).
	segmentKeySize = 1 + 2 + 4
)

// bucketOf returns the bucket of fingerprint fp.
func bucketOf(fp wiretrace.Fingerprint) uint16 { return uint16(uint64(fp) >> lowBits) }

// segmentKey is the key of the segment flush f wrote for bucket b. A
// flush is named by the next doc number when it was written, which grows
// from one flush that writes postings to the next: two segments never
// share a key.
func segmentKey(dst []byte, b uint16, f uint32) []byte {
	dst = binary.BigEndian.AppendUint16(append(dst, prefixSegment), b)
	return binary.BigEndian.AppendUint32(dst, f)
}

// segmentRange returns the bounds of bucket b's segments: lower inclusive,
// upper exclusive.
func segmentRange(dst []byte, b uint16) (lower, upper []byte) {
	lower = binary.BigEndian.AppendUint16(append(dst[:0], prefixSegment), b)
	if b == math.MaxUint16 {
		upper = append(lower[len(lower):], prefixSegment+1)
	} else {
		upper = binary.BigEndian.AppendUint16(append(lower[len(lower):], prefixSegment), b+1)
	}
	return lower, upper
}

// segmentBucket returns the bucket of a segment key.
func segmentBucket(key []byte) (uint16, error) {
	if len(key) != segmentKeySize || key[0] != prefixSegment {
		return 0, fmt.Errorf("segment key %x: %w", key, errCorrupt)
	}
	return binary.BigEndian.Uint16(key[1:]), nil
}

// appendSegment appends the encoding of postings, all of one bucket and
// sorted by fingerprint then doc: for each fingerprint, the difference of
// its low bits from the previous fingerprint's (the first from 0), the
// number of its docs, the length in bytes of its docs, then its docs as
// differences from the previous one (the first from 0), all uvarints. The
// length lets a reader pass over a fingerprint's docs without reading
// them, and the count tells a fingerprint posted too widely (MaxPostings)
// without reading them either: a bucket that holds a boilerplate
// fingerprint costs a lookup of its other fingerprints nothing more.
func appendSegment(dst []byte, postings []posting) []byte {
	var prevLow uint64
	var docs []byte
	for i := 0; i < len(postings); {
		fp := postings[i].fp
		j := i
		docs = docs[:0]
		var prev doc
		for ; j < len(postings) && postings[j].fp == fp; j++ {
			docs = binary.AppendUvarint(docs, uint64(postings[j].doc-prev))
			prev = postings[j].doc
		}
		low := uint64(fp) & lowMask
		dst = binary.AppendUvarint(dst, low-prevLow)
		dst = binary.AppendUvarint(dst, uint64(j-i))
		dst = binary.AppendUvarint(dst, uint64(len(docs)))
		dst = append(dst, docs...)
		prevLow = low
		i = j
	}
	return dst
}

// readGroups calls fn with each fingerprint of the segment of bucket b
// held in val, in order, with the number of its docs and their encoding
// (see readDocs), until fn returns false.
func readGroups(b uint16, val []byte, fn func(fp wiretrace.Fingerprint, n int, docs []byte) bool) error {
	var low uint64
	high := uint64(b) << lowBits
	corrupt := func(what string) error {
		return fmt.Errorf("segment of bucket %04x: %s: %w", b, what, errCorrupt)
	}
	for len(val) > 0 {
		var head [3]uint64
		for k := range head {
			v, n := binary.Uvarint(val)
			if n <= 0 {
				return corrupt("a number cut short")
			}
			head[k], val = v, val[n:]
		}
		delta, n, size := head[0], head[1], head[2]
		if low += delta; low > lowMask || low < delta {
			return corrupt("a fingerprint out of its bucket")
		}
		if n == 0 || size < n || size > uint64(len(val)) {
			return corrupt("docs that do not fit")
		}
		if !fn(wiretrace.Fingerprint(high|low), int(n), val[:size]) {
			return nil
		}
		val = val[size:]
	}
	return nil
}

// readDocs appends to dst the n docs encoded in docs.
func readDocs(dst []doc, n int, docs []byte) ([]doc, error) {
	var d uint64
	for range n {
		delta, k := binary.Uvarint(docs)
		if k <= 0 {
			return dst, fmt.Errorf("docs cut short: %w", errCorrupt)
		}
		docs = docs[k:]
		if d += delta; d > math.MaxUint32 {
			return dst, fmt.Errorf("a doc past 2^32: %w", errCorrupt)
		}
		dst = append(dst, doc(d))
	}
	if len(docs) != 0 {
		return dst, fmt.Errorf("%d bytes after the docs: %w", len(docs), errCorrupt)
	}
	return dst, nil
}

// readSegment calls fn with each posting of the segment of bucket b held
// in val, in order, until fn returns false.
func readSegment(b uint16, val []byte, fn func(fp wiretrace.Fingerprint, d doc) bool) error {
	var docs []doc
	var err error
	rerr := readGroups(b, val, func(fp wiretrace.Fingerprint, n int, enc []byte) bool {
		if docs, err = readDocs(docs[:0], n, enc); err != nil {
			return false
		}
		for _, d := range docs {
			if !fn(fp, d) {
				return false
			}
		}
		return true
	})
	if err != nil {
		return fmt.Errorf("segment of bucket %04x: %w", b, err)
	}
	return rerr
}

// forSegments splits postings, sorted by fingerprint, into their buckets
// and calls fn with each bucket's.
func forSegments(postings []posting, fn func(b uint16, ps []posting) error) error {
	for i := 0; i < len(postings); {
		b := bucketOf(postings[i].fp)
		j := i + 1
		for j < len(postings) && bucketOf(postings[j].fp) == b {
			j++
		}
		if err := fn(b, postings[i:j]); err != nil {
			return err
		}
		i = j
	}
	return nil
}

// eachSegment reads through it the segments of the buckets of fps
// (sorted) and calls fn with each: the bucket, the bounds i and j of the
// fingerprints of fps in it (fps[i:j]), and the segment's key and value,
// valid until fn returns. It stops at the first error, and when ctx is
// done.
func eachSegment(ctx context.Context, it *pebbledb.Iterator, fps []wiretrace.Fingerprint, fn func(bucket uint16, i, j int, key, val []byte) error) error {
	var bounds [2 * segmentKeySize]byte
	for i := 0; i < len(fps); {
		if err := ctx.Err(); err != nil {
			return err
		}
		bucket := bucketOf(fps[i])
		j := i + 1
		for j < len(fps) && bucketOf(fps[j]) == bucket {
			j++
		}
		it.SetBounds(segmentRange(bounds[:0], bucket))
		for ok := it.First(); ok; ok = it.Next() {
			v, err := it.ValueAndErr()
			if err != nil {
				return err
			}
			if err := fn(bucket, i, j, it.Key(), v); err != nil {
				return err
			}
		}
		if err := it.Error(); err != nil {
			return err
		}
		i = j
	}
	return nil
}
