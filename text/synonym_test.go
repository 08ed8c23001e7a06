package text_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
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

// The committed tables are what the generator makes from WordNet: nobody
// edited them by hand, and they can be made again.
func TestSynonymTableReproducible(t *testing.T) {
	const wordnet = "/usr/share/wordnet"
	if _, err := os.Stat(filepath.Join(wordnet, "index.noun")); err != nil {
		t.Skipf("WordNet database not found in %s (Debian package wordnet-base): cannot regenerate the synonym table", wordnet)
	}
	dir := t.TempDir()
	cmd := exec.Command("go", "run", "./internal/wordnetgen", "-wordnet", wordnet,
		"-o", filepath.Join(dir, "synonyms.txt"), "-go", filepath.Join(dir, "table.go"),
		"-freq", filepath.Join(dir, "frequency.txt"), "-freqgo", filepath.Join(dir, "frequency.go"))
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("wordnetgen: %v\n%s", err, msg)
	}
	for name, made := range map[string]string{
		"synonyms.txt":                "synonyms.txt",
		"internal/synonyms/table.go":  "table.go",
		"frequency.txt":               "frequency.txt",
		"internal/frequency/table.go": "frequency.go",
	} {
		got, err := os.ReadFile(filepath.Join(dir, made))
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(want) {
			t.Errorf("%s differs from what wordnetgen makes from %s (%d vs %d bytes): run go generate ./text", name, wordnet, len(want), len(got))
		}
	}
}

// The generated table answers as the text table, read the way Synsets
// read it before the table was generated, does: for every stem in it, the
// same set numbers in the same order, and nothing for other words.
func TestSynsetsAsTextTable(t *testing.T) {
	raw, err := os.ReadFile("synonyms.txt")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]uint32{}
	line := uint32(0)
	for g := range strings.Lines(string(raw)) {
		line++
		for _, stem := range strings.Fields(g) {
			want[stem] = append(want[stem], line)
		}
	}
	if len(want) < 30000 {
		t.Fatalf("synonyms.txt holds only %d stems", len(want))
	}
	for stem, sets := range want {
		if got := text.Synsets(stem); !slices.Equal(got, sets) {
			t.Errorf("Synsets(%q) = %v, want %v", stem, got, sets)
		}
	}
	// Words the table does not hold: near misses of stems it holds, and
	// words of other kinds.
	others := []string{"", "zzyzx", "the", "1,200", "russia's", "caf\u00e9", "\u6771\u4eac"}
	for stem := range want {
		others = append(others, stem+"x", "x"+stem, stem[:len(stem)-1])
	}
	for _, w := range others {
		if _, ok := want[w]; ok {
			continue
		}
		if got := text.Synsets(w); got != nil {
			t.Errorf("Synsets(%q) = %v, want none", w, got)
		}
	}
}
