package wiretrace

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"
	"unicode"
)

// Relation says how a suspect's text stands to a source's text.
type Relation string

// The relations, from strongest to weakest derivation.
const (
	// Copy: the suspect reproduces the source's wording, verbatim or with
	// light edits (trims, updates, reordering).
	Copy Relation = "copy"
	// Spun: the suspect follows the source passage by passage but reworded
	// at word or phrase level.
	Spun Relation = "spun"
	// Partial: some passages of the suspect, not most of it, derive from the
	// source.
	Partial Relation = "partial"
	// Related: independent writing about the same story.
	Related Relation = "related"
	// Unrelated: nothing in common worth reporting.
	Unrelated Relation = "unrelated"
)

// Derived reports whether r says the suspect's text comes from the source.
func (r Relation) Derived() bool { return r == Copy || r == Spun || r == Partial }

// PassageKind says whether an aligned passage kept the source's wording.
type PassageKind string

const (
	// Exact passages keep the source's words (case, punctuation and
	// quote styles aside).
	Exact PassageKind = "exact"
	// Reworded passages follow the source but replace some of its words.
	Reworded PassageKind = "reworded"
)

// Passage is a pair of aligned spans. Offsets are byte offsets into the texts
// as given (UTF-8), end exclusive.
type Passage struct {
	SourceStart  int         `json:"source_start"`
	SourceEnd    int         `json:"source_end"`
	SuspectStart int         `json:"suspect_start"`
	SuspectEnd   int         `json:"suspect_end"`
	Kind         PassageKind `json:"kind"`
	// Similarity is the share of the passage's words that the two sides
	// have in common, in [0,1].
	Similarity float64 `json:"similarity"`
	// Quoted is true when the passage lies inside quotation marks on both
	// sides: a shared quote is weak evidence of copying.
	Quoted bool `json:"quoted,omitempty"`
}

// Substitution is a word or phrase of the source that the suspect replaced,
// inside aligned passages, with how often the same replacement occurs.
type Substitution struct {
	Source  string `json:"source"`
	Suspect string `json:"suspect"`
	Count   int    `json:"count"`
}

// Comparison is the result of aligning a suspect against one source.
type Comparison struct {
	Relation Relation `json:"relation"`
	// Score is the engine's confidence that the suspect derives from the
	// source, in [0,1].
	Score float64 `json:"score"`
	// SuspectCoverage is the share of the suspect's words inside passages.
	SuspectCoverage float64 `json:"suspect_coverage"`
	// SourceCoverage is the share of the source's words inside passages.
	SourceCoverage float64        `json:"source_coverage"`
	Passages       []Passage      `json:"passages"`
	Substitutions  []Substitution `json:"substitutions"`
	// Credit and Quotes are set only when the suspect derives from the
	// source.
	Credit *Credit       `json:"credit,omitempty"`
	Quotes []QuoteChange `json:"quotes,omitempty"`
}

// Article is one stored news article.
type Article struct {
	// ID names the article in the store. Given at ingest or derived from
	// the text.
	ID    string `json:"id"`
	URL   string `json:"url,omitempty"`
	Site  string `json:"site,omitempty"`
	Title string `json:"title,omitempty"`
	// Published is the publication time, zero when unknown.
	Published time.Time `json:"published,omitzero"`
	// Byline holds the names of the article's authors, as the page or the
	// input gives them, one name each.
	Byline []string `json:"byline,omitempty"`
	// Language is the language the page declares ("en", "fr-CA").
	Language string `json:"language,omitempty"`
	// Canonical is the URL the page gives for itself.
	Canonical string `json:"canonical_url,omitempty"`
	Text      string `json:"text"`
}

// Match is a stored article found to be a source of a checked suspect.
type Match struct {
	ID    string `json:"id"`
	URL   string `json:"url,omitempty"`
	Site  string `json:"site,omitempty"`
	Title string `json:"title,omitempty"`
	// Published is the source's publication time, zero when unknown.
	Published time.Time `json:"published,omitzero"`
	Comparison
}

// Errors returned by Store implementations and the layers above them.
var (
	// ErrNotFound: no stored article has that ID.
	ErrNotFound = errors.New("article not found")
	// ErrIDConflict: the ID is already used by an article with another text.
	ErrIDConflict = errors.New("id already used by a different text")
	// ErrEmptyText: an article without any words cannot be stored.
	ErrEmptyText = errors.New("article has no text")
	// ErrFormatVersion: the store on disk was written by an incompatible
	// version of wiretrace.
	ErrFormatVersion = errors.New("unsupported store format version")
)

