package ingest

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/wiretrace/wiretrace"
)

func TestLine(t *testing.T) {
	for _, tc := range []struct {
		name string
		obj  string
		site string
		want wiretrace.Article
		err  error
		meta bool
	}{
		{
			name: "text over several lines",
			obj:  "{\n  \"id\": \"a1\",\n  \"url\": \"https://news.example.co.uk/x\",\n  \"text\": \"Water rose overnight.\"\n}",
			want: wiretrace.Article{ID: "a1", URL: "https://news.example.co.uk/x", Site: "example.co.uk", Text: "Water rose overnight."},
		},
		{
			name: "site given by the caller when the object names none",
			obj:  `{"text": "Water rose overnight."}`,
			site: "desk",
			want: wiretrace.Article{Site: "desk", Text: "Water rose overnight."},
		},
		{
			name: "html is extracted",
			obj:  `{"html": "<html><head><title>Flood</title></head><body><article><h1>Flood</h1><p>Water rose overnight in the town, and the river kept rising through the night.</p></article></body></html>"}`,
			want: wiretrace.Article{Title: "Flood"},
			meta: true,
		},
		{name: "no text", obj: `{"id": "a1"}`, err: ErrNoText},
		{name: "not an object", obj: `["text"]`, err: ErrInvalidJSON},
		{name: "bad time", obj: `{"text": "Water.", "published": "yesterday"}`, err: ErrPublished},
		{name: "too large", obj: `{"text": "` + strings.Repeat("a ", MaxArticleBytes/2) + `"}`, err: ErrTooLarge},
	} {
		t.Run(tc.name, func(t *testing.T) {
			it := Line("request", []byte(tc.obj), Options{Site: tc.site})
			if it.Input != "request" {
				t.Errorf("Input = %q", it.Input)
			}
			if tc.err != nil {
				if !errors.Is(it.Err, tc.err) {
					t.Fatalf("Err = %v, want %v", it.Err, tc.err)
				}
				return
			}
			if it.Err != nil {
				t.Fatal(it.Err)
			}
			if tc.meta {
				if it.Meta == nil || it.Extracted() == nil || it.Article.Title != tc.want.Title || !strings.Contains(it.Article.Text, "Water rose overnight") {
					t.Fatalf("html item = %+v", it)
				}
				return
			}
			if it.Article.ID != tc.want.ID || it.Article.URL != tc.want.URL || it.Article.Site != tc.want.Site || it.Article.Text != tc.want.Text {
				t.Fatalf("Article = %+v, want %+v", it.Article, tc.want)
			}
		})
	}
}

func TestReadStream(t *testing.T) {
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte("{\"text\": \"one\"}\n{\"text\": \"two\"}\n"))
	zw.Close()
	for _, tc := range []struct {
		name, input, format, body string
		want                      []string // each item's Input, then "!" when it failed
	}{
		{name: "jsonl forced", input: "body", format: FormatJSONL, body: "{\"text\": \"one\"}\n\nnot json\n{\"text\": \"three\"}", want: []string{"body:1", "body:3!", "body:4"}},
		{name: "jsonl gzipped", input: "body", format: FormatJSONL, body: gz.String(), want: []string{"body:1", "body:2"}},
		{name: "text forced keeps braces", input: "paste", format: FormatText, body: "{\"text\": \"one\"}", want: []string{"paste"}},
		{name: "html by name", input: "page.html", body: "<p>Water rose overnight in the town of Riverton on Tuesday.</p>", want: []string{"page.html"}},
		{name: "sniffed html", input: "dropped", body: "<!doctype html><p>Water rose overnight in the town of Riverton on Tuesday.</p>", want: []string{"dropped"}},
		{name: "sniffed text", input: "dropped", body: "Water rose overnight.", want: []string{"dropped"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			var formats []string
			err := ReadStream(context.Background(), tc.input, tc.format, strings.NewReader(tc.body), Options{}, func(it Item) error {
				s := it.Input
				if it.Err != nil {
					s += "!"
				}
				got = append(got, s)
				formats = append(formats, it.Format)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(got, " ") != strings.Join(tc.want, " ") {
				t.Fatalf("items %q, want %q (formats %q)", got, tc.want, formats)
			}
		})
	}
	if err := ReadStream(context.Background(), "x", "warc", strings.NewReader(""), Options{}, func(Item) error { return nil }); err == nil {
		t.Error("an unknown format was accepted")
	}
}
