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
	places := 0
	for line := range strings.Lines(string(raw)) {
		f := strings.Fields(line)
		if len(f) < 2 {
			t.Fatalf("frequency.txt: %q", line)
		}
		want, err := strconv.Atoi(f[1])
		if err != nil {
			t.Fatalf("frequency.txt: %q", line)
		}
		if got := text.Frequency(f[0]); got != want {
			t.Errorf("Frequency(%q) = %d, want %d", f[0], got, want)
		}
		place := len(f) == 3 && f[2] == "place"
		if got := text.Place(f[0]); got != place {
			t.Errorf("Place(%q) = %v, want %v", f[0], got, place)
		}
		if place {
			places++
		}
		n++
	}
	if n < 10000 || places < 100 {
		t.Fatalf("frequency.txt holds only %d stems, %d of them places", n, places)
	}
	// Places the sense-tagged texts use; peoples, months and words that
	// are places too but also common nouns are not.
	for w, want := range map[string]bool{"chicago": true, "paris": true, "brazilian": false, "april": false, "brazil": false, "bush": false, "court": false, "zzyzx": false} {
		if got := text.Place(text.Stem(w)); got != want {
			t.Errorf("Place(Stem(%q)) = %v, want %v", w, got, want)
		}
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
