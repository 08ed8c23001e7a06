package anatomy

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/wiretrace/wiretrace/byline"
	"github.com/wiretrace/wiretrace/text"
)

// Quotation mark roles.
const (
	notMark = iota
	openMark
	closeMark
)

// quoteStyle says which marks delimit quotes in a text: double marks when
// it has any, else single marks (British style). Inside double marks,
// single ones are quotes within the quote and are not tracked.
func quoteStyle(s string) (double bool) {
	return strings.ContainsAny(s, "\"\u201c\u201d\u201e\u00ab\u00bb")
}

// markAt classifies the rune r at s[i:] as an opening or closing quotation
// mark, given whether a quote is open.
func markAt(s string, i int, r rune, size int, double, open bool) int {
	switch r {
	case '"', '\'', '\u201c', '\u201d', '\u201e', '\u201f', '\u00ab', '\u00bb', '\u2018', '\u2019':
	default:
		return notMark
	}
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	next, _ := utf8.DecodeRuneInString(s[i+size:])
	atStart := i == 0 || unicode.IsSpace(prev) || strings.ContainsRune("([{\u2014\u2013-/", prev)
	beforeWord := i+size < len(s) && !unicode.IsSpace(next)
	if double {
		switch r {
		case '\u201c', '\u201e', '\u00ab', '\u201f':
			return openMark
		case '\u201d', '\u00bb':
			return closeMark
		case '"':
			// A straight mark after a space and before a word opens a
			// quote even while one is open: the open one was never
			// closed.
			if open && !(unicode.IsSpace(prev) && beforeWord && (unicode.IsLetter(next) || unicode.IsDigit(next))) {
				return closeMark
			}
			if beforeWord {
				return openMark
			}
		}
		return notMark
	}
	switch r {
	case '\u2018', '\'', '\u2019':
		if !open && atStart && (unicode.IsLetter(next) || unicode.IsDigit(next)) && r != '\u2019' {
			return openMark
		}
		if open && !unicode.IsSpace(prev) && i > 0 {
			afterEnd := i+size >= len(s) || unicode.IsSpace(next) || unicode.IsPunct(next)
			switch {
			case unicode.IsPunct(prev) && afterEnd:
				return closeMark
			case afterEnd && unicode.IsPunct(next):
				return closeMark
			case afterEnd && unicode.IsLetter(prev) && prev != 's':
				return closeMark
			}
		}
	}
	return notMark
}

// nextMarkByte returns the offset of the next byte that may start a
// quotation mark of the style (", ', or the lead byte of a curly mark or
// guillemet), or -1.
func nextMarkByte(s string, double bool) int {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == 0xc2 || c == 0xe2:
			return i
		case c == '\'' && !double:
			return i
		}
	}
	return -1
}

// parseQuotes finds the quotes of each paragraph, then their speakers.
func (a *Anatomy) parseQuotes() {
	double := quoteStyle(a.text)
	for k, p := range a.paras {
		open, openSize := -1, 0
		for i := p.start; i < p.end; {
			next := nextMarkByte(a.text[i:p.end], double)
			if next < 0 {
				break
			}
			i += next
			r, size := utf8.DecodeRuneInString(a.text[i:])
			switch markAt(a.text, i, r, size, double, open >= 0) {
			case openMark:
				if open >= 0 {
					// A quote opens inside one never closed. After a
					// sentence's end it is the next paragraph of the same
					// quote, run into this one by a lost line break.
					_, hi := trimSpace(a.text, open, i)
					if a.addQuote(k, open, openSize, hi, hi, false) {
						a.Quotes[len(a.Quotes)-1].Continued = endsProse(a.text[open:hi])
					}
				}
				open, openSize = i, size
			case closeMark:
				if open >= 0 {
					a.addQuote(k, open, openSize, i, i+size, true)
					open = -1
				}
			}
			i += size
		}
		if open >= 0 {
			a.addQuote(k, open, openSize, p.end, p.end, false)
		}
	}
	for q := range a.Quotes {
		if a.Quotes[q].Closed {
			continue
		}
		k := a.quotePara[q]
		if a.Quotes[q].End == a.paras[k].end && k+1 < len(a.paras) {
			next := a.paras[k+1]
			r, size := utf8.DecodeRuneInString(a.text[next.start:])
			a.Quotes[q].Continued = markAt(a.text, next.start, r, size, double, false) == openMark
		}
	}
	a.sentence = sentenceIndex(a.text, a.toks)
	for q := range a.Quotes {
		a.Quotes[q].Speaker = a.attribution(q)
	}
	a.inheritSpeakers()
}

