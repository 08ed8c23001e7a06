package align

import (
	"slices"
	"strconv"
	"strings"

	"github.com/wiretrace/wiretrace/text"
)

// fill aligns the gaps of a chain word by word and returns the passage, or
// nil when it is too short or too sparse.
func (o Options) fill(source, suspect *Doc, c []pair, sc *scratch) *passage {
	p := &passage{
		pairs:  c,
		srcLo:  int(c[0].i),
		srcHi:  int(c[len(c)-1].i) + 1,
		suspLo: int(c[0].j),
		suspHi: int(c[len(c)-1].j) + 1,
	}
	for k, b := range c {
		p.count(o, suspect, int(b.j), b.strong)
		if _, syn := o.same(source, int(b.i), suspect, int(b.j)); syn {
			p.synonym(source, suspect, int(b.i), int(b.j))
		}
		if k == 0 {
			continue
		}
		a := c[k-1]
		o.alignGap(source, suspect, int(a.i)+1, int(b.i), int(a.j)+1, int(b.j), p, sc)
	}
	ordinaryLen := max(o.ordinaryWords(source, p.srcLo, p.srcHi), o.ordinaryWords(suspect, p.suspLo, p.suspHi))
	ordinaryLen += o.namesInRuns(source, suspect, p, sc)
	if p.ordinary < o.minMatched(source, suspect) || float64(p.ordinary) < o.MinDensity*float64(ordinaryLen) {
		return nil
	}
	p.quoted = o.QuoteAware && mostlyQuoted(source.quoted[p.srcLo:p.srcHi]) && mostlyQuoted(suspect.quoted[p.suspLo:p.suspHi])
	if o.Contradictions {
		// The rest of the sentences the passage begins and ends in: a
		// formula sentence holds its own names and figures at its ends,
		// beyond the words two filings share ("Calder Rock Bancorp said
		// it has filed ..." against "Tamscorp said it has filed ...", and
		// "... managed by Pellow Hart and Company" against "... led by
		// Grisedale Marsh Inc"). Looked at only for a passage kept: most
		// chains of two unrelated texts are too short to be one.
		edges := o.edgeContradictions(source, suspect, p, sc)
		p.contradicted += edges.contradicted
		p.refigured += edges.refigured
		p.figuresApart, p.figuresShared = figuresApart(source, suspect, p)
	}
	return p
}

// namesInRuns counts as evidence the names (immutables other than
// numbers) inside the passage's runs of at least NameRun words matched
// word for word and in order, and returns how many it counted. The chain's
// pairs and those its gaps matched are each in suspect order; merged,
// they are the passage's matched words in order.
func (o Options) namesInRuns(source, suspect *Doc, p *passage, sc *scratch) int {
	if o.NameRun <= 0 || !o.Immutables || p.facts == 0 || p.matched < o.NameRun {
		return 0
	}
	all := sc.matched[:0]
	g := 0
	for _, c := range p.pairs {
		for g < len(p.gapPairs) && p.gapPairs[g].j < c.j {
			all = append(all, p.gapPairs[g])
			g++
		}
		all = append(all, c)
	}
	all = append(all, p.gapPairs[g:]...)
	sc.matched = all
	exact := func(q pair) bool { return source.words[q.i].Hash == suspect.words[q.j].Hash }
	names := 0
	for a := 0; a < len(all); {
		b := a + 1
		for b < len(all) && all[b].i == all[b-1].i+1 && all[b].j == all[b-1].j+1 && exact(all[b]) {
			b++
		}
		if b-a >= o.NameRun && exact(all[a]) {
			for _, q := range all[a:b] {
				if j := int(q.j); suspect.immutable[j] && !suspect.toks[j].number {
					names++
					p.ordinary++
					if !o.quoted(suspect, j) {
						p.unquoted++
					}
				}
			}
		}
		a = b
	}
	return names
}

// minMatched is the evidence a passage needs: MinMatched words,
// MinMatchedBrief when the shorter text is a brief (fewer than BriefWords
// words, names and numbers aside), in a text too short to hold that many
// half of the shorter text's words, and never fewer than MinMatchedShort.
// Two sentences that share five of their eight words are a paraphrase;
// two articles that share five words in a row are not a copy.
func (o Options) minMatched(source, suspect *Doc) int {
	short := min(len(source.toks), len(suspect.toks))
	if o.Immutables {
		short = min(source.ordinary, suspect.ordinary)
	}
	least := o.MinMatched
	if short < o.BriefWords {
		least = min(least, o.MinMatchedBrief)
	}
	return max(o.MinMatchedShort, min(least, (short+1)/2))
}

