package align_test

import (
	"strings"
	"testing"

	"github.com/wiretrace/wiretrace/align"
)

// A local paper's story that sets two paragraphs of a wire story side by
// side, from either end of the three paragraphs of quotes between them,
// condenses that stretch of the story; the same two paragraphs kept apart
// by the paper's own reporting do not, and neither does a copy that keeps
// the story's order and length.
func TestCondensations(t *testing.T) {
	source, partial := example(t, "strike", "original"), example(t, "strike", "partial")
	c := align.Compare(align.NewDoc(source), align.NewDoc(partial))
	if len(c.Condensations) != 1 {
		t.Fatalf("condensations %+v, want one", c.Condensations)
	}
	k := c.Condensations[0]
	if len(k.Passages) != 2 || k.Passages[0] != 0 || k.Passages[1] != 1 {
		t.Fatalf("condensation joins passages %v, want 0 and 1", k.Passages)
	}
	first, last := c.Passages[0], c.Passages[1]
	if k.SuspectStart != first.SuspectStart || k.SuspectEnd != last.SuspectEnd ||
		k.SourceStart != min(first.SourceStart, last.SourceStart) || k.SourceEnd != max(first.SourceEnd, last.SourceEnd) {
		t.Fatalf("condensation %+v does not run from its first passage %+v to its last %+v", k, first, last)
	}
	if float64(k.SourceWords) < align.Defaults.CondenseRatio*float64(k.SuspectWords) {
		t.Fatalf("condensation of %d source words into %d: not condensed", k.SourceWords, k.SuspectWords)
	}

	// The paper's own reporting between the two paragraphs: more than
	// CondenseGap words.
	apart := strings.Replace(partial, "\n\nThe port handles", "\n\n"+strings.Repeat(
		"Workers at the Tessdale plant said the closure of the line had come without warning, and several said they had taken second jobs to cover the lost shifts. ", 3)+
		"\n\nThe port handles", 1)
	if apart == partial {
		t.Fatal("the fixture changed: no paragraph to insert before")
	}
	if c := align.Compare(align.NewDoc(source), align.NewDoc(apart)); len(c.Condensations) != 0 || len(c.Passages) != 2 {
		t.Errorf("paragraphs kept apart: %d passages, condensations %+v", len(c.Passages), c.Condensations)
	}
	if c := align.Compare(align.NewDoc(source), align.NewDoc(example(t, "strike", "light-edit"))); len(c.Condensations) != 0 {
		t.Errorf("a light edit in the story's order: condensations %+v", c.Condensations)
	}
	off := align.Defaults
	off.CondenseGap = -1
	if c := off.Compare(align.NewDoc(source), align.NewDoc(partial)); len(c.Condensations) != 0 {
		t.Errorf("CondenseGap -1: condensations %+v", c.Condensations)
	}
}
