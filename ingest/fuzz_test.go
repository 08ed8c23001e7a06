package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzJSONL(f *testing.F) {
	for _, seed := range []string{
		"",
		"\n\n",
		`{"id":"a","text":"Tugboats worked through the night."}`,
		"{\"text\":\"one\"}\n{\"text\":\"two\"}\r\n{\"text\":",
		`{"text":"x","published":"2024-02-30T10:00:00Z"}`,
		`{"text":"\u0000"}` + "\n" + `{"text":"caf` + "\xe9" + `"}`,
		"\ufeff{\"text\":\"\\ud800 lone surrogate\"}",
		`{"text":null}` + "\n" + `[]` + "\n" + `"text"` + "\n" + `{"text":"a"} {"text":"b"}`,
		`{"text":"` + strings.Repeat("long ", 20) + `"}`,
		// A CR LF split across two reads of 16 bytes.
		`{"text":"abcd"}` + "\r\n" + `{"text":"efgh"}`,
	} {
		f.Add([]byte(seed))
	}
	const limit = 64
	f.Fuzz(func(t *testing.T, data []byte) {
		lines := bytes.Count(data, []byte("\n")) + 1
		// The same input read with the smallest buffer, so that lines
		// span several reads, must give the same items.
		var first []string
		for i, bufSize := range []int{0, 16} {
			last := 0
			var got []string
			r := &reader{ctx: context.Background(), limit: limit, bufSize: bufSize, fn: func(it Item) error {
				num, ok := strings.CutPrefix(it.Input, "fuzz:")
				n, err := strconv.Atoi(num)
				if !ok || err != nil {
					t.Fatalf("Input %q does not name the line", it.Input)
				}
				if n <= last || n > lines {
					t.Fatalf("Input %q after line %d of %d", it.Input, last, lines)
				}
				last = n
				switch {
				case it.Err != nil && it.Article.Text != "":
					t.Fatalf("%s: both an error (%v) and a text", it.Input, it.Err)
				case it.Err == nil && strings.TrimSpace(it.Article.Text) == "":
					t.Fatalf("%s: neither an error nor a text", it.Input)
				case it.Err == nil && len(it.Article.Text) > limit:
					t.Fatalf("%s: text of %d bytes passed a cap of %d", it.Input, len(it.Article.Text), limit)
				}
				got = append(got, fmt.Sprintf("%s %v %+v", it.Input, it.Err, it.Article))
				return nil
			}}
			if err := r.jsonLines("fuzz", bytes.NewReader(data)); err != nil {
				t.Fatalf("jsonLines = %v", err)
			}
			if i == 0 {
				first = got
				continue
			}
			if strings.Join(got, "\n") != strings.Join(first, "\n") {
				t.Fatalf("items differ with a small buffer:\n%q\n%q", first, got)
			}
		}
	})
}

// FuzzStdin feeds any bytes to standard input, where the kind of input is
// recognised from the bytes: every reader (text, JSON Lines, HTML, WARC,
// feeds, gzip of each) can be reached. Each item must be an error or an
// article with text, and several workers must give what one gives.
func FuzzStdin(f *testing.F) {
	warcData, _ := crawl(f, true)
	plainWARC, _ := crawl(f, false)
	for _, seed := range [][]byte{
		[]byte("Plain words."),
		[]byte(`{"text":"a"}` + "\n" + `{"html":"<p>b</p>"}`),
		fixture(f, "amp.html"),
		gz(fixture(f, "paywall.html")),
		[]byte(rssFeed),
		[]byte(atomFeed),
		warcData[:min(len(warcData), 3000)],
		plainWARC[:min(len(plainWARC), 3000)],
		gz([]byte(`{"text":"zipped"}`)),
	} {
		f.Add(seed)
	}
	if types, err := os.ReadFile(filepath.Join("testdata", "warc-response-types", "crawl.warc")); err == nil {
		f.Add(types)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var runs []string
		for _, workers := range []int{1, 3} {
			var b strings.Builder
			err := ReadWith(context.Background(), []string{"-"}, bytes.NewReader(data), Options{Workers: workers}, func(it Item) error {
				switch {
				case it.Err != nil && it.Article.Text != "":
					t.Fatalf("%s: both an error (%v) and a text", it.Input, it.Err)
				case it.Err == nil && strings.TrimSpace(it.Article.Text) == "":
					t.Fatalf("%s: neither an error nor a text", it.Input)
				case it.Err == nil && !utf8.ValidString(it.Article.Text):
					t.Fatalf("%s: text not UTF-8", it.Input)
				case !strings.HasPrefix(it.Input, "-"):
					t.Fatalf("input %q does not name standard input", it.Input)
				}
				fmt.Fprintf(&b, "%s %v %+v\n", it.Input, it.Err, it.Article)
				return nil
			})
			if err != nil {
				t.Fatalf("ReadWith: %v", err)
			}
			runs = append(runs, b.String())
		}
		if runs[0] != runs[1] {
			t.Fatalf("three workers differ from one:\n%s\n%s", runs[0], runs[1])
		}
	})
}

func FuzzFeed(f *testing.F) {
	f.Add([]byte(rssFeed))
	f.Add([]byte(atomFeed))
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"1","content_html":"<p>x</p>","date_published":"2026-01-01T00:00:00Z"}]}`))
	f.Add([]byte("<rss><channel><item><description>&lt;p&gt;y</description></item></channel></rss>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		feed, err := parseFeed(data)
		if err != nil {
			if !errors.Is(err, ErrFeed) {
				t.Fatalf("error %v is not ErrFeed", err)
			}
			return
		}
		for i, fi := range feed.Items {
			if fi == nil {
				continue
			}
			it := feedItem(fmt.Sprint("feed#", i+1), fi, feed.Title, feed.Link)
			if it.Err == nil && (strings.TrimSpace(it.Article.Text) == "" || !utf8.ValidString(it.Article.Text)) {
				t.Fatalf("item %d: text %q", i, it.Article.Text)
			}
		}
	})
}
