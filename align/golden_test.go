package align_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/align"
	"github.com/wiretrace/wiretrace/examples"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

func example(t testing.TB, family, name string) string {
	t.Helper()
	b, err := examples.FS.ReadFile(family + "/" + name + ".txt")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// evidence reads one of the texts in testdata/evidence.
func evidence(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "evidence", name+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestGolden compares each example with its family's original: the relation
// must be the one the example was written for, and the whole comparison must
// match the golden file (run with -update after a deliberate change).
func TestGolden(t *testing.T) {
	for _, fam := range examples.Families {
		src := example(t, fam, "original")
		for _, v := range examples.Variants {
			t.Run(fam+"/"+v.Name, func(t *testing.T) {
				susp := example(t, fam, v.Name)
				c := align.Compare(align.NewDoc(src), align.NewDoc(susp))
				checkInvariants(t, src, susp, c)
				if string(c.Relation) != v.Relation {
					t.Errorf("relation %s, want %s (score %.3f, suspect coverage %.3f)", c.Relation, v.Relation, c.Score, c.SuspectCoverage)
				}
				got, err := json.MarshalIndent(c, "", "  ")
				if err != nil {
					t.Fatal(err)
				}
				golden := filepath.Join("testdata", "golden", fam+"-"+v.Name+".json")
				if *update {
					if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(golden, append(got, '\n'), 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatalf("%v (run go test ./align -update to create it)", err)
				}
				if !bytes.Equal(bytes.TrimSpace(want), got) {
					t.Errorf("comparison differs from %s; run go test ./align -update and review the diff", golden)
				}
			})
		}
	}
}

// checkInvariants asserts what every comparison promises, whatever its
// relation.
func checkInvariants(t *testing.T, src, susp string, c wiretrace.Comparison) {
	t.Helper()
	for _, f := range []float64{c.Score, c.SuspectCoverage, c.SourceCoverage} {
		if f < 0 || f > 1 {
			t.Fatalf("figure %v outside [0,1]", f)
		}
	}
	lastEnd := -1
	for _, p := range c.Passages {
		if p.SourceStart < 0 || p.SourceEnd > len(src) || p.SourceStart >= p.SourceEnd {
			t.Fatalf("bad source span %d-%d of %d bytes", p.SourceStart, p.SourceEnd, len(src))
		}
		if p.SuspectStart < 0 || p.SuspectEnd > len(susp) || p.SuspectStart >= p.SuspectEnd {
			t.Fatalf("bad suspect span %d-%d of %d bytes", p.SuspectStart, p.SuspectEnd, len(susp))
		}
		if p.SuspectStart < lastEnd {
			t.Fatalf("suspect spans overlap or are out of order at %d", p.SuspectStart)
		}
		lastEnd = p.SuspectEnd
		if p.Kind != wiretrace.Exact && p.Kind != wiretrace.Reworded {
			t.Fatalf("bad passage kind %q", p.Kind)
		}
	}
	for _, s := range c.Substitutions {
		if s.Count < 1 || s.Source == "" || s.Suspect == "" {
			t.Fatalf("bad substitution %+v", s)
		}
	}
	if p := c.Phrases; p != nil {
		if p.Share <= 0 || p.Share > 1 || !c.Relation.Derived() {
			t.Fatalf("phrases %+v under %s", p, c.Relation)
		}
		last := -1
		for _, sp := range p.Spans {
			if sp.Start <= last || sp.Start >= sp.End || sp.End > len(susp) {
				t.Fatalf("bad phrase span %d-%d of %d bytes after %d", sp.Start, sp.End, len(susp), last)
			}
			last = sp.End
		}
	}
}

// The spinner's favourite substitutions must be reported with their counts.
func TestSpunSubstitutions(t *testing.T) {
	src := example(t, "flood", "original")
	susp := example(t, "flood", "spun")
	c := align.Compare(align.NewDoc(src), align.NewDoc(susp))
	found := map[string]int{}
	for _, s := range c.Substitutions {
		found[s.Source+">"+s.Suspect] = s.Count
	}
	if found["said>stated"] < 2 {
		t.Errorf("said -> stated reported %d times, want at least 2; got %v", found["said>stated"], c.Substitutions)
	}
	if len(c.Substitutions) < 20 {
		t.Errorf("%d substitutions found in a spun copy, want at least 20", len(c.Substitutions))
	}
}

// Offsets point at the very bytes of each text, multibyte characters and
// all: the suspect's passage text, normalised, must equal the source's on an
// exact passage.
func TestOffsetsAreBytes(t *testing.T) {
	src := "Prélude: the Øresund ferry “Kestrel” left Malmö at 06:10 carrying 212 passengers, the operator said on Sunday, and returned after the storm eased."
	susp := "News in brief — " + strings.ToUpper(src[:0]) + src + " More later."
	c := align.Compare(align.NewDoc(src), align.NewDoc(susp))
	if c.Relation != wiretrace.Copy || len(c.Passages) != 1 {
		t.Fatalf("got %s with %d passages, want one copy passage", c.Relation, len(c.Passages))
	}
	p := c.Passages[0]
	if got, want := susp[p.SuspectStart:p.SuspectEnd], src[p.SourceStart:p.SourceEnd]; got != want {
		t.Fatalf("passage texts differ:\n%q\n%q", got, want)
	}
}

// Reordered paragraphs, changed case and punctuation still align as a copy.
func TestReorderedAndRecased(t *testing.T) {
	src := example(t, "strike", "original")
	paras := strings.Split(strings.TrimSpace(src), "\n\n")
	for i, j := 0, len(paras)-1; i < j; i, j = i+1, j-1 {
		paras[i], paras[j] = paras[j], paras[i]
	}
	susp := strings.ToUpper(strings.NewReplacer(",", "", "\u2014", "-", "\"", "'").Replace(strings.Join(paras, "\n\n")))
	c := align.Compare(align.NewDoc(src), align.NewDoc(susp))
	if c.Relation != wiretrace.Copy || c.SuspectCoverage < 0.85 {
		t.Fatalf("reversed, upper-cased copy: %s with suspect coverage %.2f, want copy above 0.85", c.Relation, c.SuspectCoverage)
	}
}

func FuzzCompare(f *testing.F) {
	f.Add("The river rose two metres on Tuesday, officials said.", "The river rose 2 metres on Tuesday, authorities stated.")
	f.Add(example(f, "flood", "original")[:600], example(f, "flood", "spun")[:700])
	f.Add("", "x")
	f.Add("“quoted ‘inner’ text”", "'quoted \"inner\" text'")
	f.Add(evidence(f, "hospice-wire"), evidence(f, "hospice-retold"))
	f.Fuzz(func(t *testing.T, src, susp string) {
		c := align.Compare(align.NewDoc(src), align.NewDoc(susp))
		checkInvariants(t, src, susp, c)
		switch c.Relation {
		case wiretrace.Copy, wiretrace.Spun, wiretrace.Partial, wiretrace.Related, wiretrace.Unrelated:
		default:
			t.Fatalf("unknown relation %q", c.Relation)
		}
		if c.Relation.Derived() && len(c.Passages) == 0 {
			t.Fatalf("%s without passages", c.Relation)
		}
	})
}
