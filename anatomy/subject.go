package anatomy

// The subject of a speech verb: the words before it, the name they end
// with, the role or organisation they name, the sentence's opening
// subject when the verb is a participle or follows a conjunction.

import (
	"strings"

	"github.com/wiretrace/wiretrace/byline"
	"github.com/wiretrace/wiretrace/text"
)

// beforeVerb are the adverbs and auxiliaries that stand between a
// speaker and the speech verb.
var beforeVerb = setOf("also", "later", "then", "again", "earlier", "further", "once", "previously", "recently",
	"repeatedly", "often", "never", "always", "has", "had", "have", "would", "will", "is", "was")

// person reports whether a speaker may be what "he" or "she" refers
// to: a name, or a phrase whose last word is a person's role ("a council
// spokeswoman"), not a body ("the government").
func (a *Anatomy) person(sp *Speaker) bool {
	words := strings.Fields(strings.ToLower(sp.Text))
	if len(words) == 0 {
		return false
	}
	if !determiners[words[0]] {
		return true
	}
	last := words[len(words)-1]
	return speakerRoles[last] || officeTitles[last] || strings.HasSuffix(last, "man") || strings.HasSuffix(last, "woman") || strings.HasSuffix(last, "person")
}

// opensWithName reports whether token k, opening a sentence, is a name's
// first word or a title, not a word in capitals only for opening it
// ("Earlier", "Users", "For"): a title, a word followed by another name's
// word ("Jim Oakes"), or one the text writes in capitals inside a
// sentence too.
func (a *Anatomy) opensWithName(k int) bool {
	t := a.toks[k]
	switch {
	case !t.Upper || text.IsStopword(t.Norm):
		return false
	case text.Titular(t.Norm):
		return true
	case k+1 < len(a.toks) && a.toks[k+1].Upper && !text.IsStopword(a.toks[k+1].Norm) && !strings.ContainsAny(a.gap(k+1), ",.;:"):
		return true
	}
	for j := 1; j < len(a.toks); j++ {
		if j != k && a.toks[j].Upper && a.toks[j].Norm == t.Norm && a.sentence[j-1] == a.sentence[j] {
			return true
		}
	}
	return false
}

// openers open a sentence in capitals without being a name's first word.
var openers = setOf("but", "and", "so", "yet", "or", "then", "however", "meanwhile", "still")

// participles introduce a quote said by the subject of their sentence:
// "He also said the policy was right, adding: ...".
var participles = setOf("saying", "adding", "telling", "writing", "noting", "arguing", "warning", "explaining", "insisting")

// participleSpeaker reads the speaker of a quote that a participle at v
// introduces, within tokens from h0: whom "quoted X as saying" names, the
// subject of a speech verb before it ("..., he claimed, saying"), or the
// subject that opens the sentence, after a comma before the participle
// ("The senior banker was opposed to it, saying: ...").
func (a *Anatomy) participleSpeaker(h0, v int) *Speaker {
	if !participles[a.toks[v].Norm] || v-h0 < 2 {
		return nil
	}
	if a.toks[v-1].Norm == "as" {
		return a.plainSpeaker(rng{h0, v - 1})
	}
	if !strings.Contains(a.gap(v), ",") {
		return nil
	}
	// "..., he claimed, saying": the subject of a speech verb before the
	// participle in its sentence.
	for u := v - 1; u > h0; u-- {
		if a.isSpeechVerb(u) && !participles[a.toks[u].Norm] {
			return a.subjectSpeaker(h0, u)
		}
	}
	return a.openingSubject(h0, v)
}

