package corpus

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// sampleSGM imitates the collection's layout with invented stories: a
// wrapped body with entities and the sign-off, a brief without a body, a
// story whose date carries trailing codes and whose lines end in CR LF, and
// one with a Latin-1 byte.
const sampleSGM = `<!DOCTYPE lewis SYSTEM "lewis.dtd">
<REUTERS TOPICS="YES" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="10" NEWID="7">
<DATE>26-FEB-1987 15:01:01.79</DATE>
<TOPICS><D>grain</D></TOPICS>
<UNKNOWN>&#5;&#5;&#5;C T
&#22;&#22;&#1;f0704&#31;reute</UNKNOWN>
<TEXT>&#2;
<TITLE>NORTHTOWN MILL &lt;NMC> SETS   OUTPUT</TITLE>
<DATELINE>    NORTHTOWN, Feb 26 - </DATELINE><BODY>Northtown Milling Co &lt;NMC> said it
will raise flour output by ten pct
at its river plant.
    The company said demand from bakers &amp; grocers
had risen. Reuter
&#3;</BODY></TEXT>
</REUTERS>
<REUTERS TOPICS="NO" NEWID="8">
<DATE> 2-MAR-1987 09:00:00.00</DATE>
<TEXT TYPE="BRIEF">&#2;
******<TITLE>NORTHTOWN MILL DIVIDEND</TITLE>
&#3;
</TEXT>
</REUTERS>
<REUTERS TOPICS="NO" NEWID="9">
<DATE>27-MAR-1987 00:02:59.13&#5;&#5;&#5;RM</DATE>
<TEXT>&#2;
<TITLE>LAKEVILLE BANK NOTES</TITLE>
<DATELINE>    LAKEVILLE, March 27 - </DATELINE><BODY>Lakeville Bank said deposits rose.` + "\r\n" + `    Loans were flat.` + "\r\n" + ` REUTER...` + "\r\n" + `&#3;</BODY></TEXT>
</REUTERS>
<REUTERS NEWID="10">
<DATE>bad date</DATE>
<TEXT>&#2;
<BODY>The M` + "\xfc" + `ller works&#127; reopened.
&#3;</BODY></TEXT>
</REUTERS>
`

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func collect(t *testing.T, seq func(func(Doc, error) bool)) []Doc {
	t.Helper()
	var docs []Doc
	for d, err := range seq {
		if err != nil {
			t.Fatalf("unexpected error: %v", err)
		}
		docs = append(docs, d)
	}
	return docs
}

func TestReuters(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "reut2-000.sgm"), sampleSGM)
	writeFile(t, filepath.Join(dir, "README.txt"), "not a story file")
	got := collect(t, Reuters(dir))
	want := []Doc{
		{
			ID:        "reuters-7",
			Title:     "NORTHTOWN MILL <NMC> SETS OUTPUT",
			Dateline:  "NORTHTOWN, Feb 26",
			Published: time.Date(1987, 2, 26, 15, 1, 1, 790_000_000, time.UTC),
			Text: "Northtown Milling Co <NMC> said it will raise flour output by ten pct at its river plant.\n\n" +
				"The company said demand from bakers & grocers had risen.",
		},
		{
			ID:        "reuters-9",
			Title:     "LAKEVILLE BANK NOTES",
			Dateline:  "LAKEVILLE, March 27",
			Published: time.Date(1987, 3, 27, 0, 2, 59, 130_000_000, time.UTC),
			Text:      "Lakeville Bank said deposits rose.\n\nLoans were flat.",
		},
		{
			ID:   "reuters-10",
			Text: "The Müller works reopened.",
		},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d docs, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		if !got[i].Published.Equal(want[i].Published) {
			t.Errorf("doc %d: Published = %v, want %v", i, got[i].Published, want[i].Published)
		}
		got[i].Published, want[i].Published = time.Time{}, time.Time{}
		if got[i] != want[i] {
			t.Errorf("doc %d:\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
}

func TestReutersBadRecord(t *testing.T) {
	dir := t.TempDir()
	bad := `<REUTERS OLDID="1"><TEXT><BODY>no id here</BODY></TEXT></REUTERS>` + "\n"
	writeFile(t, filepath.Join(dir, "reut2-000.sgm"), bad+sampleSGM)
	var ids []string
	var errs []error
	for d, err := range Reuters(dir) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		ids = append(ids, d.ID)
	}
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "reut2-000.sgm") || !strings.Contains(errs[0].Error(), "NEWID") {
		t.Errorf("errors = %v, want one naming the file and the missing NEWID", errs)
	}
	if len(ids) != 3 {
		t.Errorf("after a bad record got %v, want the 3 good stories", ids)
	}
}

func TestReutersMissing(t *testing.T) {
	for _, tc := range []struct {
		name string
		dir  func(t *testing.T) string
		want error
	}{
		{"no folder", func(t *testing.T) string { return filepath.Join(t.TempDir(), "absent") }, fs.ErrNotExist},
		{"no files", func(t *testing.T) string { return t.TempDir() }, ErrNoFiles},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n := 0
			for _, err := range Reuters(tc.dir(t)) {
				n++
				if !errors.Is(err, tc.want) {
					t.Errorf("error = %v, want %v", err, tc.want)
				}
			}
			if n != 1 {
				t.Errorf("yielded %d times, want one error", n)
			}
		})
	}
}

func TestReutersStopsEarly(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "reut2-000.sgm"), sampleSGM)
	writeFile(t, filepath.Join(dir, "reut2-001.sgm"), sampleSGM)
	n := 0
	for range Reuters(dir) {
		n++
		break
	}
	if n != 1 {
		t.Errorf("loop ran %d times after break", n)
	}
}

// TestReutersCorpus reads the whole collection and checks what every story
// must satisfy, without quoting any of it.
func TestReutersCorpus(t *testing.T) {
	dir := requireData(t, "reuters21578")
	idRe := regexp.MustCompile(`^reuters-[0-9]+$`)
	seen := map[string]bool{}
	dated := 0
	for d, err := range Reuters(dir) {
		if err != nil {
			t.Fatal(err)
		}
		if !idRe.MatchString(d.ID) || seen[d.ID] {
			t.Fatalf("bad or repeated ID %q", d.ID)
		}
		seen[d.ID] = true
		if strings.ContainsAny(d.Text, "\x00\x03\x7f\r") || strings.Contains(d.Text, "&lt;") || strings.Contains(d.Text, "&#") {
			t.Errorf("%s: control character or entity left in text", d.ID)
		}
		if strings.HasSuffix(strings.ToLower(d.Text), "reuter") {
			t.Errorf("%s: sign-off left in text", d.ID)
		}
		if strings.Contains(d.Text, "\n\n\n") || strings.TrimSpace(d.Text) != d.Text {
			t.Errorf("%s: paragraphs not normalised", d.ID)
		}
		if !d.Published.IsZero() {
			dated++
			if d.Published.Year() != 1987 {
				t.Errorf("%s: published %v, want 1987", d.ID, d.Published)
			}
		}
	}
	// 19,043 stories have a BODY element; a few bodies are only the sign-off.
	if n := len(seen); n < 19000 || n > 19043 {
		t.Errorf("read %d stories with a body, want about 19,043", n)
	}
	// One story's date has an hour of 605.
	if dated < len(seen)-1 {
		t.Errorf("only %d of %d stories have a date", dated, len(seen))
	}
}
