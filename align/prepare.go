package align

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
	"unsafe"

	"github.com/wiretrace/wiretrace/anatomy"
	"github.com/wiretrace/wiretrace/text"
)

// Doc is a text prepared for alignment. Prepare it once and compare it with
// many others.
type Doc struct {
	Text string
	// toks are the words of Text (see text.Tokenize) without a pointer
	// each: a cache of thousands of prepared texts then holds almost
	// nothing the garbage collector must follow, where each token's Norm
	// string was most of its marking work. norms holds, one after
	// another, the Norms that are not the token's own bytes in Text.
	toks  []tok
	norms string
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
	// aligned as a suspect) and contents are made on first use, once;
	// sents are the sentences as token ranges.
	seedOnce    [2]sync.Once
	seeds       [2]seedIndex
	contentOnce sync.Once
	contents    *slots
	sents       []text.Span
	// sentWords are the sentence indexes, without and with Immutables.
	sentWordsOnce [2]sync.Once
	sentWords     [2]sentenceIndex
	subjectOnce   sync.Once
	subjects      []uint64
	// owns are the own words (see Options.ownWord), and unquoted the
	// running count of the words outside quotes, names and numbers, made
	// on first use for each setting of QuoteAware and Immutables.
	ownOnce      [4]sync.Once
	owns         [4]ownWords
	unquotedOnce [4]sync.Once
	unquotedRun  [4][]int32
	// names are the hashes of the text's names, each once, sorted (see
	// Doc.nameHashes).
	namesOnce sync.Once
	names     []uint64
}

// ownWords marks a text's own words and counts them.
type ownWords struct {
	is []bool
	n  int
}

// tok is a text.Token as a Doc keeps it, in 20 bytes instead of 40. Its
// Norm is norms[normAt:normEnd] when folded, else its own bytes in Text.
type tok struct {
	start, end      int32
	normAt, normEnd int32
	number, upper   bool
	quoted, folded  bool
}

// MaxText is the longest text NewDoc prepares, in bytes: a Doc's word
// offsets are 32-bit. Ingestion caps an article far below it
// (ingest.MaxArticleBytes).
const MaxText = math.MaxInt32

// tokenBuffers hold the text.Tokens NewDoc makes a Doc's words from and
// does not keep: a check prepares a dozen texts, and their tokens were a
// sixth of what it allocated.
var tokenBuffers = sync.Pool{New: func() any { return new([]text.Token) }}

// NewDoc tokenises s. It panics when s is longer than MaxText.
func NewDoc(s string) *Doc {
	if len(s) > MaxText {
		panic(fmt.Sprintf("align: a text of %d bytes, longer than MaxText", len(s)))
	}
	buf := tokenBuffers.Get().(*[]text.Token)
	toks := text.AppendTokens((*buf)[:0], s)
	defer func() {
		clear(toks) // the buffer holds no text once done
		*buf = toks[:0]
		tokenBuffers.Put(buf)
	}()
	d := &Doc{
		Text:      s,
		toks:      make([]tok, len(toks)),
		words:     text.Words(toks),
		immutable: make([]bool, len(toks)),
		sents:     text.Sentences(s, toks),
	}
	var norms strings.Builder
	upper := 0
	for k := range toks {
		t := &toks[k]
		d.toks[k] = tok{start: int32(t.Start), end: int32(t.End), number: t.Number, upper: t.Upper, quoted: t.Quoted}
		if !ownBytes(s, t) {
			d.toks[k].folded = true
			d.toks[k].normAt = int32(norms.Len())
			norms.WriteString(t.Norm)
			d.toks[k].normEnd = int32(norms.Len())
		}
		if t.Upper {
			upper++
		}
	}
	d.norms = norms.String()
	d.quoted = markQuoted(s, toks, d.sents)
	for _, q := range d.quoted {
		if !q {
			d.unquoted++
		}
	}
	d.datelineLo, d.datelineHi = dateline(s, toks)
	// In a text set in capitals, a capital says nothing of names.
	caseTells := upper*2 < len(toks)
	for i, t := range d.toks {
		d.immutable[i] = t.number || caseTells && t.upper && d.content(i)
		if !d.immutable[i] && !d.inDateline(i) {
			d.ordinary++
		}
		if d.immutable[i] || d.inDateline(i) || !d.content(i) {
			d.words[i] = d.words[i].WithoutSynsets()
		}
	}
	return d
}

