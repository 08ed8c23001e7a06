package wiretrace

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
)

// Errors returned by Store implementations and the layers above them.
var (
	// ErrNotFound: no stored article has that ID.
	ErrNotFound = errors.New("article not found")
	// ErrIDConflict: the ID is already used by an article with another text.
	ErrIDConflict = errors.New("id already used by a different text")
	// ErrEmptyText: an article without any words cannot be stored.
	ErrEmptyText = errors.New("article has no text")
	// ErrEmptyID: an article without an ID cannot be stored.
	ErrEmptyID = errors.New("article has no id")
	// ErrFormatVersion: the store was written by an incompatible version
	// of wiretrace.
	ErrFormatVersion = errors.New("unsupported store format version")
	// ErrScheme: the store's postings were made with another fingerprint
	// scheme than the one it is opened with; its articles must be added
	// again into a new store.
	ErrScheme = errors.New("store built with another fingerprint scheme")
	// ErrNoStore: the store to open does not exist, and the opener was
	// told not to create one.
	ErrNoStore = errors.New("no store there")
	// ErrLocked: another process holds the store.
	ErrLocked = errors.New("store in use by another process")
	// ErrDiskFull: the disk holding the store has too little room left to
	// write safely. Nothing of the write that got it was stored.
	ErrDiskFull = errors.New("disk full")
	// ErrReadOnly: the store was opened for reading only.
	ErrReadOnly = errors.New("store opened for reading only")
	// ErrClosed: the store was closed.
	ErrClosed = errors.New("store closed")
	// ErrCorrupt: the store holds data its backend did not write, or
	// lost data it did. The error names what was found where.
	ErrCorrupt = errors.New("store damaged")
)

// Fingerprint is a 64-bit hash of a stretch of normalised text. Fingerprints
// must be computed with fixed seeds: they are stored and compared across
// processes and machines.
type Fingerprint uint64

// Scheme is how an article's fingerprints are made from its text. A store
// records the Name of the scheme it was built with and refuses to be opened
// with another (ErrScheme), since postings made one way never match
// queries made another. A store may call Fingerprints to remake the
// postings of a stored text: after a crash, on Remove, or to verify.
type Scheme struct {
	// Name names the scheme and its version; it changes whenever the
	// fingerprints of some text change.
	Name string
	// Fingerprints returns the distinct fingerprints of text, sorted.
	Fingerprints func(text string) []Fingerprint
}

// Entry is an article to store with its fingerprints, which must be those
// the store's Scheme gives for its text.
type Entry struct {
	Article      Article
	Fingerprints []Fingerprint
}

// AddResult says what Store.Add did with one entry.
type AddResult struct {
	// ID is the entry's ID, or for a Duplicate the stored article's.
	ID string
	// Duplicate is true when the same text was already stored, under ID.
	Duplicate bool
	// Appeared is true for a Duplicate whose ID was new: the entry's ID,
	// URL, site and times were recorded as an appearance of the stored
	// article (see Article.Appearances), and Get finds the stored article
	// under the entry's ID too.
	Appeared bool
	// Err is why the entry was not stored: ErrIDConflict, ErrEmptyText or
	// ErrEmptyID, wrapped. The other entries of the call are not affected.
	Err error
}

// Unstorable returns why no store can keep a: a text of nothing but white
// space (ErrEmptyText, naming the article) or no ID (ErrEmptyID); nil
// when neither. Store implementations check each entry with it.
func Unstorable(a *Article) error {
	switch {
	case strings.IndexFunc(a.Text, func(r rune) bool { return !unicode.IsSpace(r) }) < 0:
		return fmt.Errorf("article %q: %w", a.ID, ErrEmptyText)
	case a.ID == "":
		return ErrEmptyID
	}
	return nil
}

// CandidateQuery asks for the stored articles that share the most
// fingerprints with a text.
type CandidateQuery struct {
	// Fingerprints are the text's; duplicates count once.
	Fingerprints []Fingerprint
	// Limit is how many candidates to return at most; <= 0 returns none.
	Limit int
	// MaxPostings skips fingerprints posted to more articles than this:
	// at that spread they are boilerplate, not evidence. <= 0 skips none.
	MaxPostings int
	// MinShared leaves out articles sharing fewer fingerprints: their
	// records are not worth reading.
	MinShared int
	// Before, when > 0, keeps only the articles stored before the one
	// whose Seq it is (Seq < Before). A fingerprint's spread, for
	// MaxPostings, still counts every article.
	Before uint64
	// NoAppearances says the caller does not use the candidates'
	// appearances: a backend may leave Article.Appearances empty and
	// spare reading them (a check reports none of them).
	NoAppearances bool
}

// Candidate is a stored article that shares fingerprints with a query,
// returned with its record so that it need not be read again.
type Candidate struct {
	Article Article
	// Seq is the article's place in the order of storing: an article
	// stored later has a larger Seq. Seqs are never reused. (Article.Seq
	// is the same.)
	Seq uint64
	// Shared counts the query's fingerprints found among the article's.
	Shared int
	// Fingerprints is how many fingerprints the article has in all.
	Fingerprints int
}

