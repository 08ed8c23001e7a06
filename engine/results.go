package engine

import (
	"time"

	"github.com/wiretrace/wiretrace"
)

// The results the command line prints as JSON and the HTTP API sends: one
// type each, so that both give the same objects.

// CheckResult is the answer to a check: the suspect's sources, best first.
type CheckResult struct {
	// Input names the suspect's input and ID its ID, when it has one:
	// they tell the results of a run over many suspects apart.
	Input string `json:"input,omitempty"`
	ID    string `json:"id,omitempty"`
	// Suspect is set when the suspect's text was extracted from a page:
	// the matches' suspect offsets are into its Text.
	Suspect *wiretrace.Extracted `json:"suspect,omitempty"`
	Matches []wiretrace.Match    `json:"matches"`
}

// CompareResult is the answer to a comparison of two articles.
type CompareResult struct {
	// Input names the suspect's input.
	Input string `json:"input,omitempty"`
	wiretrace.Comparison
	// Source and Suspect are set for a text extracted from a page.
	Source  *wiretrace.Extracted `json:"source,omitempty"`
	Suspect *wiretrace.Extracted `json:"suspect,omitempty"`
}

// Add statuses.
const (
	StatusAdded     = "added"
	StatusDuplicate = "duplicate"
	StatusSkipped   = "skipped"
	StatusError     = "error"
)

// AddOutcome is what adding one input did.
type AddOutcome struct {
	// Input names the input: a path, "path:line", "path@offset", a URL.
	Input string `json:"input"`
	// ID is the input's article's: given, or derived from its text.
	ID     string `json:"id,omitempty"`
	Status string `json:"status"`
	// DuplicateOf is, for a duplicate, the stored article that has the
	// text; Appeared says the input's ID, URL and site were recorded as
	// another appearance of it.
	DuplicateOf string `json:"duplicate_of,omitempty"`
	Appeared    bool   `json:"appeared,omitempty"`
	// Reason says why a skipped input is no article.
	Reason string `json:"reason,omitempty"`
	Error  string `json:"error,omitempty"`
	// Note says what reading the input noticed without failing (a text
	// that was not valid UTF-8, decoded as Windows-1252).
	Note string `json:"note,omitempty"`
	// The article read, when there is one.
	URL           string               `json:"url,omitempty"`
	Site          string               `json:"site,omitempty"`
	Title         string               `json:"title,omitempty"`
	Published     time.Time            `json:"published,omitzero"`
	PublishedFrom wiretrace.TimeSource `json:"published_from,omitempty"`
	FirstSeen     time.Time            `json:"first_seen,omitzero"`
	FirstSeenFrom wiretrace.TimeSource `json:"first_seen_from,omitempty"`
	Page          *wiretrace.PageMeta  `json:"page,omitempty"`
}
