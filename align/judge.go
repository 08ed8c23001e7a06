package align

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/text"
)

// judge turns passages into the comparison a user reads.
func (o Options) judge(source, suspect *Doc, passages []*passage, report []passage, subject float64, contained []int32) wiretrace.Comparison {
	cmpn := wiretrace.Comparison{
		Passages:      []wiretrace.Passage{},
		Substitutions: []wiretrace.Substitution{},
	}
	if len(suspect.toks) == 0 || len(source.toks) == 0 {
		cmpn.Relation = wiretrace.Unrelated
		return cmpn
	}
	suspCovered := make([]bool, len(suspect.toks))
	srcCovered := make([]bool, len(source.toks))
	subCount := map[sub]int{}
	floor := 0
	spans := make([]span4, 0, len(report))
	for k, p := range report {
		sim := p.similarity()
		kind := wiretrace.Reworded
		if p.exact() {
			kind = wiretrace.Exact
		}
		srcLo, srcHi, suspLo, suspHi := p.srcLo, p.srcHi, p.suspLo, p.suspHi
		if o.WholeSentences && kind == wiretrace.Reworded {
			ceil := len(suspect.toks)
			if k+1 < len(report) {
				ceil = report[k+1].suspLo
			}
			srcLo, srcHi = o.toSentences(source, srcLo, srcHi, 0, len(source.toks))
			suspLo, suspHi = o.toSentences(suspect, suspLo, suspHi, floor, ceil)
			srcLo, srcHi, suspLo, suspHi = o.toNeighbours(source, suspect, srcLo, srcHi, suspLo, suspHi, floor, ceil)
			srcLo, srcHi = o.toMoved(source, suspect, srcLo, srcHi, suspLo, suspHi)
		}
		floor = suspHi
		spans = append(spans, span4{srcLo, srcHi, suspLo, suspHi})
		cmpn.Passages = append(cmpn.Passages, wiretrace.Passage{
			SourceStart:  int(source.toks[srcLo].start),
			SourceEnd:    int(source.toks[srcHi-1].end),
			SuspectStart: int(suspect.toks[suspLo].start),
			SuspectEnd:   int(suspect.toks[suspHi-1].end),
			Kind:         kind,
			Similarity:   round(sim),
			Quoted:       p.quoted,
		})
	}
	var evidence, substituted, evidenceWords int
	var weighted float64
	// Condensations are looked for only when a passage is evidence of
	// copying: independent reports of one event retell the same facts.
	evidenced := false
	least := o.minMatched(source, suspect)
	subjectA, subjectB, other := o.otherSubjects(source, suspect, passages)
	// The suspect's words of the passages that would be evidence but for
	// what they say, and of those that are: a reported passage holding
	// the first and none of the second is set aside.
	var asideSpans, countedSpans, refiguredSpans [][2]int
	// clean: a passage whose facts do not contradict each other's, in
	// texts about one subject; without one, what the texts share in runs
	// is one formula filled twice, and their phrases are no evidence.
	clean := false
	for _, p := range passages {
		sim := p.similarity()
		for k := p.srcLo; k < p.srcHi; k++ {
			srcCovered[k] = true
		}
		// A passage is evidence of copying by its words outside quotes,
		// when they are enough on their own (a shared quote with its
		// attribution is not; a copy of a story made mostly of quotes
		// is, by the sentences between them), and unless its facts
		// contradict each other's (see contradicts) or the two texts
		// are about other subjects (see otherSubjects).
		enough := p.unquoted >= least || !p.quoted && p.unquoted == p.ordinary
		agrees := !other && !o.contradicts(p)
		counts := enough && agrees
		clean = clean || agrees
		if counts {
			evidenced = true
			countedSpans = append(countedSpans, [2]int{p.suspLo, p.suspHi})
		} else if enough {
			asideSpans = append(asideSpans, [2]int{p.suspLo, p.suspHi})
			if o.refigured(p) {
				refiguredSpans = append(refiguredSpans, [2]int{p.suspLo, p.suspHi})
			}
		}
		for k := p.suspLo; k < p.suspHi; k++ {
			suspCovered[k] = true
			if counts && !o.quoted(suspect, k) {
				evidenceWords++
				weighted += sim
			}
		}
		for _, s := range p.subs {
			subCount[s]++
		}
		if counts {
			evidence += p.unquoted
			substituted += p.substituted
			// The passage's words of its own that it neither kept nor
			// put in a kept word's place were written in: a copy keeps
			// its source's words, a rewording writes its own between
			// them, however long the runs it keeps.
			own := suspect.unquotedWords(o, p.suspLo, p.suspHi)
			substituted += max(0, own-p.unquoted-p.substituted)
		}
	}
	if evidenced {
		cmpn.Condensations = o.condensations(source, suspect, spans)
	}
	for _, sp := range spans {
		in := func(a [2]int) bool { return a[0] < sp.suspHi && sp.suspLo < a[1] }
		if slices.ContainsFunc(asideSpans, in) && !slices.ContainsFunc(countedSpans, in) {
			cmpn.SetAside++
		}
	}
	if other && cmpn.SetAside > 0 {
		cmpn.OtherSubjects = []string{source.named(subjectA), suspect.named(subjectB)}
	}
	cmpn.SuspectCoverage = round(share(suspCovered))
	cmpn.SourceCoverage = round(share(srcCovered))
	for s, n := range subCount {
		cmpn.Substitutions = append(cmpn.Substitutions, wiretrace.Substitution{Source: s.source, Suspect: s.suspect, Count: n})
	}
	slices.SortFunc(cmpn.Substitutions, func(a, b wiretrace.Substitution) int {
		if c := cmp.Compare(b.Count, a.Count); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Source, b.Source); c != 0 {
			return c
		}
		return cmp.Compare(a.Suspect, b.Suspect)
	})

	// Evidence is measured on the suspect's own words, quotes left out:
	// a quote shared by independent reports proves nothing.
	unquoted := len(suspect.toks)
	if o.QuoteAware && suspect.unquoted > 0 {
		unquoted = suspect.unquoted
	}
	coverage := float64(evidenceWords) / float64(unquoted)
	score := math.Min(1, weighted/float64(unquoted))
	cmpn.Score = round(score)
	// The words kept from the source, in place (the score) or in runs of
	// three it holds anywhere (a copy with its paragraphs moved about
	// keeps them all, however its passages chain).
	kept := score
	if len(suspect.toks) > 0 {
		kept = max(kept, float64(len(contained))/float64(len(suspect.toks)))
	}
	exactness := 1.0
	if evidence+substituted > 0 {
		exactness = float64(evidence) / float64(evidence+substituted)
	}
	cmpn.Evidence = wiretrace.Evidence{Coverage: coverage, Exactness: exactness, Words: evidence, Subject: subject, Kept: kept}
	// The suspect's own words in runs the source holds are evidence when
	// a passage is (see Options.DerivedContained), when there are enough
	// of them, when the source is not wholly inside the suspect and when
	// the two tell of the same names.
	if clean && len(contained) >= containedLeast && cmpn.SourceCoverage < wholeSource {
		kept := contained
		if len(refiguredSpans) > 0 {
			kept = nil
			for _, k := range contained {
				in := func(a [2]int) bool { return a[0] <= int(k) && int(k) < a[1] }
				if !slices.ContainsFunc(refiguredSpans, in) || slices.ContainsFunc(countedSpans, in) {
					kept = append(kept, k)
				}
			}
		}
		cmpn.Evidence.Contained = o.containedOwn(source, suspect, kept)
	}
	cmpn.Relation = o.Decide(cmpn.Evidence)
	cmpn.Rewording = o.RewordingOf(cmpn.Relation, cmpn.Evidence)
	if e := cmpn.Evidence; e.Contained > 0 {
		e.Contained = 0
		if o.Decide(e) != cmpn.Relation {
			cmpn.Phrases = &wiretrace.Phrases{Share: round(cmpn.Evidence.Contained), Spans: phraseSpans(suspect, contained)}
		}
	}
	return cmpn
}

