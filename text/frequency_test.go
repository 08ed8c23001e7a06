package text_test

import (
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/wiretrace/wiretrace/text"
)

// The generated table answers as frequency.txt says, and a spinner's
// replacements are rarer than the words they replace.
func TestFrequency(t *testing.T) {
	raw, err := os.ReadFile("frequency.txt")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for line := range strings.Lines(string(raw)) {
		stem, count, _ := strings.Cut(strings.TrimSpace(line), " ")
		want, err := strconv.Atoi(count)
		if err != nil {
			t.Fatalf("frequency.txt: %q", line)
		}
		if got := text.Frequency(stem); got != want {
			t.Errorf("Frequency(%q) = %d, want %d", stem, got, want)
		}
		n++
	}
	if n < 10000 {
		t.Fatalf("frequency.txt holds only %d stems", n)
	}
	for _, w := range []string{"zzyzx", "kivufo", ""} {
		if f := text.Frequency(text.Stem(w)); f != 0 {
			t.Errorf("Frequency(%q) = %d, want 0 for a word made up", w, f)
		}
	}
	for _, p := range [][2]string{{"said", "stated"}, {"company", "firm"}, {"year", "twelvemonth"}, {"expected", "anticipated"}, {"went", "proceeded"}} {
		if a, b := text.Frequency(text.Stem(p[0])), text.Frequency(text.Stem(p[1])); a <= b {
			t.Errorf("%s %d, %s %d: want the first commoner", p[0], a, p[1], b)
		}
	}
}
