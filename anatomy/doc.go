// Package anatomy reads the parts of a news article from its text: the
// headline, the byline, the dateline with its place, date and agency credit,
// photo captions and credits, copyright lines, subheads, and direct quotes
// with their speakers. Every part carries byte offsets into the text as
// given, so a report can point at the exact bytes.
//
// Inspect adds the integrity flags an article raises on its own, with no
// corpus: credits that disagree, a quote opened and never closed, a quote
// with no speaker, one name spelt two ways, a word repeated in a broken
// construction. CheckBylines asks an index of articles (a
// wiretrace.Store) where it has seen the byline's names and flags a name
// seen only under other publishers. CompareCredits takes the alignment of a derived copy with
// its source and says whether the copy rebranded the source's credits or
// altered its quotes.
//
// The package imports only the root package, text, agency (which names
// are agencies) and byline (the byline line's parts). It reads no files,
// stores nothing and never aligns texts itself: the alignment comes in as a
// wiretrace.Comparison. Parsing is by convention of the wire services
// (Reuters, AP, AFP, PA, Bloomberg, the press-release wires); it never fails,
// it only finds less in a text that follows no convention.
package anatomy
