package corpus

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// dataFolder returns the corpus folder sub of DataDir, skipping the test
// when it is absent: a plain go test passes without the corpora.
func dataFolder(t *testing.T, sub string) string {
	t.Helper()
	dir := filepath.Join(DataDir(), sub)
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("corpus folder %s not found (set %s to the data folder)", dir, EnvDataDir)
	}
	return dir
}

// writeFiles lays out files (slash paths) under a new temporary folder.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestMeterStories(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"file_index/courts/wholly_derived.txt":                     "meter_corpus/newspapers/rawtexts/courts/01.02.03/owl/owl1_herald.txt\r\n",
		"file_index/courts/partially_derived.txt":                  " meter_corpus/newspapers/rawtexts/courts/01.02.03/owl/owl2_gazette.txt\r\n\r\n",
		"file_index/courts/non_derived.txt":                        "meter_corpus/newspapers/rawtexts/courts/01.02.03/fox/fox3_herald.txt",
		"newspapers/rawtexts/courts/01.02.03/owl/owl1_herald.txt":  "An owl was fined.",
		"newspapers/rawtexts/courts/01.02.03/owl/owl2_gazette.txt": "Caf\xe9 owner fined over owl.",
		"newspapers/rawtexts/courts/01.02.03/fox/fox3_herald.txt":  "A fox walked free.",
	})
	var got []MeterStory
	for s, err := range MeterStories(dir) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, s)
	}
	if len(got) != 3 {
		t.Fatalf("got %d stories, want 3", len(got))
	}
	want := []struct {
		name  string
		class MeterClass
		topic string
		paper string
	}{
		{"newspapers/rawtexts/courts/01.02.03/owl/owl1_herald.txt", MeterWholly, "courts/01.02.03/owl", "herald"},
		{"newspapers/rawtexts/courts/01.02.03/owl/owl2_gazette.txt", MeterPartially, "courts/01.02.03/owl", "gazette"},
		{"newspapers/rawtexts/courts/01.02.03/fox/fox3_herald.txt", MeterNon, "courts/01.02.03/fox", "herald"},
	}
	for i, w := range want {
		if got[i].Name != w.name || got[i].Class != w.class || got[i].Topic() != w.topic || got[i].Paper() != w.paper {
			t.Errorf("story %d = %s %s %s %s, want %s %s %s %s", i, got[i].Name, got[i].Class, got[i].Topic(), got[i].Paper(), w.name, w.class, w.topic, w.paper)
		}
	}
	if got[1].Text != "Café owner fined over owl." {
		t.Errorf("Windows-1252 story read as %q", got[1].Text)
	}
}

func TestMeterStoriesErrors(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"file_index/courts/wholly_derived.txt": "meter_corpus/newspapers/rawtexts/courts/01.02.03/owl/owl1_herald.txt\n" +
			"meter_corpus/newspapers/rawtexts/courts/01.02.03/owl/missing.txt\n",
		"file_index/courts/partially_derived.txt":                 "meter_corpus/newspapers/rawtexts/courts/01.02.03/owl/owl1_herald.txt\n",
		"file_index/courts/non_derived.txt":                       "meter_corpus/somewhere/else.txt\n",
		"newspapers/rawtexts/courts/01.02.03/owl/owl1_herald.txt": "An owl was fined.",
	})
	var good int
	var errs []string
	for _, err := range MeterStories(dir) {
		if err != nil {
			errs = append(errs, err.Error())
			continue
		}
		good++
	}
	if good != 1 || len(errs) != 3 {
		t.Fatalf("got %d stories and errors %q, want 1 story and 3 errors (missing, listed twice, bad path)", good, errs)
	}
	for i, want := range []string{"missing.txt", "listed again", "want newspapers/rawtexts/courts"} {
		if !strings.Contains(errs[i], want) {
			t.Errorf("error %d = %q, want it to mention %q", i, errs[i], want)
		}
	}
}