// Stats describes a store's content.
type Stats struct {
	Articles int64 `json:"articles"`
	// Bytes is the store's size on disk; TextBytes the part of it that
	// holds the articles' records (text and metadata), IndexBytes the rest
	// (postings, keys). Backends that cannot tell the parts apart leave
	// them zero.
	Bytes      int64 `json:"bytes"`
	TextBytes  int64 `json:"text_bytes,omitempty"`
	IndexBytes int64 `json:"index_bytes,omitempty"`
	// Scheme is the name of the fingerprint scheme the store was built
	// with; Format the backend's format version.
	Scheme string `json:"scheme"`
	Format int    `json:"format"`
	// The earliest and latest first-seen and published times of the
	// stored articles, zero when none has one.
	FirstSeenMin time.Time `json:"first_seen_min,omitzero"`
	FirstSeenMax time.Time `json:"first_seen_max,omitzero"`
	PublishedMin time.Time `json:"published_min,omitzero"`
	PublishedMax time.Time `json:"published_max,omitzero"`
}

// SiteStats is what a store knows of one site's articles.
type SiteStats struct {
	Site     string `json:"site"`
	Articles int64  `json:"articles"`
}

// Store keeps articles and the postings from fingerprints to articles.
// Implementations are safe for concurrent use. Every method returns
// ErrClosed, wrapped, once Close was called.
type Store interface {
	// Add stores the entries. Each entry is atomic: after a crash either
	// all of it is readable or none, and an entry whose AddResult came
	// back survives the process being killed. An entry whose text a
	// stored article (or an earlier entry of the call) already has is a
	// Duplicate: under an ID the store does not know yet, it is recorded
	// as an appearance of that article (Appeared); under the article's own
	// ID or one of its appearances', nothing is written. An entry whose ID
	// names an article with another text fails with ErrIDConflict; those
	// and entries with an empty text or ID fail alone, in their
	// AddResult. The returned error is for the call as a whole (the store
	// failed, the context ended): then no entry was stored.
	Add(ctx context.Context, entries []Entry) ([]AddResult, error)
	// Get returns the stored article with its appearances and Seq, found
	// by its ID or one of its appearances' IDs, or ErrNotFound.
	Get(ctx context.Context, id string) (Article, error)
	// Appearances returns what Get does of the article stored under id
	// (or one of its appearances' IDs): its Seq and its appearances, or
	// ErrNotFound. It reads neither the text nor the record, which
	// grouping the store's families would otherwise read of every linked
	// article.
	Appearances(ctx context.Context, id string) (uint64, []Appearance, error)
	// FindText returns the stored article whose text is text byte for
	// byte (the one an add of text would call it a duplicate of), with its
	// appearances and Seq, or ErrNotFound.
	FindText(ctx context.Context, text string) (Article, error)
	// Scan calls fn for every stored article with Seq at least from, in
	// Seq order, with its appearances, until fn returns an error, which
	// it returns. Articles added during a scan may or may not be seen.
	Scan(ctx context.Context, from uint64, fn func(Article) error) error
	// Remove deletes what id names, or returns ErrNotFound: an article,
	// with its postings and appearances, or one appearance of an article.
	Remove(ctx context.Context, id string) error
	// Candidates returns the stored articles sharing the most fingerprints
	// with the query, most shared first; among equals the one stored
	// first (lower Seq) comes first. Its cost grows with the postings
	// read, not with the number of stored articles.
	Candidates(ctx context.Context, q CandidateQuery) ([]Candidate, error)
	// Bylines returns the sites under which stored articles name the
	// author name in their Byline, with how many articles each, up to
	// limit sites: most articles first, ties broken by site. Names match
	// when their BylineKeys are equal; a name whose key is empty matches
	// nothing. Articles without a site count under the site "". Its cost
	// grows with the number of articles naming the author, not with the
	// number stored.
	Bylines(ctx context.Context, name string, limit int) ([]BylineUse, error)
	// Sites returns every site with its number of stored articles and
	// appearances, most first, ties broken by site; articles without a
	// site count under "".
	Sites(ctx context.Context) ([]SiteStats, error)
	// Stats describes the store.
	Stats(ctx context.Context) (Stats, error)
	// PutNotes writes notes in one atomic write: a note with a nil Value
	// is deleted. Notes are a key space apart from the articles, where
	// the engine keeps what it derives from them (story families); a
	// store keeps them as given and never reads them.
	PutNotes(ctx context.Context, notes []Note) error
	// GetNote returns the value of a note, or found false.
	GetNote(ctx context.Context, key string) (value []byte, found bool, err error)
	// ScanNotes calls fn for every note whose key starts with prefix, in
	// key order (bytewise), until fn returns an error, which it returns.
	ScanNotes(ctx context.Context, prefix string, fn func(key string, value []byte) error) error
	// Sync makes every acknowledged write durable against power loss.
	Sync() error
	// Close syncs and releases the store. Closing twice returns nil.
	Close() error
}

// Verification is what a store's check of itself found.
type Verification struct {
	Articles int64 `json:"articles"`
	// Postings counts the fingerprint postings read.
	Postings int64 `json:"postings"`
	// Problems each name what is wrong and where; none means the store
	// is consistent.
	Problems []string `json:"problems"`
}

// Verifier is a Store that can check its own consistency.
type Verifier interface {
	Verify(ctx context.Context) (Verification, error)
}

// Note is one entry of a store's notes (see Store.PutNotes).
type Note struct {
	Key   string
	Value []byte
}

// Compacter is a Store that can settle its storage after a bulk load, so
// that the work is done while the loader waits rather than during the
// reads that follow.
type Compacter interface {
	Compact(ctx context.Context) error
}