// openingSubject reads the subject that opens the sentence of tokens
// [h0,v): a pronoun, a name, or a phrase from its determiner, up to the
// first function word or word in -ed. A single word set off by a comma
// ("However, ...") opens no subject.
func (a *Anatomy) openingSubject(h0, v int) *Speaker {
	k := h0
	for k < v && openers[a.toks[k].Norm] {
		k++
	}
	if k+1 < v && strings.Contains(a.gap(k+1), ",") {
		k++
	}
	if k >= v {
		return nil
	}
	if t := a.toks[k]; pronouns[t.Norm] {
		if t.Norm == "it" {
			return nil
		}
		return &Speaker{Span: a.span(t.Start, t.End)}
	}
	// "Speaking at the dinner, the home secretary ...": an opening
	// participle's phrase is passed over to the subject after its comma.
	if t := a.toks[k]; strings.HasSuffix(t.Norm, "ing") && t.Upper && k+1 < v && !a.toks[k+1].Upper {
		j := k + 1
		for j < v && !strings.Contains(a.gap(j), ",") {
			j++
		}
		if j >= v {
			return nil
		}
		return a.openingSubject(j, v)
	}
	end := k + 1
	for end < v && end-k < 8 && !strings.ContainsAny(a.gap(end), ",.;:()") {
		t := a.toks[end]
		if !t.Upper && (text.IsStopword(t.Norm) && t.Norm != "of" || strings.HasSuffix(t.Norm, "ed") || a.isSpeechVerb(end)) {
			break
		}
		end++
	}
	if end == v || !a.toks[end-1].Upper && !determiners[a.toks[k].Norm] {
		return nil
	}
	return a.clauseSpeaker(rng{k, end})
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
	for k > lo && (a.toks[k-1].Upper || byline.IsNameParticle(a.toks[k-1].Norm) || a.hyphenated(k-1) || a.inNameAnd(k-1)) && !strings.ContainsAny(a.gap(k), ",.;:()\n") {
		k--
	}
	if byline.IsNameParticle(a.toks[k].Norm) && !a.toks[k].Upper {
		k++
	}
	// "But Nair said": a conjunction opening the sentence is no part of
	// the name.
	if k+1 < hi && openers[a.toks[k].Norm] {
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

// inNameAnd reports whether token k is an "and" between two capitalised
// words, inside a company's name ("Hollis Peabody and Co").
func (a *Anatomy) inNameAnd(k int) bool {
	return a.toks[k].Norm == "and" && k > 0 && k+1 < len(a.toks) && a.toks[k-1].Upper && a.toks[k+1].Upper
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
	// "The minister also said", "Jane Roe has said", "he had clearly
	// stated": the words between the subject and its verb are passed over.
	for v > h0+1 && (beforeVerb[a.toks[v-1].Norm] || !a.toks[v-1].Upper && strings.HasSuffix(a.toks[v-1].Norm, "ly")) && !strings.ContainsAny(a.gap(v), ",;:") {
		v--
	}
	if v <= h0 {
		return nil
	}
	// "He ruled the pair not guilty, but added:": a verb after a comma
	// and a conjunction shares the sentence's subject.
	if n := a.toks[v-1].Norm; (n == "but" || n == "and") && v-1 > h0 && strings.Contains(a.gap(v-1), ",") {
		return a.openingSubject(h0, v-1)
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
	// ", who requested anonymity," describes the speaker before it.
	for len(segs) > 1 && relatives[a.toks[segs[0].lo].Norm] {
		segs = segs[1:]
	}
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
	lo := a.afterConjunction(sg.lo, sg.hi)
	// Someone by their role comes before the determiner of what they
	// are of ("one official at a U.S. bank", not "a U.S. bank"); a name
	// of one comes after any other reading ("Secretary of State George
	// Shultz" reads as the name it ends with).
	if sp := a.ofSpeaker(lo, sg.hi, false); sp != nil {
		return sp
	}
	if sp := a.plainSpeaker(sg); sp != nil {
		return sp
	}
	return a.ofSpeaker(lo, sg.hi, true)
}

// afterConjunction returns where the subject of the clause [lo,hi) starts:
// after its last conjunction ("Duff was injured and manager Jose Mourinho
// said").
func (a *Anatomy) afterConjunction(lo, hi int) int {
	for k := hi - 2; k > lo; k-- {
		// "Kidder Peabody and Co": "and" between capitals is in a name.
		if a.inNameAnd(k) {
			continue
		}
		if n := a.toks[k].Norm; n == "and" || n == "but" || n == "while" || n == "as" {
			return k + 1
		}
	}
	return lo
}

// ofSpeaker reads a speaker the clause [lo,hi) before a speech verb names
// by what it is of: by its name ("Hayashi of Nippon Life said") with
// byName, else by its role ("one official at a U.S. bank said").
func (a *Anatomy) ofSpeaker(lo, hi int, byName bool) *Speaker {
	// "analyst Jack Kirnan of Kidder Peabody and Co": a title in small
	// letters before the name.
	from := lo
	if byName {
		for lo < hi-1 && lo-from < 3 && !a.toks[lo].Upper && !text.IsStopword(a.toks[lo].Norm) {
			lo++
		}
		if lo > from && !a.toks[lo].Upper {
			lo = from
		}
	}
	if hi-lo <= 10 {
		for p := lo + 1; p < hi-1 && p <= lo+4; p++ {
			if !ofPrepositions[a.toks[p].Norm] {
				continue
			}
			// A name of someone at an organisation ("Charles Jensen of
			// MKI Securities"), not of a place or a department ("Bank
			// of Spain officials"); or someone by their role ("a dealer
			// at one U.K. bank"), not a thing ("the pace of orders").
			named, org := true, true
			for k := lo; k < p; k++ {
				named = named && a.toks[k].Upper && !text.IsStopword(a.toks[k].Norm)
			}
			// "Undersecretary of Commerce Bruce Smart": a title, not a name.
			if n := a.toks[lo].Norm; p-lo == 1 && (speakerRoles[n] || officeTitles[n]) {
				named = false
			}
			for k := p + 1; k < hi; k++ {
				org = org && (a.toks[k].Upper || text.IsStopword(a.toks[k].Norm))
			}
			role := determiners[a.toks[lo].Norm] && p-lo >= 2 && speakerRoles[a.toks[p-1].Norm]
			if byName && !(named && org) || !byName && !role {
				break
			}
			sp := a.span(a.toks[lo].Start, a.toks[hi-1].End)
			return &Speaker{Span: sp, Name: sp.Text}
		}
	}
	return nil
}

// plainSpeaker reads the speaker a clause names before its verb: a name, a
// pronoun, or a noun phrase after a determiner.
func (a *Anatomy) plainSpeaker(sg rng) *Speaker {
	lo, hi := sg.lo, sg.hi
	for hi > lo && relatives[a.toks[hi-1].Norm] {
		hi--
	}
	lo = a.afterConjunction(lo, hi)
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
		// "Paul Bergstresser of the University of Texas": what a
		// preposition governs is not the speaker.
		if determiners[a.toks[k].Norm] && !(k > lo && prepositions[a.toks[k-1].Norm]) {
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

// speakerRoles are what a speaker named by a role is: "one official at a
// U.S. bank", "a dealer with a Tokyo house".
var speakerRoles = setOf("official", "officials", "spokesman", "spokeswoman", "spokesperson", "dealer", "dealers",
	"trader", "traders", "analyst", "analysts", "economist", "economists", "member", "members", "executive",
	"executives", "source", "sources", "director", "chairman", "president", "manager", "managers", "banker",
	"bankers", "broker", "brokers", "lawyer", "lawyers", "minister", "representative", "officer", "head", "chief",
	"strategist", "delegate", "delegates", "worker", "workers", "resident", "residents", "witness", "expert", "experts")

// officeTitles head an office's name: "Secretary of State", "Governor of
// the Bank of England".
var officeTitles = setOf("secretary", "undersecretary", "governor", "mayor", "senator", "commissioner",
	"ambassador", "chancellor", "deputy", "vice", "prime", "attorney", "general", "speaker", "leader")

// ofPrepositions tie a speaker to what it speaks for: "Hayashi of Nippon
// Life", "an official at the bank".
var ofPrepositions = setOf("of", "at", "with", "for", "from")

var prepositions = setOf("from", "of", "for", "at", "in", "on", "with", "by", "near", "outside", "inside")
