package anatomy

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// parseSubheads finds the short headings between body paragraphs: "NO
// DISCOUNT", "Record rainfall".
func (a *Anatomy) parseSubheads() {
	for k := a.body + 1; k+1 < len(a.paras); k++ {
		p := a.paras[k]
		s := a.paraText(p)
		n := words(s, 9)
		if n == 0 || n > 8 || endsProse(s) || strings.ContainsAny(s, ":|()\"\u201c\u201d") || isFurniture(s) {
			continue
		}
		r, _ := utf8.DecodeRuneInString(s)
		if !unicode.IsUpper(r) || n == 1 && !IsCapsPlace(s) || boilerplate[strings.ToLower(s)] {
			continue
		}
		if a.isCaption(p) || a.isCopyrightLine(p) || a.Byline != nil && p.start < a.Byline.End && a.Byline.Start < p.end {
			continue
		}
		prev, next := a.paraText(a.paras[k-1]), a.paraText(a.paras[k+1])
		if !endsProse(prev) || !endsProse(next) || words(next, 8) < 8 {
			continue
		}
		a.Subheads = append(a.Subheads, a.span(p.start, p.end))
	}
}

// boilerplate lines are page furniture, not subheads.
var boilerplate = setOf("advertisement", "sponsored", "sponsored content", "related", "read more",
	"more", "share", "share this", "share this story", "related stories", "related articles",
	"recommended", "most read", "trending", "top stories", "subscribe", "newsletter", "story continues below")