// containedOwn returns the share of the suspect's own words (see ownWord)
// among its words contained in the source's runs, or 0 when they are fewer
// than containedLeast or the source does not hold its names.
func (o Options) containedOwn(source, suspect *Doc, contained []int32) float64 {
	own := suspect.ownWords(o)
	kept := 0
	for _, k := range contained {
		if own.is[k] {
			kept++
		}
	}
	if kept < containedLeast || !namesHeld(source, suspect) {
		return 0
	}
	return float64(kept) / float64(own.n)
}

// phraseSpans returns the runs of the suspect's contained words (ascending
// token indexes) as byte spans: each of containRun words or more, since
// every contained word lies in a run of that many the source holds.
func phraseSpans(suspect *Doc, contained []int32) []wiretrace.Span {
	spans := []wiretrace.Span{}
	for i := 0; i < len(contained); {
		j := i + 1
		for j < len(contained) && contained[j] == contained[j-1]+1 {
			j++
		}
		spans = append(spans, wiretrace.Span{Start: int(suspect.toks[contained[i]].start), End: int(suspect.toks[contained[j-1]].end)})
		i = j
	}
	return spans
}

// namesHeld reports whether the source holds at least half the names of
// the suspect (its immutables other than numbers and the dateline's, each
// once), or the suspect names nothing: a story retold from another tells
// of the same people and places; one formula filled for another company
// or another bond issue shares its phrases and not its names.
func namesHeld(source, suspect *Doc) bool {
	names := suspect.nameHashes()
	held := 0
	for _, h := range names {
		if source.contentSet().find(h) >= 0 {
			held++
		}
	}
	return 2*held >= len(names)
}

