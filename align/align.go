package align

import (
	"cmp"
	"slices"

	"github.com/wiretrace/wiretrace"
)

// Options are the alignment's parameters. The zero value is not useful:
// start from Defaults.
type Options struct {
	// MaxGap is the largest gap, in words on either side, inside a chain.
	MaxGap int
	// MinMatched is the fewest matched words a passage needs.
	MinMatched int
	// MinMatchedShort is the least of MinMatched for very short texts.
	MinMatchedShort int
	// MinMatchedBrief is the fewest a passage needs when the shorter text
	// has fewer than BriefWords words of its own (names, numbers and its
	// dateline aside): a sentence or two retold keeps few words in a row.
	// Both chosen on the tuning corpora of eval families (see
	// docs/quality.md).
	MinMatchedBrief int
	BriefWords      int
	// MinDensity is the least share of matched words in a passage's longer
	// side.
	MinDensity float64
	// MergeGap is the largest gap, in words on either side, between two
	// passages that merge into one.
	MergeGap int
	// MaxSubstitution is the longest run of words, on either side, reported
	// as a substitution rather than an insertion or deletion.
	MaxSubstitution int
	// MaxSeedRepeats drops bigrams that occur more often than this in
	// either text: they are the text's own boilerplate.
	MaxSeedRepeats int
	// DerivedCoverage is the least evidence coverage of the suspect for a
	// copy or spun relation; PartialCoverage and PartialWords the least for
	// partial.
	DerivedCoverage float64
	PartialCoverage float64
	PartialWords    int
	// DerivedContained, when above zero, is the least share of the
	// suspect's own words (quotes, names and numbers aside) that the
	// source holds in runs of three or more (wiretrace.Evidence.Contained)
	// for a spun relation, when a passage counts as evidence besides;
	// PartialContained, when above zero, the least share for a partial
	// one. A story retold from another in its own order keeps the other's
	// phrases where its passages no longer chain. DerivedContained was
	// fitted on METER's first half of catchlines, PartialContained chosen
	// on the tuning corpora of eval families (see docs/quality.md).
	DerivedContained float64
	PartialContained float64
	// CopyExactness is the least share of kept words among the words of
	// the passages (wiretrace.Evidence.Exactness) for a copy rather than
	// a spun relation.
	CopyExactness float64
	// RewrittenKept is the share of the suspect's words kept from the
	// source (wiretrace.Evidence.Kept: the score, or the containment when
	// larger) under which a spun text
	// is rewritten rather than spun with synonyms (wiretrace.Rewording):
	// a spinner swaps words and leaves most of them, a rewrite keeps few.
	// Fitted on Clough-Stevenson's light and heavy revisions (see
	// docs/quality.md).
	RewrittenKept float64
	// Immutables sets names and numbers aside as evidence of copied
	// wording; QuoteAware sets aside words inside quotation marks;
	// BalancedGaps counts words matched inside a gap only when the gap's
	// two sides are about as long. Each is on in Defaults; they are
	// options so that what each adds can be measured.
	Immutables   bool
	QuoteAware   bool
	BalancedGaps bool
	// NameRun, when above zero, counts the names of a run of at least
	// that many words matched word for word, in the same order on both
	// sides, as evidence after all: independent reports share names, not
	// that many words of them in a row (a copied list of companies, a
	// menu, a heading in title case).
	NameRun int
	// Synonyms matches words that share a synonym set (text.Synsets) as
	// substitutions that keep a passage together.
	Synonyms bool
	// WholeSentences extends a reworded passage to the start and end of
	// the sentences it begins and ends in, when they are at most MaxGap
	// words away.
	WholeSentences bool
	// NeighbourSimilarity, when above zero, extends a reworded passage
	// that WholeSentences made whole by the sentence pairs just before and
	// after it whose content words reach this cosine, as long as they do:
	// a sentence rewritten out of its words' order stands where its source
	// sentence stood. Chosen on the second, fourth, ... pair of each part
	// of PAN's corpus (see docs/quality.md).
	NeighbourSimilarity float64
	// MovedSimilarity, when above zero, widens a reworded passage's
	// source stretch by the source sentences just before and after it
	// that a sentence inside the passage retells with this cosine of
	// content words: a rewrite that moves sentences about keeps them
	// inside the passage. Chosen like NeighbourSimilarity.
	MovedSimilarity float64
	// SentenceSimilarity, when above zero, pairs uncovered suspect
	// sentences with source sentences of at least this cosine of content
	// words, when the two texts' content words have a cosine of at least
	// SentenceSubject: a text that says something else shares a
	// paraphrased sentence by chance; a long text that holds another's
	// paragraphs among its own shares little of its subject as a whole.
	SentenceSimilarity float64
	SentenceSubject    float64
	// RelatedSimilarity is the least cosine similarity of content words for
	// a related relation.
	RelatedSimilarity float64
	// Contradictions sets aside as evidence the passages whose names,
	// numbers and dates disagree at least as much as they agree (a
	// template filled with other figures, another company's filing).
	Contradictions bool
	// CondenseGap and CondenseRatio find condensations: passages at most
	// CondenseGap words apart in the suspect whose sources spread over a
	// stretch at least CondenseRatio times as long as theirs in the
	// suspect (see wiretrace.Condensation). A CondenseGap below zero
	// finds none.
	CondenseGap   int
	CondenseRatio float64
	// CondenseSimilarity, when above zero, lets a suspect sentence that
	// no passage touches join a condensation by the source sentence whose
	// content words have at least this cosine with its own.
	CondenseSimilarity float64
	// CondenseWhole, when above zero, makes a condensation that retells
	// source sentences (see CondenseSimilarity) and whose sources spread
	// over at least this share of the source's words one of the whole
	// source (wiretrace.Condensation.Whole): a summary or a brief that
	// draws on that much of a text condenses the text, and what it does
	// not retell is what it left out.
	CondenseWhole float64
}

