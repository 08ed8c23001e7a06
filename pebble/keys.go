package pebble

import (
	"encoding/binary"
	"fmt"
	"math"

	"github.com/wiretrace/wiretrace"
	"github.com/zeebo/xxh3"
)

// formatVersion is the version of the key layout and value encodings
// described in docs/format.md. Any change that an older build would
// misread bumps it. Version 1 stores are upgraded on Open: see load.
const formatVersion = 2

// Key prefixes. Each kind of key starts with its own byte, so each kind is
// one contiguous range of the key space.
const (
	prefixMeta    = 'm'
	prefixArticle = 'a'
	prefixID      = 'i'
	prefixHash    = 'h'
	prefixPosting = 'p'
	prefixByline  = 'b'
)

// Meta keys.
var (
	keyFormat = []byte{prefixMeta, 'f', 'o', 'r', 'm', 'a', 't'}
	keyCount  = []byte{prefixMeta, 'c', 'o', 'u', 'n', 't'}
)

// Key and value sizes.
const (
	docSize           = 4
	articleKeySize    = 1 + docSize
	postingPrefixSize = 1 + 8
	postingKeySize    = postingPrefixSize + docSize
)

// maxDoc is the highest internal document number.
const maxDoc = math.MaxUint32

// A doc number names an article inside the store. Doc numbers are handed
// out in increasing order and keep posting keys short; IDs never appear in
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

func postingKey(dst []byte, fp wiretrace.Fingerprint, d doc) []byte {
	return appendDoc(postingPrefix(dst, fp), d)
}

func postingPrefix(dst []byte, fp wiretrace.Fingerprint) []byte {
	return binary.BigEndian.AppendUint64(append(dst, prefixPosting), uint64(fp))
}

// postingRange returns the bounds of fp's postings: lower inclusive, upper
// exclusive.
func postingRange(dst []byte, fp wiretrace.Fingerprint) (lower, upper []byte) {
	dst = postingPrefix(dst[:0], fp)
	lower = dst
	if fp == math.MaxUint64 {
		upper = append(dst[len(dst):], prefixPosting+1)
	} else {
		upper = postingPrefix(dst[len(dst):], fp+1)
	}
	return lower, upper
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
