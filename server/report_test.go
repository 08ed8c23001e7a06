package server

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/align"
)

// A report is made from what it is given alone: a source whose text is
// not at hand (removed from the store since the check) is listed without
// the side by side view, a found source with it, and the page names the
// time it was made.
func TestWriteReport(t *testing.T) {
	source := "The ferry to Orrin Quay will run an extra evening crossing from Monday, the harbour board said on Friday."
	suspect := "The ferry to Orrin Quay will run an extra evening crossing from Monday, the harbour board announced."
	c := align.Defaults.Compare(align.NewDoc(source), align.NewDoc(suspect))
	r := Report{
		Suspect:     ReportArticle{Input: "ferry.txt", Title: "Extra ferry"},
		SuspectText: suspect,
		Matches: []ReportMatch{
			{Match: wiretrace.Match{ID: "board-notice", Title: "Board notice", Comparison: c}, SourceText: source},
			{Match: wiretrace.Match{ID: "gone", Title: "Removed since", Comparison: c}},
		},
		Made: time.Date(2026, 3, 4, 9, 30, 0, 0, time.UTC),
	}
	var b bytes.Buffer
	if err := WriteReport(&b, r, align.Defaults); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, want := range []string{"Sources of <q>Extra ferry</q>", "2 sources found", "reported 4 Mar 2026 09:30 UTC", `id="m1-source"`, "This source is no longer in the store.", `<span class="title">Board notice</span>`} {
		if !strings.Contains(page, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	if strings.Count(page, `class="side-by-side"`) != 1 {
		t.Errorf("want one side by side view, for the source at hand")
	}
}
