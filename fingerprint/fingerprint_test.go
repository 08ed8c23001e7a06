package fingerprint

import (
	"slices"
	"strings"
	"testing"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/text"
)

func fps(s string) map[wiretrace.Fingerprint]bool {
	m := map[wiretrace.Fingerprint]bool{}
	for _, f := range Of(text.Tokenize(s)) {
		m[f] = true
	}
	return m
}

// Any shared run of Window+N-1 words must give a shared fingerprint, whatever
// surrounds it: that is winnowing's guarantee, and check relies on it.
func TestSharedRunIsDetected(t *testing.T) {
	run := "the harbour authority closed the northern quay after the storm surge flooded two warehouses"
	a := "Officials in Port Adley gave few details on Monday. " + run + " and nobody was hurt."
	b := "A completely different opening sentence about weather patterns. Reports said " + run + ", a spokesman added."
	fa, fb := fps(a), fps(b)
	shared := 0
	for f := range fa {
		if fb[f] {
			shared++
		}
	}
	if shared == 0 {
		t.Fatalf("no shared fingerprint for a shared run of %d words", len(strings.Fields(run)))
	}
}

func TestStableAcrossCaseAndPunctuation(t *testing.T) {
	a := fps("Flood waters rose quickly in Riverton, officials said.")
	b := fps("FLOOD WATERS ROSE QUICKLY IN RIVERTON -- OFFICIALS SAID")
	if len(a) == 0 || len(a) != len(b) {
		t.Fatalf("fingerprint sets differ: %d vs %d", len(a), len(b))
	}
	for f := range a {
		if !b[f] {
			t.Fatalf("fingerprint %x missing after case and punctuation change", f)
		}
	}
}

// Stored fingerprints must not change between versions without a format
// version change: this pins the hash of one text.
func TestFingerprintsArePinned(t *testing.T) {
	got := Of(text.Tokenize("Flood waters rose quickly in Riverton on Tuesday, officials said."))
	if len(got) == 0 {
		t.Fatal("no fingerprints")
	}
	want := []wiretrace.Fingerprint{0x37925a94b1b20217}
	if !slices.Equal(got, want) {
		t.Fatalf("fingerprints changed: got %#x, want %#x; a change needs a new store format version", got, want)
	}
}

func TestDensity(t *testing.T) {
	words := make([]string, 2000)
	for i := range words {
		words[i] = "w" + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + string(rune('a'+i/26%26))
	}
	n := len(Of(text.Tokenize(strings.Join(words, " "))))
	expected := 2.0 / float64(Window+1) * float64(len(words))
	if float64(n) < expected*0.6 || float64(n) > expected*1.5 {
		t.Fatalf("%d fingerprints for %d words, expected about %.0f", n, len(words), expected)
	}
}

func BenchmarkOf(b *testing.B) {
	s := strings.Repeat("Flood waters rose quickly in Riverton on Tuesday, forcing hundreds of residents from their homes, officials said. ", 40)
	toks := text.Tokenize(s)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		Of(toks)
	}
}

// Every fingerprint of a text is one of its runs' hashes, and a run shared
// with another text is a hash both have.
func TestGramsOfHashes(t *testing.T) {
	a := text.Hashes(text.Tokenize("Judge Miriam Alcott will give her ruling at Harwick County Court at ten."))
	grams := GramsOfHashes(a)
	if len(grams) != len(a)-N+1 || !slices.IsSorted(grams) {
		t.Fatalf("%d grams of %d words, sorted %v", len(grams), len(a), slices.IsSorted(grams))
	}
	for _, f := range OfHashes(a) {
		if _, ok := slices.BinarySearch(grams, f); !ok {
			t.Errorf("fingerprint %x is not a run's hash", f)
		}
	}
	b := GramsOfHashes(text.Hashes(text.Tokenize("sitting at Harwick County Court yesterday")))
	shared := 0
	for _, f := range b {
		if _, ok := slices.BinarySearch(grams, f); ok {
			shared++
		}
	}
	if shared != 2 { // "at harwick county", "harwick county court"
		t.Errorf("%d runs shared, want 2", shared)
	}
	if got := GramsOfHashes(a[:2]); !slices.Equal(got, OfHashes(a[:2])) {
		t.Errorf("two words: %v, want %v", got, OfHashes(a[:2]))
	}
}
