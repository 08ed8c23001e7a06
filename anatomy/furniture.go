package anatomy

import (
	"strings"

	"github.com/wiretrace/wiretrace/text"
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
		lo, hi := text.TrimSpace(s, copyrightEnd, pc.lo)
		for hi > lo && (s[hi-1] == '(' || s[hi-1] == '-' || s[hi-1] == '|') {
			lo, hi = text.TrimSpace(s, lo, hi-1)
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