// addQuote records the quote opening at open and ending at end; innerEnd is
// where its words end (before the closing mark).
func (a *Anatomy) addQuote(k, open, openSize, innerEnd, end int, closed bool) bool {
	lo, hi := trimSpace(a.text, open+openSize, innerEnd)
	if lo >= hi {
		return false
	}
	// A quote of a clause or more is direct speech; so is a shorter one
	// unless it is a fragment woven into the writer's sentence (it starts
	// in lower case after an ordinary word: the plan would hurt the
	// "competitiveness of the airlines").
	kind := Phrase
	if n := words(a.text[lo:hi]); n >= 4 && !isTitle(a.text[lo:hi]) {
		first, _ := utf8.DecodeRuneInString(a.text[lo:hi])
		before := strings.TrimRight(a.text[a.paras[k].start:open], " ")
		last, _ := utf8.DecodeLastRuneInString(before)
		if !unicode.IsLower(first) || before == "" || strings.ContainsRune(".:!?", last) {
			kind = Direct
		}
	}
	a.Quotes = append(a.Quotes, Quote{
		Span:   a.span(open, end),
		Inner:  a.span(lo, hi),
		Kind:   kind,
		Closed: closed,
	})
	a.quotePara = append(a.quotePara, k)
	return true
}

// isTitle reports whether a quote's words are a title in title case (a
// report, a plan, a law: "Action Plan for the Regions 2030"): every word a
// capitalised word, a number or a function word, and no clause
// punctuation.
func isTitle(s string) bool {
	if strings.ContainsAny(s, ".,;:!?") {
		return false
	}
	toks := text.Tokenize(s)
	for _, t := range toks {
		if !t.Upper && !t.Number && !text.IsStopword(t.Norm) {
			return false
		}
	}
	return len(toks) > 0 && toks[0].Upper
}

// sentenceIndex gives each token the index of its sentence.
func sentenceIndex(s string, toks []text.Token) []int {
	idx := make([]int, len(toks))
	for n, sp := range text.Sentences(s, toks) {
		for k := sp.Start; k < sp.End; k++ {
			idx[k] = n
		}
	}
	return idx
}

var speechVerbs = setOf("said", "says", "say", "told", "tells", "added", "adds", "explained", "explains",
	"stated", "states", "declared", "declares", "noted", "notes", "wrote", "writes", "tweeted", "posted",
	"asked", "asks", "insisted", "insists", "warned", "warns", "argued", "argues", "continued",
	"recalled", "informed", "remarked", "announced", "replied", "commented", "observed",
	"acknowledged", "conceded", "claimed", "claims", "urged", "cautioned", "predicted", "confirmed",
	"quipped", "shouted", "reiterated", "stressed", "emphasised", "emphasized", "maintained",
	"admitted", "suggested", "responded", "answered", "vowed", "promised", "mentioned", "expressed",
	"according", "saying", "telling", "adding", "writing", "announcing", "replies", "responds",
	"concluded", "concludes", "recalls", "admits", "insists", "notes", "warns", "explains", "remarks",
	"points", "pointed", "criticised", "criticized", "believes", "thinks", "smiles", "quoted")

var pronouns = setOf("he", "she", "they", "it", "we", "i")

var determiners = setOf("the", "a", "an", "his", "her", "its", "their", "our", "this", "that", "one")

var relatives = setOf("that", "which", "who", "whom")

func (a *Anatomy) isSpeechVerb(k int) bool {
	n := a.toks[k].Norm
	if n == "according" {
		return k+1 < len(a.toks) && a.toks[k+1].Norm == "to"
	}
	return speechVerbs[n]
}

// gap returns the text between tokens k-1 and k.
func (a *Anatomy) gap(k int) string {
	if k <= 0 {
		return ""
	}
	return a.text[a.toks[k-1].End:a.toks[k].Start]
}

