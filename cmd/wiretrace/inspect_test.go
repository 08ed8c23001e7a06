package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/wiretrace/wiretrace/integrity"
)

// seedsDir is where the real pages used as acceptance checks live:
// $WIRETRACE_SEEDS, else shared/seeds beside the repository.
func seedsDir(t *testing.T) string {
	t.Helper()
	if d := os.Getenv("WIRETRACE_SEEDS"); d != "" {
		return d
	}
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(filepath.Dir(dir), "shared", "seeds")
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return filepath.Join("..", "shared", "seeds")
		}
		dir = parent
	}
}

func inspectJSON(t *testing.T, path string) (*integrity.Inspection, string) {
	t.Helper()
	out, stderr, code := run(t, "", "inspect", "--json", path)
	if code != exitOK {
		t.Fatalf("inspect --json %s: exit %d: %s", path, code, stderr)
	}
	var a integrity.Inspection
	if err := json.Unmarshal([]byte(out), &a); err != nil {
		t.Fatalf("inspect --json output: %v", err)
	}
	human, stderr, code := run(t, "", "inspect", path)
	if code != exitOK {
		t.Fatalf("inspect %s: exit %d: %s", path, code, stderr)
	}
	return &a, human
}

func flagMessages(a *integrity.Inspection, kind string) []string {
	var out []string
	for _, f := range a.Flags {
		if f.Kind == kind {
			out = append(out, f.Message)
		}
	}
	return out
}

// TestInspectSeed is the acceptance check of the issue on the seed page: a
// wire story rebranded by a content site. The seed is read where it lies,
// never copied into the repository.
func TestInspectSeed(t *testing.T) {
	dir := seedsDir(t)
	path := filepath.Join(dir, "000_f7f1e2bbf66fefd1.txt")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("seed %s not found (set WIRETRACE_SEEDS to the seeds folder): %v", path, err)
	}
	a, human := inspectJSON(t, path)
	text, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}

	// The credits that disagree: dateline and copyright against the photo.
	const farm = "Health & Fitness Journal"
	if a.Dateline == nil || a.Dateline.Agency == nil || a.Dateline.Agency.Text != farm {
		t.Errorf("dateline %+v, want agency %q", a.Dateline, farm)
	}
	if len(a.Copyrights) == 0 || a.Copyrights[0].Holder.Text != farm {
		t.Errorf("copyrights %+v, want holder %q", a.Copyrights, farm)
	}
	if len(a.Photos) == 0 || a.Photos[0].Agency == nil || a.Photos[0].Agency.Text != "REUTERS" {
		t.Errorf("photos %+v, want a REUTERS credit", a.Photos)
	}
	conflicts := flagMessages(a, integrity.FlagCreditConflict)
	if len(conflicts) != 1 || !strings.Contains(conflicts[0], `"`+farm+`" (`) || !strings.Contains(conflicts[0], `"REUTERS" (photo)`) ||
		!strings.Contains(conflicts[0], "dateline") || !strings.Contains(conflicts[0], "copyright") {
		t.Errorf("credit conflicts %q, want the dateline and copyright credit against REUTERS", conflicts)
	}
	// The two byline names.
	if a.Byline == nil || len(a.Byline.Names) != 2 {
		t.Errorf("byline %+v, want two names", a.Byline)
	}
	// The quote with no closing mark.
	unclosed := 0
	for _, f := range a.Flags {
		if f.Kind == integrity.FlagQuoteUnclosed {
			unclosed++
			if s := f.Spans[0]; string(text[s.Start:s.End]) != s.Text || !strings.HasPrefix(s.Text, "\u201c") {
				t.Errorf("unclosed quote span %+v does not point at an opening mark", s)
			}
		}
	}
	if unclosed != 1 {
		t.Errorf("%d unclosed quotes, want 1", unclosed)
	}
	// One entity spelt two ways.
	variants := flagMessages(a, integrity.FlagNameVariants)
	for _, v := range []string{"Kiev/Kyiv", "Dnipro/Dnieper"} {
		if !slices.Contains(variants, "one name spelt two ways: "+v) {
			t.Errorf("name variants %q lack %s", variants, v)
		}
	}
	// The garbled repetition.
	var repeated []string
	for _, f := range a.Flags {
		if f.Kind == integrity.FlagRepeatedWord {
			var ws []string
			for _, s := range f.Spans {
				ws = append(ws, s.Text)
			}
			repeated = append(repeated, strings.Join(ws, " "))
		}
	}
	if !slices.Equal(repeated, []string{"retreating retreating retreat"}) {
		t.Errorf("repeated words %q, want the retreating ... retreating ... retreat sentence", repeated)
	}
	// No quote is flagged as unattributed: every other quote has its
	// speaker in the text.
	if ns := flagMessages(a, integrity.FlagQuoteNoSpeaker); len(ns) != 0 {
		t.Errorf("quotes flagged without speaker: %q", ns)
	}
	for _, want := range []string{"credit-conflict", "quote-unclosed", "Kiev/Kyiv", "Dnipro/Dnieper", "repeated-word", "agency " + farm} {
		if !strings.Contains(human, want) {
			t.Errorf("human output lacks %q:\n%s", want, human)
		}
	}
}

