package anatomy

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/wiretrace/wiretrace/agency"
	"github.com/wiretrace/wiretrace/text"
	"golang.org/x/text/unicode/norm"
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

// Flag is an integrity problem an article shows on its own.
type Flag struct {
	Kind    string `json:"kind"`
	Message string `json:"message"`
	// Spans are the evidence in the text.
	Spans []Span `json:"spans"`
}

// Inspect reads the anatomy of s and flags its integrity problems.
func Inspect(s string) *Anatomy {
	a := Parse(s)
	a.Flags = a.flags()
	return a
}

// InspectWith is Inspect for a text extracted from a page, with the page's
// metadata.
func InspectWith(s string, m Metadata) *Anatomy {
	a := ParseWith(s, m)
	a.Flags = a.flags()
	return a
}

func (a *Anatomy) flags() []Flag {
	out := []Flag{}
	out = append(out, a.creditConflicts()...)
	out = append(out, a.quoteFlags()...)
	out = append(out, a.nameVariants()...)
	out = append(out, a.repeatedWords()...)
	return out
}

// creditConflicts flags credits that name different organisations for the
// same story: the dateline, byline or headline against each other or
// against a photo credit. A photo library's credit (Getty Images) names a
// seller, not an author, and a copyright line names the page's publisher,
// which a syndicating site legitimately is; both are shown beside the
// credits they agree with but never make a conflict.
func (a *Anatomy) creditConflicts() []Flag {
	type side struct {
		name    string // as first written in a credit that counts
		roles   []string
		spans   []Span
		counts  bool
		firstAt int
	}
	sides := map[string]*side{}
	var order []string
	for _, c := range a.Credits {
		k := agency.Key(c.Text)
		s, ok := sides[k]
		if !ok {
			s = &side{firstAt: c.Start}
			sides[k] = s
			order = append(order, k)
		}
		counts := c.Role != RoleCopyright && c.Role != RoleText && !(c.Role == RolePhoto && agency.IsPhotoLibrary(c.Text))
		if counts && !s.counts {
			s.name = c.Text
		}
		if s.name == "" && c.Role != RoleText {
			s.name = c.Text
		}
		s.counts = s.counts || counts
		if !slices.Contains(s.roles, c.Role) {
			s.roles = append(s.roles, c.Role)
		}
		s.spans = append(s.spans, c.Span)
	}
	var parts []string
	var spans []Span
	counting := 0
	for _, k := range order {
		s := sides[k]
		if !s.counts {
			continue
		}
		counting++
		parts = append(parts, fmt.Sprintf("%q (%s)", s.name, strings.Join(s.roles, ", ")))
		spans = append(spans, s.spans...)
	}
	if counting < 2 {
		return nil
	}
	slices.SortFunc(spans, func(x, y Span) int { return x.Start - y.Start })
	return []Flag{{
		Kind:    FlagCreditConflict,
		Message: "credits disagree: " + strings.Join(parts, " vs "),
		Spans:   spans,
	}}
}

// quoteFlags flags quotes in the body opened and never closed, and direct
// quotes with no speaker. A quote left open has no place for an
// attribution after it, so only its missing close is flagged.
func (a *Anatomy) quoteFlags() []Flag {
	var out []Flag
	for q, qt := range a.Quotes {
		if a.quotePara[q] < a.body {
			continue
		}
		switch {
		case !qt.Closed && !qt.Continued:
			out = append(out, Flag{
				Kind:    FlagQuoteUnclosed,
				Message: "quote opened and never closed: " + excerpt(qt.Text, 60),
				Spans:   []Span{qt.Span},
			})
		case qt.Kind == Direct && qt.Speaker == nil:
			out = append(out, Flag{
				Kind:    FlagQuoteNoSpeaker,
				Message: "quote with no speaker: " + excerpt(qt.Text, 60),
				Spans:   []Span{qt.Span},
			})
		}
	}
	return out
}

// excerpt shortens s to about n runes at a word boundary.
func excerpt(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	cut := 0
	for i := range s {
		if cut >= n {
			s = s[:i]
			break
		}
		cut++
	}
	if i := strings.LastIndexByte(s, ' '); i > len(s)/2 {
		s = s[:i]
	}
	return s + "\u2026"
}

