package anatomy

import (
	"strings"
	"unicode/utf8"

	"github.com/wiretrace/wiretrace/text"
)

// speechVerbs attribute a quote to whoever stands beside them: "she
// said", "according to the council".
var speechVerbs = setOf("said", "says", "say", "told", "tells", "added", "adds", "explained", "explains",
	"stated", "states", "declared", "declares", "noted", "notes", "wrote", "writes", "tweeted", "posted",
	"asked", "asks", "insisted", "insists", "warned", "warns", "argued", "argues", "continued",
	"recalled", "informed", "remarked", "announced", "replied", "commented", "observed",
	"acknowledged", "conceded", "claimed", "claims", "urged", "cautioned", "predicted", "confirmed",
	"quipped", "shouted", "reiterated", "stressed", "emphasised", "emphasized", "maintained",
	"admitted", "suggested", "responded", "answered", "vowed", "promised", "mentioned", "expressed",
	"according", "saying", "telling", "adding", "writing", "announcing", "replies", "responds",
	"concluded", "concludes", "recalls", "admits", "insists", "notes", "warns", "explains", "remarks",
	"points", "pointed", "criticised", "criticized", "believes", "thinks", "smiles", "quoted",
	"agreed", "boasted", "joked", "whispered", "screamed", "yelled", "sobbed")

var pronouns = setOf("he", "she", "they", "it", "we", "i")

var determiners = setOf("the", "a", "an", "his", "her", "its", "their", "our", "this", "that", "one")

var relatives = setOf("that", "which", "who", "whom")

func (a *Anatomy) isSpeechVerb(k int) bool {
	n := a.toks[k].Norm
	// A capitalised word is a name's, not a verb ("the United States"),
	// save "According to" opening a sentence.
	if a.toks[k].Upper && n != "according" {
		return false
	}
	if n == "according" {
		return k+1 < len(a.toks) && a.toks[k+1].Norm == "to"
	}
	return speechVerbs[n]
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
			// A participle's subject opens the sentence, away from it.
			if sp := a.participleSpeaker(h0, v); sp != nil {
				return a.resolve(sp, innerLo)
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
			return nil
		}
		// "James O'Neill of Marine Midland was not so positive, however:
		// "...": a quote after a colon, with no speech verb before it, is
		// the sentence's subject's when a name or a pronoun opens it.
		if strings.Contains(a.text[a.toks[h-1].End:qt.Start], ":") {
			if sp := a.openingSubject(h0, h); sp != nil && (sp.Name == "" || a.opensWithName(h0)) {
				return a.resolve(sp, innerLo)
			}
		}
	}
	return nil
}

