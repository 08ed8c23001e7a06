package anatomy

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/wiretrace/wiretrace/byline"
	"github.com/wiretrace/wiretrace/text"
)

// Span is a stretch of the article: byte offsets into the text as given,
// end exclusive, and the bytes themselves.
type Span struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// Byline names who wrote the article.
type Byline struct {
	Span
	// Names are the authors, one span each.
	Names []Span `json:"names"`
	// Organisation is the publisher or agency the byline credits
	// ("By Jane Roe, Meridian Wire"; "By Meridian Wire").
	Organisation *Span `json:"organisation,omitempty"`
	// Role is a job title given instead of or beside an organisation
	// ("staff writer").
	Role *Span `json:"role,omitempty"`
}

// Dateline is the opening of a wire story: "KYIV, Nov 15 (Reuters) -".
type Dateline struct {
	Span
	Place  *Span `json:"place,omitempty"`
	Date   *Span `json:"date,omitempty"`
	Agency *Span `json:"agency,omitempty"`
}

// Photo is a photo caption and its credit: "... REUTERS/Jane Roe".
type Photo struct {
	Caption *Span `json:"caption,omitempty"`
	// Credit is the whole credit, Agency and Photographer its parts.
	Credit       Span  `json:"credit"`
	Agency       *Span `json:"agency,omitempty"`
	Photographer *Span `json:"photographer,omitempty"`
}

// Copyright is a copyright line and the holder it names.
type Copyright struct {
	Span
	Holder Span `json:"holder"`
}

// Quote kinds.
const (
	// Direct quotes report speech: a clause or more between quotation
	// marks.
	Direct = "direct"
	// Phrase quotes are a few words marked off: a term, a title, a scare
	// quote. They need no speaker.
	Phrase = "phrase"
)

// Quote is a passage between quotation marks.
type Quote struct {
	// Span runs from the opening mark to the closing mark, or to the end
	// of the paragraph when the quote is not closed there.
	Span
	// Inner is the quoted words without the marks.
	Inner Span   `json:"inner"`
	Kind  string `json:"kind"`
	// Closed is false when the paragraph ends inside the quote.
	Closed bool `json:"closed"`
	// Continued is true when an unclosed quote runs on into the next
	// paragraph, which opens with a quotation mark: the newspaper
	// convention for a quote of several paragraphs.
	Continued bool     `json:"continued,omitempty"`
	Speaker   *Speaker `json:"speaker,omitempty"`
}

// Speaker is who a quote is attributed to.
type Speaker struct {
	// Span is the attribution's words naming the speaker: "she",
	// "Philip Ingram", "a spokeswoman for the company".
	Span
	// Name is the person or body named, when the attribution names one
	// or a pronoun refers back to one.
	Name string `json:"name,omitempty"`
	// Inherited is true when the quote has no attribution of its own but
	// continues the quote before it, whose speaker this is, or follows a
	// sentence whose sayer this is (in its paragraph, or ending the
	// paragraph before).
	Inherited bool `json:"inherited,omitempty"`
}

// Credit roles: where in the article an organisation is credited.
const (
	RoleHeadline  = "headline"
	RoleByline    = "byline"
	RoleDateline  = "dateline"
	RolePhoto     = "photo"
	RoleCopyright = "copyright"
	// RoleText is a mention in the body of an organisation credited
	// elsewhere in the article: "Reuters journalists at the scene".
	RoleText = "text"
)

// Credit is one place where the article credits an organisation.
type Credit struct {
	// Name is the organisation's name in one spelling for all its
	// mentions ("Reuters" for REUTERS and Thomson Reuters); Span.Text is
	// the mention as written.
	Name string `json:"name"`
	Role string `json:"role"`
	Span
}

// Metadata is what a page says of itself outside its text: an HTML page's
// title and author tags, say.
type Metadata struct {
	Title  string `json:"title,omitempty"`
	Byline string `json:"byline,omitempty"`
}

