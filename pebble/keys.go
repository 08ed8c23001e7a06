package pebble

import (
	"encoding/binary"
	"fmt"
	"math"
	"time"

	"github.com/wiretrace/wiretrace"
	"github.com/zeebo/xxh3"
)

// formatVersion is the version of the key layout and value encodings
// described in docs/format.md. Any change that an older build would
// misread bumps it. Stores of versions 1 to 5 are upgraded on Open: see
// upgrade.go.
const formatVersion = 6

// Key prefixes. Each kind of key starts with its own byte, so each kind is
// one contiguous range of the key space.
const (
	prefixMeta    = 'm'
	prefixArticle = 'a'
	prefixID      = 'i'
	prefixHash    = 'h'
	// prefixPosting: a posting per key, up to version 3.
	prefixPosting = 'p'
	// prefixSegment: a flush's postings of one bucket of fingerprints
	// (segment.go), from version 4.
	prefixSegment = 'q'
	prefixByline  = 'b'
	prefixSite    = 's'
	// Appearances: the other IDs, URLs and sites an article's text was
	// added under.
	prefixAppearance = 'd'
	// Time indexes: an article's first-seen and published times.
	prefixSeen      = 't'
	prefixPublished = 'u'
)

// Meta keys.
var (
	keyFormat = []byte{prefixMeta, 'f', 'o', 'r', 'm', 'a', 't'}
	keyCount  = []byte{prefixMeta, 'c', 'o', 'u', 'n', 't'}
	// keyScheme holds the name of the fingerprint scheme the postings
	// were made with.
	keyScheme = []byte{prefixMeta, 's', 'c', 'h', 'e', 'm', 'e'}
	// keyNextDoc holds the next doc number to hand out: numbers are never
	// given twice, even after the newest article is removed.
	keyNextDoc = []byte{prefixMeta, 'n', 'e', 'x', 't'}
	// keyPosted holds the doc number up to which (exclusive) every
	// stored article's postings are written; those of later articles are
	// held in memory and remade from their texts after a crash.
	keyPosted = []byte{prefixMeta, 'p', 'o', 's', 't', 'e', 'd'}
)

// Key and value sizes.
const (
	docSize        = 4
	articleKeySize = 1 + docSize
	// A posting key of format 3: prefix, fingerprint, doc.
	postingKeySize = 1 + 8 + docSize
)

// maxDoc is the highest internal document number.
const maxDoc = math.MaxUint32

// A doc number names an article inside the store. Doc numbers are handed
// out in increasing order and keep postings short; IDs never appear in
// postings.
type doc uint32

func appendDoc(dst []byte, d doc) []byte { return binary.BigEndian.AppendUint32(dst, uint32(d)) }

// parseDoc reads a doc number stored as a value.
func parseDoc(b []byte) (doc, error) {
	if len(b) != docSize {
		return 0, fmt.Errorf("doc number of %d bytes: %w", len(b), errCorrupt)
	}
	return doc(binary.BigEndian.Uint32(b)), nil
}

func articleKey(dst []byte, d doc) []byte {
	return appendDoc(append(dst, prefixArticle), d)
}

func idKey(dst []byte, id string) []byte {
	return append(append(dst, prefixID), id...)
}

func hashKey(dst []byte, h xxh3.Uint128) []byte {
	dst = append(dst, prefixHash)
	dst = binary.BigEndian.AppendUint64(dst, h.Hi)
	return binary.BigEndian.AppendUint64(dst, h.Lo)
}

// postingPrefix is the start of fingerprint fp's posting keys in a store
// of format 3, which Open rewrites as segments.
func postingPrefix(dst []byte, fp wiretrace.Fingerprint) []byte {
	return binary.BigEndian.AppendUint64(append(dst, prefixPosting), uint64(fp))
}

// postingDoc returns the doc number of a posting key.
func postingDoc(key []byte) (doc, error) {
	if len(key) != postingKeySize || key[0] != prefixPosting {
		return 0, fmt.Errorf("posting key %x: %w", key, errCorrupt)
	}
	return doc(binary.BigEndian.Uint32(key[1+8:])), nil
}

