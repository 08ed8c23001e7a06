package anatomy

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/wiretrace/wiretrace/agency"
	"github.com/wiretrace/wiretrace/byline"
)

// parseFurniture finds photo credits and copyright lines in every paragraph:
// pages put captions and copyright notices anywhere.
func (a *Anatomy) parseFurniture() {
	for _, p := range a.paras {
		s := a.paraText(p)
		var copyrightEnd int // end of a copyright line opening the paragraph
		for off := 0; off < len(s); {
			c, ok := parseCopyright(s[off:])
			if !ok {
				break
			}
			a.Copyrights = append(a.Copyrights, Copyright{
				Span:   a.span(p.start+off+c.lo, p.start+off+c.hi),
				Holder: a.span(p.start+off+c.holderLo, p.start+off+c.holderHi),
			})
			if strings.TrimSpace(s[:off+c.lo]) == "" {
				copyrightEnd = off + c.hi
			}
			off += c.hi
		}
		pc, ok := parsePhotoCredit(s)
		if !ok {
			continue
		}
		ph := Photo{Credit: a.span(p.start+pc.lo, p.start+pc.hi)}
		if pc.agencyLo < pc.agencyHi {
			ph.Agency = a.spanPtr(p.start+pc.agencyLo, p.start+pc.agencyHi)
		}
		if pc.photographerLo < pc.photographerHi {
			ph.Photographer = a.spanPtr(p.start+pc.photographerLo, p.start+pc.photographerHi)
		}
		lo, hi := trimSpace(s, copyrightEnd, pc.lo)
		for hi > lo && (s[hi-1] == '(' || s[hi-1] == '-' || s[hi-1] == '|') {
			lo, hi = trimSpace(s, lo, hi-1)
		}
		if lo < hi {
			ph.Caption = a.spanPtr(p.start+lo, p.start+hi)
		}
		a.Photos = append(a.Photos, ph)
	}
}

// isCaption reports whether paragraph p ends with a photo credit.
func (a *Anatomy) isCaption(p para) bool {
	for _, ph := range a.Photos {
		if ph.Credit.Start >= p.start && ph.Credit.End <= p.end {
			return true
		}
	}
	return false
}

// isCopyrightLine reports whether paragraph p is a copyright notice and
// little else.
func (a *Anatomy) isCopyrightLine(p para) bool {
	for _, c := range a.Copyrights {
		if c.Start >= p.start && c.End <= p.end && (c.End-c.Start)*2 >= p.end-p.start {
			return true
		}
	}
	return false
}

// parseHeader finds the dateline, which starts the body, then the headline
// and the byline in the paragraphs before it.
func (a *Anatomy) parseHeader() {
	limit := min(len(a.paras), headerLines)
	a.body = -1
	for k := 0; k < limit; k++ {
		p := a.paras[k]
		if a.isCaption(p) || a.isCopyrightLine(p) {
			continue
		}
		if d, ok := parseDateline(a.paraText(p)); ok {
			a.Dateline = a.dateline(p.start, d)
			a.body = k
			break
		}
	}
	if a.body < 0 {
		a.body = 0
		for k := 0; k < limit; k++ {
			p := a.paras[k]
			s := a.paraText(p)
			if a.isCaption(p) || a.isCopyrightLine(p) || isFurniture(s) {
				continue
			}
			if _, ok := byline.Parse(s); ok {
				continue
			}
			if words(s) >= 12 && endsProse(s) {
				a.body = k
				break
			}
		}
	}
	for k := 0; k < a.body; k++ {
		p := a.paras[k]
		s := a.paraText(p)
		if b, ok := byline.Parse(s); ok && a.Byline == nil {
			a.Byline = a.byline(p.start, len(s), b)
			// An agency byline may give the organisation on a line of
			// its own: "By JANE ROE" then "Associated Press".
			if a.Byline.Organisation == nil && k+1 < a.body {
				q := a.paras[k+1]
				if t := a.paraText(q); agency.LooksLikeOrganisation(t) && words(t) <= 5 && !endsProse(t) {
					a.Byline.Organisation = a.spanPtr(q.start, q.end)
				}
			}
			continue
		}
		if k == 0 && !a.isCaption(p) && !a.isCopyrightLine(p) && !isFurniture(s) && words(s) <= 30 {
			a.headline(p)
		}
	}
	if a.Byline == nil {
		a.reportingLine()
	}
}