// attribution finds who quote q is attributed to in its own sentence:
// after it ("...," she said; "...," said Jane Roe, a ...) or before it
// (Jane Roe said: "..."; the draft said that "...").
func (a *Anatomy) attribution(q int) *Speaker {
	qt := a.Quotes[q]
	p := a.paras[a.quotePara[q]]
	nextQuote := p.end
	if q+1 < len(a.Quotes) && a.quotePara[q+1] == a.quotePara[q] {
		nextQuote = a.Quotes[q+1].Start
	}
	prevQuote := p.start
	if q > 0 && a.quotePara[q-1] == a.quotePara[q] {
		prevQuote = a.Quotes[q-1].End
	}
	innerLo, innerHi := a.tokensIn(qt.Inner.Start, qt.Inner.End)
	// After the quote, in the same sentence.
	if qt.Closed {
		t, end := a.tokensIn(qt.End, nextQuote)
		if t < end && (innerHi == innerLo || a.sentence[t] == a.sentence[innerHi-1]) &&
			!strings.ContainsAny(a.text[qt.End:a.toks[t].Start], "\"\u201c\u201d\n") {
			for k := t; k < end; k++ {
				if a.sentence[k] != a.sentence[t] || k-t > 16 {
					end = k
					break
				}
			}
			if sp := a.tailSpeaker(t, end); sp != nil {
				return a.resolve(sp, innerLo)
			}
		}
	}
	// Before the quote, in the same sentence.
	h0, h := a.tokensIn(prevQuote, qt.Start)
	if h > h0 {
		sent := a.sentence[h-1]
		for h0 < h && a.sentence[h0] != sent {
			h0++
		}
		for v := h - 1; v >= h0; v-- {
			if !a.isSpeechVerb(v) {
				continue
			}
			if sp := a.subjectSpeaker(h0, v); sp != nil {
				return a.resolve(sp, innerLo)
			}
			from := v + 1
			if a.toks[v].Norm == "according" {
				from++
			}
			if sp := a.speakerAfter(from, h); sp != nil {
				return a.resolve(sp, innerLo)
			}
			break
		}
	}
	return nil
}

// tailSpeaker reads an attribution that follows a quote: tokens [t,end).
func (a *Anatomy) tailSpeaker(t, end int) *Speaker {
	if a.isSpeechVerb(t) {
		from := t + 1
		if a.toks[t].Norm == "according" {
			from++
		}
		return a.speakerAfter(from, end)
	}
	// "Jane Roe, an analyst with X, told Y": the name right after the
	// quote is the speaker when a speech verb follows in the sentence.
	if a.toks[t].Upper {
		run := a.nameRun(t, end)
		for v := run; v < end && v <= t+14; v++ {
			if strings.ContainsAny(a.gap(v), ".;:") {
				break
			}
			if a.isSpeechVerb(v) {
				if v == run || strings.ContainsAny(a.gap(run), ",(\u2014\u2013") || strings.Contains(a.gap(run), " - ") {
					sp := a.span(a.toks[t].Start, a.toks[run-1].End)
					return &Speaker{Span: sp, Name: sp.Text}
				}
				break
			}
		}
	}
	for v := t + 1; v < end && v <= t+7; v++ {
		if strings.ContainsAny(a.gap(v), ".;:") {
			return nil
		}
		if a.isSpeechVerb(v) {
			lo := t
			// "and officials said": the conjunction is not the speaker.
			for lo < v && (a.toks[lo].Norm == "and" || a.toks[lo].Norm == "but" || a.toks[lo].Norm == "while") {
				lo++
			}
			if lo == v {
				return nil
			}
			return a.nounPhrase(lo, v)
		}
	}
	return nil
}