// nameVariants flags one name spelt two ways. Two names are variants when
// they share their consonant skeleton (the letters left once vowels, y and
// doubled letters are dropped: Kiev and Kyiv give "kv", Dnipro and Dnieper
// "dnpr") and lie within a small edit distance, which is how
// transliterations of one name differ; a name that extends another
// (German, Germany) is a derived word, not a variant. Names are compared as
// whole runs of capitalised words, so that "Sallow Hill" and "Sports Hall"
// are different names while "Dnipro River" and "Dnieper River" are one.
func (a *Anatomy) nameVariants() []Flag {
	skip := a.furnitureSpans()
	nonInitial := map[string]bool{}
	names := make([]bool, len(a.toks))
	initial := make([]bool, len(a.toks))
	for k, t := range a.toks {
		if !t.Upper || t.Number || inSpans(skip, t.Start) {
			continue
		}
		w := a.text[t.Start:t.End]
		inPlace := a.Dateline != nil && a.Dateline.Place != nil && t.Start >= a.Dateline.Place.Start && t.End <= a.Dateline.Place.End
		if isCapsPlace(w) && utf8.RuneCountInString(w) > 1 && !inPlace {
			continue
		}
		names[k] = true
		initial[k] = (k == 0 || a.sentence[k-1] != a.sentence[k]) && !inPlace
		if !initial[k] {
			nonInitial[nameForm(t.Norm)] = true
		}
	}
	// Runs of names, keyed by their forms.
	type run struct {
		forms []string
		toks  [][]int // token indexes of each occurrence
	}
	runs := map[string]*run{}
	var order []string
	for k := 0; k < len(a.toks); {
		if !names[k] || initial[k] && !nonInitial[nameForm(a.toks[k].Norm)] {
			k++
			continue
		}
		j := k + 1
		for j < len(a.toks) && names[j] && strings.TrimSpace(a.gap(j)) == "" && !strings.Contains(a.gap(j), "\n") {
			j++
		}
		var forms []string
		var ks []int
		for i := k; i < j; i++ {
			forms = append(forms, nameForm(a.toks[i].Norm))
			ks = append(ks, i)
		}
		key := strings.Join(forms, " ")
		r, ok := runs[key]
		if !ok {
			r = &run{forms: forms}
			runs[key] = r
			order = append(order, key)
		}
		r.toks = append(r.toks, ks)
		k = j
	}
	// Runs with the same skeletons are compared word by word.
	bySkeleton := map[string][]string{}
	for _, key := range order {
		var sks []string
		for _, f := range runs[key].forms {
			sks = append(sks, skeleton(f))
		}
		sk := strings.Join(sks, " ")
		bySkeleton[sk] = append(bySkeleton[sk], key)
	}
	parent := map[string]string{}
	var find func(string) string
	find = func(x string) string {
		if p, ok := parent[x]; ok && p != x {
			r := find(p)
			parent[x] = r
			return r
		}
		parent[x] = x
		return x
	}
	spans := map[string][]Span{}
	written := map[string]string{}
	var firstSeen []string
	note := func(form string, k int) {
		t := a.toks[k]
		sp := a.span(t.Start, t.End)
		if !slices.Contains(spans[form], sp) {
			spans[form] = append(spans[form], sp)
		}
		if w := written[form]; w == "" || isCapsPlace(w) && !isCapsPlace(sp.Text) {
			written[form] = sp.Text
		}
	}
	for _, key := range order {
		sk := ""
		for i, f := range runs[key].forms {
			if i > 0 {
				sk += " "
			}
			sk += skeleton(f)
		}
		for _, other := range bySkeleton[sk] {
			if other <= key {
				continue
			}
			x, y := runs[key], runs[other]
			shared := false
			for i := range x.forms {
				shared = shared || x.forms[i] == y.forms[i]
			}
			var pos []int
			for i := range x.forms {
				fx, fy := x.forms[i], y.forms[i]
				if fx == fy {
					continue
				}
				if !variants(fx, fy, shared) {
					pos = nil
					break
				}
				pos = append(pos, i)
			}
			for _, i := range pos {
				fx, fy := x.forms[i], y.forms[i]
				for _, f := range []string{fx, fy} {
					if _, ok := parent[f]; !ok {
						firstSeen = append(firstSeen, f)
					}
				}
				parent[find(fx)] = find(fy)
				for _, occ := range x.toks {
					note(fx, occ[i])
				}
				for _, occ := range y.toks {
					note(fy, occ[i])
				}
			}
		}
	}
	groups := map[string][]string{}
	var roots []string
	for _, f := range firstSeen {
		r := find(f)
		if _, ok := groups[r]; !ok {
			roots = append(roots, r)
		}
		groups[r] = append(groups[r], f)
	}
	var out []Flag
	for _, r := range roots {
		g := groups[r]
		slices.SortFunc(g, func(x, y string) int { return spans[x][0].Start - spans[y][0].Start })
		var shown []string
		var all []Span
		for _, f := range g {
			w := written[f]
			if isCapsPlace(w) {
				w = titleCase(w)
			}
			shown = append(shown, w)
			all = append(all, spans[f]...)
		}
		slices.SortFunc(all, func(x, y Span) int { return x.Start - y.Start })
		out = append(out, Flag{
			Kind:    FlagNameVariants,
			Message: "one name spelt two ways: " + strings.Join(shown, "/"),
			Spans:   all,
		})
	}
	slices.SortFunc(out, func(x, y Flag) int { return x.Spans[0].Start - y.Spans[0].Start })
	return out
}