// headline records paragraph p as the headline, splitting off a credit that
// content sites append to it: "Title By Site Name".
func (a *Anatomy) headline(p para) {
	s := a.paraText(p)
	end := len(s)
	if i := strings.LastIndex(s, " By "); i > 0 {
		if b, ok := byline.Parse(s[i+1:]); ok {
			lo := p.start + i + 1
			switch {
			case !b.Organisation.Empty() && len(b.Names) == 0:
				a.headlineCredit = a.spanPtr(lo+b.Organisation.Start, lo+b.Organisation.End)
				end = i
			case len(b.Names) > 0 && a.Byline == nil:
				a.Byline = a.byline(lo, len(s)-i-1, b)
				end = i
			}
		}
	}
	lo, hi := trimSpace(s, 0, end)
	if lo < hi {
		a.Headline = a.spanPtr(p.start+lo, p.start+hi)
	}
}

// reportingLine reads the reporters from a Reuters-style closing line when
// the article has no byline: "(Reporting by Jane Roe in Kyiv; Editing by
// John Doe)". Editors are not authors and are left out.
func (a *Anatomy) reportingLine() {
	for k := len(a.paras) - 1; k >= a.body && k >= 0; k-- {
		p := a.paras[k]
		s := a.paraText(p)
		rest, ok := strings.CutPrefix(strings.TrimPrefix(s, "("), "Reporting by ")
		if !ok {
			continue
		}
		off := len(s) - len(rest)
		if i := strings.IndexAny(rest, ";)"); i >= 0 {
			rest = rest[:i]
		}
		var names []byline.Range
		for _, part := range byline.SplitNames(rest) {
			// "Jane Roe in Kyiv": the place is not part of the name.
			if i := strings.Index(rest[part.Start:part.End], " in "); i >= 0 {
				part.End = part.Start + i
			}
			if byline.IsPersonName(rest[part.Start:part.End]) {
				names = append(names, part)
			}
		}
		if len(names) == 0 {
			continue
		}
		b := &Byline{Span: a.span(p.start, p.end)}
		for _, n := range names {
			b.Names = append(b.Names, a.span(p.start+off+n.Start, p.start+off+n.End))
		}
		a.Byline = b
		return
	}
}

// rng is a byte range relative to the string being parsed.
type rng struct{ lo, hi int }

func (r rng) empty() bool { return r.hi <= r.lo }

// byline makes the Byline of a line at base that byline.Parse read,
// running n bytes.
func (a *Anatomy) byline(base, n int, b byline.Parts) *Byline {
	out := &Byline{Span: a.span(base, base+n), Names: []Span{}}
	for _, nm := range b.Names {
		out.Names = append(out.Names, a.span(base+nm.Start, base+nm.End))
	}
	if !b.Organisation.Empty() {
		out.Organisation = a.spanPtr(base+b.Organisation.Start, base+b.Organisation.End)
	}
	if !b.Role.Empty() {
		out.Role = a.spanPtr(base+b.Role.Start, base+b.Role.End)
	}
	return out
}

type datelineParts struct {
	hi                  int
	place, date, agency rng
}

func (a *Anatomy) dateline(base int, d datelineParts) *Dateline {
	out := &Dateline{Span: a.span(base, base+d.hi)}
	if !d.place.empty() {
		out.Place = a.spanPtr(base+d.place.lo, base+d.place.hi)
	}
	if !d.date.empty() {
		out.Date = a.spanPtr(base+d.date.lo, base+d.date.hi)
	}
	if !d.agency.empty() {
		out.Agency = a.spanPtr(base+d.agency.lo, base+d.agency.hi)
	}
	return out
}

