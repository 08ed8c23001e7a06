package provenance

import (
	"time"

	"github.com/wiretrace/wiretrace"
)

// Trace is an article's story family put in order: where the story
// started, who took it from whom and when.
type Trace struct {
	// Input names the traced article's input, ID its ID.
	Input string `json:"input,omitempty"`
	ID    string `json:"id,omitempty"`
	// Origin is the ID of the member the others derive from, with how
	// sure and why.
	Origin     string   `json:"origin,omitempty"`
	Confidence float64  `json:"confidence"`
	Sure       string   `json:"sure"`
	Reasons    []string `json:"reasons"`
	// Members are the family's members in the order they appeared; the
	// origin is among them.
	Members []TraceMember `json:"members"`
	// Borrowings are partial links between a member and an article of
	// another story: reuse that ties two stories without making them one.
	Borrowings []Borrowing `json:"borrowings"`
	// Truncated says the trace stopped at its bound of members.
	Truncated bool `json:"truncated,omitempty"`
	// Stored is false when the traced article is not in the store.
	Stored bool `json:"stored"`
}

// TraceMember is one member of a traced family.
type TraceMember struct {
	Member
	// When is the time that places the member on the timeline, and
	// WhenFrom where it came from.
	When     time.Time            `json:"when,omitzero"`
	WhenFrom wiretrace.TimeSource `json:"when_from,omitempty"`
	// Traced marks the article the trace was asked about.
	Traced bool `json:"traced,omitempty"`
	// Parent is the ID of the member this one most likely took its text
	// from; empty for the origin. FromOrigin says the parent is the origin
	// (taken from the source, as syndication is), not another copy.
	Parent     string `json:"parent,omitempty"`
	FromOrigin bool   `json:"from_origin,omitempty"`
	// Relation, Score, coverage, credits and quotes are those of the
	// member against its parent.
	Relation        wiretrace.Relation      `json:"relation,omitempty"`
	Score           float64                 `json:"score,omitempty"`
	SuspectCoverage float64                 `json:"suspect_coverage,omitempty"`
	SourceCoverage  float64                 `json:"source_coverage,omitempty"`
	Credit          *wiretrace.Credit       `json:"credit,omitempty"`
	Quotes          []wiretrace.QuoteChange `json:"quotes,omitempty"`
	// Lag is how long after its parent the member appeared, in seconds,
	// when both times are known.
	Lag      *float64 `json:"lag_seconds,omitempty"`
	Evidence []string `json:"evidence,omitempty"`
}

// Borrowing is a partial link between a family member and an article of
// another story.
type Borrowing struct {
	Member   string             `json:"member"`
	Other    string             `json:"other"`
	Site     string             `json:"site,omitempty"`
	Relation wiretrace.Relation `json:"relation"`
	Score    float64            `json:"score"`
	// Borrower is the one of the two judged to have taken from the other.
	Borrower string `json:"borrower"`
}
