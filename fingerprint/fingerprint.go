// Package fingerprint computes the hashes by which articles are indexed and
// candidate sources are found.
//
// A fingerprint is the hash of a run of N consecutive word stems; of all
// runs, winnowing (Schleimer, Wilkerson and Aiken 2003) keeps the smallest
// hash in every window of Window consecutive runs, so any stretch of
// Window+N-1 shared words between two texts yields at least one shared
// fingerprint, while a text keeps only about 2/(Window+1) of its runs.
// Hashes use fixed seeds: fingerprints are stored and must be the same on
// every machine and in every process. The package does not store or align.
package fingerprint

import (
	"slices"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/text"
)

const (
	// N is the number of words a fingerprint hashes.
	N = 3
	// Window is the winnowing window, in runs of N words.
	Window = 6
)

// SchemeName names the scheme this package implements: the hashes, N,
// Window and the tokeniser and stemmer of package text. It changes with
// any of them, so that a store built with other fingerprints refuses to
// be queried with these.
//
// Version 2: scripts written without spaces (Chinese, Japanese, Thai,
// Lao, Khmer, Myanmar) are split into characters matched in pairs, and
// combining marks of every kind stay inside words (Indic vowel signs
// split words before).
const SchemeName = "winnow-n3-w6-stem-xxh3/2"

// Scheme is the scheme stores are opened with.
var Scheme = wiretrace.Scheme{
	Name:         SchemeName,
	Fingerprints: func(s string) []wiretrace.Fingerprint { return Of(text.Tokenize(s)) },
}

// Of returns the distinct fingerprints of toks, sorted.
func Of(toks []text.Token) []wiretrace.Fingerprint {
	return OfHashes(text.Hashes(toks))
}

// OfHashes returns the distinct fingerprints of a text whose tokens' stems
// have the given hashes (text.Hashes, the Hash of each of text.Words),
// sorted: for a caller that hashed the stems already.
func OfHashes(words []uint64) []wiretrace.Fingerprint {
	if len(words) < N {
		if len(words) == 0 {
			return nil
		}
		return []wiretrace.Fingerprint{wiretrace.Fingerprint(gramHash(words))}
	}
	grams := make([]uint64, len(words)-N+1)
	for i := range grams {
		grams[i] = gramHash(words[i : i+N])
	}
	return winnow(grams, Window)
}

// GramsOfHashes returns the distinct hashes of every run of N words of a
// text whose stems have the given hashes, sorted: every fingerprint any
// text sharing such a run can hold. Stored texts keep only the winnowed
// ones (OfHashes); a short text looked up by all of its runs finds a
// stored text that shares a run of N words and kept that run's hash,
// where a winnowed lookup needs a run of Window+N-1.
func GramsOfHashes(words []uint64) []wiretrace.Fingerprint {
	if len(words) < N {
		return OfHashes(words)
	}
	out := make([]wiretrace.Fingerprint, len(words)-N+1)
	for i := range out {
		out[i] = wiretrace.Fingerprint(gramHash(words[i : i+N]))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// gramHash combines word hashes in order; the final mix spreads the bits so
// that winnowing's minimum is not biased by the rotation pattern.
func gramHash(words []uint64) uint64 {
	var h uint64 = 0x9e3779b97f4a7c15
	for _, w := range words {
		h = (h ^ w) * 0xbf58476d1ce4e5b9
		h ^= h >> 31
	}
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	return h
}

// winnow keeps the minimum of every window of w hashes (the rightmost one on
// ties, as in robust winnowing) and returns the distinct kept hashes sorted.
func winnow(h []uint64, w int) []wiretrace.Fingerprint {
	if len(h) <= w {
		m := slices.Min(h)
		return []wiretrace.Fingerprint{wiretrace.Fingerprint(m)}
	}
	out := make([]wiretrace.Fingerprint, 0, 2*len(h)/(w+1)+1)
	minAt := -1
	for end := w; end <= len(h); end++ {
		start := end - w
		if minAt < start {
			minAt = start
			for i := start + 1; i < end; i++ {
				if h[i] <= h[minAt] {
					minAt = i
				}
			}
			out = append(out, wiretrace.Fingerprint(h[minAt]))
		} else if h[end-1] <= h[minAt] {
			minAt = end - 1
			out = append(out, wiretrace.Fingerprint(h[minAt]))
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
