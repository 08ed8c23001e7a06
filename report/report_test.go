package report_test

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/anatomy"
	"github.com/wiretrace/wiretrace/credit"
	"github.com/wiretrace/wiretrace/examples"
	"github.com/wiretrace/wiretrace/integrity"
	"github.com/wiretrace/wiretrace/report"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with testdata/name.golden byte for byte, or writes
// it there with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./report -update to write it)", err)
	}
	if bytes.Equal(got, want) {
		return
	}
	gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := 0; i < max(len(gl), len(wl)); i++ {
		g, w := "(end)", "(end)"
		if i < len(gl) {
			g = gl[i]
		}
		if i < len(wl) {
			w = wl[i]
		}
		if g != w {
			t.Fatalf("%s differs at line %d:\n got: %q\nwant: %q\n(run go test ./report -update if the change is meant)", path, i+1, g, w)
		}
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// span returns the offsets of phrase in s, which must hold it once.
func span(t *testing.T, s, phrase string) (int, int) {
	t.Helper()
	i := strings.Index(s, phrase)
	if i < 0 || strings.Count(s, phrase) != 1 {
		t.Fatalf("%q is not in the text once", phrase)
	}
	return i, i + len(phrase)
}

// ferry is a fictional wire story and a content farm's copy of it, spun
// and rebranded, with the comparison the engine makes of them written out
// by hand, so that these golden files change with the rendering only.
// The credit and quote changes are package credit's own, on these
// passages.
func ferry(t *testing.T) (source, suspect string, c wiretrace.Comparison) {
	source = readFile(t, "testdata/ferry/source.txt")
	suspect = readFile(t, "testdata/ferry/suspect.txt")
	passage := func(src, sus string, kind wiretrace.PassageKind, similarity float64, quoted bool) wiretrace.Passage {
		p := wiretrace.Passage{Kind: kind, Similarity: similarity, Quoted: quoted}
		p.SourceStart, p.SourceEnd = span(t, source, src)
		p.SuspectStart, p.SuspectEnd = span(t, suspect, sus)
		return p
	}
	c = wiretrace.Comparison{
		Relation:        wiretrace.Spun,
		Score:           0.84,
		SuspectCoverage: 0.93, Containment: 0.88,
		SourceCoverage: 0.9,
		Passages: []wiretrace.Passage{
			passage("Ferry crews walk out as talks on night shifts collapse",
				"Ferry crews stage walkout as negotiations on night shifts break down", wiretrace.Reworded, 0.58, false),
			passage("A ferry waits at an empty berth in Port Aster, May 4, 2026. HARBOUR WIRE/Teodor Lind",
				"A ferry waits at an empty berth in Port Aster, May 4, 2026. HARBOUR WIRE/Teodor Lind", wiretrace.Exact, 1, false),
			passage("PORT ASTER, May 5 (Harbour Wire) - Ferry crews across the Aster estuary walked off the job on Tuesday after talks over night shifts collapsed, stranding thousands of commuters on both banks.",
				"PORT ASTER, May 5 (Coastline Daily) - Ferry crews across the Aster estuary walked off the work on Tuesday after negotiations over night shifts broke down, stranding thousands of commuters on both shores.", wiretrace.Reworded, 0.83, false),
			passage(`"We have asked for the same rest rules as every other crew on this coast, and we have been told to wait another year,"`,
				`"We have asked for the same rest rules as every other crew on this coast, and we have been told to wait one more year,"`, wiretrace.Reworded, 0.92, true),
			passage("said Mona Erskine, who leads the crews' union.\n\nThe operator, Estuary Lines, said it had offered a new rota and regretted the strike.",
				"said Mona Erskine, who leads the crews' union.\n\nThe operator, Estuary Lines, said it had offered a new rota and regretted the strike.", wiretrace.Exact, 1, false),
			passage(`"The door is open to talks at any hour,"`, `"The door is open to talks at any hour."`, wiretrace.Exact, 1, true),
			passage("At the main terminal, Harbour Wire reporters saw queues of several hundred people by mid-morning.",
				"At the main terminal, Coastline Daily reporters saw lines of several hundred people by mid-morning.", wiretrace.Reworded, 0.8, false),
		},
		Substitutions: []wiretrace.Substitution{
			{Source: "harbour wire", Suspect: "coastline daily", Count: 2},
			{Source: "talks", Suspect: "negotiations", Count: 2},
			{Source: "another", Suspect: "one more", Count: 1},
			{Source: "banks", Suspect: "shores", Count: 1},
			{Source: "collapse", Suspect: "break down", Count: 1},
			{Source: "collapsed", Suspect: "broke down", Count: 1},
			{Source: "job", Suspect: "work", Count: 1},
			{Source: "queues", Suspect: "lines", Count: 1},
			{Source: "walk out", Suspect: "stage walkout", Count: 1},
		},
	}
	c.Credit, c.Quotes = credit.Compare(anatomy.Parse(source), anatomy.Parse(suspect), c)
	return source, suspect, c
}

// condensed is c with its second and third passages joined in a
// condensation, as if the suspect had set them side by side from across a
// longer stretch of the source, and its seventh with two retold sentences
// condensing the whole source.
func condensed(c wiretrace.Comparison) wiretrace.Comparison {
	c.Condensations = []wiretrace.Condensation{{
		SourceStart: c.Passages[1].SourceStart, SourceEnd: c.Passages[2].SourceEnd,
		SuspectStart: c.Passages[1].SuspectStart, SuspectEnd: c.Passages[2].SuspectEnd,
		SourceWords: 120, SuspectWords: 45, Passages: []int{1, 2},
	}, {
		SourceStart: c.Passages[6].SourceStart, SourceEnd: c.Passages[6].SourceEnd,
		SuspectStart: c.Passages[6].SuspectStart, SuspectEnd: c.Passages[6].SuspectEnd + 40,
		SourceWords: 300, SuspectWords: 30, Passages: []int{6}, Retold: 2, Whole: true,
	}}
	return c
}

// phrased is a retelling whose relation rests on the phrases it keeps
// outside its passages: the report quotes the first few of suspect's.
func phrased(t *testing.T, suspect string) wiretrace.Comparison {
	var spans []wiretrace.Span
	for _, p := range []string{"stranding thousands of commuters", "the same rest rules", "regretted the strike",
		"The door is open", "to talks at any hour", "lines of several hundred people", "by mid-morning"} {
		lo, hi := span(t, suspect, p)
		spans = append(spans, wiretrace.Span{Start: lo, End: hi})
	}
	return wiretrace.Comparison{Relation: wiretrace.Spun, Rewording: wiretrace.Rewritten, Score: 0.32, SuspectCoverage: 0.41, SourceCoverage: 0.3, Containment: 0.62,
		Passages: make([]wiretrace.Passage, 1), Phrases: &wiretrace.Phrases{Share: 0.58, Spans: spans}}
}

func TestComparison(t *testing.T) {
	source, suspect, spun := ferry(t)
	tests := []struct {
		name string
		c    wiretrace.Comparison
		o    report.Options
	}{
		{"comparison-spun", spun, report.Options{}},
		{"comparison-spun-texts", spun, report.Options{Texts: true}},
		{"comparison-spun-texts-colour", spun, report.Options{Texts: true, Color: true, MaxSubstitutions: 3}},
		{"comparison-unrelated", wiretrace.Comparison{Relation: wiretrace.Unrelated, Score: 0.02}, report.Options{Texts: true}},
		{"comparison-condensed", condensed(spun), report.Options{}},
		{"comparison-set-aside", wiretrace.Comparison{Relation: wiretrace.Related, SuspectCoverage: 0.95, SourceCoverage: 0.95, Containment: 0.89, Passages: make([]wiretrace.Passage, 2), SetAside: 2}, report.Options{}},
		{"comparison-phrases", phrased(t, suspect), report.Options{}},
		{"comparison-other-subjects", wiretrace.Comparison{Relation: wiretrace.Related, SuspectCoverage: 0.83, SourceCoverage: 0.64, Containment: 0.83, Passages: make([]wiretrace.Passage, 1), SetAside: 1, OtherSubjects: []string{"Kestrel Valley Mills", "Northgate Fidelity Trust"}}, report.Options{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			report.Comparison(&b, source, suspect, tt.c, tt.o)
			golden(t, tt.name, b.Bytes())
		})
	}
}

func TestMatches(t *testing.T) {
	_, _, spun := ferry(t)
	published := time.Date(2026, 5, 5, 9, 30, 0, 0, time.UTC)
	syndicated := wiretrace.Comparison{
		Relation: wiretrace.Copy, Score: 0.97, SuspectCoverage: 0.95, SourceCoverage: 0.98, Containment: 0.97,
		Passages: make([]wiretrace.Passage, 2),
		Credit: &wiretrace.Credit{
			Source: []string{"Harbour Wire"}, Suspect: []string{"Bay Post", "Harbour Wire"},
			Replacements: []wiretrace.CreditReplacement{{Source: "Harbour Wire", Count: 1}},
			Kept:         []string{"Harbour Wire"}, Fate: wiretrace.CreditKept,
		},
	}
	uncredited := wiretrace.Comparison{
		Relation: wiretrace.Partial, Score: 0.41, SuspectCoverage: 0.22, SourceCoverage: 0.35, Containment: 0.3,
		Passages:      make([]wiretrace.Passage, 3),
		Substitutions: []wiretrace.Substitution{{Source: "walk out", Suspect: "strike", Count: 1}},
		Credit:        &wiretrace.Credit{Source: []string{}, Suspect: []string{"Estuary Weekly"}, Replacements: []wiretrace.CreditReplacement{}},
		Quotes: []wiretrace.QuoteChange{
			{SourceStart: 10, SourceEnd: 40, SuspectStart: 120, SuspectEnd: 150, Change: credit.QuoteReworded},
			{SourceStart: 60, SourceEnd: 90, SuspectStart: 200, SuspectEnd: 240, Change: credit.QuoteReworded},
			{SourceStart: 95, SourceEnd: 130, SuspectStart: 300, SuspectEnd: 330, Change: credit.QuoteReworded},
			{SourceStart: 140, SourceEnd: 170, SuspectStart: 410, SuspectEnd: 460, Change: credit.QuoteReworded},
			{SourceStart: 180, SourceEnd: 220, SuspectStart: 520, SuspectEnd: 560, Change: credit.QuoteReworded},
		},
	}
	related := wiretrace.Comparison{Relation: wiretrace.Related, Score: 0.18, SuspectCoverage: 0.04, SourceCoverage: 0.03, Containment: 0.12, Passages: make([]wiretrace.Passage, 1)}
	// Another filing to one formula: a passage, set aside.
	formula := wiretrace.Comparison{Relation: wiretrace.Related, SuspectCoverage: 0.95, SourceCoverage: 0.95, Containment: 0.89, Passages: make([]wiretrace.Passage, 1), SetAside: 1}
	// The suspect names the first as its original.
	named := spun
	named.Original = wiretrace.OriginalCanonical
	ms := []wiretrace.Match{
		{ID: "5e1f0c2a9b7d4e83", URL: "https://harbourwire.example/2026/05/ferry-strike", Site: "harbourwire.example",
			Title: "Ferry crews walk out as talks on night shifts collapse", Published: published, Comparison: named},
		{ID: "a03d77e1c4b2f918", Site: "baypost.example", Published: published.Add(3 * time.Hour), Comparison: syndicated},
		{ID: "c9e2b4f0a1d37765", Title: "Estuary ferries: a week of disruption", Comparison: uncredited},
		{ID: "0f4b6e19d2c8a357", Comparison: related},
		{ID: "b8d2e6f1a4c90357", Title: "Harbour Wire files for two new routes", Comparison: formula},
		// A copy of the suspect published days after it.
		{ID: "e71c5a0b93d24f68", Site: "quaysidenews.example", Published: published.Add(72 * time.Hour), Later: true,
			Comparison: wiretrace.Comparison{Relation: wiretrace.Copy, Score: 0.99, SuspectCoverage: 1, SourceCoverage: 0.97, Containment: 1, Passages: make([]wiretrace.Passage, 1)}},
	}
	tests := []struct {
		name string
		ms   []wiretrace.Match
		o    report.Options
	}{
		{"matches", ms, report.Options{MaxSubstitutions: 4}},
		{"matches-none", nil, report.Options{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			report.Matches(&b, tt.ms, tt.o)
			golden(t, tt.name, b.Bytes())
		})
	}
}

// bylineIndex answers CheckBylines from a map of names.
type bylineIndex map[string][]wiretrace.BylineUse

func (ix bylineIndex) Bylines(_ context.Context, name string, limit int) ([]wiretrace.BylineUse, error) {
	uses := ix[wiretrace.BylineKey(name)]
	return uses[:min(limit, len(uses))], nil
}

func TestInspect(t *testing.T) {
	render := func(in *integrity.Inspection) []byte {
		var b bytes.Buffer
		report.Inspect(&b, in)
		return b.Bytes()
	}
	for _, fam := range examples.Families {
		names := []string{"original"}
		for _, v := range examples.Variants {
			names = append(names, v.Name)
		}
		for _, name := range names {
			t.Run(fam+"-"+name, func(t *testing.T) {
				b, err := examples.FS.ReadFile(fam + "/" + name + ".txt")
				if err != nil {
					t.Fatal(err)
				}
				golden(t, "inspect-"+fam+"-"+name, render(integrity.Inspect(string(b))))
			})
		}
	}
	t.Run("ferry-suspect", func(t *testing.T) {
		_, suspect, _ := ferry(t)
		golden(t, "inspect-ferry-suspect", render(integrity.Inspect(suspect)))
	})
	t.Run("no-parts", func(t *testing.T) {
		s := "Rain is expected to ease by the weekend after a wet week across the region, with rivers falling slowly.\n"
		golden(t, "inspect-no-parts", render(integrity.Inspect(s)))
	})
	t.Run("page-metadata-and-index", func(t *testing.T) {
		// An extracted page whose text names no author: the metadata's
		// byline is shown, and looked up in an index that has seen one of
		// its names only under another site.
		s := "Quay wall gives way in Port Aster\n\nThe quay wall gave way on Monday as the river rose, the harbour master said, and two moorings were lost.\n"
		in := integrity.InspectWith(s, anatomy.Metadata{Title: "Quay wall gives way in Port Aster | Estuary Weekly", Byline: "Ines Calloway and Ruth Amadi"})
		ix := bylineIndex{
			"ines calloway": {{Site: "harbourwire.example", Articles: 12}, {Articles: 1}},
			"ruth amadi":    {{Site: "estuaryweekly.example", Articles: 3}},
		}
		if err := in.CheckBylines(context.Background(), ix, "estuaryweekly.example"); err != nil {
			t.Fatal(err)
		}
		golden(t, "inspect-page-metadata-and-index", render(in))
	})
}