// furnitureSpans are the parts of an article set in title case or
// capitals by convention, where a capital says nothing of a name.
func (a *Anatomy) furnitureSpans() []Span {
	var out []Span
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

func inSpans(spans []Span, off int) bool {
	for _, s := range spans {
		if s.Start <= off && off < s.End {
			return true
		}
	}
	return false
}

// nameForm folds a name for comparing spellings: accents and a possessive
// ending removed.
func nameForm(n string) string {
	n = strings.TrimSuffix(n, "'s")
	n = strings.TrimSuffix(n, "'")
	var b strings.Builder
	for _, r := range norm.NFD.String(n) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isVowel(r rune) bool { return strings.ContainsRune("aeiouy", r) }

// skeleton keeps a name's first letter and its consonants, doubled letters
// once, with the digraphs transliterations vary on folded (kh, ph, ck).
func skeleton(w string) string {
	w = strings.NewReplacer("kh", "h", "ph", "f", "ck", "k").Replace(w)
	var b strings.Builder
	var prev rune
	for i, r := range w {
		if i > 0 && isVowel(r) {
			prev = r
			continue
		}
		if r == prev {
			continue
		}
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}

func consonants(sk string) int {
	n := 0
	for _, r := range sk {
		if !isVowel(r) && unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// Spelling costs, in half edits: transliterations of one name differ in
// the front vowels and glides (i, y, e, j: Kiev, Kyiv; Oleshki, Oleshky) and
// in doubled letters (Odessa, Odesa), which cost half an edit; any other
// letter changed, added, dropped or swapped costs a whole one.
const (
	halfEdit = 1
	fullEdit = 2
)

func isFront(r rune) bool { return r == 'i' || r == 'y' || r == 'e' || r == 'j' }

// spellingCost is the edit distance between two name forms, in half edits,
// with the weights above and adjacent transpositions (Monteith, Montieth)
// as one edit.
func spellingCost(x, y string, fullEdit int) int {
	a, b := []rune(x), []rune(y)
	indel := func(s []rune, i int) int {
		if isFront(s[i]) || i > 0 && s[i-1] == s[i] || i+1 < len(s) && s[i+1] == s[i] {
			return halfEdit
		}
		return fullEdit
	}
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
	}
	for i := 1; i <= len(a); i++ {
		d[i][0] = d[i-1][0] + indel(a, i-1)
	}
	for j := 1; j <= len(b); j++ {
		d[0][j] = d[0][j-1] + indel(b, j-1)
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			sub := fullEdit
			switch {
			case a[i-1] == b[j-1]:
				sub = 0
			case isFront(a[i-1]) && isFront(b[j-1]):
				sub = halfEdit
			}
			d[i][j] = min(d[i-1][j]+indel(a, i-1), d[i][j-1]+indel(b, j-1), d[i-1][j-1]+sub)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+fullEdit)
			}
		}
	}
	return d[len(a)][len(b)]
}

// derivationSuffixes end words made from one stem: Argentina and
// Argentine, Minister and Ministry, Britain and Briton are different
// words, not one word spelt two ways.
var derivationSuffixes = []string{"ia", "ian", "ians", "an", "ans", "ine", "ina", "ino", "ese", "ish",
	"ic", "ics", "er", "ers", "ry", "ries", "ist", "ists", "ism", "o", "ain", "on", "ite", "ites", "ary", "ure"}

// derived reports whether x and y are one stem with two derivational
// endings, or one extends the other (German, Germany).
func derived(x, y string) bool {
	if len(x) > len(y) {
		x, y = y, x
	}
	if strings.HasPrefix(y, x) {
		// Zelensky, Zelenskyy: a doubled last letter is a spelling.
		rest := y[len(x):]
		return !(len(rest) == 1 && len(x) > 0 && rest[0] == x[len(x)-1])
	}
	for _, sx := range derivationSuffixes {
		stem, ok := strings.CutSuffix(x, sx)
		if !ok || utf8.RuneCountInString(stem) < 4 {
			continue
		}
		for _, sy := range derivationSuffixes {
			if sy != sx && y == stem+sy {
				return true
			}
		}
	}
	return false
}

// variants reports whether two name forms are spellings of one name: not
// derived words, and at most one edit apart, or two when the names they
// stand in share another word ("Dnipro River", "Dnieper River"). In a name
// of five letters or fewer one whole edit is too much (Hill, Hall; Dana,
// Dina): only the half edits of transliteration count (Kiev, Kyiv).
func variants(x, y string, sharedWord bool) bool {
	if x == y || derived(x, y) || text.IsStopword(x) || text.IsStopword(y) {
		return false
	}
	if utf8.RuneCountInString(x) < 4 || utf8.RuneCountInString(y) < 4 || consonants(skeleton(x)) < 2 {
		return false
	}
	limit := fullEdit
	if sharedWord {
		limit = 2 * fullEdit
	}
	full := fullEdit
	if max(utf8.RuneCountInString(x), utf8.RuneCountInString(y)) <= 5 {
		full = limit + 1
	}
	return spellingCost(x, y, full) <= limit
}

// linkers are the words of deliberate repetitions: "more and more", "side
// by side", "year on year", "face to face".
var linkers = setOf("and", "or", "nor", "but", "by", "after", "to", "for", "upon", "on", "in", "over",
	"than", "versus", "vs", "from", "into", "against", "of")

// repeatedWords flags a content word repeated in a broken construction,
// outside quotes, in one sentence of the body: the same stem three times
// within eight words, or twice with at most one ordinary word between
// ("had ignored still ignoring"), with no punctuation (a comma or dash
// marks a deliberate repetition) and no linking word ("step by step")
// between. Synonym spinners leave such garbles where they rewrite a phrase
// around a word they also kept. Speech repeats itself ("really really"),
// so quotes are left alone.
func (a *Anatomy) repeatedWords() []Flag {
	var out []Flag
	bodyStart := 0
	if a.body < len(a.paras) {
		bodyStart = a.paras[a.body].start
	}
	skip := a.furnitureSpans()
	stem := func(k int) string {
		t := a.toks[k]
		if t.Start < bodyStart || t.Number || t.Upper || text.IsStopword(t.Norm) || utf8.RuneCountInString(t.Norm) < 4 ||
			inSpans(skip, t.Start) || a.inQuote(t.Start) {
			return ""
		}
		return text.Stem(t.Norm)
	}
	broken := func(i, j int) bool {
		for k := i + 1; k <= j; k++ {
			if g := a.gap(k); strings.ContainsAny(g, ",;:()\u2014\u2013\"\u201c\u201d\n") || strings.Contains(g, " - ") {
				return false
			}
			if k < j && linkers[a.toks[k].Norm] {
				return false
			}
		}
		return true
	}
	// ordinary reports a word between two repeats that makes no sense of
	// them: not a function word, name or number ("sell could sell" and
	// "core PPI core" are grammar; "ignored still ignoring" is not).
	ordinary := func(k int) bool {
		t := a.toks[k]
		return !t.Upper && !t.Number && !text.IsStopword(t.Norm)
	}
	for _, sent := range text.Sentences(a.text, a.toks) {
		at := map[string][]int{}
		var order []string
		for k := sent.Start; k < sent.End; k++ {
			if st := stem(k); st != "" {
				if _, ok := at[st]; !ok {
					order = append(order, st)
				}
				at[st] = append(at[st], k)
			}
		}
		for _, st := range order {
			ps := at[st]
			flagged := make([]bool, len(ps))
			for k := 0; k+1 < len(ps); k++ {
				gap := ps[k+1] - ps[k] - 1
				if (gap == 0 || gap == 1 && ordinary(ps[k]+1)) && broken(ps[k], ps[k+1]) {
					flagged[k], flagged[k+1] = true, true
				}
				if k+2 < len(ps) && ps[k+2]-ps[k] <= 7 && broken(ps[k], ps[k+2]) {
					flagged[k], flagged[k+1], flagged[k+2] = true, true, true
				}
			}
			for k := 0; k < len(ps); {
				if !flagged[k] {
					k++
					continue
				}
				j := k
				for j+1 < len(ps) && flagged[j+1] && ps[j+1]-ps[j] <= 7 {
					j++
				}
				out = append(out, a.repeatFlag(ps[k:j+1], sent))
				k = j + 1
			}
		}
	}
	slices.SortFunc(out, func(x, y Flag) int { return x.Spans[0].Start - y.Spans[0].Start })
	return out
}

// repeatFlag describes the repeated words at token indexes occ, quoting
// them with a word of context on each side inside the sentence.
func (a *Anatomy) repeatFlag(occ []int, sent text.Span) Flag {
	var ws []string
	var spans []Span
	for _, k := range occ {
		t := a.toks[k]
		ws = append(ws, a.text[t.Start:t.End])
		spans = append(spans, a.span(t.Start, t.End))
	}
	lo := a.toks[max(occ[0]-1, sent.Start)]
	hi := a.toks[min(occ[len(occ)-1]+1, sent.End-1)]
	return Flag{
		Kind:    FlagRepeatedWord,
		Message: fmt.Sprintf("word repeated in a broken construction: %s in %q", strings.Join(ws, " \u2026 "), a.text[lo.Start:hi.End]),
		Spans:   spans,
	}
}
