package anatomy

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/wiretrace/wiretrace/agency"
	"github.com/wiretrace/wiretrace/byline"
	"github.com/wiretrace/wiretrace/text"
)

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
			pc.photographerLo, pc.photographerHi = text.TrimSpace(s, creditLo, closing)
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
		if words(s[creditLo:closing], 9) > 8 {
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
		if !isCapitalisedWords(right, 5) && !IsCapsPlace(right) {
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
			if word == "" || strings.HasSuffix(word, ".") && w < lo || !IsCapsPlace(word) && !isAgencyWord(word) {
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
		// A credit follows a caption's last sentence, or opens its
		// line or its brackets: "... called WGM/Eastman Inc." and
		// "rated AAA/AA." end sentences with a name of two parts.
		if before := strings.TrimRight(s[:lo], " "); before != "" && !strings.ContainsAny(before[len(before)-1:], ".!?:(\"\u201d") && !strings.HasSuffix(before, "\u201d") {
			return pc, false
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
	lo, hi = text.TrimSpace(s, lo, hi)
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
	left.lo, left.hi = text.TrimSpace(s, left.lo, left.hi)
	right.lo, right.hi = text.TrimSpace(s, right.lo, right.hi)
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
	// A person's name holds no figures: "NON-DEL GRADES/UNGRADED 79 69 15"
	// is a row of a table.
	if strings.ContainsFunc(s[pc.photographerLo:pc.photographerHi], unicode.IsDigit) {
		return false
	}
	return pc.agencyLo < pc.agencyHi
}

// agencyish reports a name that reads as an organisation rather than a
// person: a known agency, a name in capitals, an organisation's name.
func agencyish(s string) bool {
	if _, ok := agency.Known(s); ok {
		return true
	}
	return IsCapsPlace(s) || agency.LooksLikeOrganisation(s)
}