// parseDateline reads the dateline opening a paragraph, in the forms the
// wires use:
//
//	KYIV/KHERSON, Ukraine (Reuters) –
//	PARIS, Nov 15 (AFP) -
//	WASHINGTON (AP) —
//	LONDON, PA -
//	(Bloomberg) --
//	NEW YORK, March 3, 2026 /PRNewswire/ --
//	SAN FRANCISCO--(BUSINESS WIRE)--
//	HARWICK -
//
// A place in capitals needs no agency; a place in ordinary case ("Paris
// (AFP) -") does. A dash (or a colon after a date or agency) must follow,
// and then the story.
func parseDateline(s string) (datelineParts, bool) {
	var d datelineParts
	i := 0
	if strings.HasPrefix(s, "(") {
		ag, next, ok := parenAgency(s, 0)
		if !ok {
			return d, false
		}
		d.agency = ag
		end, ok := separator(s, next, true)
		if !ok {
			return d, false
		}
		d.hi = end
		return d, true
	}
	// The place: words up to a comma, bracket, slash-credit or dash.
	placeEnd := len(s)
	for k, r := range s {
		if r == ',' || r == '(' || r == '\u2013' || r == '\u2014' || r == ':' ||
			r == '-' && (strings.HasPrefix(s[k:], "--") || k > 0 && s[k-1] == ' ') ||
			r == '/' && k > 0 && s[k-1] == ' ' {
			placeEnd = k
			break
		}
		if k > 60 {
			return d, false
		}
	}
	lo, hi := trimSpace(s, 0, placeEnd)
	if lo != 0 || hi == 0 {
		return d, false
	}
	place := s[:hi]
	capsPlace := isCapsPlace(place)
	if !capsPlace && !isCapitalisedWords(place, 5) {
		return d, false
	}
	d.place = rng{0, hi}
	i = placeEnd
	placeRegionEnd := hi
	for steps := 0; steps < 6; steps++ {
		j := i
		for j < len(s) && s[j] == ' ' {
			j++
		}
		switch {
		case strings.HasPrefix(s[j:], "--("), strings.HasPrefix(s[j:], "("):
			k := j
			if s[k] == '-' {
				k += 2
			}
			ag, next, ok := parenAgency(s, k)
			if !ok {
				return d, false
			}
			d.agency = ag
			i = next
		case strings.HasPrefix(s[j:], "/") && j > i:
			end := strings.IndexByte(s[j+1:], '/')
			if end <= 0 || end > 40 {
				return d, false
			}
			d.agency = rng{j + 1, j + 1 + end}
			i = j + 2 + end
		case strings.HasPrefix(s[j:], ","):
			k := j + 1
			for k < len(s) && s[k] == ' ' {
				k++
			}
			if n, ok := dateAt(s[k:]); ok && d.date.empty() {
				d.date = rng{k, k + n}
				i = k + n
				continue
			}
			// "LONDON, PA -": a known agency's short name after the place.
			if n := capsWordLen(s[k:]); n > 0 {
				if _, ok := agency.Known(s[k : k+n]); ok && d.agency.empty() && d.date.empty() {
					if _, ok := separator(s, k+n, true); ok {
						d.agency = rng{k, k + n}
						i = k + n
						continue
					}
				}
			}
			if !d.date.empty() || !d.agency.empty() {
				return d, false
			}
			n := regionLen(s[k:])
			if n == 0 {
				return d, false
			}
			placeRegionEnd = k + n
			i = k + n
		default:
			end, ok := separator(s, i, !d.agency.empty() || !d.date.empty())
			if !ok {
				return d, false
			}
			if !capsPlace && d.agency.empty() {
				return d, false
			}
			d.place.hi = placeRegionEnd
			d.hi = end
			return d, true
		}
	}
	return d, false
}