// count records a matched word at suspect token j; evidence says whether it
// counts as carried-over wording.
func (p *passage) count(o Options, suspect *Doc, j int, evidence bool) {
	p.matched++
	if suspect.immutable[j] {
		p.facts++
	}
	if text.IsFigure(suspect.Token(j)) && !suspect.partOfFigure(j) {
		p.figures++
	}
	if evidence && !o.immutable(suspect, j) {
		p.ordinary++
		if !o.quoted(suspect, j) {
			p.unquoted++
		}
	}
}

// synonym records source token i and suspect token j, matched as synonyms,
// as a one-word substitution.
func (p *passage) synonym(source, suspect *Doc, i, j int) {
	p.subs = append(p.subs, sub{source: phrase(source, i, i+1), suspect: phrase(suspect, j, j+1)})
	p.substituted++
}

func (o Options) ordinaryWords(d *Doc, lo, hi int) int {
	n := 0
	for k := lo; k < hi; k++ {
		if !o.immutable(d, k) {
			n++
		}
	}
	return n
}

func mostlyQuoted(quoted []bool) bool {
	q := 0
	for _, t := range quoted {
		if t {
			q++
		}
	}
	return q*5 >= len(quoted)*3
}

// alignGap aligns source tokens [si,se) with suspect tokens [ti,te) by the
// longest common subsequence of words (see same) and counts the matched
// words in p. Unmatched runs facing each other become p's substitutions
// when both are short, and so do synonyms.
func (o Options) alignGap(source, suspect *Doc, si, se, ti, te int, p *passage, sc *scratch) {
	n, m := se-si, te-ti
	if n <= 0 || m <= 0 {
		return
	}
	// LCS table, (n+1)×(m+1); gaps are at most MaxGap words.
	w := m + 1
	sc.lcs = grow(sc.lcs, (n+1)*w)
	l := sc.lcs
	// The last row and column stay 0; the rest is written before it is
	// read.
	clear(l[n*w:])
	for x := range n {
		l[x*w+m] = 0
	}
	for x := n - 1; x >= 0; x-- {
		for y := m - 1; y >= 0; y-- {
			if same, _ := o.same(source, si+x, suspect, ti+y); same {
				l[x*w+y] = l[(x+1)*w+y+1] + 1
			} else {
				l[x*w+y] = max(l[(x+1)*w+y], l[x*w+y+1])
			}
		}
	}
	x, y := 0, 0
	runX, runY := 0, 0
	flush := func() {
		defer func() { runX, runY = 0, 0 }()
		if runX == 0 || runY == 0 {
			return
		}
		fx, fy := facts(source, si+x-runX, si+x), facts(suspect, ti+y-runY, ti+y)
		short := runX <= o.MaxSubstitution && runY <= o.MaxSubstitution
		// Facts facing facts: another figure, date or name in the same
		// slot, and a name of four words facing one of three as well as
		// a number facing a number.
		if short || 2*fx >= runX && 2*fy >= runY {
			p.contradicted += min(fx, fy)
			p.refigured += refigured(source, si+x-runX, si+x, suspect, ti+y-runY, ti+y)
		}
		if short {
			p.subs = append(p.subs, sub{
				source:  phrase(source, si+x-runX, si+x),
				suspect: phrase(suspect, ti+y-runY, ti+y),
			})
			p.substituted += runY
		}
	}
	// Words matched inside a lopsided gap are what two independent
	// sentences share by chance (the, of, in); only a balanced gap, where
	// words face words as in a rewording, counts them.
	balanced := !o.BalancedGaps || abs(n-m) <= max(2, min(n, m)/3)
	for x < n || y < m {
		same, syn := false, false
		if x < n && y < m {
			same, syn = o.same(source, si+x, suspect, ti+y)
		}
		switch {
		case same:
			flush()
			p.gapPairs = append(p.gapPairs, pair{i: int32(si + x), j: int32(ti + y)})
			p.count(o, suspect, ti+y, balanced)
			if syn {
				p.synonym(source, suspect, si+x, ti+y)
			}
			x++
			y++
		case y >= m || x < n && l[(x+1)*w+y] >= l[x*w+y+1]:
			runX++
			x++
		default:
			runY++
			y++
		}
	}
	flush()
}

// refigured counts the figures of source tokens [slo,shi) put in other
// figures' places by suspect tokens [tlo,thi): the fewer of the two sides'
// figures, less those on both sides ("five" facing "5" is one figure
// written two ways; "6-5/16" is one figure, and "six" another).
func refigured(source *Doc, slo, shi int, suspect *Doc, tlo, thi int) int {
	var xs [8]string
	keys := figureKeys(source, slo, shi, xs[:0])
	if len(keys) == 0 {
		return 0
	}
	var ys [8]string
	other := figureKeys(suspect, tlo, thi, ys[:0])
	n, same := len(other), 0
	for _, k := range other {
		if i := slices.Index(keys, k); i >= 0 {
			keys = slices.Delete(keys, i, i+1)
			same++
		}
	}
	return min(len(keys)+same, n) - same
}

