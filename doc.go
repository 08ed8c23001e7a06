// Package wiretrace holds the domain of a news text-reuse tracer: articles,
// the passages two articles share, the relation between a source and a
// suspect, and the contract of the store that indexes articles by their
// fingerprints.
//
// The root package imports nothing of the project. Packages beside it do the
// work and import it:
//
//	text/         decoding, normalising and tokenising with byte offsets
//	fingerprint/  position-free hashes used to find candidate sources
//	align/        the alignment of a source and a suspect, and the relation
//	pebble/       the embedded Store
//	index/        adding articles and checking one against the Store
//	ingest/       reading articles from files, directories and JSON Lines
//	report/       human-readable rendering of comparisons and matches
//	cmd/wiretrace the binary: it wires the above and maps errors to exit codes
//
// Lower layers never import higher ones: text and fingerprint import only the
// root; align imports text; index imports align, fingerprint and the Store
// contract but no Store implementation; only cmd/wiretrace and tests choose a
// backend.
package wiretrace
