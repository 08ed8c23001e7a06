package pebble

import (
	"encoding/binary"
	"fmt"
	"math"

	"github.com/wiretrace/wiretrace"
)

// Postings are stored in segments: the postings one flush wrote for one
// range of fingerprints (a bucket: the fingerprint's top segmentBits
// bits), in one key. A flush of a million postings writes about 65,000
// keys instead of a million, and a lookup reads a fingerprint's postings
// from its bucket's few segments, which lie side by side.
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
// sorted by fingerprint then doc: for each, the difference of its
// fingerprint's low bits from the previous one's, then its doc, both
// uvarints.
func appendSegment(dst []byte, postings []posting) []byte {
	var prev uint64
	for _, p := range postings {
		low := uint64(p.fp) & lowMask
		dst = binary.AppendUvarint(dst, low-prev)
		dst = binary.AppendUvarint(dst, uint64(p.doc))
		prev = low
	}
	return dst
}

// readSegment calls fn with each posting of the segment of bucket b held
// in val, in order, until fn returns false.
func readSegment(b uint16, val []byte, fn func(fp wiretrace.Fingerprint, d doc) bool) error {
	var low uint64
	high := uint64(b) << lowBits
	for len(val) > 0 {
		delta, n := binary.Uvarint(val)
		if n <= 0 {
			return fmt.Errorf("segment of bucket %04x: %w", b, errCorrupt)
		}
		val = val[n:]
		d, n := binary.Uvarint(val)
		if n <= 0 || d > math.MaxUint32 {
			return fmt.Errorf("segment of bucket %04x: %w", b, errCorrupt)
		}
		val = val[n:]
		if low += delta; low > lowMask || low < delta {
			return fmt.Errorf("segment of bucket %04x: fingerprint out of its bucket: %w", b, errCorrupt)
		}
		if !fn(wiretrace.Fingerprint(high|low), doc(d)) {
			return nil
		}
	}
	return nil
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
