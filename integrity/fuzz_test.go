package integrity

import (
	"encoding/json"
	"testing"
)

// checkSpans verifies that every span of an inspection, of its parts and
// of its flags, names the bytes it says it does. It walks the JSON, so a
// part added to the anatomy is checked without changing the test.
func checkSpans(t *testing.T, in *Inspection) {
	t.Helper()
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	var doc any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	s := in.Text()
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch v := v.(type) {
		case map[string]any:
			start, okStart := v["start"].(float64)
			end, okEnd := v["end"].(float64)
			text, okText := v["text"].(string)
			if okStart && okEnd && okText {
				lo, hi := int(start), int(end)
				if lo < 0 || hi > len(s) || lo > hi || asJSON(s[lo:hi]) != text {
					t.Errorf("%s: span [%d:%d] %q does not match the text", path, lo, hi, text)
				}
			}
			for k, x := range v {
				walk(path+"."+k, x)
			}
		case []any:
			for _, x := range v {
				walk(path+"[]", x)
			}
		}
	}
	walk("", doc)
}

// asJSON is s as it reads after a trip through JSON, which spells
// invalid UTF-8 as U+FFFD.
func asJSON(s string) string {
	b, _ := json.Marshal(s)
	var out string
	_ = json.Unmarshal(b, &out)
	return out
}

// FuzzInspect runs the whole anatomy and its flags: no panic, every span
// names its bytes.
func FuzzInspect(f *testing.F) {
	for _, s := range []string{
		"Title By Site News\n\u00a9Site News. A view. REUTERS/Jane Roe\nBy Jane Roe\nKIEV (Site News) \u2013 Forces are still retreating further retreat.\n\u201cOpen quote.\nKyiv said so.",
		"", "\n\n\n", "By", "\u00a9", "Copyright", "(c) ", "A/B", "X -- y",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkSpans(t, Inspect(s))
	})
}