// Anatomy is the parts of one article.
type Anatomy struct {
	// Metadata is the page's, when the article came with any.
	Metadata   *Metadata   `json:"metadata,omitempty"`
	Headline   *Span       `json:"headline,omitempty"`
	Byline     *Byline     `json:"byline,omitempty"`
	Dateline   *Dateline   `json:"dateline,omitempty"`
	Photos     []Photo     `json:"photos"`
	Copyrights []Copyright `json:"copyrights"`
	Subheads   []Span      `json:"subheads"`
	Quotes     []Quote     `json:"quotes"`
	// Credits lists every credited organisation mention, in text order.
	Credits []Credit `json:"credits"`
	// Republished are the outlets the text's republication notes say it
	// ran on first ("This article was originally published on The
	// Conversation"): the name of each, also among Credits.
	Republished []Span `json:"republished"`

	text  string
	toks  []text.Token
	paras []para
	// body is the index of the first paragraph of the body: the
	// paragraphs before it are the header (headline, byline, captions).
	body int
	// headlineCredit is an organisation named after the headline
	// ("... By Health & Fitness Journal").
	headlineCredit *Span
	// quotePara is the paragraph of each quote; sentence the sentence of
	// each token.
	quotePara []int
	sentence  []int
}

// para is a paragraph: a non-blank line, or in hard-wrapped text a block of
// lines between blank lines. Offsets are trimmed of surrounding space.
type para struct {
	start, end int
}

// headerLines is how far into the text the headline, byline and dateline
// are looked for.
const headerLines = 12

// Parse reads the anatomy of an article's text.
func Parse(s string) *Anatomy { return ParseTokens(s, text.Tokenize(s)) }

// ParseTokens is Parse for a text already tokenised: toks must be
// text.Tokenize(s).
func ParseTokens(s string, toks []text.Token) *Anatomy {
	a := &Anatomy{
		text:        s,
		toks:        toks,
		paras:       paragraphs(s),
		Photos:      []Photo{},
		Copyrights:  []Copyright{},
		Subheads:    []Span{},
		Quotes:      []Quote{},
		Credits:     []Credit{},
		Republished: []Span{},
	}
	a.parseFurniture()
	a.parseHeader()
	a.parseSubheads()
	a.parseQuotes()
	a.collectCredits()
	return a
}

// ParseWith reads the anatomy of s, a text extracted from a page, with the
// page's metadata. A byline the metadata gives is found in the text even
// without its "By": extractors set it on a line of its own.
func ParseWith(s string, m Metadata) *Anatomy {
	a := Parse(s)
	m.Title, m.Byline = strings.TrimSpace(m.Title), strings.TrimSpace(m.Byline)
	if m != (Metadata{}) {
		a.Metadata = &m
	}
	if a.Byline != nil || m.Byline == "" {
		return a
	}
	for k := 0; k < a.body; k++ {
		p := a.paras[k]
		line := a.paraText(p)
		if !strings.EqualFold(line, m.Byline) {
			continue
		}
		if b, ok := byline.Parse("By " + line); ok {
			shift := func(r byline.Range) byline.Range {
				if r.Empty() {
					return r
				}
				return byline.Range{Start: r.Start - 3, End: r.End - 3}
			}
			for i := range b.Names {
				b.Names[i] = shift(b.Names[i])
			}
			b.Organisation, b.Role = shift(b.Organisation), shift(b.Role)
			a.Byline = a.byline(p.start, len(line), b)
			a.Credits = a.Credits[:0]
			a.collectCredits()
		}
		break
	}
	return a
}

// Text returns the text the anatomy was read from.
func (a *Anatomy) Text() string { return a.text }

// Tokens returns the tokens of Text, as text.Tokenize gives them: those
// ParseTokens was given. Token indices elsewhere (TokensIn, a word
// alignment of two articles) index this slice. It is shared: callers
// must not change it.
func (a *Anatomy) Tokens() []text.Token { return a.toks }

// TokensIn returns the index range [lo,hi) of the tokens lying wholly
// inside the bytes [start,end) of Text.
func (a *Anatomy) TokensIn(start, end int) (lo, hi int) { return a.tokensIn(start, end) }