// speakerAfter reads the speaker named after a speech verb: "said Jane
// Roe", "said the spokesman", "according to the statement".
func (a *Anatomy) speakerAfter(k, end int) *Speaker {
	if k >= end || k >= len(a.toks) || strings.ContainsAny(a.gap(k), ".;:\u201c\u201d\"") {
		return nil
	}
	t := a.toks[k]
	// "said retail analyst Jane Roe": a title in lower case before the
	// name.
	if !t.Upper && !pronouns[t.Norm] && !determiners[t.Norm] && !text.IsStopword(t.Norm) {
		for j := k + 1; j < end && j <= k+6 && !strings.ContainsAny(a.gap(j), ",.;:()\u201c\u201d\""); j++ {
			if a.toks[j].Upper {
				hi := a.nameRun(j, end)
				sp := a.span(a.toks[j].Start, a.toks[hi-1].End)
				return &Speaker{Span: sp, Name: sp.Text}
			}
			if n := a.toks[j].Norm; text.IsStopword(n) && n != "and" && n != "of" {
				break
			}
		}
	}
	switch {
	case pronouns[t.Norm]:
		return &Speaker{Span: a.span(t.Start, t.End)}
	case t.Upper:
		hi := a.nameRun(k, end)
		return &Speaker{Span: a.span(t.Start, a.toks[hi-1].End), Name: a.text[t.Start:a.toks[hi-1].End]}
	case determiners[t.Norm]:
		hi := k + 1
		for hi < end && hi-k < 6 && !strings.ContainsAny(a.gap(hi), ",.;:()") && !a.isSpeechVerb(hi) {
			hi++
		}
		if hi == k+1 {
			return nil
		}
		sp := a.span(t.Start, a.toks[hi-1].End)
		return &Speaker{Span: sp, Name: sp.Text}
	}
	return nil
}

// trailingName returns where a person's name ending tokens [lo,hi) starts
// ("Jane Roe", "crane operator Jane Roe"), or -1. A name after a
// preposition or determiner ("from Eastbank", "the Water Board") is a place
// or an organisation.
func (a *Anatomy) trailingName(lo, hi int) int {
	if hi <= lo || !a.toks[hi-1].Upper && !a.hyphenated(hi-1) {
		return -1
	}
	k := a.nameStart(lo, hi)
	if k > lo && (prepositions[a.toks[k-1].Norm] || determiners[a.toks[k-1].Norm]) {
		return -1
	}
	return k
}

// nameStart returns where the name ending at token hi-1 starts, no
// further back than lo: over capitalised words, particles and hyphenated
// parts, never across a clause mark.
func (a *Anatomy) nameStart(lo, hi int) int {
	k := hi - 1
	for k > lo && (a.toks[k-1].Upper || byline.IsNameParticle(a.toks[k-1].Norm) || a.hyphenated(k-1)) && !strings.ContainsAny(a.gap(k), ",.;:()\n") {
		k--
	}
	if byline.IsNameParticle(a.toks[k].Norm) && !a.toks[k].Upper {
		k++
	}
	return k
}

// hyphenated reports whether token k ends a name of two or more words
// across a hyphen: the "koo" of "Chung Mong-koo", but not the "based" of
// "Moscow-based" or the "nominated" of "Oscar-nominated".
func (a *Anatomy) hyphenated(k int) bool {
	return k > 1 && a.gap(k) == "-" && !a.toks[k].Upper && !text.IsStopword(a.toks[k].Norm) &&
		a.toks[k-1].Upper && a.toks[k-2].Upper && a.gap(k-1) == " "
}

// nameRun returns the end of the run of capitalised tokens starting at k:
// a name ("Jane van Roe").
func (a *Anatomy) nameRun(k, end int) int {
	hi := k + 1
	for hi < end && hi-k < 5 && !strings.ContainsAny(a.gap(hi), ",.;:()\u201c\u201d\"\n") {
		t := a.toks[hi]
		if !t.Upper && !a.hyphenated(hi) && !(byline.IsNameParticle(t.Norm) && hi+1 < end && a.toks[hi+1].Upper) {
			break
		}
		hi++
	}
	return hi
}

// subjectSpeaker reads the subject of the speech verb at v, within tokens
// from h0: "Jane Roe said", "Jane Roe, 71, a retired teacher, said", "the
// administration said", "a draft that said".
func (a *Anatomy) subjectSpeaker(h0, v int) *Speaker {
	if v <= h0 {
		return nil
	}
	return a.nounPhrase(h0, v)
}

// segments splits tokens [lo,hi) at commas and other clause marks, last
// segment first.
func (a *Anatomy) segments(lo, hi int) []rng {
	var out []rng
	end := hi
	for j := hi - 1; j >= lo; j-- {
		if j == lo || strings.ContainsAny(a.gap(j), ",;:()\u2014\u2013") {
			out = append(out, rng{j, end})
			end = j
		}
	}
	return out
}

