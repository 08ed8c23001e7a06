// Package ingest reads the articles a user names on the command line or
// a crawl holds: plain text, HTML pages, JSON Lines, WARC archives, RSS and
// Atom feeds, any of them gzip-compressed, directories of them, standard
// input and URLs.
//
// It turns bytes into wiretrace.Article values and says where each came
// from ("path", "path:line", "path@offset", "path#item", the URL), so that
// one broken input is reported by name while the rest are read. It
// extracts the main text of HTML with package extract, reads WARC files
// with package warc and fetches URLs through a Fetcher (package fetch),
// enforces a size cap per article, and streams: a JSON Lines or WARC file
// of any size is read a line or a record at a time. The CPU work of an
// input (decoding, extraction) can run on several workers while items
// still come out in input order, within memory budgets that hold whatever
// the number of workers (budget.go).
//
// It gives each article a site (the input's own, else Options.Site, else
// the registrable domain of its URL) and, failing a published time, the
// time a crawler captured it. It does not tokenise, fingerprint, store or
// deduplicate articles, nor derive IDs: the index does that. It never
// writes to the inputs.
package ingest
