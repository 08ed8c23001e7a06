// Package wiretrace holds the domain of a news text-reuse tracer: articles,
// the passages two articles share, the relation between a source and a
// suspect, where an article's times came from, and the contract of the
// store that indexes articles by their fingerprints.
//
// The root package imports nothing of the project. Packages beside it do the
// work and import it:
//
//	text/         decoding, normalising and tokenising with byte offsets;
//	              stopwords, stems and WordNet synonym sets
//	fingerprint/  position-free hashes used to find candidate sources
//	align/        the alignment of a source and a suspect, and the relation
//	anatomy/      headline, byline, dateline, credits and quotes; credit checks
//	engine/       the one entry point: prepares each text once, adds
//	              articles, checks a suspect, compares, inspects; the
//	              result types the CLI prints and the server sends
//	pebble/       the embedded Store
//	backend/      opens the Store a location names (a directory, later a
//	              postgres:// URL)
//	extract/      main text and metadata of an HTML page
//	warc/         WARC records, streamed
//	fetch/        HTTP(S) fetching with an SSRF guard
//	ingest/       reading articles from files, directories, pages, crawls,
//	              feeds, JSON Lines, URLs and stdin
//	report/       human-readable rendering of comparisons and matches
//	eval/         the engine measured on labelled corpora
//	cmd/wiretrace the binary: it wires the above and maps errors to exit codes
//
// Lower layers never import higher ones: text imports nothing of the
// project; fingerprint, align and anatomy import text and the root; engine
// imports align, anatomy, fingerprint and the Store contract but no Store
// implementation; ingest imports extract, warc, fetch and anatomy (for
// bylines); backend imports the Store implementations and fingerprint
// (the scheme stores are opened with); only backend, cmd/wiretrace and
// tests choose a backend.
package wiretrace
