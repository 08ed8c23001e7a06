package eval

import (
	"context"
	"testing"

	"github.com/wiretrace/wiretrace/engine"
)

// ferryStory is a fictional wire story of the kind the evaluation re-runs.
const ferryStory = `Harwick Ferries said on Monday it would add two vessels to its island routes next spring, after passenger numbers rose by a fifth last year and queues at the mainland terminal stretched for hours in the summer.

The company will lease the ships from a Norwegian operator for three years, chief executive Lena Ostrova told Reuters, and hopes to buy them outright if traffic holds up.

"We turned people away on forty days last August," Ostrova said. "That is forty days too many for a service an island depends on."

The two vessels will carry about 600 passengers and 140 cars each, the company said, and will allow a sailing every ninety minutes at the busiest times of the year.

Unions welcomed the plan but said crews on the existing routes were already working long shifts, and asked for talks on staffing before the new ships arrive.

Shares in the company rose 3 pct on the news, giving it a market value of about 410 mln dlrs.`

// Every way of re-running a story is judged as the evaluation counts it:
// the honest ones are not rebranding, the others are.
func TestSyndicationWays(t *testing.T) {
	s := syndStory{id: "ferry", title: "HARWICK FERRIES TO ADD TWO SHIPS", place: "PITTSBURGH", date: "March 2", body: ferryStory,
		site: "Kestrel Bay Gazette", reporter: "CORA VELLMAN"}
	for _, way := range syndicationWays {
		t.Run(way.name, func(t *testing.T) {
			src, cp := way.make(s)
			c := engine.Compare(src, cp)
			if !c.Relation.Derived() || c.Credit == nil {
				t.Fatalf("relation %s: want the copy derived", c.Relation)
			}
			if c.Credit.Rebranded == way.honest {
				t.Errorf("rebranded %v for a copy made honestly=%v: source credits %q, copy %q, replacements %+v",
					c.Credit.Rebranded, way.honest, c.Credit.Source, c.Credit.Suspect, c.Credit.Replacements)
			}
		})
	}
}

func TestSyndicationCorpus(t *testing.T) {
	dir := dataFolder(t, "reuters21578")
	r, err := Syndication(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	f := r.Figures()
	inRange(t, f, "rebrand_precision", "rebrand_recall", "honest_kept")
	if r.Honest+r.Rebranded != len(r.Items) || r.Honest == 0 || r.Rebranded == 0 {
		t.Errorf("honest %d + rebranded %d, items %d: want both kinds, every item counted", r.Honest, r.Rebranded, len(r.Items))
	}
	again, err := Syndication(context.Background(), dir, Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	if a, b := jsonOf(t, r), jsonOf(t, again); a != b {
		t.Error("results differ between runs")
	}
	t.Logf("syndication %v", f)
}