// parenAgency reads "(Agency)" at s[i:], returning the agency's range and
// the offset after the bracket.
func parenAgency(s string, i int) (rng, int, bool) {
	if i >= len(s) || s[i] != '(' {
		return rng{}, 0, false
	}
	end := strings.IndexByte(s[i:], ')')
	if end < 2 || end > 60 {
		return rng{}, 0, false
	}
	lo, hi := trimSpace(s, i+1, i+end)
	name := s[lo:hi]
	if !isCapitalisedWords(name, 6) && !isCapsPlace(name) {
		return rng{}, 0, false
	}
	return rng{lo, hi}, i + end + 1, true
}

// separator reads the dash that ends a dateline at s[i:] and returns the
// offset after it. A colon counts when colonOK. Text must follow.
func separator(s string, i int, colonOK bool) (int, bool) {
	j := i
	for j < len(s) && s[j] == ' ' {
		j++
	}
	var n int
	switch {
	case strings.HasPrefix(s[j:], "--"):
		n = 2
	case strings.HasPrefix(s[j:], "-"):
		n = 1
	case strings.HasPrefix(s[j:], "\u2013"), strings.HasPrefix(s[j:], "\u2014"):
		n = 3
	case colonOK && strings.HasPrefix(s[j:], ":"):
		n = 1
	default:
		return 0, false
	}
	end := j + n
	k := end
	for k < len(s) && s[k] == ' ' {
		k++
	}
	if k >= len(s) {
		return 0, false
	}
	r, _ := utf8.DecodeRuneInString(s[k:])
	if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune("\"'\u201c\u2018(", r) {
		return 0, false
	}
	// "- 5" or a hyphenated word straight after is not a dateline dash
	// unless the dash stood apart from the place.
	if n == 1 && s[j] == '-' && k == end && j == i {
		return 0, false
	}
	return end, true
}

// isCapsPlace reports a place name in capitals: "KIEV/KHERSON", "COBB'S
// FERRY", "ST. PETERSBURG".
func isCapsPlace(s string) bool {
	letters := 0
	for _, r := range s {
		switch {
		case unicode.IsLetter(r):
			if unicode.IsLower(r) {
				return false
			}
			letters++
		case r == ' ' || r == '/' || r == '-' || r == '.' || r == '\'' || r == '\u2019' || r == '&':
		default:
			return false
		}
	}
	return letters >= 2 && len(strings.Fields(s)) <= 5
}

// isCapitalisedWords reports one to max words each starting with a capital
// (connectors such as "of" and "&" allowed between them).
func isCapitalisedWords(s string, maxWords int) bool {
	f := strings.Fields(s)
	if len(f) == 0 || len(f) > maxWords {
		return false
	}
	for i, w := range f {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsUpper(r) || unicode.IsDigit(r) && i > 0 {
			continue
		}
		if i > 0 && i < len(f)-1 && (w == "&" || connectors[strings.ToLower(w)]) {
			continue
		}
		return false
	}
	return true
}

var connectors = setOf("of", "and", "the", "for", "de", "du", "la", "le", "del", "on", "in", "&")

// capsWordLen returns the length of a word in capitals at the start of s.
func capsWordLen(s string) int {
	n := 0
	for n < len(s) && 'A' <= s[n] && s[n] <= 'Z' {
		n++
	}
	if n < 2 {
		return 0
	}
	return n
}

// regionLen returns the length of a region after a dateline's place:
// "Ukraine", "Calif.", "N.Y.", "England".
func regionLen(s string) int {
	end := len(s)
	for k, r := range s {
		if r == ',' || r == '(' || r == '/' || r == '\u2013' || r == '\u2014' || r == ':' || r == '-' && (k == 0 || s[k-1] == ' ' || strings.HasPrefix(s[k:], "--")) {
			end = k
			break
		}
	}
	lo, hi := trimSpace(s, 0, end)
	if lo != 0 || hi == 0 || !isCapitalisedWords(s[:hi], 3) {
		return 0
	}
	return hi
}

