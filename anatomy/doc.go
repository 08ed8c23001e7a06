// Package anatomy reads the parts of a news article from its text: the
// headline, the byline, the dateline with its place, date and agency credit,
// photo captions and credits, copyright lines, subheads, direct quotes with
// their speakers, and the credits: every place where the article names an
// organisation as its author or source. Every part carries byte offsets
// into the text as given, so a report can point at the exact bytes.
//
// Reading is all it does, one article at a time. It must not judge what it
// reads: package integrity flags what an article shows on its own, and
// package credit compares a derived copy's credits and quotes with its
// source's. For them an Anatomy also gives its tokens, the token range of
// a span, its lead paragraph and the mentions of a name.
//
// The package imports only the root package, text, agency (which names
// are agencies) and byline (the byline line's parts). It reads no files,
// stores nothing and compares nothing. Parsing is by convention of the wire
// services (Reuters, AP, AFP, PA, Bloomberg, the press-release wires); it
// never fails, it only finds less in a text that follows no convention.
package anatomy
