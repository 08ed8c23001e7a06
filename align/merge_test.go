package align_test

import (
	"strings"
	"testing"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/align"
)

// Fictional paragraphs long enough to align on their own, with unrelated
// filler between them in the source.
var (
	paraA  = "The harbour board voted on Monday to close the northern pier for repairs after divers found cracks running along its concrete supports, and ferries will dock at the southern terminal until the work is finished next spring."
	paraB  = "Fishermen who moor their boats beside the pier were told to move them by the end of the month, and the board promised to pay for temporary berths at the marina across the bay while engineers replace the damaged pillars."
	paraC  = "The board's chairwoman said the repairs would cost far more than the budget set aside last year, and that the council would be asked to lend the difference, to be repaid from mooring fees over the next decade."
	filler = func(seed string) string {
		words := []string{"orchard", "violin", "glacier", "pepper", "lantern", "meadow", "copper", "thimble", "saffron", "ledger", "walnut", "quarry"}
		var b strings.Builder
		for i := range 160 {
			b.WriteString(words[(i*7+len(seed))%len(words)])
			if i%12 == 11 {
				b.WriteString(". ")
			} else {
				b.WriteString(" ")
			}
		}
		return b.String()
	}
)

// reword changes a few words of each paragraph, as a rewrite would.
var reword = strings.NewReplacer("voted", "decided", "running", "spreading", "told", "asked", "temporary", "spare", "cost", "need", "set aside", "put by").Replace

// A summary puts side by side, reworded, what the source says far apart:
// one reused stretch of the suspect, one passage. Verbatim excerpts placed
// side by side stay two passages, each with its own source stretch.
func TestMergeCondensed(t *testing.T) {
	src := paraA + "\n\n" + filler("x") + "\n\n" + paraC
	susp := "Pier to close. " + reword(paraA) + " " + reword(paraC) + " Tides page 4."
	c := align.Compare(align.NewDoc(src), align.NewDoc(susp))
	if len(c.Passages) != 1 {
		t.Fatalf("%d passages, want 1: %+v", len(c.Passages), c.Passages)
	}
	p := c.Passages[0]
	if end := strings.LastIndex(src, "decade") + len("decade"); p.SourceStart != 0 || p.SourceEnd != end {
		t.Errorf("source span %d-%d, want the first to the last word, 0-%d", p.SourceStart, p.SourceEnd, end)
	}
	verbatim := align.Compare(align.NewDoc(src), align.NewDoc(paraA+" "+paraC))
	if len(verbatim.Passages) != 2 {
		t.Fatalf("verbatim excerpts: %d passages, want 2: %+v", len(verbatim.Passages), verbatim.Passages)
	}
	for _, p := range verbatim.Passages {
		if p.Kind != wiretrace.Exact {
			t.Errorf("verbatim excerpt reported as %s", p.Kind)
		}
	}
}

// Reworded paragraphs swapped within a stretch stay one passage; a stretch
// whose source lies far before the previous one's is another passage.
func TestMergeReordered(t *testing.T) {
	src := paraA + " " + paraB + "\n\n" + filler("y") + "\n\n" + paraC
	swapped := align.Compare(align.NewDoc(src), align.NewDoc(reword(paraB)+" "+reword(paraA)))
	if len(swapped.Passages) != 1 {
		t.Errorf("two adjacent paragraphs swapped: %d passages, want 1", len(swapped.Passages))
	}
	far := align.Compare(align.NewDoc(src), align.NewDoc(reword(paraC)+" "+reword(paraA)))
	if len(far.Passages) != 2 {
		t.Errorf("a paragraph from far back in the source: %d passages, want 2", len(far.Passages))
	}
	for _, c := range []wiretrace.Comparison{swapped, far} {
		if !c.Relation.Derived() {
			t.Errorf("relation %s, want a derived one", c.Relation)
		}
	}
}

// A word swapped for a synonym is a one-word substitution inside the
// passage, not a hole in it; without synonyms the passage holds less.
func TestSynonymSubstitution(t *testing.T) {
	src := paraA + " " + paraB
	susp := strings.NewReplacer("voted", "balloted", "cracks", "fissures", "finished", "completed", "told", "informed", "promised", "pledged", "damaged", "broken").Replace(src)
	on := align.Compare(align.NewDoc(src), align.NewDoc(susp))
	found := map[string]bool{}
	for _, s := range on.Substitutions {
		found[s.Source+">"+s.Suspect] = true
	}
	for _, want := range []string{"finished>completed", "promised>pledged"} {
		if !found[want] {
			t.Errorf("substitution %s not reported; got %+v", want, on.Substitutions)
		}
	}
	if !on.Relation.Derived() {
		t.Errorf("relation %s, want a derived one", on.Relation)
	}
	off := align.Defaults
	off.Synonyms = false
	without := off.Compare(align.NewDoc(src), align.NewDoc(susp))
	if without.Score >= on.Score {
		t.Errorf("score without synonyms %.3f, with %.3f: synonyms should hold more of the passage", without.Score, on.Score)
	}
}