// Defaults are the options wiretrace uses.
var Defaults = Options{
	MaxGap:              16,
	MinMatched:          9,
	MinMatchedShort:     4,
	MinMatchedBrief:     5,
	BriefWords:          30,
	MinDensity:          0.25,
	MergeGap:            80,
	MaxSubstitution:     3,
	MaxSeedRepeats:      8,
	DerivedCoverage:     0.5,
	PartialCoverage:     0,
	PartialWords:        15,
	CopyExactness:       0.93,
	RewrittenKept:       0.65,
	DerivedContained:    0.5,
	PartialContained:    0.14,
	RelatedSimilarity:   0.2,
	Immutables:          true,
	NameRun:             16,
	QuoteAware:          true,
	BalancedGaps:        true,
	Synonyms:            true,
	WholeSentences:      true,
	NeighbourSimilarity: 0.2,
	MovedSimilarity:     0.5,
	SentenceSimilarity:  0.7,
	SentenceSubject:     0.1,
	Contradictions:      true,
	CondenseGap:         50,
	CondenseRatio:       1.5,
	CondenseSimilarity:  0.5,
	CondenseWhole:       0.35,
}

// Compare aligns suspect against source with the default options.
func Compare(source, suspect *Doc) wiretrace.Comparison {
	return Defaults.Compare(source, suspect)
}

// pair is a matched word: source token i, suspect token j. Strong pairs
// come from a bigram with a content word that is not a name or number.
type pair struct {
	i, j   int32
	strong bool
}