// containedLeast is the fewest of the suspect's own words (outside quotes,
// names and numbers) in runs the source holds for its containment to be
// evidence: short notices written to one formula ("Fees total 1-7/8 pct,
// with 1-1/4 pct for selling") share a large part of their few words.
// Chosen on the tuning corpora of eval families (mean ARI of the
// generated and METER parts, PartialContained at 0.10: 12 words 0.905, 15
// 0.905, 20 0.908, 25 0.905, 30 0.903).
const containedLeast = 20

// wholeSource is the share of the source inside passages from which the
// suspect holds the source whole: what it does not share in passages is
// its own (the source cut from it, or the suspect its update), and its
// containment says no more than the passages.
const wholeSource = 0.7

// contradicts reports whether a passage's names, numbers and dates
// disagree at least as much as they agree, with at least two facts put in
// others' places: "rose 0.2% in April" against "declined 0.5% in May" is
// one template filled with another month's figures, not one report copied
// from the other; so is a filing of one company against another's, where
// the names the formula itself holds ("the Securities and Exchange
// Commission") agree. A copy updated with a new figure keeps most of its
// facts and still counts.
//
// Figures are the facts a copy least often changes: a passage whose
// figures were put in other figures' places at least twice, and at least
// as often as they were kept, is another report to the same formula
// ("arrange two billion dlrs ... trading at 6-5/16 pct" against "arrange
// 1.5 billion dlrs ... trading at six pct"), however many of the
// formula's own names agree.
//
// Nor is a passage whose two sides hold figures that mostly differ,
// wherever they stand: a formula reworded around another day's figures
// ("provided 37 mln stg in the morning ... a shortfall of 700 mln"
// against "late help of 85 mln ... a shortage of 250 mln") puts few of
// them in each other's places, yet none of one report's figures is in
// the other. Counted on the side with fewer, a copy keeps more of its
// source's figures than it loses ("15 counts and four" summed as "19
// counts" beside four kept is still a copy).
func (o Options) contradicts(p *passage) bool {
	return o.Contradictions && p.contradicted >= 2 && p.contradicted >= p.facts || o.refigured(p)
}

// refigured reports whether a passage's figures contradict each other's
// (see contradicts): put in other figures' places, or mostly differing
// wherever they stand.
func (o Options) refigured(p *passage) bool {
	return o.Contradictions && (p.refigured >= 2 && p.refigured >= p.figures ||
		p.figuresApart >= 2 && p.figuresApart > p.figuresShared)
}

// otherSubjects reports whether two texts, the suspect nearly whole in
// their passages, are about different subjects: most of the names each
// repeats most (Doc.subject) appear nowhere in the other. Such texts are one formula
// written twice ("Micropolis Corp said it filed with the Securities and
// Exchange Commission ..." against "Witco Corp said it filed ..."), not
// one story copied: a copy keeps what its source is about, however it
// rewords the rest, and a spinner leaves names alone. The passages'
// facts may still agree in most slots (the formula's own names, a shared
// underwriter), which contradicts cannot see. Only a suspect at least
// half inside the passages is judged so: one that sets another's
// paragraphs among its own may well be about something else. A source
// less than half inside them is judged by the names of the sentences the
// passages lie in (namesIn), not by what the whole of it is about: a
// filing's formula ("said it ... the company said") met in a bid story's
// last paragraph names the bidder there, and a roundup that holds a
// brief's paragraphs about a company under no name tells nothing against
// the brief.
func (o Options) otherSubjects(source, suspect *Doc, passages []*passage) (a, b []uint64, ok bool) {
	if !o.Contradictions || len(passages) == 0 {
		return nil, nil, false
	}
	var inSource, inSuspect int
	for _, p := range passages {
		inSource += p.srcHi - p.srcLo
		inSuspect += p.suspHi - p.suspLo
	}
	if 2*inSuspect < len(suspect.toks) {
		return nil, nil, false
	}
	// The suspect's subject first: it is made once for all of a check's
	// candidates, and for a copy it is in the source, which spares making
	// the source's.
	b, opening := subjectIn(suspect, passages, func(p *passage) (int, int) { return p.suspLo, p.suspHi })
	if len(b) == 0 || !mostlyAbsent(b, source, opening) {
		return nil, nil, false
	}
	if 2*inSource >= len(source.toks) {
		a, opening = subjectIn(source, passages, func(p *passage) (int, int) { return p.srcLo, p.srcHi })
	} else {
		a, opening = source.namesIn(passages), false
	}
	if len(a) == 0 || !mostlyAbsent(a, suspect, opening) {
		return nil, nil, false
	}
	return a, b, true
}

