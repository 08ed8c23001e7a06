package extract

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/wiretrace/wiretrace/internal/synth"
	"github.com/wiretrace/wiretrace/text"
)

// Hostile pages are refused by the limit they pass, before a tree is
// built; messy pages that only nest deep (tags opened and never closed)
// are flattened and read.
func TestLimits(t *testing.T) {
	tests := []struct {
		name  string
		page  []byte
		limit string // "" when the page is read
	}{
		{"a million attributes on one element", synth.ManyAttributesOneElement(1_000_000), "attributes"},
		{"a million attributes over 50,000 elements", synth.ManyAttributes(1_000_000, 20), "attributes"},
		{"attributes just under the limit", synth.ManyAttributes(MaxAttributes-100, 20), ""},
		{"400,000 elements", synth.ManyElements(400_000), "elements"},
		{"elements just under the limit", synth.ManyElements(MaxElements - 100), ""},
		{"5 MB of text", []byte("<html><body><p>" + strings.Repeat("Tides rise. ", 5<<20/12) + "</p></body></html>"), "bytes of text"},
		// Script text is not page text.
		{"5 MB of script", []byte("<html><body><script>" + strings.Repeat("var tide = 1;", 5<<20/13) + "</script>" +
			"<article><h1>Harbour ferry returns</h1><p>The ferry resumed on Monday after three days of storms, the port authority said in a statement.</p></article></body></html>"), ""},
		{"600 unclosed font tags", synth.Unclosed("font", 600), ""},
		{"3,000 unclosed b tags", synth.Unclosed("b", 3000), ""},
		{"5,000 nested divs", synth.Nested("div", 5000), ""},
		{"600 self-closed divs", []byte(strings.Repeat("<div/>", 600) + string(synth.Unclosed("i", 3))), ""},
		{"200 nested tables", []byte(strings.Repeat("<table><tr><td>", 200) + string(synth.Unclosed("i", 3))), ""},
		{"600 unclosed p and li", []byte(strings.Repeat("<p>para <li>item ", 600) + string(synth.Unclosed("span", 10))), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := HTML(tt.page, "", nil)
			if tt.limit == "" {
				if err != nil {
					t.Fatalf("HTML = %v, want the page read", err)
				}
				if !strings.Contains(p.Text, "ferry") {
					t.Fatalf("the article is not in the text: %.200q", p.Text)
				}
				return
			}
			var le *LimitError
			if !errors.As(err, &le) || le.Limit != tt.limit || !errors.Is(err, ErrTooComplex) {
				t.Fatalf("HTML = %v, want the limit on %s", err, tt.limit)
			}
			if !strings.Contains(err.Error(), "more than") || !strings.Contains(err.Error(), tt.limit) {
				t.Fatalf("the error %q does not name the limit", err)
			}
		})
	}
}

