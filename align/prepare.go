package align

import (
	"cmp"
	"slices"
	"strings"
	"sync"

	"github.com/wiretrace/wiretrace/anatomy"
	"github.com/wiretrace/wiretrace/text"
)

// Doc is a text prepared for alignment. Prepare it once and compare it with
// many others.
type Doc struct {
	Text string
	Toks []text.Token
	// words are per token: the light stem's hash, whether it is a
	// stopword, and the synonym sets of the ordinary content words (see
	// text.Synsets; none for others).
	words []text.Word
	// immutable marks names and numbers: words that spinners keep and that
	// independent reports of the same event share too (DSpin's immutables).
	immutable []bool
	// ordinary counts the words that are evidence: neither immutables
	// nor the dateline's.
	ordinary int
	// datelineLo and datelineHi are the tokens of the text's dateline
	// ("LONDON, March 3 (Reuters) -"; none when they are equal), which are
	// no evidence: every story an agency files from one place on one day
	// opens with the same dateline. Its names and numbers stay facts (a
	// copy keeps its source's dateline; two that differ were filed apart).
	datelineLo, datelineHi int
	// quoted marks the words that are quoted, marks or not (see
	// markQuoted); unquoted counts the others.
	quoted   []bool
	unquoted int
	// seeds (without and with synonyms, made the first time the Doc is
	// aligned as a suspect), contents and sents are made on first use,
	// once.
	seedOnce    [2]sync.Once
	seeds       [2]seedIndex
	contentOnce sync.Once
	contents    *slots
	sentOnce    sync.Once
	sents       []text.Span
	// sentWords are the sentence indexes, without and with Immutables.
	sentWordsOnce [2]sync.Once
	sentWords     [2]sentenceIndex
	subjectOnce   sync.Once
	subjects      []uint64
}

// NewDoc tokenises s.
func NewDoc(s string) *Doc {
	toks := text.Tokenize(s)
	d := &Doc{
		Text:      s,
		Toks:      toks,
		words:     text.Words(toks),
		immutable: make([]bool, len(toks)),
	}
	upper := 0
	for _, t := range toks {
		if t.Upper {
			upper++
		}
	}
	d.quoted = markQuoted(s, toks, d.sentences())
	for _, q := range d.quoted {
		if !q {
			d.unquoted++
		}
	}
	d.datelineLo, d.datelineHi = dateline(s, toks)
	// In a text set in capitals, a capital says nothing of names.
	caseTells := upper*2 < len(toks)
	for i, t := range toks {
		d.immutable[i] = t.Number || caseTells && t.Upper && d.content(i)
		if !d.immutable[i] && !d.inDateline(i) {
			d.ordinary++
		}
		if d.immutable[i] || d.inDateline(i) || !d.content(i) {
			d.words[i] = d.words[i].WithoutSynsets()
		}
	}
	return d
}

// datelineParagraphs is how many of a text's first paragraphs may open
// with its dateline (after a headline, a byline, a caption).
const datelineParagraphs = 12

// dateline returns the tokens [lo,hi) of the dateline that opens one of the
// first paragraphs of s (see anatomy.DatelineLen), or 0, 0. A paragraph
// opens at the first token after a line break.
func dateline(s string, toks []text.Token) (lo, hi int) {
	for i, p := 0, 0; i < len(toks) && p < datelineParagraphs; p++ {
		start := toks[i].Start
		if n := anatomy.DatelineLen(s[start:]); n > 0 {
			hi = i
			for hi < len(toks) && toks[hi].Start < start+n {
				hi++
			}
			return i, hi
		}
		nl := strings.IndexByte(s[start:], '\n')
		if nl < 0 {
			break
		}
		next, _ := slices.BinarySearchFunc(toks[i:], start+nl, func(t text.Token, off int) int { return cmp.Compare(t.Start, off) })
		i += next
	}
	return 0, 0
}

// inDateline reports whether token k is one of the dateline's.
func (d *Doc) inDateline(k int) bool { return d.datelineLo <= k && k < d.datelineHi }

// content reports whether token k is a content word: not a stopword.
func (d *Doc) content(k int) bool { return !d.words[k].Stop }

// subject returns the stem hashes of the names d repeats most, at least
// twice: what a news story is about ("Micropolis" in a story of Micropolis
// Corp's filing). A name here is a capitalised word outside the dateline
// that is no English word (text.Frequency 0) and no initial: "Micropolis",
// "Witco", "Pte", not "Private", "Proceeds" or "Securities", which a
// formula or a sentence's start capitalises as often, nor the letters of
// "N.R.A.". Made once per Doc; nil when no name repeats.
func (d *Doc) subject() []uint64 {
	d.subjectOnce.Do(func() {
		// The capitalised words' hashes, sorted, give each one's count;
		// only the repeated ones are looked up in the frequency table.
		var buf [256]uint64
		caps := buf[:0]
		for k := range d.Toks {
			if d.immutable[k] && !d.Toks[k].Number && !d.inDateline(k) && len(d.Toks[k].Norm) >= 2 {
				caps = append(caps, d.words[k].Hash)
			}
		}
		slices.Sort(caps)
		most := 2
		for lo := 0; lo < len(caps); {
			hi := lo + 1
			for hi < len(caps) && caps[hi] == caps[lo] {
				hi++
			}
			if n := hi - lo; n >= most && text.FrequencyOf(caps[lo]) == 0 {
				if n > most {
					most, d.subjects = n, d.subjects[:0]
				}
				d.subjects = append(d.subjects, caps[lo])
			}
			lo = hi
		}
	})
	return d.subjects
}

// sentences returns d's sentences as token ranges, made once per Doc.
func (d *Doc) sentences() []text.Span {
	d.sentOnce.Do(func() { d.sents = text.Sentences(d.Text, d.Toks) })
	return d.sents
}

// contentSet returns the hashes of d's content-word stems, each once. It
// is made once per Doc.
func (d *Doc) contentSet() *slots {
	d.contentOnce.Do(func() {
		d.contents = newSlots(len(d.words) / 2)
		for _, w := range d.words {
			if !w.Stop {
				d.contents.add(w.Hash)
			}
		}
	})
	return d.contents
}

// Hashes returns the hash of each token's light stem (xxh3 of text.Stem of
// its Norm), the words fingerprints are made of, in a new slice.
func (d *Doc) Hashes() []uint64 {
	h := make([]uint64, len(d.words))
	for i, w := range d.words {
		h[i] = w.Hash
	}
	return h
}