var months = setOf("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
	"january", "february", "march", "april", "june", "july", "august", "september", "october",
	"november", "december")

// dateAt returns the length of a date at the start of s: "Nov 15", "Nov.
// 15", "March 3, 2026", "15 November 2022".
func dateAt(s string) (int, bool) {
	word := func(i int) (string, int) {
		j := i
		for j < len(s) && (s[j] >= 'A' && s[j] <= 'Z' || s[j] >= 'a' && s[j] <= 'z') {
			j++
		}
		return s[i:j], j
	}
	digits := func(i int) int {
		j := i
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		return j
	}
	year := func(i int) int {
		j := i
		if strings.HasPrefix(s[j:], ", ") {
			j += 2
		} else if strings.HasPrefix(s[j:], " ") {
			j++
		} else {
			return i
		}
		if k := digits(j); k-j == 4 {
			return k
		}
		return i
	}
	if w, j := word(0); months[strings.ToLower(w)] {
		if j < len(s) && s[j] == '.' {
			j++
		}
		if j < len(s) && s[j] == ' ' {
			if k := digits(j + 1); k > j+1 && k-j-1 <= 2 {
				return year(k), true
			}
		}
		return 0, false
	}
	if k := digits(0); k > 0 && k <= 2 && k < len(s) && s[k] == ' ' {
		if w, j := word(k + 1); months[strings.ToLower(w)] {
			return year(j), true
		}
	}
	return 0, false
}

type photoParts struct {
	lo, hi                         int
	agencyLo, agencyHi             int
	photographerLo, photographerHi int
}

var photoMarkers = []string{
	"Photo courtesy of ", "Photo by ", "Photographs: ", "Photograph: ", "Photographer: ", "Photos: ", "Photo: ",
	"Pictures: ", "Picture: ", "Images: ", "Image: ", "Photo credit: ", "Credit: ", "PHOTO: ", "Photo/",
}

// photoLibraries are names that end a caption on their own.
var photoLibraries = []string{"Getty Images", "Shutterstock", "Alamy", "iStock", "AFP via Getty Images"}

