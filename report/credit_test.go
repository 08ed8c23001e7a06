package report

import (
	"testing"

	"github.com/wiretrace/wiretrace"
)

// TestCreditSummary: the credit line says what the suspect did with the
// source's story credits, and names only what it kept as kept.
func TestCreditSummary(t *testing.T) {
	for _, tt := range []struct {
		credit wiretrace.Credit
		want   string
	}{
		{wiretrace.Credit{Source: []string{"Harbour Wire"}, Suspect: []string{"Harbour Wire"}, Kept: []string{"Harbour Wire"}, Fate: wiretrace.CreditKept}, "kept (Harbour Wire)"},
		{wiretrace.Credit{Source: []string{"Harbour Wire", "Getty Images"}, Suspect: []string{}, Story: []string{"Harbour Wire"}, Kept: []string{}, Fate: wiretrace.CreditNotKept}, "not kept (Harbour Wire), none replaced or removed where the suspect copies"},
		{wiretrace.Credit{Source: []string{"Getty Images"}, Suspect: []string{}, Kept: []string{}}, "the source credits no one for the story (Getty Images)"},
		{wiretrace.Credit{Source: []string{}, Suspect: []string{"Bay Post"}, Kept: []string{}}, "the source credits no one"},
		{wiretrace.Credit{Source: []string{"Harbour Wire"}, Suspect: []string{"Bay Post"}, Rebranded: true, Fate: wiretrace.CreditRebranded,
			Replacements: []wiretrace.CreditReplacement{{Source: "Harbour Wire", Suspect: "Bay Post", Count: 2}}}, "REBRANDED: Harbour Wire -> Bay Post x2"},
	} {
		if got := creditSummary(&tt.credit); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.credit.Fate, got, tt.want)
		}
	}
}