// nounPhrase picks the speaker out of tokens [lo,hi) that precede a speech
// verb. When a comma stands before the verb, appositives ("a spokeswoman
// for X", "71") are passed over to the name they describe. Otherwise the
// clause nearest the verb gives a pronoun, the name ending it ("union
// leader Teodor Varga"), or the phrase from its last determiner
// ("Diplomats circulated a 16-page draft that" gives "a 16-page draft").
func (a *Anatomy) nounPhrase(lo, hi int) *Speaker {
	if hi <= lo {
		return nil
	}
	segs := a.segments(lo, hi)
	if strings.Contains(a.gap(hi), ",") && len(segs) > 1 {
		if sp := a.appositiveName(segs); sp != nil {
			return sp
		}
	}
	if sp := a.clauseSpeaker(segs[0]); sp != nil {
		return sp
	}
	// "Jane Roe, 57, quit on Monday and vowed": the clause nearest the
	// verb is a predicate; its subject is a name further back.
	if len(segs) > 1 && !a.toks[segs[0].lo].Upper {
		return a.appositiveName(segs[1:])
	}
	return nil
}

// appositiveName passes over the segments that describe a name ("71", "a
// spokeswoman for X", "director of Y"), nearest first, to the name.
func (a *Anatomy) appositiveName(segs []rng) *Speaker {
	for _, sg := range segs[:min(len(segs), 4)] {
		first := a.toks[sg.lo]
		if k := a.trailingName(sg.lo, sg.hi); k >= 0 {
			sp := a.span(a.toks[k].Start, a.toks[sg.hi-1].End)
			return &Speaker{Span: sp, Name: sp.Text}
		}
		if !first.Upper && !pronouns[first.Norm] {
			continue
		}
		if pronouns[first.Norm] && sg.hi-sg.lo == 1 {
			return &Speaker{Span: a.span(first.Start, first.End)}
		}
		break
	}
	return nil
}

// clauseSpeaker picks the speaker out of the clause nearest a speech verb:
// a pronoun, the name ending it ("union leader Teodor Varga"), or the
// phrase from its last determiner ("Diplomats circulated a 16-page draft
// that" gives "a 16-page draft").
func (a *Anatomy) clauseSpeaker(sg rng) *Speaker {
	lo, hi := sg.lo, sg.hi
	for hi > lo && relatives[a.toks[hi-1].Norm] {
		hi--
	}
	// "Duff was injured and manager Jose Mourinho said": the subject
	// follows the last conjunction.
	for k := hi - 2; k > lo; k-- {
		if n := a.toks[k].Norm; n == "and" || n == "but" || n == "while" || n == "as" {
			lo = k + 1
			break
		}
	}
	if hi <= lo {
		return nil
	}
	last := a.toks[hi-1]
	// A pronoun right before the verb is its subject, however long the
	// clause ("... screened the musical he said:").
	if pronouns[last.Norm] {
		return &Speaker{Span: a.span(last.Start, last.End)}
	}
	if hi-lo > 10 || last.Number {
		return nil
	}
	// A capitalised word before the verb is a name, even one that spells a
	// modal ("May said", "Brian May said": a modal is never a subject), but
	// not a conjunction or adverb opening a sentence ("But", "Then").
	name := last.Upper && (!text.IsStopword(last.Norm) || modals[last.Norm] ||
		hi-1 > lo && a.toks[hi-2].Upper && !text.IsStopword(a.toks[hi-2].Norm)) || a.hyphenated(hi-1)
	if !name && text.IsStopword(last.Norm) {
		return nil
	}
	if name {
		k := a.nameStart(lo, hi)
		// "a teacher from Eastbank": a name after a preposition is not
		// the speaker.
		if k == lo || !prepositions[a.toks[k-1].Norm] {
			sp := a.span(a.toks[k].Start, last.End)
			return &Speaker{Span: sp, Name: sp.Text}
		}
	}
	for k := hi - 2; k >= lo; k-- {
		if determiners[a.toks[k].Norm] {
			sp := a.span(a.toks[k].Start, last.End)
			return &Speaker{Span: sp, Name: sp.Text}
		}
		// A possessive name stands as a determiner: "Tony Blair's
		// official spokesman".
		if t := a.toks[k]; t.Upper && !last.Upper && strings.HasSuffix(t.Norm, "'s") {
			for k > lo && a.toks[k-1].Upper && !text.IsStopword(a.toks[k-1].Norm) && !strings.ContainsAny(a.gap(k), ",.;:()\n") {
				k--
			}
			if k > lo && determiners[a.toks[k-1].Norm] {
				k--
			}
			sp := a.span(a.toks[k].Start, last.End)
			return &Speaker{Span: sp, Name: sp.Text}
		}
	}
	if hi-lo <= 3 {
		sp := a.span(a.toks[lo].Start, last.End)
		return &Speaker{Span: sp, Name: sp.Text}
	}
	return nil
}

