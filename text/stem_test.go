package text

import (
	"math/rand/v2"
	"os"
	"strings"
	"testing"
)

func TestStem(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"the", "the"},
		{"retreat", "retreat"},
		{"retreats", "retreat"},
		{"retreating", "retreat"},
		{"retreated", "retreat"},
		{"stopped", "stop"},
		{"policies", "policy"},
		{"ties", "tie"},
		{"classes", "class"},
		{"churches", "church"},
		{"boxes", "box"},
		{"bus", "bus"},
		{"census", "census"},
		{"crisis", "crisis"},
		{"russia's", "russia"},
		{"officers'", "officer"},
		{"general", "general"},
		{"generally", "generally"},
		{"forces", "forc"},
		{"force", "forc"},
		{"bring", "bring"},
		{"need", "need"},
	} {
		if got := Stem(c.in); got != c.want {
			t.Errorf("Stem(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// stemPool makes words whose endings exercise every rule of Stem.
var stemPool = []string{"a", "b", "c", "d", "e", "g", "h", "i", "n", "p", "s", "t", "u", "x", "y", "'", "ies", "es", "ed", "ing", "sses", "ches", "shes", "'s"}

func TestStemSameAsReference(t *testing.T) {
	words := newsNorms(t)
	if raw, err := os.ReadFile("synonyms.txt"); err == nil {
		words = append(words, strings.Fields(string(raw))...)
	}
	r := rand.New(rand.NewPCG(5, 6))
	for range 200000 {
		var b strings.Builder
		for range 1 + r.IntN(5) {
			b.WriteString(stemPool[r.IntN(len(stemPool))])
		}
		words = append(words, b.String())
	}
	for _, w := range words {
		if got, want := Stem(w), refStem(w); got != want {
			t.Fatalf("Stem(%q) = %q, reference %q", w, got, want)
		}
	}
}

func FuzzStemSame(f *testing.F) {
	for _, w := range []string{"", "policies", "stopped", "russia's", "classes", "e's", "sses'"} {
		f.Add(w)
	}
	f.Fuzz(func(t *testing.T, w string) {
		if got, want := Stem(w), refStem(w); got != want {
			t.Fatalf("Stem(%q) = %q, reference %q", w, got, want)
		}
	})
}
