package text_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"

	"github.com/wiretrace/wiretrace/text"
)

func TestSynonyms(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"said", "stated", true},      // say: a verb's most frequent sense
		{"purchased", "bought", true}, // buy, with an irregular past
		{"big", "large", true},
		{"almost", "nearly", true},
		{"cargo", "freight", true},
		{"river", "bank", false},
		{"bank", "depository", false}, // a rarer sense of bank
		{"flood", "flood", false},     // the same word is not a synonym
		{"zzyzx", "said", false},      // not in the table
	} {
		a, b := text.Stem(c.a), text.Stem(c.b)
		if a == b {
			continue
		}
		if got := synonyms(a, b); got != c.want {
			t.Errorf("Synonyms(%q, %q) = %v, want %v", a, b, got, c.want)
		}
		if synonyms(a, b) != synonyms(b, a) {
			t.Errorf("Synonyms(%q, %q) is not symmetric", a, b)
		}
	}
}

// synonyms reports whether two stems share a synonym set.
func synonyms(a, b string) bool {
	for _, x := range text.Synsets(a) {
		if slices.Contains(text.Synsets(b), x) {
			return true
		}
	}
	return false
}

// The committed table is what the generator makes from WordNet: nobody
// edited it by hand, and it can be made again.
func TestSynonymTableReproducible(t *testing.T) {
	const wordnet = "/usr/share/wordnet"
	if _, err := os.Stat(filepath.Join(wordnet, "index.noun")); err != nil {
		t.Skipf("WordNet database not found in %s (Debian package wordnet-base): cannot regenerate the synonym table", wordnet)
	}
	out := filepath.Join(t.TempDir(), "synonyms.txt")
	cmd := exec.Command("go", "run", "./internal/wordnetgen", "-wordnet", wordnet, "-o", out)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("wordnetgen: %v\n%s", err, msg)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("synonyms.txt")
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Fatalf("synonyms.txt differs from what wordnetgen makes from %s (%d vs %d bytes): run go generate ./text", wordnet, len(want), len(got))
	}
}