// TestInspectSpunExample runs inspect on the bundled content-farm copy.
func TestInspectSpunExample(t *testing.T) {
	dir := t.TempDir()
	paths := writeExamples(t, dir)
	a, human := inspectJSON(t, paths["flood/spun"])
	var kinds []string
	for _, f := range a.Flags {
		kinds = append(kinds, f.Kind)
	}
	want := []string{integrity.FlagCreditConflict, integrity.FlagQuoteNoSpeaker, integrity.FlagRepeatedWord}
	if !slices.Equal(kinds, want) {
		t.Errorf("flags %q, want %q", kinds, want)
	}
	if !strings.Contains(human, `credits disagree: "Daily Wellness Digest" (headline, copyright, dateline) vs "MERIDIAN WIRE" (photo)`) {
		t.Errorf("human output lacks the credit conflict:\n%s", human)
	}
	// The honest copy raises nothing.
	a, human = inspectJSON(t, paths["flood/verbatim"])
	if len(a.Flags) != 0 || !strings.Contains(human, "no flags") {
		t.Errorf("verbatim copy flags %+v", a.Flags)
	}
	if _, _, code := run(t, "", "inspect", filepath.Join(dir, "missing.txt")); code != exitFailure {
		t.Errorf("inspect of a missing file: exit %d, want %d", code, exitFailure)
	}
	if out, _, code := run(t, "Title\nBY Jane Roe\n\"Open quote", "inspect", "-"); code != exitOK || !strings.Contains(out, "quote-unclosed") {
		t.Errorf("inspect from stdin: exit %d\n%s", code, out)
	}
}

// TestInspectHTML reads a page as add does: offsets into the extracted
// text, the byline from the page's author metadata.
func TestInspectHTML(t *testing.T) {
	page := filepath.Join(t.TempDir(), "page.html")
	html := `<!doctype html><html><head><title>Fires reach Tiriv | Green Living Daily</title>
<meta name="author" content="Mara Kestel"><meta property="og:site_name" content="Green Living Daily"></head>
<body><article><h1>Fires reach Tiriv</h1>
<figure><img src="x.jpg"><figcaption>A firefighter near Tiriv, August 14, 2025. REUTERS/Anton Sorel</figcaption></figure>
<p>TIRIV, Veldoria (Green Living Daily) - Wildfires swept into the southern suburbs on Friday, forcing thousands of residents to flee, officials said.</p>
<p>Emergency crews evacuated more than 6,000 people overnight from the districts of Marsk and Old Quay.</p>
</article></body></html>`
	if err := os.WriteFile(page, []byte(html), 0o644); err != nil {
		t.Fatal(err)
	}
	a, human := inspectJSON(t, page)
	if a.Byline == nil || len(a.Byline.Names) != 1 || a.Byline.Names[0].Text != "Mara Kestel" {
		t.Errorf("byline %+v, want Mara Kestel from the page's metadata", a.Byline)
	}
	if len(flagMessages(a, integrity.FlagCreditConflict)) != 1 {
		t.Errorf("flags %+v, want the REUTERS photo against the dateline", a.Flags)
	}
	if !strings.Contains(human, "title      Fires reach Tiriv | Green Living Daily  (metadata)") {
		t.Errorf("human output:\n%s", human)
	}
}

// TestCompareReportsRebranding checks the credit and quote lines of the
// human compare output and the JSON fields.
func TestCompareReportsRebranding(t *testing.T) {
	paths := writeExamples(t, t.TempDir())
	out, _, code := run(t, "", "compare", "--texts=false", paths["flood/original"], paths["flood/spun"])
	if code != exitOK {
		t.Fatalf("compare exit %d", code)
	}
	for _, want := range []string{"credit: REBRANDED: Meridian Wire -> Daily Wellness Digest", "quotes: 1 speaker-dropped"} {
		if !strings.Contains(out, want) {
			t.Errorf("compare output lacks %q:\n%s", want, out)
		}
	}
	out, _, _ = run(t, "", "compare", "--texts=false", paths["flood/original"], paths["flood/verbatim"])
	if !strings.Contains(out, "credit: kept (Meridian Wire)") || strings.Contains(out, "REBRANDED") {
		t.Errorf("honest syndication reported as:\n%s", out)
	}
	out, _, _ = run(t, "", "compare", "--json", paths["strike/original"], paths["strike/spun"])
	var c struct {
		Credit struct {
			Source, Suspect []string
			Rebranded       bool
			Replacements    []struct {
				Source, Suspect string
				Count           int
			}
		}
		Quotes []struct {
			SourceStart  int `json:"source_start"`
			SuspectStart int `json:"suspect_start"`
			Change       string
		}
	}
	if err := json.Unmarshal([]byte(out), &c); err != nil {
		t.Fatal(err)
	}
	if !c.Credit.Rebranded || len(c.Credit.Replacements) != 1 || c.Credit.Replacements[0].Suspect != "CoinCrest Daily" || len(c.Quotes) != 3 {
		t.Errorf("strike spun: credit %+v quotes %+v", c.Credit, c.Quotes)
	}
	// check reports the same, once per source.
	db := filepath.Join(t.TempDir(), "db")
	if _, stderr, code := run(t, "", "add", "--db", db, paths["flood/original"]); code != exitOK {
		t.Fatalf("add: exit %d: %s", code, stderr)
	}
	out, _, _ = run(t, "", "check", "--db", db, paths["flood/spun"])
	if !strings.Contains(out, "  credit: REBRANDED: Meridian Wire -> Daily Wellness Digest") {
		t.Errorf("check output lacks the credit line:\n%s", out)
	}
}