// passage is a chain of matched words with its gaps filled.
type passage struct {
	// pairs are the chain's matched words; gapPairs those the gap fill
	// matched between them.
	pairs, gapPairs []pair
	srcLo, srcHi    int // token range, end exclusive
	suspLo, suspHi  int
	matched         int
	// ordinary counts matched words that are not immutables: the evidence
	// that wording, not only facts, was carried over.
	ordinary int
	// unquoted counts the ordinary words outside quotation marks: what is
	// left as evidence once shared quotes are set aside.
	unquoted    int
	substituted int // suspect words inside substitutions
	subs        []sub
	quoted      bool
	// facts counts the names and numbers matched; contradicted those put
	// in the place of another name or number (see Options.contradicts).
	facts, contradicted int
	// figures counts the figures matched (numbers, in digits or words);
	// refigured those put in other figures' places.
	figures, refigured int
	// figuresApart and figuresShared compare the figures of the two
	// sides wherever they stand (see figuresApart).
	figuresApart, figuresShared int
}

type sub struct{ source, suspect string }

// Compare aligns suspect against source.
func (o Options) Compare(source, suspect *Doc) wiretrace.Comparison {
	return o.Align(source, suspect).Comparison
}

// Alignment is a comparison with the word alignment behind it.
type Alignment struct {
	wiretrace.Comparison
	// TokenMap maps each source token (a word of source) to the
	// suspect token aligned with it, the same word or a synonym, or -1.
	// Within a passage the pairs keep text order. It is set only when the
	// relation is derived (copy, spun, partial): it is what following a
	// credit or a quote from the source into the suspect needs.
	TokenMap []int
}

// Align aligns suspect against source and returns the comparison with the
// word alignment.
func (o Options) Align(source, suspect *Doc) Alignment {
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	pairs := o.seeds(source, suspect, sc)
	run := diagonals(pairs, len(suspect.toks), sc)
	sc.contained = containedWords(pairs, run, sc.contained[:0])
	pairs = anchored(pairs, run, len(source.toks), len(suspect.toks), sc)
	chains := o.chain(pairs, sc)
	var passages []*passage
	for _, c := range chains {
		p := o.fill(source, suspect, c, sc)
		if p != nil {
			passages = append(passages, p)
		}
	}
	// How much subject the texts share decides related, and whether
	// paraphrased sentences are worth looking for.
	subject := cosine(source, suspect)
	if o.SentenceSimilarity > 0 && subject >= o.SentenceSubject && o.undecided(suspect, passages) {
		passages = append(passages, o.sentencePassages(source, suspect, passages)...)
	}
	slices.SortFunc(passages, func(a, b *passage) int { return cmp.Compare(a.suspLo, b.suspLo) })
	a := Alignment{Comparison: o.judge(source, suspect, passages, o.merge(passages), subject, sc.contained)}
	if len(suspect.toks) > 0 {
		a.Containment = round(float64(len(sc.contained)) / float64(len(suspect.toks)))
	}
	if a.Relation.Derived() {
		a.TokenMap = tokenMap(len(source.toks), passages)
	}
	return a
}

// tokenMap returns, for each of n source tokens, the suspect token the
// passages matched it with, or -1.
func tokenMap(n int, passages []*passage) []int {
	m := make([]int, n)
	for i := range m {
		m[i] = -1
	}
	for _, p := range passages {
		for _, ps := range [2][]pair{p.pairs, p.gapPairs} {
			for _, q := range ps {
				if m[q.i] < 0 {
					m[q.i] = int(q.j)
				}
			}
		}
	}
	return m
}

// ownWord reports whether token k of d is one of its own words, those whose
// runs the source holds are phrases it kept: not quoted, not a name or a
// number, and a word, not a character of a script written without spaces
// (three of those are a word or two).
func (o Options) ownWord(d *Doc, k int) bool {
	return !o.quoted(d, k) && !o.immutable(d, k) && !d.character(k)
}

// immutable reports whether token k of d is set aside as evidence: a name
// or number, when the options set those aside, or a word of the dateline.
func (o Options) immutable(d *Doc, k int) bool {
	return o.Immutables && d.immutable[k] || d.inDateline(k)
}

// quoted reports whether token k of d is inside quotation marks, when the
// options set quotes aside as evidence.
func (o Options) quoted(d *Doc, k int) bool { return o.QuoteAware && d.quoted[k] }