// parsePhotoCredit finds a photo credit ending the paragraph s (or in the
// brackets that end it):
//
//	... REUTERS/Valentyn Ogirenko
//	(Photo: Harbor Press Agency/Luca Ferrand)
//	(AP Photo/Jane Roe)
//	Photo: Jane Roe/AFP via Getty Images
//	... Getty Images
func parsePhotoCredit(s string) (photoParts, bool) {
	var pc photoParts
	end := len(s)
	for end > 0 && (s[end-1] == '.' || s[end-1] == ' ') {
		end--
	}
	closing := end
	if end > 0 && s[end-1] == ')' {
		closing = end - 1
	}
	// Explicit markers. A credit is a few words at the end: only the end
	// is searched.
	from := max(0, closing-160)
	best := -1
	var marker string
	if window := s[from:closing]; strings.IndexByte(window, ':') >= 0 || strings.Contains(window, "Photo") {
		for _, m := range photoMarkers {
			if i := strings.LastIndex(window, m); i >= 0 && from+i > best {
				best, marker = from+i, m
			}
		}
	}
	if best >= 0 {
		lo := best
		creditLo := best + len(marker)
		if marker == "Photo/" {
			// "AP Photo/Jane Roe": the agency leads.
			k := best
			for k > 0 && s[k-1] == ' ' {
				k--
			}
			w := k
			for w > 0 && s[w-1] != ' ' && s[w-1] != '(' {
				w--
			}
			if w == k {
				return pc, false
			}
			lo = w
			pc.agencyLo, pc.agencyHi = w, k
			pc.photographerLo, pc.photographerHi = trimSpace(s, creditLo, closing)
			if cut := strings.Index(s[pc.photographerLo:pc.photographerHi], ","); cut >= 0 {
				pc.photographerHi = pc.photographerLo + cut
			}
		} else if !splitCredit(s, creditLo, closing, &pc) {
			return pc, false
		}
		if closing < end && lo > 0 && s[lo-1] == '(' {
			lo--
			pc.hi = end
		} else {
			pc.hi = closing
		}
		if closing == end {
			pc.hi = end
		}
		pc.lo = lo
		if words(s[creditLo:closing]) > 8 {
			return pc, false
		}
		return pc, true
	}
	// A trailing "AGENCY/Name" or "Name/Agency", perhaps in brackets.
	tail := closing
	for _, suf := range []string{"/File Photo", "/File", " File Photo", "/Handout"} {
		if strings.HasSuffix(s[:tail], suf) {
			tail -= len(suf)
		}
	}
	if slash := strings.LastIndexByte(s[:tail], '/'); slash > 0 {
		right := strings.TrimSpace(s[slash+1 : tail])
		if !isCapitalisedWords(right, 5) && !isCapsPlace(right) {
			return pc, false
		}
		// The left side: words in capitals back to a sentence end.
		k := slash
		for k > 0 && s[k-1] == ' ' {
			k--
		}
		lo := k
		left0 := k
		for k > 0 {
			w := k
			for w > 0 && s[w-1] != ' ' && s[w-1] != '(' {
				w--
			}
			word := s[w:k]
			if word == "" || strings.HasSuffix(word, ".") && w < lo || !isCapsPlace(word) && !isAgencyWord(word) {
				break
			}
			lo = w
			k = w
			for k > 0 && s[k-1] == ' ' {
				k--
			}
		}
		if lo == left0 {
			// "Jane Roe/AFP": a name before an agency.
			if _, ok := agency.Known(right); !ok && !agency.LooksLikeOrganisation(right) {
				return pc, false
			}
			k, lo = left0, left0
			for n := 0; n < 4 && k > 0; n++ {
				w := k
				for w > 0 && s[w-1] != ' ' && s[w-1] != '(' {
					w--
				}
				word := s[w:k]
				r, _ := utf8.DecodeRuneInString(word)
				if word == "" || !unicode.IsUpper(r) || strings.HasSuffix(word, ".") && w < lo {
					break
				}
				lo = w
				k = w
				for k > 0 && s[k-1] == ' ' {
					k--
				}
			}
			if lo == left0 {
				return pc, false
			}
		}
		if !splitCredit(s, lo, tail, &pc) {
			return pc, false
		}
		pc.lo, pc.hi = lo, tail
		if closing < end && lo > 0 && s[lo-1] == '(' {
			pc.lo, pc.hi = lo-1, end
		}
		return pc, true
	}
	for _, lib := range photoLibraries {
		if strings.HasSuffix(s[:closing], lib) {
			lo := closing - len(lib)
			if lo > 0 && s[lo-1] != ' ' && s[lo-1] != '(' {
				continue
			}
			pc.lo, pc.hi = lo, end
			pc.agencyLo, pc.agencyHi = lo, closing
			if lo > 0 && s[lo-1] == '(' {
				pc.lo = lo - 1
			}
			return pc, true
		}
	}
	return pc, false
}

func isAgencyWord(w string) bool {
	_, ok := agency.Known(w)
	return ok
}

