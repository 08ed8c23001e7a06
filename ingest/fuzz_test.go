package ingest

import (
	"bytes"
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
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