// toListener are the speech verbs followed by whom they are said to:
// "told Reuters" names no sayer.
var toListener = setOf("told", "tells", "telling", "informed", "asked", "asks")

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
			if a.clauseEnds(v) {
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
	far := t + 7
	if a.statementEnds(t) {
		far = t + tailWords
	}
	for v := t + 1; v < end && v <= far; v++ {
		if a.clauseEnds(v) {
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

// tailWords is how far after a quote its speech verb may stand when the
// quote ends in a comma, as a statement set before its attribution does:
// "...," analyst Jack Kirnan of Kidder Peabody and Co told reporters.
// Other quotes (a term, "Pizza Connection", in the middle of a sentence)
// look seven words on.
const tailWords = 10

// statementEnds reports whether a comma ends the quote that token t
// follows, inside its marks or just after them.
func (a *Anatomy) statementEnds(t int) bool {
	return strings.HasSuffix(strings.TrimRight(a.gap(t), " \t\n\"\u201d\u2019'"), ",")
}

// clauseEnds reports whether the gap before token v ends a clause: a
// full stop, semicolon or colon, but not the point of an abbreviation
// ("U.S. Bank", "Sen. Don Nickles").
func (a *Anatomy) clauseEnds(v int) bool {
	g := a.gap(v)
	if strings.ContainsAny(g, ";:") {
		return true
	}
	if !strings.Contains(g, ".") {
		return false
	}
	if strings.TrimSpace(g) == "." && v > 0 {
		p := a.toks[v-1]
		if p.Upper && utf8.RuneCountInString(p.Norm) == 1 || text.Titular(p.Norm) {
			return false
		}
	}
	return true
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
	case determiners[t.Norm] && t.Norm != "that" && t.Norm != "this":
		// "said that ..." opens what was said, not who said it.
		hi := k + 1
		for hi < end && hi-k < 6 && !strings.ContainsAny(a.gap(hi), ",.;:()") && !a.isSpeechVerb(hi) {
			// "whispered the party's chairman as he left": the phrase
			// ends before a function word, save what it is of, at or
			// for ("a spokesman for the company").
			if t := a.toks[hi]; !t.Upper && text.IsStopword(t.Norm) && !ofPrepositions[t.Norm] &&
				!(determiners[t.Norm] && ofPrepositions[a.toks[hi-1].Norm]) {
				break
			}
			hi++
		}
		if hi == k+1 {
			// "...," said one: one of those the story has named.
			if t.Norm == "one" {
				return &Speaker{Span: a.span(t.Start, t.End)}
			}
			return nil
		}
		sp := a.span(t.Start, a.toks[hi-1].End)
		return &Speaker{Span: sp, Name: sp.Text}
	}
	return nil
}

// resolve names the person a pronoun speaker refers to: the nearest
// earlier sayer named in the article, looking back a few paragraphs.
func (a *Anatomy) resolve(sp *Speaker, before int) *Speaker {
	if sp.Name != "" || (sp.Text != "he" && sp.Text != "she" && sp.Text != "He" && sp.Text != "She") {
		return sp
	}
	limit := max(0, before-400)
	for v := before - 1; v >= limit; v-- {
		// The quote's own sentence holds the pronoun's verb, not whom it
		// refers to.
		if !a.isSpeechVerb(v) || a.inQuote(a.toks[v].Start) || before < len(a.toks) && a.sentence[v] == a.sentence[before] {
			continue
		}
		h0 := v
		for h0 > 0 && a.sentence[h0-1] == a.sentence[v] {
			h0--
		}
		cand := a.subjectSpeaker(h0, v)
		if cand == nil || cand.Name == "" {
			// "said Jane Roe": a name after the verb, not a phrase ("said
			// that the ...").
			if v+1 < len(a.toks) && a.toks[v+1].Upper && !toListener[a.toks[v].Norm] {
				cand = a.speakerAfter(v+1, min(len(a.toks), v+6))
			}
		}
		// The nearest sayer is the one referred to, named or not ("a
		// council spokeswoman said"), when a person ("the government"
		// is no "she"); another pronoun passes the search on.
		if cand != nil && cand.Name != "" && a.person(cand) {
			sp.Name = cand.Name
			return sp
		}
	}
	return sp
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

// previousSayer returns the sayer of the sentence before quote q when the
// quote opens its own sentence in the same paragraph ("Jane Roe points
// out. "We are ready."") or opens its paragraph, after one whose last
// sentence names a sayer.
func (a *Anatomy) previousSayer(q int) *Speaker {
	qt := a.Quotes[q]
	k := a.quotePara[q]
	p := a.paras[k]
	lo, first := a.tokensIn(p.start, qt.Start)
	switch {
	case first == lo && k > a.body:
		// A quote that opens its paragraph is the sayer's whom the
		// paragraph before ends by naming: "Committee chairman John Denham
		// said drugs were no excuse." then "The committee believes ...".
		// A headline or byline names none.
		lo, first = a.tokensIn(a.paras[k-1].start, a.paras[k-1].end)
		if first == lo {
			return nil
		}
	case first == lo || first >= len(a.toks) || a.sentence[first-1] == a.sentence[first]:
		return nil
	case strings.TrimSpace(a.text[a.toks[first-1].End:qt.Start]) == "":
		return nil
	}
	h0 := first - 1
	for h0 > lo && a.sentence[h0-1] == a.sentence[first-1] {
		h0--
	}
	for v := first - 1; v >= h0; v-- {
		if a.isSpeechVerb(v) && !a.inQuote(a.toks[v].Start) {
			if sp := a.participleSpeaker(h0, v); sp != nil {
				return a.resolve(sp, h0)
			}
			if sp := a.subjectSpeaker(h0, v); sp != nil {
				return a.resolve(sp, h0)
			}
			return nil
		}
	}
	return nil
}