// Measure refuses the million-attribute page holding about one tag at a
// time: its allocations are a few times the page's size, where building
// the tree took over 500 MB.
func TestMeasureMemory(t *testing.T) {
	page := synth.ManyAttributesOneElement(1_000_000)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err := Measure(page, "")
	runtime.ReadMemStats(&after)
	if err == nil {
		t.Fatal("the page was not refused")
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 20*uint64(len(page)) {
		t.Fatalf("Measure allocated %d MB for a %d MB page", alloc>>20, len(page)>>20)
	}
}

// A page that flattening leaves too deep fails with the limit.
func TestTooDeepAfterFlattening(t *testing.T) {
	defer func(d int) { flattenDepth = d }(flattenDepth)
	flattenDepth = 1000
	_, err := HTML(synth.Unclosed("font", 600), "", nil)
	var le *LimitError
	if !errors.As(err, &le) || le.Limit != "levels of nesting" || le.Max != MaxDepth {
		t.Fatalf("HTML = %v, want the limit on levels of nesting", err)
	}
}

// Flattening keeps the text where it was and every element that is not
// past the depth.
func TestFlatten(t *testing.T) {
	deep := strings.Repeat("<font>", flattenDepth+10) + "words"
	got := flatten(deep)
	if n := strings.Count(got, "<font>"); n != flattenDepth || !strings.HasSuffix(got, "words") {
		t.Fatalf("flatten kept %d of %d tags (want %d) and ends %q", n, flattenDepth+10, flattenDepth, got[max(0, len(got)-10):])
	}
	// Shallow pages come back as they were, byte for byte.
	for _, s := range []string{"<p>a<p>b<ul><li>c<li>d</ul>", "<div><b>x</div><script>if (a<b) {}</script>", "<!-- c --><br/><img src=x>&amp;"} {
		if got := flatten(s); got != s {
			t.Errorf("flatten(%q) = %q", s, got)
		}
	}
	// A script past the depth is kept: its content must not become
	// text.
	s := strings.Repeat("<span>", flattenDepth) + "<script>var secret = 1;</script>"
	if got := flatten(s); !strings.Contains(got, "<script>var secret") {
		t.Fatalf("flatten dropped a script tag and kept its content: %q", got[len(got)-40:])
	}
}

func FuzzFlatten(f *testing.F) {
	f.Add(string(synth.Unclosed("font", 20)))
	f.Add(string(synth.Nested("div", 30)))
	f.Add("<p>a<li>b<td>c<option>d<dt>e<dd>f<tr>g")
	f.Add("<script><b></script><style><i></style><textarea><u></textarea>")
	f.Fuzz(func(t *testing.T, s string) {
		out := flatten(s)
		if len(out) > len(s) {
			t.Fatalf("flatten grew %d bytes to %d", len(s), len(out))
		}
		if _, err := parse(s); err != nil && !errors.Is(err, ErrTooComplex) && !isDepthError(err) {
			t.Fatalf("parse: %v", err)
		}
	})
}

// refCount counts as count does, with x/net/html's tokenizer: the
// reference the fixtures are compared with.
func refCount(s string) Counts {
	var c Counts
	z := html.NewTokenizer(strings.NewReader(s))
	inRaw := ""
	for {
		switch z.Next() {
		case html.ErrorToken:
			return c
		case html.TextToken:
			if inRaw == "" || inRaw == "title" || inRaw == "textarea" {
				c.TextBytes += len(z.Raw())
			}
			continue
		case html.StartTagToken, html.SelfClosingTagToken:
			c.Elements++
			name, more := z.TagName()
			inRaw = ""
			if rawTextElements[string(name)] {
				inRaw = string(name)
			}
			for more {
				_, _, more = z.TagAttr()
				c.Attributes++
			}
			continue
		}
		inRaw = ""
	}
}

// count agrees with the tokenizer on real-shaped pages and on the
// hostile ones below the limits.
func TestCountSameAsTokenizer(t *testing.T) {
	pages, _ := filepath.Glob("testdata/*.html")
	inputs := map[string]string{
		"many attributes": string(synth.ManyAttributes(10_000, 20)),
		"one element":     string(synth.ManyAttributesOneElement(5_000)),
		"unclosed":        string(synth.Unclosed("font", 600)),
		"nested":          string(synth.Nested("div", 300)),
		"markup corners": `<!DOCTYPE html><!-- <p a b c> --><p class="x>y" data-a='q"r' hidden>a < b</p>` +
			`<script>if (a<b && c>d) {}</script><STYLE>p>i{}</STYLE><title>T <b>x</b></title><br/><img src=a.png alt=x/>` +
			`<?xml bogus?><!bogus><textarea><i>raw</i></textarea></ p>tail`,
	}
	for _, p := range pages {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		inputs[filepath.Base(p)] = string(raw)
	}
	for name, s := range inputs {
		got, err := count(s)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if want := refCount(s); got != want {
			t.Errorf("%s: count %+v, tokenizer %+v", name, got, want)
		}
	}
}

func FuzzCount(f *testing.F) {
	f.Add("<p a=1 b='2' c=\"3\" d>x</p><script>a<b</script><!-- c -->")
	f.Add(string(synth.ManyAttributes(100, 7)))
	f.Fuzz(func(t *testing.T, s string) {
		c, err := count(s)
		if err != nil && !errors.Is(err, ErrTooComplex) {
			t.Fatalf("count: %v", err)
		}
		if c.Elements > strings.Count(s, "<") || c.TextBytes > len(s) || c.Attributes > len(s) {
			t.Fatalf("count %+v of %d bytes", c, len(s))
		}
	})
}

// A page that declares no charset is read as UTF-8 when it is mostly
// UTF-8, whatever its first kilobyte holds, and the Decoding says how.
func TestDecodeUndeclared(t *testing.T) {
	body := "<p>The caf\u00e9 on the quay said \u201cclosed\u201d until the repairs to the harbour wall are finished next month.</p>"
	tests := []struct {
		name, page, contentType string
		want                    string
		replaced                int
		encoding                text.Encoding
	}{
		{"utf-8 with a stray byte first", "<html><body><h1>Quay\x92s caf\u00e9</h1>" + body + "</body></html>", "",
			"Quay\ufffds caf\u00e9", 1, ""},
		{"windows-1252 undeclared", "<html><body><h1>Quay\x92s caf\xe9</h1><p>The caf\xe9 said \x93closed\x94 until the repairs to the harbour wall are finished next month.</p></body></html>", "",
			"Quay\u2019s caf\u00e9", 0, text.Windows1252},
		{"windows-1252 declared", "<html><head><meta charset=windows-1252></head><body><h1>Quay\x92s caf\xe9</h1><p>The caf\xe9 said \x93closed\x94 until the repairs to the harbour wall are finished next month.</p></body></html>", "",
			"Quay\u2019s caf\u00e9", 0, ""},
		{"utf-8 declared in the header", "<html><body><h1>Quay\x92s caf\u00e9</h1>" + body + "</body></html>", "text/html; charset=utf-8",
			"Quay\ufffds caf\u00e9", 1, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Measure([]byte(tt.page), tt.contentType)
			if err != nil {
				t.Fatal(err)
			}
			p, err := d.Extract(nil)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(p.Text, tt.want) {
				t.Errorf("text %q lacks %q", p.Text, tt.want)
			}
			if dec := d.Decoding(); dec.Replaced != tt.replaced || dec.Encoding != tt.encoding {
				t.Errorf("decoding %+v, want %d replaced, encoding %q", dec, tt.replaced, tt.encoding)
			}
		})
	}
}
