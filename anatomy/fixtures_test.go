package anatomy

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func readFixture(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// want is what a fixture must yield; empty fields are not checked, "-"
// means absent.
type want struct {
	headline  string
	names     []string
	bylineOrg string
	place     string
	date      string
	agency    string
	photo     string // agency/photographer
	copyright string
	subheads  []string
	speakers  []string // each quote's speaker name, "-" for none
	credits   []string // the organisations credited
}

// TestStyles reads one fictional article in each wire's house style.
func TestStyles(t *testing.T) {
	tests := map[string]want{
		"reuters": {
			headline: "Harbour authority halts ferries as gales batter Esterholm coast",
			names:    []string{"Lina Marsk", "Pavel Oduya"}, bylineOrg: "-",
			place: "ESTERHOLM", date: "Oct 8", agency: "Reuters",
			photo: "REUTERS/Tomas Vire", copyright: "-",
			subheads: []string{"TRAVELLERS STRANDED"},
			speakers: []string{"Ilse Tavener", "Oren Daalman", "a council spokeswoman"},
			credits:  []string{"Reuters"},
		},
		"ap": {
			headline: "Wildfire forces evacuation of mountain town as winds shift",
			names:    []string{"MARA QUENTIN", "DELL OKAFOR"}, bylineOrg: "Associated Press",
			place: "HALVERTON, Ore.", date: "-", agency: "AP",
			photo: "AP/Ruben Salas", copyright: "The Associated Press",
			speakers: []string{"Jolene Barrow", "Halverton County Fire Chief Nate Orr"},
			credits:  []string{"AP"},
		},
		"afp": {
			headline: "Lysandre commuters stranded as transit strike enters second day",
			names:    []string{}, place: "LYSANDRE", date: "Nov 15", agency: "AFP",
			photo: "AFP/Elise Varin", copyright: "-",
			speakers: []string{"Maelle Corvan", "-", "Dufresne"},
			credits:  []string{"AFP"},
		},
		"pa": {
			headline: "Council pledges 40 million pounds to repair storm-hit sea wall",
			names:    []string{"Hattie Crane"}, bylineOrg: "PA",
			place: "WRENMOUTH", date: "-", agency: "PA",
			photo:    "PA/Owen Tarry",
			speakers: []string{"Margot Fell", "Derek Amble"},
			credits:  []string{"PA"},
		},
		"bloomberg": {
			headline: "Velamar Shipping Weighs Sale of Tanker Unit as Rates Slump",
			names:    []string{"Ansel Breck"}, place: "-", date: "-", agency: "Bloomberg",
			photo: "Bloomberg/Ilka Fenn", copyright: "Bloomberg L.P",
			speakers: []string{"Chief Executive Officer Mattis Ode"},
			credits:  []string{"Bloomberg"},
		},
		"prnewswire": {
			headline: "Corvalis Robotics Opens Northern Assembly Plant, Adding 400 Jobs",
			place:    "LAKEMONT, Ohio", date: "March 3, 2026", agency: "PRNewswire",
			photo: "-", copyright: "-",
			speakers: []string{"Odile Frayne", "Odile Frayne"},
			credits:  []string{"PR Newswire"},
		},
		"businesswire": {
			headline: "Helmsgate Energy Reports Third Quarter 2025 Results",
			place:    "WESTMARCH, Texas", date: "-", agency: "BUSINESS WIRE",
			photo: "-", copyright: "-",
			speakers: []string{"Brant Okoye"},
			credits:  []string{"Business Wire"},
		},
	}
	for name, w := range tests {
		t.Run(name, func(t *testing.T) {
			a := Parse(readFixture(t, filepath.Join("styles", name+".txt")))
			checkSpans(t, a)
			checkWant(t, a, w)
		})
	}
}

// TestRebrandFixtures reads the rebranding family (testdata/rebrand at the
// root of the module, shared with the integrity and credit tests): a
// fictional wire story, a content farm's spun copy of it in the form of the
// seed (credit swapped in the dateline and text, photo credit left, a quote
// stripped of its speaker), an honest syndicated copy and a copy stripped
// of credit.
func TestRebrandFixtures(t *testing.T) {
	tests := map[string]want{
		"original": {
			names: []string{"Mara Kestel", "Jonas Weir"}, place: "TIRIV, Veldoria", date: "Aug 15", agency: "Reuters",
			photo: "REUTERS/Anton Sorel", subheads: []string{"WATER SHORTAGES"},
			speakers: []string{"Ilka Varo", "Varo", "Lorne"},
			credits:  []string{"Reuters"},
		},
		"spun": {
			headline: "Wildfires compel evacuation of Tiriv suburbs as winds intensify",
			names:    []string{"Mara Kestel", "Jonas Weir"}, place: "TIRIV, Veldoria", date: "-", agency: "Green Living Daily",
			photo: "REUTERS/Anton Sorel", copyright: "Green Living Daily",
			speakers: []string{"-", "Varo", "Lorne"},
			credits:  []string{"Green Living Daily", "Reuters"},
		},
		"syndicated": {
			agency: "Reuters", photo: "REUTERS/Anton Sorel", copyright: "Coastal Times",
			credits: []string{"Coastal Times", "Reuters"},
		},
		"stripped": {
			agency: "-", photo: "REUTERS/Anton Sorel",
			credits: []string{"Reuters"},
		},
	}
	for name, w := range tests {
		t.Run(name, func(t *testing.T) {
			a := Parse(readFixture(t, filepath.Join("..", "..", "testdata", "rebrand", name+".txt")))
			checkSpans(t, a)
			checkWant(t, a, w)
		})
	}
}

func checkWant(t *testing.T, a *Anatomy, w want) {
	t.Helper()
	orDash := func(sp *Span) string {
		if sp == nil {
			return "-"
		}
		return sp.Text
	}
	if w.headline != "" && orDash(a.Headline) != w.headline {
		t.Errorf("headline %q, want %q", orDash(a.Headline), w.headline)
	}
	if w.names != nil {
		var names []string
		org := "-"
		if a.Byline != nil {
			for _, n := range a.Byline.Names {
				names = append(names, n.Text)
			}
			org = orDash(a.Byline.Organisation)
		}
		if strings.Join(names, "|") != strings.Join(w.names, "|") {
			t.Errorf("byline names %q, want %q", names, w.names)
		}
		if w.bylineOrg != "" && org != w.bylineOrg {
			t.Errorf("byline organisation %q, want %q", org, w.bylineOrg)
		}
	}
	var place, date, agency = "-", "-", "-"
	if d := a.Dateline; d != nil {
		place, date, agency = orDash(d.Place), orDash(d.Date), orDash(d.Agency)
	}
	for _, f := range [][3]string{{"place", place, w.place}, {"date", date, w.date}, {"agency", agency, w.agency}} {
		if f[2] != "" && f[1] != f[2] {
			t.Errorf("dateline %s %q, want %q", f[0], f[1], f[2])
		}
	}
	if w.photo != "" {
		got := "-"
		if len(a.Photos) > 0 {
			got = orDash(a.Photos[0].Agency) + "/" + orDash(a.Photos[0].Photographer)
		}
		if got != w.photo {
			t.Errorf("photo %q, want %q", got, w.photo)
		}
	}
	if w.copyright != "" {
		got := "-"
		if len(a.Copyrights) > 0 {
			got = a.Copyrights[0].Holder.Text
		}
		if got != w.copyright {
			t.Errorf("copyright %q, want %q", got, w.copyright)
		}
	}
	if w.subheads != nil {
		var got []string
		for _, s := range a.Subheads {
			got = append(got, s.Text)
		}
		if strings.Join(got, "|") != strings.Join(w.subheads, "|") {
			t.Errorf("subheads %q, want %q", got, w.subheads)
		}
	}
	if w.speakers != nil {
		var got []string
		for _, q := range a.Quotes {
			s := "-"
			if q.Speaker != nil {
				s = q.Speaker.Name
			}
			got = append(got, s)
		}
		if strings.Join(got, "|") != strings.Join(w.speakers, "|") {
			t.Errorf("speakers %q, want %q", got, w.speakers)
		}
	}
	if w.credits != nil {
		if got := a.CreditedNames(); strings.Join(got, "|") != strings.Join(w.credits, "|") {
			t.Errorf("credited %q, want %q", got, w.credits)
		}
	}
}
