package align

// merge returns the passages to report: those that follow each other in
// both texts with at most MergeGap words between them, or a gap shorter than
// both, are joined, so one reused stretch with an inserted or dropped
// sentence is one passage, not two. The passages given are not changed: coverage is measured on them,
// without the gaps.
func (o Options) merge(ps []*passage) []passage {
	var out []passage
	for _, b := range ps {
		if len(out) == 0 {
			out = append(out, *b)
			continue
		}
		a := &out[len(out)-1]
		// A hole smaller than the stretches on both sides of it is a hole
		// inside one reused stretch, however long.
		hole := max(o.MergeGap, min(a.suspHi-a.suspLo, b.suspHi-b.suspLo))
		gap, di := b.suspLo-a.suspHi, b.srcLo-a.srcHi
		// Rewording moves phrases, so the next passage's source may start
		// a little before the previous one's ends.
		inOrder := di >= -hole && di <= hole
		// A rewritten stretch may also draw on the source out of order or
		// far apart: a summary condenses, so neighbouring sentences of the
		// suspect come from source paragraphs far apart, and a rewrite
		// swaps sentences. Verbatim excerpts are reported as they are, each
		// with its own source stretch.
		rewritten := !a.exact() && !b.exact() && (di > hole || a.srcLo-b.srcHi <= hole)
		if gap > hole || !inOrder && !rewritten {
			out = append(out, *b)
			continue
		}
		a.srcLo, a.srcHi = min(a.srcLo, b.srcLo), max(a.srcHi, b.srcHi)
		a.suspHi = b.suspHi
		a.matched += b.matched
		a.ordinary += b.ordinary
		a.unquoted += b.unquoted
		a.substituted += b.substituted
		a.quoted = a.quoted && b.quoted
	}
	return out
}