var modals = setOf("may", "might", "will", "would", "can", "could", "shall", "should", "must")

var prepositions = setOf("from", "of", "for", "at", "in", "on", "with", "by", "near", "outside", "inside")

// resolve names the person a pronoun speaker refers to: the nearest
// earlier sayer named in the article, looking back a few paragraphs.
func (a *Anatomy) resolve(sp *Speaker, before int) *Speaker {
	if sp.Name != "" || (sp.Text != "he" && sp.Text != "she" && sp.Text != "He" && sp.Text != "She") {
		return sp
	}
	limit := max(0, before-400)
	for v := before - 1; v >= limit; v-- {
		if !a.isSpeechVerb(v) || a.inQuote(a.toks[v].Start) {
			continue
		}
		h0 := v
		for h0 > 0 && a.sentence[h0-1] == a.sentence[v] {
			h0--
		}
		cand := a.subjectSpeaker(h0, v)
		if cand == nil || cand.Name == "" {
			cand = a.speakerAfter(v+1, min(len(a.toks), v+6))
		}
		// The nearest sayer is the one referred to, named or not ("a
		// council spokeswoman said"); another pronoun passes the search
		// on.
		if cand != nil && cand.Name != "" {
			sp.Name = cand.Name
			return sp
		}
	}
	return sp
}

func (a *Anatomy) inQuote(off int) bool {
	for _, q := range a.Quotes {
		if q.Inner.Start <= off && off < q.Inner.End {
			return true
		}
	}
	return false
}

// inheritSpeakers gives a quote without attribution the speaker of the
// quote it continues: an earlier quote in its paragraph, or, when it opens
// its paragraph, the last direct quote of the paragraph before (the
// newspaper convention for a speaker's remarks over several paragraphs).
func (a *Anatomy) inheritSpeakers() {
	for q := range a.Quotes {
		if a.Quotes[q].Speaker != nil {
			continue
		}
		k := a.quotePara[q]
		var from *Speaker
		for r := q - 1; r >= 0 && a.quotePara[r] == k; r-- {
			if a.Quotes[r].Speaker != nil {
				from = a.Quotes[r].Speaker
				break
			}
		}
		if from == nil && a.Quotes[q].Start == a.paras[k].start {
			for r := q - 1; r >= 0 && a.quotePara[r] >= k-1; r-- {
				prev := a.Quotes[r]
				if a.quotePara[r] == k-1 && prev.Speaker != nil && (prev.Kind == Direct || prev.Continued) {
					from = prev.Speaker
					break
				}
			}
		}
		if from == nil {
			from = a.previousSayer(q)
		}
		if from != nil {
			sp := *from
			sp.Inherited = true
			a.Quotes[q].Speaker = &sp
		}
	}
}

// previousSayer returns the sayer of the sentence before quote q when that
// sentence is in the same paragraph and the quote opens its own sentence:
// "Jane Roe points out. "We are ready."".
func (a *Anatomy) previousSayer(q int) *Speaker {
	qt := a.Quotes[q]
	p := a.paras[a.quotePara[q]]
	lo, first := a.tokensIn(p.start, qt.Start)
	if first == lo || first >= len(a.toks) || a.sentence[first-1] == a.sentence[first] {
		return nil
	}
	if strings.TrimSpace(a.text[a.toks[first-1].End:qt.Start]) == "" {
		return nil
	}
	h0 := first - 1
	for h0 > lo && a.sentence[h0-1] == a.sentence[first-1] {
		h0--
	}
	for v := first - 1; v >= h0; v-- {
		if a.isSpeechVerb(v) && !a.inQuote(a.toks[v].Start) {
			if sp := a.subjectSpeaker(h0, v); sp != nil {
				return a.resolve(sp, h0)
			}
			return nil
		}
	}
	return nil
}
