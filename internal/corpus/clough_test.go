package corpus

import (
	"strings"
	"testing"
)

func TestClough(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"file_information.csv": "File,Task,Category\r\nga_taska.txt,a,cut\r\ngb_taska.txt,a,non\r\norig_taska.txt,a,orig\n",
		"orig_taska.txt":       "Inheritance lets a class reuse another's code.",
		"ga_taska.txt":         "Inheritance lets a class reuse another\x92s code.",
		"gb_taska.txt":         "Classes can share behaviour.",
	})
	var got []CloughAnswer
	for a, err := range Clough(dir) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, a)
	}
	if len(got) != 2 {
		t.Fatalf("got %d answers, want 2 (the orig row is a source)", len(got))
	}
	if got[0].File != "ga_taska.txt" || got[0].Category != CloughCut || got[0].Task != "a" {
		t.Errorf("answer 1 = %+v", got[0])
	}
	if got[0].Text != "Inheritance lets a class reuse another’s code." {
		t.Errorf("Windows-1252 answer read as %q", got[0].Text)
	}
	if got[1].Category != CloughNon || got[1].Source != "Inheritance lets a class reuse another's code." {
		t.Errorf("answer 2 = %+v", got[1])
	}
}

func TestCloughErrors(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"file_information.csv": "File,Task,Category\nga_taska.txt,a,copied\ngb_taskb.txt,b,cut\ngc_taska.txt,a\n",
		"orig_taska.txt":       "Inheritance lets a class reuse another's code.",
		"gb_taskb.txt":         "No source for task b.",
	})
	var errs []string
	for _, err := range Clough(dir) {
		if err != nil {
			errs = append(errs, err.Error())
		}
	}
	if len(errs) != 3 || !strings.Contains(errs[0], "copied") || !strings.Contains(errs[1], "orig_taskb.txt") || !strings.Contains(errs[2], "row 4") {
		t.Errorf("errors %q, want unknown category, missing source, short row", errs)
	}
}

func TestCloughCorpus(t *testing.T) {
	dir := dataFolder(t, "clough-stevenson")
	counts := map[CloughCategory]int{}
	for a, err := range Clough(dir) {
		if err != nil {
			t.Fatal(err)
		}
		counts[a.Category]++
	}
	if len(counts) != 4 {
		t.Errorf("categories %v, want all four", counts)
	}
	t.Logf("answers %v", counts)
}