// Fingerprint is a 64-bit hash of a stretch of normalised text. Fingerprints
// must be computed with fixed seeds: they are stored and compared across
// processes and machines.
type Fingerprint uint64

// Candidate is a stored article that shares fingerprints with a query.
type Candidate struct {
	ID string
	// Shared counts the query's fingerprints found among the article's.
	Shared int
	// Fingerprints is how many fingerprints the article has in all.
	Fingerprints int
}

// AddResult says what Store.Add did.
type AddResult struct {
	ID string
	// Duplicate is true when the same text was already stored; ID then
	// names the stored article and nothing was written.
	Duplicate bool
}

// BylineUse is how many stored articles of one site name an author.
type BylineUse struct {
	Site     string `json:"site"`
	Articles int    `json:"articles"`
}

// BylineKey is the form in which stores compare author names: lower case,
// letters and digits only, words separated by one space ("Dana Whitlock",
// "DANA  WHITLOCK." and "dana whitlock" are one name).
func BylineKey(name string) string {
	var b strings.Builder
	space := false
	for _, r := range name {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// BylineKeys returns the distinct, non-empty BylineKeys of names, sorted.
func BylineKeys(names []string) []string {
	var keys []string
	for _, n := range names {
		if k := BylineKey(n); k != "" {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}

// Stats describes a store's content.
type Stats struct {
	Articles int64 `json:"articles"`
	// Bytes is the store's size on disk.
	Bytes int64 `json:"bytes"`
}

// Store keeps articles and the postings from fingerprints to articles.
// Implementations are safe for concurrent use.
type Store interface {
	// Add stores a and its fingerprints in one atomic write: after a crash
	// either all of it is readable or none. If a stored article has the
	// same text, Add writes nothing and returns Duplicate with that
	// article's ID. If a.ID is empty, Add fails; if a.ID names an article
	// with another text, Add returns ErrIDConflict. An empty text returns
	// ErrEmptyText.
	Add(ctx context.Context, a Article, fps []Fingerprint) (AddResult, error)
	// Get returns the stored article, or ErrNotFound.
	Get(ctx context.Context, id string) (Article, error)
	// Remove deletes the article and its postings, or returns ErrNotFound.
	Remove(ctx context.Context, id string) error
	// Candidates returns up to limit stored articles that share the most
	// fingerprints with fps, most shared first, ties broken by ID.
	// Fingerprints posted to more than maxPostings articles are skipped as
	// boilerplate; its cost grows with the postings read, not with the
	// number of stored articles.
	Candidates(ctx context.Context, fps []Fingerprint, limit, maxPostings int) ([]Candidate, error)
	// Bylines returns the sites under which stored articles name the
	// author name in their Byline, with how many articles each, up to
	// limit sites: most articles first, ties broken by site. Names match
	// when their BylineKeys are equal; a name whose key is empty matches
	// nothing. Articles without a site count under the site "". Its cost
	// grows with the number of articles naming the author, not with the
	// number stored.
	Bylines(ctx context.Context, name string, limit int) ([]BylineUse, error)
	// Stats describes the store.
	Stats(ctx context.Context) (Stats, error)
	// Sync makes every acknowledged write durable against power loss.
	Sync() error
	Close() error
}

// Credit compares who a source and a derived suspect say wrote the text:
// agencies in datelines, publications, bylines, photo credits.
type Credit struct {
	// Source and Suspect are the credited names of each text.
	Source  []string `json:"source"`
	Suspect []string `json:"suspect"`
	// Rebranded is true when the suspect replaced or removed the source's
	// credit.
	Rebranded    bool                `json:"rebranded"`
	Replacements []CreditReplacement `json:"replacements"`
}

// CreditReplacement is one credited name of the source that the suspect put
// another name (or nothing: Suspect empty) in place of.
type CreditReplacement struct {
	Source  string `json:"source"`
	Suspect string `json:"suspect"`
	Count   int    `json:"count"`
}

// QuoteChange is a direct quote of the source that the suspect altered.
type QuoteChange struct {
	SourceStart  int `json:"source_start"`
	SourceEnd    int `json:"source_end"`
	SuspectStart int `json:"suspect_start"`
	SuspectEnd   int `json:"suspect_end"`
	// Change is "reworded" or "speaker-dropped".
	Change string `json:"change"`
}