// Lead returns the first paragraph of the body, the one a dateline opens:
// the paragraphs before it are the header (headline, byline, captions).
// It is nil for a text with no paragraph.
func (a *Anatomy) Lead() *Span {
	if a.body >= len(a.paras) {
		return nil
	}
	p := a.paras[a.body]
	return a.spanPtr(p.start, p.end)
}

func (a *Anatomy) span(start, end int) Span {
	return Span{Start: start, End: end, Text: a.text[start:end]}
}

func (a *Anatomy) spanPtr(start, end int) *Span {
	sp := a.span(start, end)
	return &sp
}

func (a *Anatomy) paraText(p para) string { return a.text[p.start:p.end] }

// Paragraphs returns the byte bounds of the text's paragraphs, white
// space around them left out: each line is one, as in text extracted from
// web pages, unless the text is hard-wrapped (nearly all its lines of
// similar, moderate length), where blank lines separate them.
func (a *Anatomy) Paragraphs() [][2]int {
	out := make([][2]int, len(a.paras))
	for i, p := range a.paras {
		out[i] = [2]int{p.start, p.end}
	}
	return out
}

// paragraphs splits s into paragraphs (see Anatomy.Paragraphs).
func paragraphs(s string) []para {
	type line struct {
		start, end  int
		blankBefore bool
	}
	var lines []line
	blank := false
	for start := 0; start <= len(s); {
		end := strings.IndexByte(s[start:], '\n')
		if end < 0 {
			end = len(s)
		} else {
			end += start
		}
		lo, hi := text.TrimSpace(s, start, end)
		if lo < hi {
			lines = append(lines, line{lo, hi, blank})
			blank = false
		} else {
			blank = true
		}
		start = end + 1
	}
	wrapped := 0
	longest := 0
	for _, l := range lines {
		n := utf8.RuneCountInString(s[l.start:l.end])
		longest = max(longest, n)
		if n >= 40 && n <= 90 {
			wrapped++
		}
	}
	var out []para
	if len(lines) >= 5 && longest <= 100 && wrapped*5 >= len(lines)*4 {
		for _, l := range lines {
			if len(out) == 0 || l.blankBefore {
				out = append(out, para{l.start, l.end})
			} else {
				out[len(out)-1].end = l.end
			}
		}
		return out
	}
	for _, l := range lines {
		out = append(out, para{l.start, l.end})
	}
	return out
}

// gap returns the text between tokens k-1 and k.
func (a *Anatomy) gap(k int) string {
	if k <= 0 {
		return ""
	}
	return a.text[a.toks[k-1].End:a.toks[k].Start]
}

// tokensIn returns the index range of the tokens lying inside [lo,hi).
func (a *Anatomy) tokensIn(lo, hi int) (int, int) {
	return text.TokensIn(a.toks, lo, hi)
}

// words counts the words of s, runs of letters and digits as the
// tokeniser sees them but without normalising anything, up to upTo: it
// returns upTo for a text of upTo words or more, and stops reading there.
// Its callers ask whether a paragraph is short, and most are long.
func words(s string, upTo int) int {
	n := 0
	in := false
	for _, r := range s {
		w := unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '\u2019' && in
		if w && !in {
			if n++; n >= upTo {
				return upTo
			}
		}
		in = w
	}
	return n
}

// endsProse reports whether a paragraph ends like a sentence: a full stop,
// question or exclamation mark, possibly inside a closing quote or bracket.
func endsProse(s string) bool {
	s = strings.TrimRight(s, "\"'\u201d\u2019)] ")
	r, _ := utf8.DecodeLastRuneInString(s)
	return r == '.' || r == '!' || r == '?' || r == '\u2026'
}

// isFurniture reports site navigation set off by separators:
// "VALLEY COURIER | News | Region".
func isFurniture(s string) bool {
	return strings.Count(s, " | ") >= 1 || strings.Count(s, " \u00b7 ") >= 1 || strings.Count(s, " \u2022 ") >= 1
}

// rng is a byte range relative to the string being parsed.
type rng struct{ lo, hi int }

func (r rng) empty() bool { return r.hi <= r.lo }

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
