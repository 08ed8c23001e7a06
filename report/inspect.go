package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/wiretrace/wiretrace/anatomy"
	"github.com/wiretrace/wiretrace/integrity"
)

// Inspect writes an article's anatomy and its integrity flags: each part
// with its byte offsets [start:end] into the text.
func Inspect(w io.Writer, a *integrity.Inspection) {
	at := func(s anatomy.Span) string { return fmt.Sprintf("[%d:%d]", s.Start, s.End) }
	wrote := false
	line := func(label, format string, args ...any) {
		fmt.Fprintf(w, "%-10s %s\n", label, fmt.Sprintf(format, args...))
		wrote = true
	}
	if m := a.Metadata; m != nil {
		if m.Title != "" {
			line("title", "%s  (metadata)", m.Title)
		}
		if m.Byline != "" && a.Byline == nil {
			line("author", "%s  (metadata)", m.Byline)
		}
	}
	if h := a.Headline; h != nil {
		line("headline", "%s  %s", h.Text, at(*h))
	}
	if b := a.Byline; b != nil {
		var names []string
		for _, n := range b.Names {
			names = append(names, n.Text)
		}
		s := strings.Join(names, "; ")
		if b.Organisation != nil {
			s = strings.TrimPrefix(s+"; "+b.Organisation.Text, "; ")
		}
		if b.Role != nil && (b.Organisation == nil || b.Role.Text != b.Organisation.Text) {
			s += " (" + b.Role.Text + ")"
		}
		line("byline", "%s  %s", s, at(b.Span))
	}
	if d := a.Dateline; d != nil {
		var parts []string
		if d.Place != nil {
			parts = append(parts, "place "+d.Place.Text)
		}
		if d.Date != nil {
			parts = append(parts, "date "+d.Date.Text)
		}
		if d.Agency != nil {
			parts = append(parts, "agency "+d.Agency.Text)
		}
		line("dateline", "%s  %s", strings.Join(parts, ", "), at(d.Span))
	}
	for _, ph := range a.Photos {
		var parts []string
		if ph.Agency != nil {
			parts = append(parts, "agency "+ph.Agency.Text)
		}
		if ph.Photographer != nil {
			parts = append(parts, "photographer "+ph.Photographer.Text)
		}
		line("photo", "%s (%s)  %s", ph.Credit.Text, strings.Join(parts, ", "), at(ph.Credit))
		if ph.Caption != nil {
			line("", "caption: %s", excerpt(ph.Caption.Text, 100))
		}
	}
	for _, c := range a.Copyrights {
		line("copyright", "%s  %s", c.Holder.Text, at(c.Span))
	}
	for _, s := range a.Subheads {
		line("subhead", "%s  %s", s.Text, at(s))
	}
	for _, s := range a.Republished {
		line("ran first", "%s  %s", s.Text, at(s))
	}
	if len(a.Credits) > 0 {
		var order []string
		roles := map[string][]string{}
		counts := map[string]map[string]int{}
		for _, c := range a.Credits {
			if _, ok := roles[c.Name]; !ok {
				order = append(order, c.Name)
				counts[c.Name] = map[string]int{}
			}
			if counts[c.Name][c.Role] == 0 {
				roles[c.Name] = append(roles[c.Name], c.Role)
			}
			counts[c.Name][c.Role]++
		}
		var parts []string
		for _, name := range order {
			var rs []string
			for _, r := range roles[name] {
				if n := counts[name][r]; n > 1 {
					r += fmt.Sprintf(" x%d", n)
				}
				rs = append(rs, r)
			}
			parts = append(parts, name+" ("+strings.Join(rs, ", ")+")")
		}
		line("credits", "%s", strings.Join(parts, "; "))
	}
	if len(a.Quotes) > 0 {
		line("quotes", "%d", len(a.Quotes))
		for _, q := range a.Quotes {
			who := "no speaker"
			if sp := q.Speaker; sp != nil {
				who = sp.Text
				if sp.Name != "" && sp.Name != sp.Text {
					who += " (" + sp.Name + ")"
				}
				if sp.Inherited {
					who += ", named before the quote"
				}
			}
			var notes []string
			if q.Kind == anatomy.Phrase {
				notes = append(notes, "phrase")
			}
			if !q.Closed && !q.Continued {
				notes = append(notes, "not closed")
			}
			note := ""
			if len(notes) > 0 {
				note = "  [" + strings.Join(notes, ", ") + "]"
			}
			fmt.Fprintf(w, "  %s %s  -- %s%s\n", at(q.Span), excerpt(q.Text, 60), who, note)
			wrote = true
		}
	}
	for _, bs := range a.BylineSites {
		var sites []string
		for _, u := range bs.Sites {
			name := u.Site
			if name == "" {
				name = "(no site)"
			}
			sites = append(sites, fmt.Sprintf("%s (%d)", name, u.Articles))
		}
		line("indexed", "%s: %s", bs.Name, strings.Join(sites, ", "))
	}
	if !wrote {
		line("parts", "none found")
	}
	if len(a.Flags) == 0 {
		fmt.Fprintln(w, "\nno flags")
		return
	}
	fmt.Fprintf(w, "\nflags (%d)\n", len(a.Flags))
	for _, f := range a.Flags {
		var spans []string
		for _, s := range f.Spans {
			if len(spans) == 4 {
				spans = append(spans, "...")
				break
			}
			spans = append(spans, at(s))
		}
		evidence := ""
		if len(spans) > 0 {
			evidence = "  " + strings.Join(spans, " ")
		}
		fmt.Fprintf(w, "  %-17s %s%s\n", f.Kind, f.Message, evidence)
	}
}

// excerpt shortens s to about n runes, at a word boundary.
func excerpt(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n])
	if i := strings.LastIndexByte(cut, ' '); i > len(cut)/2 {
		cut = cut[:i]
	}
	return cut + "\u2026"
}