// namesIn returns the stem hashes of the names in the sentences the
// source's side of the passages lies in (capitalised words that are no
// English word, as in subject), each once: what a longer source tells of
// where a shorter text aligns with it. A passage often starts after its
// sentence's subject ("said it now holds ..."), which the sentence names.
func (d *Doc) namesIn(passages []*passage) []uint64 {
	var names []uint64
	for _, p := range passages {
		for k := sentenceOf(d, p.srcLo).Start; k < sentenceOf(d, p.srcHi-1).End; k++ {
			if d.capitalised(k) && text.FrequencyOf(d.words[k].Hash) == 0 {
				names = append(names, d.words[k].Hash)
			}
		}
	}
	slices.Sort(names)
	return slices.Compact(names)
}

// named returns the words of d that names (stem hashes) stand for, each
// as d first writes it, joined by spaces, titles and company designators
// left out: "Marine Midland Banks".
func (d *Doc) named(names []uint64) string {
	var words []string
	for _, h := range names {
		for k := range d.words {
			if d.words[k].Hash == h {
				if !text.Titular(d.norm(k)) {
					words = append(words, d.Text[d.toks[k].start:d.toks[k].end])
				}
				break
			}
		}
	}
	return strings.Join(words, " ")
}

// subjectIn returns d's subject: the names it repeats most, else the name
// it opens with when a passage (whose tokens on d's side span gives)
// takes in the sentence it opens; nil when it has neither. A text that
// opens with a paragraph of its own says nothing of what it shares by the
// name of that paragraph.
func subjectIn(d *Doc, passages []*passage, span func(*passage) (int, int)) (names []uint64, opening bool) {
	if s := d.subject(); len(s) > 0 {
		return s, false
	}
	names, lo, hi := d.openingName()
	for _, p := range passages {
		if plo, phi := span(p); plo < hi && lo < phi {
			return names, true
		}
	}
	return nil, false
}

// mostlyAbsent reports whether at least half the names (stem hashes) are
// nowhere in d: a subject is a name or a few tied ("Fieldcrest Cannon
// Inc"), some of them words any company's name may hold. An opening name
// must be absent in more than half its words, since it is one name
// however many its words, spelt two ways as often as not ("Zulfiqar Ali"
// and "Zulifquar Ali", "Wall Street" and "Wall St").
func mostlyAbsent(names []uint64, d *Doc, opening bool) bool {
	absent := 0
	for _, h := range names {
		if d.contentSet().find(h) < 0 {
			absent++
		}
	}
	if opening {
		return 2*absent > len(names)
	}
	return 2*absent >= len(names)
}

// Decide is the relation that evidence e supports under o's thresholds.
// It is the rule every comparison ends with, exported so that an
// evaluation can refit the thresholds on one part of a corpus without
// aligning again.
func (o *Options) Decide(e wiretrace.Evidence) wiretrace.Relation {
	switch {
	case e.Coverage >= o.DerivedCoverage && e.Exactness >= o.CopyExactness:
		return wiretrace.Copy
	case e.Coverage >= o.DerivedCoverage || e.Words > 0 && o.DerivedContained > 0 && e.Contained >= o.DerivedContained:
		return wiretrace.Spun
	case e.Coverage >= o.PartialCoverage && e.Words >= o.PartialWords || o.PartialContained > 0 && e.Contained >= o.PartialContained:
		return wiretrace.Partial
	case e.Subject >= o.RelatedSimilarity:
		return wiretrace.Related
	}
	return wiretrace.Unrelated
}

// RewordingOf says how a suspect whose relation is r and evidence e
// reworded its source: for a spun relation, rewritten when it keeps fewer
// of the source's words than RewrittenKept, else synonyms; "" for any
// other relation.
func (o *Options) RewordingOf(r wiretrace.Relation, e wiretrace.Evidence) wiretrace.Rewording {
	switch {
	case r != wiretrace.Spun:
		return ""
	case e.Kept < o.RewrittenKept:
		return wiretrace.Rewritten
	}
	return wiretrace.Synonyms
}

