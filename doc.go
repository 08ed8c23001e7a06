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
//	agency/       names of news and photo agencies, and whether a name is an
//	              organisation's
//	byline/       a byline line read into people, organisation and role
//	anatomy/      the parts of an article: headline, byline, dateline,
//	              photo credits, copyright lines, quotes and speakers, credits
//	integrity/    the flags an article raises on its own: credits that
//	              disagree, quotes without speaker, names spelt two ways
//	credit/       a derived copy's credits and quotes against its source's:
//	              kept, rebranded, removed, reworded
//	engine/       the one entry point: prepares each text once, adds
//	              articles, checks a suspect, compares, inspects; the
//	              result types the CLI prints and the server sends
//	pebble/       the embedded Store
//	postgres/     the Store in a PostgreSQL schema, shared by many processes,
//	              and its sharded layout
//	backend/      opens the Store a location names (a directory or a
//	              postgres:// URL)
//	extract/      main text and metadata of an HTML page
//	warc/         WARC records, streamed
//	fetch/        HTTP(S) fetching with an SSRF guard
//	ingest/       reading articles from files, directories, pages, crawls,
//	              feeds, JSON Lines, URLs and stdin
//	provenance/   the order of a story family: which member is the origin
//	              and why, the copy tree, the timeline; site profiles
//	report/       human-readable rendering of comparisons and matches
//	server/       the HTTP API, its OpenAPI document, metrics and the web
//	              page, over an engine
//	eval/         the engine measured on labelled corpora
//	cmd/wiretrace the binary: it wires the above and maps errors to exit codes
//
// Lower layers never import higher ones: text and agency import nothing of
// the project; byline imports agency only; fingerprint and align import
// text and the root; anatomy imports text, agency, byline and the root;
// integrity and credit import anatomy, agency, text and the root, never each
// other; provenance imports the root and agency; report imports the root,
// anatomy, integrity and provenance; engine imports
// align, anatomy, integrity, credit, fingerprint and the Store contract but
// no Store implementation (and text, to tell a text it cannot split into
// words); extract imports text (decoding); ingest imports extract, warc,
// fetch, text and byline (never anatomy); pebble and postgres import the
// root only; backend imports the Store implementations and fingerprint (the
// scheme stores are opened with); server imports engine, ingest, align (the
// word alignment its side-by-side view marks), integrity and anatomy, and
// the errors of fetch, extract and text, never a backend; only backend,
// cmd/wiretrace and tests choose a backend.
package wiretrace
