// Package ingest reads the articles a user names on the command line: plain
// text files, JSON Lines files, directories of them, and standard input.
//
// It turns bytes into wiretrace.Article values and says where each came from
// ("path", or "path:line" for JSON Lines), so that one broken input is
// reported by name while the rest are read. It decodes with text.Decode and
// enforces a size cap per article, and it streams: a JSON Lines file of any
// size is read a line at a time.
//
// It does not tokenise, fingerprint, store or deduplicate articles, nor
// derive IDs or sites: the index does that. It never writes to the inputs.
package ingest
