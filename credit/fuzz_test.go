package credit

import (
	"slices"
	"strings"
	"testing"

	"github.com/wiretrace/wiretrace"
)

// FuzzCompare compares the credits of any two texts one derives from: no
// panic, and one reading of what became of them. The fate says rebranded
// exactly when Rebranded does, kept exactly when a name was kept, and
// names a fate only when the source's story credits someone; every name
// kept is one of the story's credits, and those are the source's.
func FuzzCompare(f *testing.F) {
	story := bridge("Tarrow Valley bridge reopens after barge strike\nBy CORA VELLMAN Associated Press\n\nHALVERTON, Ore. (AP) \u2014", "The Associated Press")
	f.Add(story, bridge("Bridge reopens\nBy Cora Vellman, Associated Press\n\nHALVERTON, Ore. \u2014", "The Associated Press"))
	f.Add(story, bridge("Bridge reopens\n\nHALVERTON, Ore. (Harwick Daily Ledger) \u2014", "Green Living Daily"))
	f.Add(bridge("Bridge reopens\n\nHALVERTON, Ore. \u2014", "Reuters"), strings.Join(strings.Split(bridgeStory, "\n\n")[3:], "\n\n"))
	f.Fuzz(func(t *testing.T, source, suspect string) {
		c := compare(source, suspect)
		cr := c.Credit
		if !c.Relation.Derived() {
			if cr != nil {
				t.Fatalf("%s: a credit comparison of texts not derived", c.Relation)
			}
			return
		}
		if cr == nil {
			t.Fatal("no credit comparison of derived texts")
		}
		if (cr.Fate == wiretrace.CreditRebranded) != cr.Rebranded {
			t.Errorf("fate %q, rebranded %v", cr.Fate, cr.Rebranded)
		}
		if !cr.Rebranded && (cr.Fate == wiretrace.CreditKept) != (len(cr.Kept) > 0) {
			t.Errorf("fate %q, kept %q", cr.Fate, cr.Kept)
		}
		if !cr.Rebranded && (cr.Fate == "") != (len(cr.Story) == 0) {
			t.Errorf("fate %q, story credits %q", cr.Fate, cr.Story)
		}
		for _, k := range cr.Kept {
			if !slices.Contains(cr.Story, k) {
				t.Errorf("kept %q, not among the source's story credits %q", k, cr.Story)
			}
		}
		for _, k := range cr.Story {
			if !slices.Contains(cr.Source, k) {
				t.Errorf("story credit %q, not among the source's credits %q", k, cr.Source)
			}
		}
	})
}
