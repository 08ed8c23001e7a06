package integrity

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/wiretrace/wiretrace/anatomy"
	"github.com/wiretrace/wiretrace/text"
	"golang.org/x/text/unicode/norm"
)

// nameVariants flags one name spelt two ways. Two names are variants when
// they share their consonant skeleton (the letters left once vowels, y and
// doubled letters are dropped: Kiev and Kyiv give "kv", Dnipro and Dnieper
// "dnpr") and lie within a small edit distance, which is how
// transliterations of one name differ; a name that extends another
// (German, Germany) is a derived word, not a variant. Names are compared as
// whole runs of capitalised words, so that "Sallow Hill" and "Sports Hall"
// are different names while "Dnipro River" and "Dnieper River" are one.
func (a *article) nameVariants() []Flag {
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
		if anatomy.IsCapsPlace(w) && utf8.RuneCountInString(w) > 1 && !inPlace {
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
	spans := map[string][]anatomy.Span{}
	written := map[string]string{}
	var firstSeen []string
	note := func(form string, k int) {
		t := a.toks[k]
		sp := a.span(t.Start, t.End)
		if !slices.Contains(spans[form], sp) {
			spans[form] = append(spans[form], sp)
		}
		if w := written[form]; w == "" || anatomy.IsCapsPlace(w) && !anatomy.IsCapsPlace(sp.Text) {
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
	timesWritten := map[string]int{}
	for k, t := range a.toks {
		if names[k] {
			timesWritten[nameForm(t.Norm)]++
		}
	}
	var out []Flag
	for _, r := range roots {
		g := groups[r]
		// A slip of the keyboard is not made three times over: two
		// spellings written three times each or more are two names
		// ("Regan" and "Reagan", "Franco" and "France").
		if !slices.ContainsFunc(g, func(f string) bool { return timesWritten[f] < repeatedSpelling }) {
			continue
		}
		slices.SortFunc(g, func(x, y string) int { return spans[x][0].Start - spans[y][0].Start })
		var shown []string
		var all []anatomy.Span
		for _, f := range g {
			w := written[f]
			if anatomy.IsCapsPlace(w) {
				w = titleCase(w)
			}
			shown = append(shown, w)
			all = append(all, spans[f]...)
		}
		slices.SortFunc(all, func(x, y anatomy.Span) int { return x.Start - y.Start })
		out = append(out, Flag{
			Kind:    FlagNameVariants,
			Message: "one name spelt two ways: " + strings.Join(shown, "/"),
			Spans:   all,
		})
	}
	slices.SortFunc(out, func(x, y Flag) int { return x.Spans[0].Start - y.Spans[0].Start })
	return out
}

// repeatedSpelling is how many times each of two spellings must be
// written for them to be two names.
const repeatedSpelling = 3

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

// titleCase turns "KIEV" into "Kiev".
func titleCase(s string) string {
	var b strings.Builder
	start := true
	for _, r := range s {
		if start {
			b.WriteRune(unicode.ToUpper(r))
		} else {
			b.WriteRune(unicode.ToLower(r))
		}
		start = !unicode.IsLetter(r) && r != '\'' && r != '\u2019'
	}
	return b.String()
}