// exact reports whether the passage is verbatim: no substitutions and
// nine words in ten kept.
func (p *passage) exact() bool { return p.substituted == 0 && p.similarity() >= 0.9 }

// similarity is the share of kept words in the passage's longer side.
func (p *passage) similarity() float64 {
	return float64(p.matched) / float64(max(p.srcHi-p.srcLo, p.suspHi-p.suspLo))
}

func share(covered []bool) float64 {
	n := 0
	for _, c := range covered {
		if c {
			n++
		}
	}
	return float64(n) / float64(len(covered))
}

// cosine is the cosine similarity of the two texts' content-word stems,
// counted once per text: a measure of shared subject, not of copying.
func cosine(a, b *Doc) float64 {
	sa, sb := a.contentSet(), b.contentSet()
	if len(sa.keys) == 0 || len(sb.keys) == 0 {
		return 0
	}
	if len(sa.keys) > len(sb.keys) {
		sa, sb = sb, sa
	}
	common := 0
	for _, k := range sa.keys {
		if sb.find(k) >= 0 {
			common++
		}
	}
	return float64(common) / math.Sqrt(float64(len(sa.keys))*float64(len(sb.keys)))
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func round(f float64) float64 { return math.Round(f*1000) / 1000 }

// span4 is a reported passage's token range on each side.
type span4 struct{ srcLo, srcHi, suspLo, suspHi int }

// condensations groups passages (in suspect order) that lie close together
// in the suspect and draw on a much longer stretch of the source: a brief
// written from a long story, a summary, or paragraphs taken from across a
// story and set side by side. The suspect sentences no passage touches
// that retell a source sentence (see retold) join them. Each group of two
// or more members, a passage among them, none more than CondenseGap words
// from the next in the suspect, whose sources span at least CondenseRatio
// times the words they span in the suspect, is one condensation; the
// source stretch runs from the earliest of its members' sources to the
// latest, in whatever order the suspect takes them, or over the whole
// source when a retold sentence is among them and that stretch is at
// least CondenseWhole of it.
func (o Options) condensations(source, suspect *Doc, spans []span4) []wiretrace.Condensation {
	if o.CondenseGap < 0 {
		return nil
	}
	// Members are the passages and, with CondenseSimilarity, the suspect
	// sentences no passage touches paired with the source sentence most
	// like them: a summary retells sentences it does not copy.
	type member struct {
		span4
		passage int // -1 for a retold sentence
	}
	members := make([]member, 0, len(spans))
	for k, s := range spans {
		members = append(members, member{s, k})
	}
	if o.CondenseSimilarity > 0 && len(spans) > 0 {
		for _, s := range o.retold(source, suspect, spans) {
			members = append(members, member{s, -1})
		}
		slices.SortFunc(members, func(a, b member) int { return cmp.Compare(a.suspLo, b.suspLo) })
	}
	var out []wiretrace.Condensation
	for i := 0; i < len(members); {
		j := i + 1
		for j < len(members) && members[j].suspLo-members[j-1].suspHi <= o.CondenseGap {
			j++
		}
		srcLo, srcHi := members[i].srcLo, members[i].srcHi
		suspHi := members[i].suspHi
		var passages []int
		for _, m := range members[i:j] {
			srcLo, srcHi, suspHi = min(srcLo, m.srcLo), max(srcHi, m.srcHi), max(suspHi, m.suspHi)
			if m.passage >= 0 {
				passages = append(passages, m.passage)
			}
		}
		retold := j - i - len(passages)
		suspLo := members[i].suspLo
		if j-i >= 2 && len(passages) > 0 && float64(srcHi-srcLo) >= o.CondenseRatio*float64(suspHi-suspLo) {
			// One that retells as well as copies, and draws on much of
			// the source, summarises it: what it does not retell is what
			// it left out. Paragraphs set side by side (no sentence
			// retold) excerpt the stretch they come from.
			whole := o.CondenseWhole > 0 && retold > 0 && float64(srcHi-srcLo) >= o.CondenseWhole*float64(len(source.toks))
			if whole {
				srcLo, srcHi = 0, len(source.toks)
			}
			out = append(out, wiretrace.Condensation{
				SourceStart:  int(source.toks[srcLo].start),
				SourceEnd:    int(source.toks[srcHi-1].end),
				SuspectStart: int(suspect.toks[suspLo].start),
				SuspectEnd:   int(suspect.toks[suspHi-1].end),
				SourceWords:  srcHi - srcLo,
				SuspectWords: suspHi - suspLo,
				Passages:     passages,
				Retold:       retold,
				Whole:        whole,
			})
		}
		i = j
	}
	return out
}
