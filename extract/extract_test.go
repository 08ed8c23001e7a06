package extract

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// The fixtures are pages written for these tests in the shapes of real
// news pages: JSON-LD metadata, a Windows-1252 page with sidebars and a
// comment thread, an AMP page, a paywall teaser and broken markup. Each
// has a golden extraction beside it; -update rewrites them.
func TestHTMLGolden(t *testing.T) {
	pages, err := filepath.Glob("testdata/*.html")
	if err != nil || len(pages) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, path := range pages {
		name := strings.TrimSuffix(filepath.Base(path), ".html")
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			u, _ := url.Parse("https://news.example/story/" + name)
			p, err := HTML(raw, "", u)
			if err != nil {
				t.Fatalf("HTML: %v", err)
			}
			got, _ := json.MarshalIndent(p, "", "  ")
			got = append(got, '\n')
			golden := filepath.Join("testdata", name+".golden.json")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("extraction differs from %s:\n%s", golden, got)
			}
		})
	}
}

// What each fixture is there to prove, stated apart from the goldens so
// that an -update cannot quietly accept a regression.
func TestHTMLFurnitureAndMetadata(t *testing.T) {
	tests := []struct {
		file        string
		contentType string
		want        Page
		has, hasNot []string
	}{
		{
			file: "jsonld-article.html",
			want: Page{
				Title: "Flood barrier holds as river peaks in Wexbridge", Byline: "Maria Lund",
				Published: time.Date(2026, 3, 4, 6, 15, 0, 0, time.UTC), SiteName: "The Northern Courier",
				Canonical: "https://news.example/news/2026/03/flood-barrier-holds-wexbridge", Language: "en-GB",
			},
			has:    []string{"WEXBRIDGE, March 4 - The town's new flood barrier", "Photo: Tom Hale/Northern Courier", "until Monday."},
			hasNot: []string{"Advertisement", "cookies", "Most read", "Share on", "All rights reserved", "dataLayer", "Sport"},
		},
		{
			file: "sidebar-comments.html",
			want: Page{
				Title: "Harbour workers vote to strike over pay", Byline: "Sam Okafor",
				Published: time.Date(2026, 2, 11, 16, 2, 0, 0, time.UTC),
				Canonical: "https://www.coastlinepost.co.uk/local/harbour-strike-vote", Language: "en",
			},
			// Windows-1252 declared in a meta tag: the curly quotes and
			// the é come through.
			has:    []string{"this year\u2019s pay offer", "\u201cOur members", "Caf\u00e9 owners"},
			hasNot: []string{"islander42", "empty shelves", "Lifeboat crew", "Sign up", "Related", "Ferry timetable cut", "continues below", "Share this", "Registered in England", "Subscribe"},
		},
		{
			file: "amp.html",
			want: Page{
				Title: "Rail line reopens after landslip repairs", Byline: "By Priya Nair",
				Published: time.Date(2026, 1, 20, 8, 30, 0, 0, time.UTC),
				Canonical: "https://www.valleytimes.example/news/rail-line-reopens-landslip", Language: "en",
			},
			has:    []string{"Trains returned to the Dale Valley line", "refresher training."},
			hasNot: []string{"gtag", "amp-start", "Valley Times \u00a9"},
		},
		{
			file: "paywall.html",
			want: Page{
				Title: "City budget gap widens to $210 million, auditor finds", Byline: "Carla Dunne",
				Published: time.Date(2026, 5, 19, 18, 5, 0, 0, time.UTC), SiteName: "Metro Ledger",
				Canonical: "https://metroledger.example/politics/budget-gap-auditor", Language: "en-US",
			},
			has:    []string{"The city's budget shortfall", "new transit contract."},
			hasNot: []string{"Subscribe", "Already a subscriber", "$1 a week"},
		},
		{
			// A Content-Type charset outranks the page's own meta tag.
			file: "sidebar-comments.html", contentType: "text/html; charset=iso-8859-1",
			has: []string{"Caf\u00e9 owners"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join("testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			u, _ := url.Parse("https://news.example/story")
			p, err := HTML(raw, tt.contentType, u)
			if err != nil {
				t.Fatal(err)
			}
			if tt.want.Title != "" {
				got := p
				got.Text = ""
				if got != tt.want {
					t.Errorf("metadata\n got %+v\nwant %+v", got, tt.want)
				}
			}
			if !strings.HasPrefix(p.Text, p.Title+"\n\n") {
				t.Errorf("text does not start with the headline: %.80q", p.Text)
			}
			for _, s := range tt.has {
				if !strings.Contains(p.Text, s) {
					t.Errorf("text lacks %q:\n%s", s, p.Text)
				}
			}
			for _, s := range tt.hasNot {
				if strings.Contains(p.Text, s) {
					t.Errorf("text keeps furniture %q:\n%s", s, p.Text)
				}
			}
		})
	}
}

func TestHTMLNoText(t *testing.T) {
	for _, in := range []string{
		"",
		"<html><head><title>Only a title</title></head><body></body></html>",
		"<html><body><nav><a href=/>Home</a></nav><script>var x = 1;</script></body></html>",
		"\x00\x01\x02 \ufffd",
	} {
		if _, err := HTML([]byte(in), "", nil); !errors.Is(err, ErrNoText) {
			t.Errorf("HTML(%.40q) = %v, want ErrNoText", in, err)
		}
	}
}

func TestHTMLTooComplex(t *testing.T) {
	page := "<html><body>" + strings.Repeat("<span>x</span>", MaxElements) + "</body></html>"
	if _, err := HTML([]byte(page), "", nil); !errors.Is(err, ErrTooComplex) {
		t.Fatalf("HTML of %d elements = %v, want ErrTooComplex", MaxElements+3, err)
	}
}

func TestFragment(t *testing.T) {
	tests := []struct{ in, want string }{
		{"<p>One.</p><p>Two &amp; three.</p>", "One.\n\nTwo & three."},
		{"Plain text, no tags.", "Plain text, no tags."},
		{"<p>Lead.</p><div class=\"ad\">Buy now</div><p>Advertisement</p><p>Tail.</p>", "Lead.\n\nTail."},
		{"<p>Line<br>break</p>", "Line\n\nbreak"},
		{"<script>alert(1)</script>", ""},
		{"<p>\u00a0 spaced \t out </p>", "spaced out"},
		{"caf\xe9", "caf\ufffd"},
	}
	for _, tt := range tests {
		if got := Fragment(tt.in); got != tt.want {
			t.Errorf("Fragment(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseTime(t *testing.T) {
	utc := func(y int, mo time.Month, d, h, mi int) time.Time { return time.Date(y, mo, d, h, mi, 0, 0, time.UTC) }
	tests := []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"2026-03-04T06:15:00Z", utc(2026, 3, 4, 6, 15), true},
		{"2026-03-04T07:15:00+01:00", utc(2026, 3, 4, 6, 15), true},
		{"2026-03-04T06:15:00+0000", utc(2026, 3, 4, 6, 15), true},
		{"2026-03-04T06:15:00", utc(2026, 3, 4, 6, 15), true},
		{"2026-03-04 06:15:00", utc(2026, 3, 4, 6, 15), true},
		{"2026-03-04", utc(2026, 3, 4, 0, 0), true},
		{"Wed, 04 Mar 2026 06:15:00 +0000", utc(2026, 3, 4, 6, 15), true},
		{"March 4, 2026", utc(2026, 3, 4, 0, 0), true},
		{"", time.Time{}, false},
		{"yesterday", time.Time{}, false},
		{"0001-01-01T00:00:00Z", time.Time{}, false},
		{"9999-12-31", time.Time{}, false},
	}
	for _, tt := range tests {
		got, ok := ParseTime(tt.in)
		if ok != tt.ok || ok && !got.Equal(tt.want) {
			t.Errorf("ParseTime(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func FuzzHTML(f *testing.F) {
	pages, _ := filepath.Glob("testdata/*.html")
	for _, p := range pages {
		raw, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(raw, "")
	}
	f.Add([]byte(`<script type="application/ld+json">{"@graph":[[[{"@type":"NewsArticle","datePublished":"2026-01-01"}]]]}</script><p>x</p>`), "text/html; charset=shift_jis")
	f.Add([]byte("<meta charset=utf-16><p>\xff\xfe</p>"), "")
	f.Fuzz(func(t *testing.T, raw []byte, contentType string) {
		p, err := HTML(raw, contentType, nil)
		if err != nil {
			if p.Text != "" {
				t.Fatalf("error %v with a text", err)
			}
			return
		}
		if !utf8.ValidString(p.Text) || strings.TrimSpace(p.Text) == "" {
			t.Fatalf("text %q is empty or not UTF-8", p.Text)
		}
		if strings.Contains(p.Text, "\n\n\n") || strings.TrimSpace(p.Text) != p.Text {
			t.Fatalf("text %q is not in trimmed paragraphs", p.Text)
		}
		// The text is a fixed point of paragraph cleaning: the offsets
		// a report gives into it are stable.
		again := strings.Join(paragraphs(p.Text), "\n\n")
		if !strings.Contains(p.Text, again) {
			t.Fatalf("paragraphs(text) is not inside text:\n%q\n%q", p.Text, again)
		}
	})
}
