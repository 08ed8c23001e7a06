// Package integrity flags the problems an article shows on its own, from
// its anatomy: credits that disagree, a quote opened and never closed, a
// direct quote with no speaker, one name spelt two ways, a word repeated
// in a broken construction. With an index of bylines it also flags a
// byline name seen only under other publishers (CheckBylines).
//
// A flag is a finding for a person to weigh, never an error. The package
// reads articles through package anatomy and must not parse them itself,
// compare one article with another (package credit does) or store
// anything; the only outside source it asks is the BylineIndex a caller
// gives CheckBylines.
package integrity

import (
	"github.com/wiretrace/wiretrace/anatomy"
	"github.com/wiretrace/wiretrace/text"
)

// Flag kinds.
const (
	// FlagCreditConflict: the article credits one organisation in its
	// dateline, byline or headline and another in a photo credit, or two
	// in its story credits.
	FlagCreditConflict = "credit-conflict"
	// FlagQuoteUnclosed: a quote opened and never closed.
	FlagQuoteUnclosed = "quote-unclosed"
	// FlagQuoteNoSpeaker: a direct quote attributed to nobody.
	FlagQuoteNoSpeaker = "quote-no-speaker"
	// FlagNameVariants: one name spelt two ways, a sign of text stitched
	// or reworded by machine ("Kiev" and "Kyiv").
	FlagNameVariants = "name-variants"
	// FlagRepeatedWord: a word repeated in a construction no writer
	// makes, a sign of synonym spinning ("retreating forces are still
	// retreating further retreat").
	FlagRepeatedWord = "repeated-word"
)

// Flag is an integrity problem an article shows.
type Flag struct {
	Kind    string `json:"kind"`
	Message string `json:"message"`
	// Spans are the evidence in the text.
	Spans []anatomy.Span `json:"spans"`
}

// Inspection is an article's anatomy with the flags it raises. Its JSON
// is the anatomy's with the flags and byline sites beside the parts.
type Inspection struct {
	*anatomy.Anatomy
	// Flags are set by Inspect, and by CheckBylines for a byline seen
	// elsewhere.
	Flags []Flag `json:"flags,omitempty"`
	// BylineSites are where an index has seen the byline's names: set by
	// CheckBylines.
	BylineSites []BylineSites `json:"byline_sites,omitempty"`
}

// Inspect reads the anatomy of s and flags its integrity problems.
func Inspect(s string) *Inspection { return inspect(anatomy.Parse(s)) }

// InspectWith is Inspect for a text extracted from a page, with the page's
// metadata.
func InspectWith(s string, m anatomy.Metadata) *Inspection {
	return inspect(anatomy.ParseWith(s, m))
}

func inspect(a *anatomy.Anatomy) *Inspection {
	ar := newArticle(a)
	flags := []Flag{}
	flags = append(flags, ar.creditConflicts()...)
	flags = append(flags, ar.quoteFlags()...)
	flags = append(flags, ar.nameVariants()...)
	flags = append(flags, ar.repeatedWords()...)
	return &Inspection{Anatomy: a, Flags: flags}
}

// article is an anatomy with what the flags read of its text at hand.
type article struct {
	*anatomy.Anatomy
	text string
	toks []text.Token
	// sentence is the index of each token's sentence.
	sentence []int
	// bodyStart is the offset of the body, after the header; 0 for a
	// text without paragraphs.
	bodyStart int
}

func newArticle(a *anatomy.Anatomy) *article {
	ar := &article{Anatomy: a, text: a.Text(), toks: a.Tokens()}
	ar.sentence = make([]int, len(ar.toks))
	for n, sp := range text.Sentences(ar.text, ar.toks) {
		for k := sp.Start; k < sp.End; k++ {
			ar.sentence[k] = n
		}
	}
	if lead := a.Lead(); lead != nil {
		ar.bodyStart = lead.Start
	}
	return ar
}

func (a *article) span(start, end int) anatomy.Span {
	return anatomy.Span{Start: start, End: end, Text: a.text[start:end]}
}

// gap returns the text between tokens k-1 and k.
func (a *article) gap(k int) string {
	if k <= 0 {
		return ""
	}
	return a.text[a.toks[k-1].End:a.toks[k].Start]
}

// inQuote reports whether the byte at off lies inside a quote's words.
func (a *article) inQuote(off int) bool {
	for _, q := range a.Quotes {
		if q.Inner.Start <= off && off < q.Inner.End {
			return true
		}
	}
	return false
}

// furnitureSpans are the parts of an article set in title case or
// capitals by convention, where a capital says nothing of a name.
func (a *article) furnitureSpans() []anatomy.Span {
	var out []anatomy.Span
	if a.Headline != nil {
		out = append(out, *a.Headline)
	}
	if a.Byline != nil {
		out = append(out, a.Byline.Span)
	}
	out = append(out, a.Subheads...)
	for _, ph := range a.Photos {
		out = append(out, ph.Credit)
	}
	for _, c := range a.Copyrights {
		out = append(out, c.Span)
	}
	for _, c := range a.Credits {
		out = append(out, c.Span)
	}
	return out
}

func inSpans(spans []anatomy.Span, off int) bool {
	for _, s := range spans {
		if s.Start <= off && off < s.End {
			return true
		}
	}
	return false
}
