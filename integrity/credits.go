package integrity

import (
	"fmt"
	"slices"
	"strings"

	"github.com/wiretrace/wiretrace/agency"
	"github.com/wiretrace/wiretrace/anatomy"
)

// creditConflicts flags credits that name different organisations for the
// same story: the dateline, byline or headline against each other or
// against a photo credit. A photo library's credit (Getty Images) names a
// seller, not an author, and a copyright line names the page's publisher,
// which a syndicating site legitimately is; both are shown beside the
// credits they agree with but never make a conflict.
func (a *article) creditConflicts() []Flag {
	type side struct {
		name    string // as first written in a credit that counts
		roles   []string
		spans   []anatomy.Span
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
		counts := c.Role != anatomy.RoleCopyright && c.Role != anatomy.RoleText && !(c.Role == anatomy.RolePhoto && agency.IsPhotoLibrary(c.Text))
		if counts && !s.counts {
			s.name = c.Text
		}
		if s.name == "" && c.Role != anatomy.RoleText {
			s.name = c.Text
		}
		s.counts = s.counts || counts
		if !slices.Contains(s.roles, c.Role) {
			s.roles = append(s.roles, c.Role)
		}
		s.spans = append(s.spans, c.Span)
	}
	var parts []string
	var spans []anatomy.Span
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
	slices.SortFunc(spans, func(x, y anatomy.Span) int { return x.Start - y.Start })
	return []Flag{{
		Kind:    FlagCreditConflict,
		Message: "credits disagree: " + strings.Join(parts, " vs "),
		Spans:   spans,
	}}
}
