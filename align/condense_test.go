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
	// Two paragraphs set side by side, none retold: an excerpt of the
	// stretch they come from, not a summary of the story, though it
	// spans more than CondenseWhole of it.
	if k.Whole {
		t.Fatalf("two paragraphs side by side condense the whole story: %+v", k)
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
	if c := align.Compare(align.NewDoc(source), align.NewDoc(example(t, "strike", "independent"))); len(c.Condensations) != 0 {
		t.Errorf("independent coverage of the strike: condensations %+v", c.Condensations)
	}
	off := align.Defaults
	off.CondenseGap = -1
	if c := off.Compare(align.NewDoc(source), align.NewDoc(partial)); len(c.Condensations) != 0 {
		t.Errorf("CondenseGap -1: condensations %+v", c.Condensations)
	}
}

// brief copies one paragraph of the strike story and retells, in words of
// its own, a sentence from four paragraphs further on.
const brief = `Port strike: what we know

By Ines Halloran

The Salven Dock and Harbor Workers' Union walked out on Monday after talks with terminal operator Tervane Terminals broke down over pay and the planned use of automated cranes. The union is seeking a 14% raise over two years, while Tervane has offered 6%. No new talks had been set by Wednesday night. About a third of the imports arrive through this port, whose authority counts 3.1 million containers yearly.
`

// A sentence no passage holds joins a condensation by the source sentence
// it retells (its content words), with the one passage beside it.
func TestCondensationRetold(t *testing.T) {
	source := example(t, "strike", "original")
	c := align.Compare(align.NewDoc(source), align.NewDoc(brief))
	if len(c.Passages) != 1 || len(c.Condensations) != 1 {
		t.Fatalf("%d passages, condensations %+v; want one of each", len(c.Passages), c.Condensations)
	}
	k, p := c.Condensations[0], c.Passages[0]
	if k.Retold != 1 || len(k.Passages) != 1 {
		t.Fatalf("condensation of %d passages and %d retold sentences, want 1 and 1", len(k.Passages), k.Retold)
	}
	retold := strings.Index(brief, "About a third")
	if k.SuspectStart != p.SuspectStart || k.SuspectEnd <= retold || p.SuspectEnd > retold {
		t.Fatalf("condensation %+v should run from the passage %+v over the retold sentence at %d", k, p, retold)
	}
	if k.SourceEnd < strings.Index(source, "according to the Port Salven Authority") {
		t.Fatalf("condensation %+v stops before the source sentence retold", k)
	}
	// The brief draws on more than a third of the story (160 of its 451
	// words, from its second paragraph to its sixth), copying one and
	// retelling another: at CondenseWhole 0.3 it condenses the story as a
	// whole, at 0.9 that stretch only, and at 0 never the whole.
	toks := align.NewDoc(source).Tokens()
	for _, c := range []struct {
		share float64
		whole bool
	}{{0.3, true}, {0.9, false}, {0, false}} {
		o := align.Defaults
		o.CondenseWhole = c.share
		cs := o.Compare(align.NewDoc(source), align.NewDoc(brief)).Condensations
		if len(cs) != 1 || cs[0].Whole != c.whole {
			t.Fatalf("CondenseWhole %v: condensations %+v, want one, whole %v", c.share, cs, c.whole)
		}
		k := cs[0]
		if c.whole && (k.SourceStart != toks[0].Start || k.SourceEnd != toks[len(toks)-1].End || k.SourceWords != len(toks)) {
			t.Fatalf("CondenseWhole %v: condensation %+v, want the whole source, %d to %d", c.share, k, toks[0].Start, toks[len(toks)-1].End)
		}
		if !c.whole && (k.SourceStart != p.SourceStart || k.SourceWords >= len(toks)) {
			t.Fatalf("CondenseWhole %v: condensation %+v, want it from the passage %+v", c.share, k, p)
		}
	}
	without := align.Defaults
	without.CondenseSimilarity = 0
	if c := without.Compare(align.NewDoc(source), align.NewDoc(brief)); len(c.Condensations) != 0 {
		t.Fatalf("without retold sentences, one passage: condensations %+v", c.Condensations)
	}
}