// bylineKey is the key of a byline posting: the article of doc d names the
// author whose wiretrace.BylineKey is name. A key never holds a 0 byte, so
// the 0 after it ends the name.
func bylineKey(dst []byte, name string, d doc) []byte {
	return appendDoc(append(bylinePrefix(dst, name), 0), d)
}

func bylinePrefix(dst []byte, name string) []byte {
	return append(append(dst, prefixByline), name...)
}

// bylineRange returns the bounds of name's byline postings: lower
// inclusive, upper exclusive.
func bylineRange(name string) (lower, upper []byte) {
	lower = append(bylinePrefix(nil, name), 0)
	upper = append(bylinePrefix(nil, name), 1)
	return lower, upper
}

// bylineDoc returns the name and doc number of a byline posting key.
func bylineDoc(key []byte) (string, doc, error) {
	if len(key) < 1+1+1+docSize || key[0] != prefixByline || key[len(key)-docSize-1] != 0 {
		return "", 0, fmt.Errorf("byline key %x: %w", key, errCorrupt)
	}
	return string(key[1 : len(key)-docSize-1]), doc(binary.BigEndian.Uint32(key[len(key)-docSize:])), nil
}

// siteKey is the key of a site's article count.
func siteKey(dst []byte, site string) []byte {
	return append(append(dst, prefixSite), site...)
}

// articleDoc returns the doc number of an article key.
func articleDoc(key []byte) (doc, error) {
	if len(key) != articleKeySize || key[0] != prefixArticle {
		return 0, fmt.Errorf("article key %x: %w", key, errCorrupt)
	}
	return doc(binary.BigEndian.Uint32(key[1:])), nil
}

// timeKey is the key of an article's place in a time index: the prefix,
// the time as nanoseconds since 1970 offset to sort as unsigned, and the
// doc. Times outside the years 1678 to 2262 are clamped to them.
func timeKey(dst []byte, prefix byte, t time.Time, d doc) []byte {
	dst = append(dst, prefix)
	dst = binary.BigEndian.AppendUint64(dst, timeOrder(t))
	return appendDoc(dst, d)
}

const timeKeySize = 1 + 8 + docSize

// timeOrder maps t to an unsigned integer that sorts as t does.
func timeOrder(t time.Time) uint64 {
	var ns int64
	switch {
	case t.Before(minIndexTime):
		ns = math.MinInt64
	case t.After(maxIndexTime):
		ns = math.MaxInt64
	default:
		ns = t.UnixNano()
	}
	return uint64(ns) ^ 1<<63
}

// timeOfKey returns the time a time index key holds.
func timeOfKey(key []byte) (time.Time, doc, error) {
	if len(key) != timeKeySize || key[0] != prefixSeen && key[0] != prefixPublished {
		return time.Time{}, 0, fmt.Errorf("time key %x: %w", key, errCorrupt)
	}
	ns := int64(binary.BigEndian.Uint64(key[1:]) ^ 1<<63)
	return time.Unix(0, ns).UTC(), doc(binary.BigEndian.Uint32(key[9:])), nil
}

var (
	minIndexTime = time.Unix(0, math.MinInt64)
	maxIndexTime = time.Unix(0, math.MaxInt64)
)

// appearanceKey is the key of appearance n of doc d's article.
func appearanceKey(dst []byte, d doc, n uint32) []byte {
	return binary.BigEndian.AppendUint32(appendDoc(append(dst, prefixAppearance), d), n)
}

// appearanceRange returns the bounds of doc d's appearances.
func appearanceRange(d doc) (lower, upper []byte) {
	lower = appendDoc([]byte{prefixAppearance}, d)
	return lower, appendDoc([]byte{prefixAppearance}, d+1)
}

const appearanceKeySize = 1 + docSize + 4

// appearanceOf returns the doc and number of an appearance key.
func appearanceOf(key []byte) (doc, uint32, error) {
	if len(key) != appearanceKeySize || key[0] != prefixAppearance {
		return 0, 0, fmt.Errorf("appearance key %x: %w", key, errCorrupt)
	}
	return doc(binary.BigEndian.Uint32(key[1:])), binary.BigEndian.Uint32(key[1+docSize:]), nil
}
