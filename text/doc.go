// Package text turns raw article bytes into normalised words that keep their
// byte offsets into the text as given.
//
// Every offset this package returns indexes the decoded string that Decode
// returned, so a passage found on normalised words maps back to the exact
// bytes a user sees. Normalisation (Unicode NFKC, case folding, one form for
// quote, apostrophe and dash variants, soft hyphens and zero-width marks
// dropped) only ever changes a token's Norm, never the text. Words (or
// WordOf) then gives what matching needs of each word: the hash of its
// stem (Stem), which fingerprints are made of, whether it is a stopword,
// and its synonym sets. Scripts written without spaces (Chinese, Japanese, Thai,
// Lao, Khmer, Myanmar) are split into characters matched in pairs
// (segment.go); a text mostly in another such script is recognised
// (Unsegmented) so that callers can say so rather than find nothing.
// Stopwords, stems and synonyms are English. Every text to index or check
// passes through here, so these
// are measured (bench_test.go) and allocate little. The package knows
// nothing of articles, stores or alignment.
package text