// figureKeys appends to keys the figures among tokens [lo,hi) of d, each
// as its digits: a number word by its value, and numbers joined by a
// dash, slash or point with nothing else between them as one figure.
func figureKeys(d *Doc, lo, hi int, keys []string) []string {
	for k := lo; k < hi; k++ {
		if !d.toks[k].number {
			if v, ok := text.Figure(d.norm(k)); ok && !(k > lo && d.scaleOfFigure(k)) {
				keys = append(keys, strconv.FormatFloat(v, 'f', -1, 64))
			}
			continue
		}
		end := k + 1
		for end < hi && d.joinedFigure(end) {
			end++
		}
		keys = append(keys, d.Text[int(d.toks[k].start):int(d.toks[end-1].end)])
		k = end - 1
	}
	return keys
}

// figuresApart compares the figures of the passage's two sides as two
// collections, wherever they stand: apart counts those of the side with
// fewer that the other side lacks, shared those both hold.
func figuresApart(source, suspect *Doc, p *passage) (apart, shared int) {
	a := figureKeys(source, p.srcLo, p.srcHi, nil)
	b := figureKeys(suspect, p.suspLo, p.suspHi, nil)
	if len(a) < 2 || len(b) < 2 {
		return 0, 0
	}
	slices.Sort(a)
	slices.Sort(b)
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch c := strings.Compare(a[i], b[j]); {
		case c == 0:
			shared++
			i++
			j++
		case c < 0:
			i++
		default:
			j++
		}
	}
	return min(len(a), len(b)) - shared, shared
}

func joinsFigure(gap string) bool { return gap == "-" || gap == "/" || gap == "." }

// joinedFigure reports whether token k is a number that goes on the
// number before it ("3" and "8" of "10-3/8"): such a figure is counted
// once, as figureKeys reads it.
func (d *Doc) joinedFigure(k int) bool {
	return k > 0 && d.toks[k].number && d.toks[k-1].number &&
		joinsFigure(d.Text[int(d.toks[k-1].end):int(d.toks[k].start)])
}

// scaleOfFigure reports whether token k is the scale of the figure before
// it ("million" of "37 million", "four million"): part of that figure, not
// one of its own.
func (d *Doc) scaleOfFigure(k int) bool {
	if k == 0 {
		return false
	}
	switch d.norm(k) {
	case "hundred", "thousand", "million", "billion", "trillion":
		return text.IsFigure(d.Token(k - 1))
	}
	return false
}

// partOfFigure reports whether token k goes on the figure before it.
func (d *Doc) partOfFigure(k int) bool { return d.joinedFigure(k) || d.scaleOfFigure(k) }

// facts counts the names and numbers among tokens [lo,hi) of d.
func facts(d *Doc, lo, hi int) int {
	n := 0
	for k := lo; k < hi; k++ {
		if d.immutable[k] {
			n++
		}
	}
	return n
}

func phrase(d *Doc, lo, hi int) string {
	words := make([]string, 0, hi-lo)
	for k := lo; k < hi; k++ {
		words = append(words, d.norm(k))
	}
	return strings.Join(words, " ")
}

// edgeContradictions aligns, the way a gap is aligned, the words of each
// text from the start of the sentence its passage begins in to the
// passage, and from the passage to the end of the sentence it ends in (at
// most MaxGap words of each), and returns how many facts face other facts
// there. Nothing else found there counts.
func (o Options) edgeContradictions(source, suspect *Doc, p *passage, sc *scratch) passage {
	var edges passage
	srcLo := max(sentenceOf(source, p.srcLo).Start, p.srcLo-o.MaxGap)
	suspLo := max(sentenceOf(suspect, p.suspLo).Start, p.suspLo-o.MaxGap)
	o.alignGap(source, suspect, srcLo, p.srcLo, suspLo, p.suspLo, &edges, sc)
	srcHi := min(sentenceOf(source, p.srcHi-1).End, p.srcHi+o.MaxGap)
	suspHi := min(sentenceOf(suspect, p.suspHi-1).End, p.suspHi+o.MaxGap)
	o.alignGap(source, suspect, p.srcHi, srcHi, p.suspHi, suspHi, &edges, sc)
	return edges
}

// sentenceOf returns the span of d's sentence that holds token k.
func sentenceOf(d *Doc, k int) text.Span {
	if i := sentenceAt(d, k); i >= 0 {
		return d.sents[i]
	}
	return text.Span{Start: k, End: k + 1}
}

// sentenceAt returns the index in d.sents (and in the sentence
// indexes of sentenceWords, one entry a sentence) of the sentence holding
// token k, -1 when none does.
func sentenceAt(d *Doc, k int) int {
	i, found := slices.BinarySearchFunc(d.sents, k, func(sp text.Span, k int) int {
		switch {
		case sp.End <= k:
			return -1
		case sp.Start > k:
			return 1
		}
		return 0
	})
	if !found {
		return -1
	}
	return i
}
