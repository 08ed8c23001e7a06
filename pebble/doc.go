// Package pebble is the embedded wiretrace.Store: articles and the postings
// from fingerprints to articles, kept in a Pebble key-value store in one
// directory.
//
// Every Add is one atomic write. An acknowledged Add survives the process
// being killed; Sync (and Close) make it survive power loss too. The key
// layout and value encodings are a versioned format, described in
// docs/format.md; Open refuses a store of another version rather than guess.
//
// The package stores what it is given. It does not normalise text, compute
// fingerprints or judge articles: that is for the layers above the Store
// contract. It never logs unless given a logger.
package pebble
