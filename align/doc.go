// Package align finds the passages a suspect text shares with a source text,
// tolerating the edits copiers make, and decides the relation between them.
//
// The method is seed, anchor, chain, fill, judge:
//
//  1. Seeds are word bigrams (on light stems) that occur in both texts and
//     hold at least one content word, so "of the" alone never seeds.
//  2. Runs of eight or more words matched one after the other in both
//     texts anchor their pairings: a matched word they contradict is
//     dropped. Runs of three or more give the containment.
//  3. Seeds are chained by dynamic programming into runs that advance in
//     both texts with small gaps, as local alignment does (passim, PAN's
//     seed-and-extend). A chain survives only if it is long and dense enough.
//     Reordered, trimmed and inserted paragraphs break chains; they do not
//     break the alignment.
//  4. The gaps inside a chain are aligned word by word; a short run of
//     source words facing a short run of suspect words is a substitution
//     (missiles → rockets), a longer one an insertion or deletion.
//  5. The relation comes from how much of the suspect the passages explain,
//     not counting passages that are quotes on both sides (every outlet
//     quotes the same statement), and from how many words were substituted.
//
// The package does not read files, store articles or look up candidates.
package align
