// Package text turns raw article bytes into normalised words that keep their
// byte offsets into the text as given.
//
// Every offset this package returns indexes the decoded string that Decode
// returned, so a passage found on normalised words maps back to the exact
// bytes a user sees. Normalisation (Unicode NFKC, case folding, one form for
// quote, apostrophe and dash variants, soft hyphens and zero-width marks
// dropped) only ever changes a token's Norm, never the text. The package knows
// nothing of articles, stores or alignment.
package text