// ownBytes reports whether t's Norm is its own bytes in s, which
// text.Tokenize gives as a slice of s.
func ownBytes(s string, t *text.Token) bool {
	return len(t.Norm) == t.End-t.Start && (len(t.Norm) == 0 || unsafe.StringData(t.Norm) == unsafe.StringData(s[t.Start:]))
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

// Ordinary returns how many of the text's words are its own: neither
// names, numbers nor the dateline's (a brief has fewer than
// Options.BriefWords).
func (d *Doc) Ordinary() int { return d.ordinary }

// Len returns the number of words of the text.
func (d *Doc) Len() int { return len(d.toks) }

// Token returns word k of the text, as text.Tokenize gave it.
func (d *Doc) Token(k int) text.Token {
	t := d.toks[k]
	return text.Token{Start: int(t.start), End: int(t.end), Norm: d.norm(k), Number: t.number, Upper: t.upper, Quoted: t.quoted}
}

// Tokens returns the words of the text, as text.Tokenize gave them, in a
// new slice.
func (d *Doc) Tokens() []text.Token {
	toks := make([]text.Token, len(d.toks))
	for k := range toks {
		toks[k] = d.Token(k)
	}
	return toks
}

// StemHash returns the hash of word k's light stem (see Hashes).
func (d *Doc) StemHash(k int) uint64 { return d.words[k].Hash }

// Span returns the bytes [start, end) of word k in the text.
func (d *Doc) Span(k int) (start, end int) { return int(d.toks[k].start), int(d.toks[k].end) }

// TokensIn returns the range [lo, hi) of the words that lie wholly inside
// the bytes [start, end) of the text (see text.TokensIn).
func (d *Doc) TokensIn(start, end int) (lo, hi int) {
	lo = sort.Search(len(d.toks), func(k int) bool { return int(d.toks[k].start) >= start })
	hi = sort.Search(len(d.toks), func(k int) bool { return int(d.toks[k].end) > end })
	return lo, max(lo, hi)
}

// norm returns the Norm of word k.
func (d *Doc) norm(k int) string {
	if t := d.toks[k]; t.folded {
		return d.norms[t.normAt:t.normEnd]
	}
	return d.Text[d.toks[k].start:d.toks[k].end]
}

// character reports whether token k is a character of a script written
// without spaces (text.Segmented), not a word.
func (d *Doc) character(k int) bool {
	r, _ := utf8.DecodeRuneInString(d.norm(k))
	return text.Segmented(r)
}

// nameHashes returns the stem hashes of d's names (its immutables other
// than numbers and the dateline's), each once, sorted; made once.
func (d *Doc) nameHashes() []uint64 {
	d.namesOnce.Do(func() {
		for k := range d.toks {
			if d.immutable[k] && !d.toks[k].number && !d.inDateline(k) {
				d.names = append(d.names, d.words[k].Hash)
			}
		}
		slices.Sort(d.names)
		d.names = slices.Compact(d.names)
	})
	return d.names
}

// setting numbers the settings of o that say which words are a text's
// own: QuoteAware and Immutables.
func setting(o Options) int {
	i := 0
	if o.QuoteAware {
		i |= 1
	}
	if o.Immutables {
		i |= 2
	}
	return i
}

// unquotedWords returns how many of d's tokens lo to hi are outside
// quotes and neither names nor numbers under o, from a running count made
// once.
func (d *Doc) unquotedWords(o Options, lo, hi int) int {
	i := setting(o)
	d.unquotedOnce[i].Do(func() {
		run := make([]int32, len(d.toks)+1)
		for k := range d.toks {
			run[k+1] = run[k]
			if !o.quoted(d, k) && !o.immutable(d, k) {
				run[k+1]++
			}
		}
		d.unquotedRun[i] = run
	})
	run := d.unquotedRun[i]
	return int(run[hi] - run[lo])
}

// ownWords returns d's own words under o (see Options.ownWord), made once.
func (d *Doc) ownWords(o Options) *ownWords {
	i := setting(o)
	d.ownOnce[i].Do(func() {
		w := &d.owns[i]
		w.is = make([]bool, len(d.toks))
		for k := range d.toks {
			if o.ownWord(d, k) {
				w.is[k] = true
				w.n++
			}
		}
	})
	return &d.owns[i]
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
		for k := range d.toks {
			if d.capitalised(k) {
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

// capitalised reports whether token k may be a word of a name as subject
// counts them: capitalised, outside the dateline, no number and no
// initial. Whether it is an English word is asked apart (text.Frequency),
// of the few that need it.
func (d *Doc) capitalised(k int) bool {
	return d.immutable[k] && !d.toks[k].number && !d.inDateline(k) && len(d.norm(k)) >= 2
}

// openingName returns the stem hashes of the name a text opens with, past
// its dateline, when it is two capitalised words or more ("Marine Midland
// Banks Inc said it is raising its prime rate ..."), with the tokens
// [lo, hi) of the sentence it opens: the subject of a short story that
// names it once. Its words may be English ones ("Marine Midland Banks"),
// not all of them (text.Frequency 0 for one at least: "Big Blue" and
// "Chemical Bank" may be a nickname or a description); one capitalised
// word ("Police", "Proceeds") is a sentence's start, not a name, and a
// line of capitals alone is a headline or a byline. A name
// ends where punctuation does ("Like Viacom, GE ..."), and its titles and
// company designators ("Ms", "Inc") name no one in particular
// (text.Titular).
func (d *Doc) openingName() (names []uint64, lo, hi int) {
	k := 0
	if d.inDateline(0) {
		k = d.datelineHi
	}
	lo, hi = k, len(d.toks)
	for _, s := range d.sents {
		if s.Start <= k && k < s.End {
			hi = s.End
			break
		}
	}
	for ; k < hi && d.toks[k].upper; k++ {
		if k > lo && strings.ContainsAny(d.Text[d.toks[k-1].end:d.toks[k].start], ",;:()[]\"\u201c\u201d") {
			break
		}
		if d.immutable[k] && !d.toks[k].number && len(d.norm(k)) >= 2 && !text.Titular(d.norm(k)) {
			names = append(names, d.words[k].Hash)
		}
	}
	if k == hi || len(names) < 2 || !slices.ContainsFunc(names, func(h uint64) bool { return text.FrequencyOf(h) == 0 }) {
		return nil, 0, 0
	}
	return names, lo, hi
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
