package integrity

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestVariants(t *testing.T) {
	tests := []struct {
		x, y   string
		shared bool
		want   bool
	}{
		{"kiev", "kyiv", false, true},
		{"oleshki", "oleshky", false, true},
		{"zelensky", "zelenskyy", false, true},
		{"odessa", "odesa", false, true},
		{"kharkov", "kharkiv", false, true},
		{"monteith", "montieth", false, true},
		{"dnipro", "dnieper", true, true},
		// Two edits need another shared word ("Dnipro River").
		{"dnipro", "dnieper", false, false},
		// Short names: a whole edit is another name.
		{"hill", "hall", false, false},
		{"real", "raul", false, false},
		{"dana", "dina", false, false},
		// Derived words, not variants.
		{"german", "germany", false, false},
		{"argentina", "argentine", false, false},
		{"minister", "ministry", true, false},
		{"britain", "briton", false, false},
		{"ukraine", "ukrainian", false, false},
		{"these", "this", false, false},
	}
	for _, tt := range tests {
		if got := variants(tt.x, tt.y, tt.shared); got != tt.want {
			t.Errorf("variants(%q, %q, shared %v) = %v, want %v (cost %d)", tt.x, tt.y, tt.shared, got, tt.want, spellingCost(tt.x, tt.y, fullEdit))
		}
	}
}

func TestNameVariantFlags(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"transliteration", "KIEV, Nov 15 (Reuters) - Sirens sounded.\nIn the capital Kyiv, a block burned.", []string{"Kiev/Kyiv"}},
		{"river names", "Forces left the Dnipro River bank. They crossed the Dnieper River later.", []string{"Dnipro/Dnieper"}},
		{"two edits alone", "Forces left Dnipro on Monday. They reached Dnieper later.", nil},
		{"different places", "Rain fell on Sallow Hill. Families slept in the Sports Hall.", nil},
		{"derived", "Officials in Germany agreed. A German official said so.", nil},
		{"sentence start only", "Over the hills they went. Ever onward, she said.", nil},
		// Each spelt three times or more: two names.
		{"two men", "Mr Regan met Mr Reagan. Regan said Reagan agreed. Later Regan and Reagan left.", nil},
	}
	for _, tt := range tests {
		a := Inspect(tt.in)
		var got []string
		for _, f := range a.Flags {
			if f.Kind == FlagNameVariants {
				got = append(got, strings.TrimPrefix(f.Message, "one name spelt two ways: "))
			}
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%s: variants %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestRepeatedWordFlags(t *testing.T) {
	tests := []struct {
		in   string
		want string // the repeated words, "" for no flag
	}{
		{"Signs grew that its retreating forces are still retreating further retreat south of the river.", "retreating \u2026 retreating \u2026 retreat"},
		{"Many of them were elderly residents who had ignored still ignoring earlier warnings.", "ignored \u2026 ignoring"},
		{"The hostility hostility to foreign investors grew.", "hostility \u2026 hostility"},
		{"They fought the fire step by step and street by street.", ""},
		{"Prices rose more and more as demand grew bigger, much bigger.", ""},
		{"Shares fell four pence to 274.5 pence in early trading.", ""},
		{"Sellers said the unit could sell for more.", ""},
		{"\"It was really really hard,\" she said.", ""},
		{"The free education - free education for all - was promised.", ""},
		{"The rules on non-bank banks were eased.", ""},
		{"The measure helps agricultural banks -- banks with assets of 100 mln dlrs or less.", ""},
		{"The fund buys in high production/high risk regions.", ""},
	}
	for _, tt := range tests {
		a := Inspect(tt.in)
		got := ""
		for _, f := range a.Flags {
			if f.Kind == FlagRepeatedWord {
				var ws []string
				for _, s := range f.Spans {
					ws = append(ws, s.Text)
				}
				got = strings.Join(ws, " \u2026 ")
			}
		}
		if got != tt.want {
			t.Errorf("%q: repeated %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCreditConflict(t *testing.T) {
	tests := []struct {
		name, in string
		want     string // the flag's message, "" for none
	}{
		{"rebranded dateline", "Fires spread\nA burned truck. REUTERS/Anton Sorel\nTIRIV (Green Living Daily) - Fires spread into the suburbs on Friday, officials said.",
			`credits disagree: "REUTERS" (photo) vs "Green Living Daily" (dateline)`},
		{"agency everywhere", "Fires spread\nA burned truck. REUTERS/Anton Sorel\nTIRIV (Reuters) - Fires spread into the suburbs on Friday, officials said.\nCopyright 2025 Coastal Times. All rights reserved.", ""},
		{"photo library", "Fires spread\nA burned truck. Getty Images\nTIRIV (Reuters) - Fires spread into the suburbs on Friday, officials said.", ""},
		{"byline against dateline", "Fires spread\nBy Jane Roe, Daily Planet News\nTIRIV (Reuters) - Fires spread into the suburbs on Friday, officials said.",
			`credits disagree: "Daily Planet News" (byline) vs "Reuters" (dateline)`},
	}
	for _, tt := range tests {
		a := Inspect(tt.in)
		got := ""
		for _, f := range a.Flags {
			if f.Kind == FlagCreditConflict {
				got = f.Message
			}
		}
		if got != tt.want {
			t.Errorf("%s: flag %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestRebrandFlags inspects the rebranding family (testdata/rebrand at the
// root of the module): the content farm's spun copy raises every flag an
// article can raise on its own (its credit swapped in the dateline and the
// text while the photo credit still names the wire, a quote stripped of its
// speaker and one left open, one name spelt two ways, a garbled
// repetition); the original, an honest syndicated copy and a copy stripped
// of credit raise none.
func TestRebrandFlags(t *testing.T) {
	tests := map[string][]string{
		"original":   {},
		"spun":       {FlagCreditConflict, FlagQuoteNoSpeaker, FlagQuoteUnclosed, FlagNameVariants, FlagNameVariants, FlagRepeatedWord},
		"syndicated": {},
		"stripped":   {},
	}
	for name, want := range tests {
		t.Run(name, func(t *testing.T) {
			in := Inspect(rebrandFixture(t, name))
			checkSpans(t, in)
			var got []string
			for _, f := range in.Flags {
				got = append(got, f.Kind)
			}
			if strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("flags %q, want %q", got, want)
				for _, f := range in.Flags {
					t.Logf("  %s: %s", f.Kind, f.Message)
				}
			}
		})
	}
	in := Inspect(rebrandFixture(t, "spun"))
	var msgs []string
	for _, f := range in.Flags {
		msgs = append(msgs, f.Message)
	}
	for _, m := range []string{
		`credits disagree: "Green Living Daily" (headline, copyright, dateline, text) vs "REUTERS" (photo)`,
		"one name spelt two ways: Tiriv/Tyriv",
		"one name spelt two ways: Sulivo/Suliev",
		`word repeated in a broken construction: spreading … spreading … spread in "its spreading flames are still spreading further spread north"`,
	} {
		if !strings.Contains(strings.Join(msgs, "\n"), m) {
			t.Errorf("spun: no flag %q in\n%s", m, strings.Join(msgs, "\n"))
		}
	}
}

func rebrandFixture(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "rebrand", name+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