// splitCredit splits a photo credit s[lo:hi] ("AGENCY/Name", "Name/Agency",
// "Name/AFP via Getty Images", "Getty Images") into agency and photographer.
func splitCredit(s string, lo, hi int, pc *photoParts) bool {
	lo, hi = trimSpace(s, lo, hi)
	if lo >= hi {
		return false
	}
	c := s[lo:hi]
	slash := strings.LastIndexByte(c, '/')
	if slash < 0 {
		if agencyish(c) {
			pc.agencyLo, pc.agencyHi = lo, hi
		} else if byline.IsPersonName(c) {
			pc.photographerLo, pc.photographerHi = lo, hi
		} else {
			return false
		}
		return true
	}
	left, right := rng{lo, lo + slash}, rng{lo + slash + 1, hi}
	left.lo, left.hi = trimSpace(s, left.lo, left.hi)
	right.lo, right.hi = trimSpace(s, right.lo, right.hi)
	if left.empty() || right.empty() {
		return false
	}
	// "AFP via Getty Images": the agency is the one before "via".
	via := func(r rng) rng {
		if i := strings.Index(s[r.lo:r.hi], " via "); i > 0 {
			return rng{r.lo, r.lo + i}
		}
		return r
	}
	l, r := s[left.lo:left.hi], s[right.lo:right.hi]
	la, ra := agencyish(l), agencyish(strings.SplitN(r, " via ", 2)[0])
	_, lk := agency.Known(l)
	_, rk := agency.Known(strings.SplitN(r, " via ", 2)[0])
	agencyLeft := la && !ra || la && ra && (lk || !rk)
	if !la && !ra {
		agencyLeft = false
	}
	if agencyLeft {
		pc.agencyLo, pc.agencyHi = left.lo, left.hi
		pc.photographerLo, pc.photographerHi = right.lo, right.hi
	} else {
		ag := via(right)
		pc.agencyLo, pc.agencyHi = ag.lo, ag.hi
		pc.photographerLo, pc.photographerHi = left.lo, left.hi
	}
	return pc.agencyLo < pc.agencyHi
}

// agencyish reports a name that reads as an organisation rather than a
// person: a known agency, a name in capitals, an organisation's name.
func agencyish(s string) bool {
	if _, ok := agency.Known(s); ok {
		return true
	}
	return isCapsPlace(s) || agency.LooksLikeOrganisation(s)
}

type copyrightParts struct{ lo, hi, holderLo, holderHi int }

// parseCopyright finds the first copyright notice in s: "©Site Name.",
// "© 2026 Site Name. All rights reserved.", "Copyright 2026 The Site",
// "Copyright Thomson Reuters 2026".
func parseCopyright(s string) (copyrightParts, bool) {
	var c copyrightParts
	for from := 0; from < len(s); {
		i, n := copyrightMark(s[from:])
		if i < 0 {
			return c, false
		}
		i += from
		j := i + n
		// Skip marks, years and punctuation before the holder.
		for j < len(s) {
			switch {
			case s[j] == ' ' || s[j] == ':' || s[j] == ',' || s[j] == '-':
				j++
			case strings.HasPrefix(s[j:], "\u00a9"):
				j += 2
			case strings.HasPrefix(s[j:], "(c)"), strings.HasPrefix(s[j:], "(C)"):
				j += 3
			case s[j] >= '0' && s[j] <= '9':
				j++
			case strings.HasPrefix(s[j:], "\u2013"):
				j += 3
			default:
				goto holder
			}
		}
	holder:
		lo, hi, ok := holderAt(s, j)
		if !ok {
			from = i + n
			continue
		}
		c.lo, c.holderLo, c.holderHi = i, lo, hi
		end := hi
		rest := s[end:]
		// Take in a trailing year, full stop and "All rights reserved".
		k := strings.IndexFunc(rest, func(r rune) bool { return r != ' ' && (r < '0' || r > '9') })
		if k < 0 {
			k = len(rest)
		}
		if k > 0 && strings.TrimSpace(rest[:k]) != "" {
			end += len(strings.TrimRight(rest[:k], " "))
			rest = s[end:]
		}
		if strings.HasPrefix(rest, ".") {
			end++
			rest = s[end:]
		}
		if t := strings.TrimLeft(rest, " "); strings.HasPrefix(strings.ToLower(t), "all rights reserved") {
			end += len(rest) - len(t) + len("all rights reserved")
			if strings.HasPrefix(s[end:], ".") {
				end++
			}
		}
		c.hi = end
		return c, true
	}
	return c, false
}

