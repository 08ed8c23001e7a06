package corpus

import (
	"errors"
	"io/fs"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestBBC(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "articles", "tech", "002.txt"),
		"Robots learn to knit\n\nA lab in Northtown taught a robot to knit.\n\nIt made a scarf.\n")
	writeFile(t, filepath.Join(dir, "articles", "business", "001.txt"),
		"\ufeffMill raises output\r\n\r\nNorthtown Milling will raise output.\r\n")
	// Windows-1252: a pound sign and curly quotes.
	writeFile(t, filepath.Join(dir, "articles", "business", "010.txt"),
		"Price rise\n\nFlour costs \xa35 a bag, \x93up\x94 from \xa34.\n")
	writeFile(t, filepath.Join(dir, "summaries", "business", "001.txt"), "not an article")
	got := collect(t, BBC(dir))
	want := []Doc{
		{ID: "bbc-business-001", Title: "Mill raises output", Text: "Northtown Milling will raise output."},
		{ID: "bbc-business-010", Title: "Price rise", Text: "Flour costs £5 a bag, “up” from £4."},
		{ID: "bbc-tech-002", Title: "Robots learn to knit", Text: "A lab in Northtown taught a robot to knit.\n\nIt made a scarf."},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d docs, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("doc %d:\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
}

func TestBBCBadFile(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "articles", "sport", "001.txt"), "Headline only\n")
	writeFile(t, filepath.Join(dir, "articles", "sport", "002.txt"), "Match won\n\nThe team won.\n")
	var ids []string
	var errs []error
	for d, err := range BBC(dir) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		ids = append(ids, d.ID)
	}
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "001.txt") {
		t.Errorf("errors = %v, want one naming 001.txt", errs)
	}
	if len(ids) != 1 || ids[0] != "bbc-sport-002" {
		t.Errorf("ids = %v, want the good file after the bad one", ids)
	}
}

func TestBBCMissing(t *testing.T) {
	for _, err := range BBC(filepath.Join(t.TempDir(), "absent")) {
		if !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("error = %v, want not exist", err)
		}
	}
	for _, err := range BBC(t.TempDir()) {
		if !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("error = %v, want not exist (no articles folder)", err)
		}
	}
}

func TestBBCCorpus(t *testing.T) {
	dir := requireData(t, "bbc-news-summary")
	idRe := regexp.MustCompile(`^bbc-(business|entertainment|politics|sport|tech)-[0-9]{3}$`)
	n := 0
	for d, err := range BBC(dir) {
		if err != nil {
			t.Fatal(err)
		}
		n++
		if !idRe.MatchString(d.ID) {
			t.Errorf("bad ID %q", d.ID)
		}
		if d.Title == "" || d.Text == "" || strings.ContainsRune(d.Text, '\r') || strings.ContainsRune(d.Text, '\uFFFD') {
			t.Errorf("%s: empty title or text, or a CR or replacement character in it", d.ID)
		}
	}
	if n != 2225 {
		t.Errorf("read %d articles, want 2,225", n)
	}
}