// A PA file as the wire sent it: an envelope of rules and a slug line,
// paragraphs marked by "<" and wrapped at a fixed width.
func TestWireText(t *testing.T) {
	raw := "  ----------\n\n  ----------\n\n      09:41 02/03/00: Page 1 (HHH) COURTS Owl\n  ----------\n" +
		"OWL FINED FOR NIGHT NOISE<\n" +
		" By Ann Other, PA News<\n" +
		" An owl was fined today for hooting\nafter midnight in a quiet street.<\n" +
		" Magistrates heard it had been warned.<"
	got := wireText(raw)
	blank := func(line string) string { return strings.Repeat(" ", len(line)) }
	want := blank("  ----------") + "\n\n" + blank("  ----------") + "\n\n" +
		blank("      09:41 02/03/00: Page 1 (HHH) COURTS Owl") + "\n" + blank("  ----------") + "\n" +
		"OWL FINED FOR NIGHT NOISE\n\n" +
		" By Ann Other, PA News\n\n" +
		" An owl was fined today for hooting after midnight in a quiet street.\n\n" +
		" Magistrates heard it had been warned. "
	if got != want {
		t.Errorf("wireText =\n%q\nwant\n%q", got, want)
	}
	if len(got) != len(raw) {
		t.Errorf("wireText changed the length from %d to %d: offsets must stay the file's", len(raw), len(got))
	}
	// A line that is not the envelope is kept, even when it has a time.
	if s := "At 09:41 the court rose.\n"; wireText(s) != s {
		t.Errorf("wireText(%q) = %q, want it unchanged", s, wireText(s))
	}
	slug, at := filed(raw)
	if want := time.Date(2000, 3, 2, 9, 41, 0, 0, time.UTC); slug != "COURTS Owl" || !at.Equal(want) {
		t.Errorf("filed = %q, %v; want COURTS Owl, %v", slug, at, want)
	}
	if slug, at := filed("At 09:41 the court rose.\n"); slug != "" || !at.IsZero() {
		t.Errorf("filed without a slug line = %q, %v; want nothing", slug, at)
	}
}

func TestMeterSources(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"PA/rawtexts/courts/readme.txt":             "About these folders.",
		"PA/rawtexts/courts/01.02.03/owl/owl1.txt":  "OWL FINED<\nAn owl was fined today.<",
		"PA/rawtexts/courts/01.02.03/fox/fox1.txt":  "FOX FREED<",
		"PA/rawtexts/courts/01.02.03/fox/fox2.sub":  "FOX\x19FREED\x19AGAIN\x19<",
		"PA/rawtexts/courts/01.02.03/fox/.fox2.swp": "editor state",
	})
	var got []string
	for s, err := range MeterSources(dir) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, s.Name+" "+s.Topic())
		if strings.HasSuffix(s.Name, ".sub") && s.Text != "FOX FREED AGAIN  " {
			t.Errorf("%s read as %q, want the 0x19 marks as spaces", s.Name, s.Text)
		}
	}
	want := "PA/rawtexts/courts/01.02.03/fox/fox1.txt courts/01.02.03/fox," +
		"PA/rawtexts/courts/01.02.03/fox/fox2.sub courts/01.02.03/fox," +
		"PA/rawtexts/courts/01.02.03/owl/owl1.txt courts/01.02.03/owl"
	if strings.Join(got, ",") != want {
		t.Errorf("sources = %q, want %q", got, want)
	}
	for _, err := range MeterSources(t.TempDir()) {
		if err == nil || !strings.Contains(err.Error(), "rawtexts") {
			t.Errorf("empty folder: err = %v, want one naming PA/rawtexts", err)
		}
	}
}

func TestMeterCorpus(t *testing.T) {
	dir := dataFolder(t, "meter")
	counts := map[MeterClass]int{}
	for s, err := range MeterStories(dir) {
		if err != nil {
			t.Fatal(err)
		}
		counts[s.Class]++
		if s.Text == "" {
			t.Errorf("%s: empty text", s.Name)
		}
	}
	if counts[MeterWholly] == 0 || counts[MeterPartially] == 0 || counts[MeterNon] == 0 {
		t.Errorf("class counts %v: want every class", counts)
	}
	n, slugged := 0, 0
	for s, err := range MeterSources(dir) {
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(strings.ToLower(s.Name), "readme") {
			t.Errorf("read-me file %s read as wire copy", s.Name)
		}
		n++
		if s.Slug != "" && s.Filed.Format("02.01.06") == s.Date {
			slugged++
		}
	}
	if n < 100 {
		t.Errorf("%d PA files, want hundreds", n)
	}
	// Every PA file but one has a slug line, filed on its folder's day.
	if slugged < n-5 {
		t.Errorf("%d of %d PA files have a slug filed on their folder's date", slugged, n)
	}
	t.Logf("stories %v, PA files %d", counts, n)
}