// A rewrite changes a sentence's opening words; the reworded passage still
// starts where the sentence does. (A passage that only grazes a sentence
// is not extended into it: the strike/verbatim golden file holds a headline
// that ends in two words of the source.)
func TestWholeSentences(t *testing.T) {
	src := paraA + " " + paraB
	susp := "Ferry routes change at Port Callow\n\nIn a vote this week, its members decided to close the northern pier for repairs after divers found cracks spreading along its concrete supports, and ferries will dock at the southern terminal until the work is finished next spring. " + reword(paraB)
	c := align.Compare(align.NewDoc(src), align.NewDoc(susp))
	if len(c.Passages) != 1 || c.Passages[0].Kind != wiretrace.Reworded {
		t.Fatalf("want one reworded passage, got %+v", c.Passages)
	}
	if want := strings.Index(susp, "In a vote"); c.Passages[0].SuspectStart != want {
		t.Errorf("passage starts at %d (%q), want the sentence's start %d", c.Passages[0].SuspectStart, susp[c.Passages[0].SuspectStart:], want)
	}
	off := align.Defaults
	off.WholeSentences = false
	if p := off.Compare(align.NewDoc(src), align.NewDoc(susp)).Passages[0]; p.SuspectStart <= c.Passages[0].SuspectStart {
		t.Errorf("without whole sentences the passage starts at %d, want it later than %d", p.SuspectStart, c.Passages[0].SuspectStart)
	}
}

// A sentence rewritten out of its words' order holds no run of word pairs
// to chain, but it stands where its source sentence stood, just before a
// passage: the passage takes it in. An unrelated sentence in its place is
// left out.
func TestNeighbourSentences(t *testing.T) {
	src := paraA + " " + paraB + " " + paraC
	retold := "Until spring, boats from the mainland dock south, since Monday's vote by the board shut the pier where divers saw cracks."
	other := "Tourists who visit Port Callow in the summer months often take the ferry to the islands, where the beaches are quiet and the cafes serve fresh crab."
	for _, c := range []struct {
		name, before string
		takenIn      bool
	}{
		{"retold", retold, true},
		{"unrelated", other, false},
	} {
		susp := "Ferry routes change at Port Callow\n\n" + c.before + " " + reword(paraB) + " " + reword(paraC)
		got := align.Compare(align.NewDoc(src), align.NewDoc(susp))
		if len(got.Passages) != 1 || got.Passages[0].Kind != wiretrace.Reworded {
			t.Fatalf("%s: want one reworded passage, got %+v", c.name, got.Passages)
		}
		p := got.Passages[0]
		if starts := strings.Index(susp, c.before); (p.SuspectStart == starts) != c.takenIn {
			t.Errorf("%s: passage starts at %d (%.40q), sentence before it at %d: want taken in %v", c.name, p.SuspectStart, susp[p.SuspectStart:], starts, c.takenIn)
		}
		if c.takenIn && p.SourceStart != 0 {
			t.Errorf("%s: source side starts at %d, want 0, where the retold sentence's source starts", c.name, p.SourceStart)
		}
		off := align.Defaults
		off.NeighbourSimilarity = 0
		if q := off.Compare(align.NewDoc(src), align.NewDoc(susp)).Passages[0]; q.SuspectStart != strings.Index(susp, "Fishermen") {
			t.Errorf("%s: without neighbours the passage starts at %d (%.40q), want at the reworded paragraph", c.name, q.SuspectStart, susp[q.SuspectStart:])
		}
	}
}

// A rewrite that moves a sentence keeps it inside the passage in the
// suspect; the passage's source stretch takes in the source sentence it
// retells, just before the stretch the word pairs hold in order.
func TestMovedSentences(t *testing.T) {
	src := paraA + " " + paraB + " " + paraC
	moved := "Ferries dock at the southern terminal until spring, after cracks that divers found along concrete supports made the harbour board close its northern pier on Monday."
	susp := "Ferry routes change at Port Callow\n\n" + reword(paraB) + " " + moved + " " + reword(paraC)
	c := align.Compare(align.NewDoc(src), align.NewDoc(susp))
	if len(c.Passages) != 1 || c.Passages[0].Kind != wiretrace.Reworded {
		t.Fatalf("want one reworded passage, got %+v", c.Passages)
	}
	p := c.Passages[0]
	if at := strings.Index(susp, moved); p.SuspectStart > at || p.SuspectEnd < at+len(moved) {
		t.Fatalf("passage %+v does not hold the moved sentence at %d", p, at)
	}
	if p.SourceStart != 0 {
		t.Errorf("source stretch starts at %d (%.40q), want 0, the sentence moved", p.SourceStart, src[p.SourceStart:])
	}
	off := align.Defaults
	off.MovedSimilarity = 0
	if q := off.Compare(align.NewDoc(src), align.NewDoc(susp)).Passages[0]; q.SourceStart != strings.Index(src, "Fishermen") {
		t.Errorf("without moved sentences the source stretch starts at %d (%.40q), want at the second paragraph", q.SourceStart, src[q.SourceStart:])
	}
}
