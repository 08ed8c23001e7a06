// Package provenance orders the members of a story family: which one the
// others derive from (the origin), which member each copy most likely took
// its text from (the copy tree), and when each appeared after its parent
// (the timeline). It also decides which derivation links make two articles
// one story and which only tie a story to another it borrowed from.
//
// It works on what the engine already found: members (an article's times,
// site and credits) and links (what aligning two members gave). It reads
// no store and aligns nothing, so that a trace, the grouping of a whole
// store and a test of the rules all reach the same answer from the same
// facts. Package engine gathers the facts; the command line and the server
// print what Build returns.
package provenance
