package ingest

import (
	"errors"
	"slices"
	"testing"
)

func TestJSONLMetadata(t *testing.T) {
	tests := []struct {
		line                      string
		byline                    []string
		language, canonical, slug string
	}{
		{`{"text":"Some words.","byline":"By Dana Whitlock and Sam Okafor","language":"en","canonical_url":"https://m.example/a"}`,
			[]string{"Dana Whitlock", "Sam Okafor"}, "en", "https://m.example/a", ""},
		{`{"text":"Some words.","byline":["Dana Whitlock","Ana Ruiz, Sam Okafor"]}`,
			[]string{"Dana Whitlock", "Ana Ruiz", "Sam Okafor"}, "", "", ""},
		{`{"text":"Some words.","byline":null}`, nil, "", "", ""},
		{`{"text":"Some words.","slug":"COURTS Axe"}`, nil, "", "", "COURTS Axe"},
		{`{"html":"<html lang=\"fr\"><head><title>T</title><meta name=\"author\" content=\"Marie Curie\"></head><body><article><p>Des mots en assez grand nombre pour faire un article, puis encore quelques mots pour la route.</p></article></body></html>","byline":["Dana Whitlock"],"canonical_url":"https://m.example/b","slug":"BC-FR-Mots"}`,
			[]string{"Dana Whitlock"}, "fr", "https://m.example/b", "BC-FR-Mots"},
	}
	for _, tc := range tests {
		it := (*reader)(nil).parseLine([]byte(tc.line))
		if it.Err != nil {
			t.Errorf("%s: %v", tc.line, it.Err)
			continue
		}
		a := it.Article
		if !slices.Equal(a.Byline, tc.byline) || a.Language != tc.language || a.Canonical != tc.canonical || a.Slug != tc.slug {
			t.Errorf("%s:\n got byline %q, language %q, canonical %q, slug %q\nwant %q, %q, %q, %q", tc.line, a.Byline, a.Language, a.Canonical, a.Slug, tc.byline, tc.language, tc.canonical, tc.slug)
		}
	}
	if it := (*reader)(nil).parseLine([]byte(`{"text":"Some words.","byline":42}`)); !errors.Is(it.Err, ErrInvalidJSON) {
		t.Errorf("numeric byline: %v, want ErrInvalidJSON", it.Err)
	}
}
