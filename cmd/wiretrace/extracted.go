package main

import (
	"time"

	"github.com/wiretrace/wiretrace/ingest"
)

// extracted is an input whose text wiretrace extracted from HTML, as the
// JSON of compare and check shows it: the offsets of passages refer to
// Text.
type extracted struct {
	Input     string       `json:"input"`
	URL       string       `json:"url,omitempty"`
	Site      string       `json:"site,omitempty"`
	Title     string       `json:"title,omitempty"`
	Published time.Time    `json:"published,omitzero"`
	Meta      *ingest.Meta `json:"meta,omitempty"`
	Text      string       `json:"text"`
}

// extractedOf returns the input to show, or nil when its text is the
// user's own (plain text, a JSON Lines text field).
func extractedOf(it ingest.Item) *extracted {
	if it.Meta == nil {
		return nil
	}
	a := it.Article
	return &extracted{
		Input: it.Input, URL: a.URL, Site: a.Site, Title: a.Title,
		Published: a.Published, Meta: it.Meta, Text: a.Text,
	}
}
