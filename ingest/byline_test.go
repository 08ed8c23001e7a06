package ingest

import (
	"errors"
	"slices"
	"testing"
)

func TestJSONLMetadata(t *testing.T) {
	tests := []struct {
		line                string
		byline              []string
		language, canonical string
	}{
		{`{"text":"Some words.","byline":"By Dana Whitlock and Sam Okafor","language":"en","canonical_url":"https://m.example/a"}`,
			[]string{"Dana Whitlock", "Sam Okafor"}, "en", "https://m.example/a"},
		{`{"text":"Some words.","byline":["Dana Whitlock","Ana Ruiz, Sam Okafor"]}`,
			[]string{"Dana Whitlock", "Ana Ruiz", "Sam Okafor"}, "", ""},
		{`{"text":"Some words.","byline":null}`, nil, "", ""},
		{`{"html":"<html lang=\"fr\"><head><title>T</title><meta name=\"author\" content=\"Marie Curie\"></head><body><article><p>Des mots en assez grand nombre pour faire un article, puis encore quelques mots pour la route.</p></article></body></html>","byline":["Dana Whitlock"],"canonical_url":"https://m.example/b"}`,
			[]string{"Dana Whitlock"}, "fr", "https://m.example/b"},
	}
	for _, tc := range tests {
		it := (*reader)(nil).parseLine([]byte(tc.line))
		if it.Err != nil {
			t.Errorf("%s: %v", tc.line, it.Err)
			continue
		}
		a := it.Article
		if !slices.Equal(a.Byline, tc.byline) || a.Language != tc.language || a.Canonical != tc.canonical {
			t.Errorf("%s:\n got byline %q, language %q, canonical %q\nwant %q, %q, %q", tc.line, a.Byline, a.Language, a.Canonical, tc.byline, tc.language, tc.canonical)
		}
	}
	if it := (*reader)(nil).parseLine([]byte(`{"text":"Some words.","byline":42}`)); !errors.Is(it.Err, ErrInvalidJSON) {
		t.Errorf("numeric byline: %v, want ErrInvalidJSON", it.Err)
	}
}