// copyrightMark finds ©, (c) or the word Copyright in s.
func copyrightMark(s string) (int, int) {
	best, n := -1, 0
	try := func(i, size int) {
		if i >= 0 && (best < 0 || i < best) {
			best, n = i, size
		}
	}
	try(strings.Index(s, "\u00a9"), 2)
	for _, m := range []string{"(c) ", "(C) "} {
		try(strings.Index(s, m), 3)
	}
	for _, m := range []string{"Copyright", "COPYRIGHT"} {
		from := 0
		for {
			i := strings.Index(s[from:], m)
			if i < 0 {
				break
			}
			i += from
			after := i + len(m)
			if (i == 0 || !isLetterByte(s[i-1])) && (after == len(s) || !isLetterByte(s[after])) {
				try(i, len(m))
				break
			}
			from = after
		}
	}
	return best, n
}

func isLetterByte(b byte) bool { return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' }

// holderAt reads a copyright holder's name at s[i:]: capitalised words and
// connectors, up to a full stop, bar, comma or lower-case word.
func holderAt(s string, i int) (int, int, bool) {
	lo := i
	hi := i
	k := i
	n := 0
	for k < len(s) && n < 8 {
		for k < len(s) && s[k] == ' ' {
			k++
		}
		w := k
		for w < len(s) && s[w] != ' ' {
			w++
		}
		word := s[k:w]
		if word == "" {
			break
		}
		stop := false
		if i := strings.IndexAny(word, "|,;"); i >= 0 {
			word = word[:i]
			w = k + i
			stop = true
		}
		bare := strings.TrimRight(word, ".")
		if bare == "" {
			break
		}
		r, _ := utf8.DecodeRuneInString(bare)
		lower := strings.ToLower(bare)
		switch {
		case lower == "all" && strings.HasPrefix(strings.ToLower(s[k:]), "all rights"):
			stop = true
			bare = ""
		case unicode.IsUpper(r) || unicode.IsDigit(r) && n > 0:
		case n > 0 && (bare == "&" || connectors[lower]):
		default:
			stop = true
			bare = ""
		}
		if bare != "" {
			n++
			if !(unicode.IsDigit(r) || bare == "&" || connectors[lower]) {
				hi = k + len(bare)
			}
			// A full stop ends the name unless it closes an initial or
			// an abbreviation such as "Inc." or "L.P.".
			if strings.HasSuffix(word, ".") && !isAbbreviation(bare) {
				stop = true
			}
		}
		if stop {
			break
		}
		k = w
	}
	if hi == lo {
		return 0, 0, false
	}
	return lo, hi, true
}

func isAbbreviation(w string) bool {
	if utf8.RuneCountInString(w) == 1 || strings.Contains(w, ".") {
		return true
	}
	switch strings.ToLower(w) {
	case "inc", "ltd", "co", "corp", "llc", "plc", "st":
		return true
	}
	return false
}

// parseSubheads finds the short headings between body paragraphs: "NO
// DISCOUNT", "Record rainfall".
func (a *Anatomy) parseSubheads() {
	for k := a.body + 1; k+1 < len(a.paras); k++ {
		p := a.paras[k]
		s := a.paraText(p)
		n := words(s)
		if n == 0 || n > 8 || endsProse(s) || strings.ContainsAny(s, ":|()\"\u201c\u201d") || isFurniture(s) {
			continue
		}
		r, _ := utf8.DecodeRuneInString(s)
		if !unicode.IsUpper(r) || n == 1 && !isCapsPlace(s) || boilerplate[strings.ToLower(s)] {
			continue
		}
		if a.isCaption(p) || a.isCopyrightLine(p) {
			continue
		}
		prev, next := a.paraText(a.paras[k-1]), a.paraText(a.paras[k+1])
		if !endsProse(prev) || !endsProse(next) || words(next) < 8 {
			continue
		}
		a.Subheads = append(a.Subheads, a.span(p.start, p.end))
	}
}

// boilerplate lines are page furniture, not subheads.
var boilerplate = setOf("advertisement", "sponsored", "sponsored content", "related", "read more",
	"more", "share", "share this", "share this story", "related stories", "related articles",
	"recommended", "most read", "trending", "top stories", "subscribe", "newsletter", "story continues below")

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
