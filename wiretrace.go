package wiretrace

import "time"

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

// Whole reports whether r says the suspect derives from the source as a
// whole: copied or spun, not partly.
func (r Relation) Whole() bool { return r == Copy || r == Spun }

// Rewording says how a spun suspect reworded its source.
type Rewording string

const (
	// Synonyms: words swapped for others, most of the source's kept in
	// place, as a spinner leaves them.
	Synonyms Rewording = "synonyms"
	// Rewritten: the source followed or retold in words mostly the
	// suspect's own (a paraphrase, a heavy revision, a rewrite by hand or
	// by a language model): fewer of its words are the source's, in place
	// or in runs anywhere, than a spinner leaves (Evidence.Kept).
	Rewritten Rewording = "rewritten"
)

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

// Condensation is a stretch of the suspect that condenses a longer stretch
// of the source: passages close together in the suspect, with the
// sentences around them that retell source sentences in other words, whose
// sources lie spread across a stretch of the source at least half again as
// long (a brief written from a long story, a summary, or paragraphs taken
// from across a story and set side by side). The stretches run from the
// first to the last of these on each side, the source's over the whole
// source when they draw on much of it (Whole); the words between them are
// not matched word for word. A comparison has condensations only when one of
// its passages is evidence of copying.
type Condensation struct {
	SourceStart  int `json:"source_start"`
	SourceEnd    int `json:"source_end"`
	SuspectStart int `json:"suspect_start"`
	SuspectEnd   int `json:"suspect_end"`
	// SourceWords and SuspectWords count the words of the two stretches.
	SourceWords  int `json:"source_words"`
	SuspectWords int `json:"suspect_words"`
	// Passages are the indexes, in Comparison.Passages, of the passages
	// it joins, in the suspect's order.
	Passages []int `json:"passages"`
	// Retold counts the suspect sentences in it that no passage holds
	// but that retell a source sentence in other words.
	Retold int `json:"retold,omitempty"`
	// Whole is set when the suspect condenses the source as a whole: it
	// retells source sentences besides its passages, and its members draw
	// on a large part of the source (35% of its words by default); the
	// source stretch is then all of it.
	Whole bool `json:"whole,omitempty"`
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
	// Rewording, for a spun relation, says how the suspect reworded the
	// source: synonyms or rewritten.
	Rewording Rewording `json:"rewording,omitempty"`
	// Score is the engine's confidence that the suspect derives from the
	// source, in [0,1].
	Score float64 `json:"score"`
	// SuspectCoverage is the share of the suspect's words inside passages.
	SuspectCoverage float64 `json:"suspect_coverage"`
	// SourceCoverage is the share of the source's words inside passages.
	SourceCoverage float64 `json:"source_coverage"`
	// Containment is the share of the suspect's words that the source
	// holds in runs of three words or more, wherever they lie and in any
	// order: unlike the coverages, it does not depend on how the passages
	// chained. A copy of the same text in another paragraph order is
	// contained whole.
	Containment float64   `json:"containment"`
	Passages    []Passage `json:"passages"`
	// SetAside counts the passages that are no evidence of copying for
	// what they say, though long enough to be: their names and figures
	// put in the other's places as often as kept, or the two texts about
	// other subjects (one formula written twice, for another company or
	// another month).
	SetAside int `json:"set_aside,omitempty"`
	// OtherSubjects, when passages were set aside because the two texts
	// are about other subjects, names what each is about, the source's
	// first: the names each repeats most, or the name it opens with
	// ("Chemical Bank" against "Marine Midland Banks").
	OtherSubjects []string `json:"other_subjects,omitempty"`
	// Condensations are the stretches of the source that the suspect
	// condenses: several passages close together in the suspect drawn
	// from across a stretch of the source that is much longer.
	Condensations []Condensation `json:"condensations,omitempty"`
	// Phrases, when the relation rests on them, are the phrases of the
	// source the suspect keeps: a story retold in its own order keeps them
	// where its sentences no longer follow the source's, and its passages
	// say less than they do.
	Phrases       *Phrases       `json:"phrases,omitempty"`
	Substitutions []Substitution `json:"substitutions"`
	// Credit and Quotes are set only when the suspect derives from the
	// source.
	Credit *Credit       `json:"credit,omitempty"`
	Quotes []QuoteChange `json:"quotes,omitempty"`
	// Evidence is what the relation was decided on. It is not part of
	// the JSON shapes: an evaluation reads it to refit the thresholds of
	// the decision on one part of a corpus and report on another.
	Evidence Evidence `json:"-"`
	// Original says how the suspect names the source, one it derives
	// from, as the original of what it runs: OriginalCanonical, its page
	// gives the source's URL as its canonical URL (as syndication partners
	// are asked to); OriginalNote, a republication note in its text names
	// the source's site ("This article was originally published on
	// Harwick Ledger"). Empty when it does not, or when what the two
	// articles' pages say is not known. Check ranks such a source first.
	Original string `json:"named_original,omitempty"`
}

// Phrases are the runs of three words or more of the source that a
// suspect holds, wherever they lie in either text.
type Phrases struct {
	// Share is the share of the suspect's own words (Evidence.Contained)
	// in runs the source holds, inside passages or not.
	Share float64 `json:"share"`
	// Spans are the phrases, as byte offsets into the suspect, in its
	// order; runs that follow each other in the suspect are one span.
	Spans []Span `json:"spans"`
}

// Span is a range of bytes of a text, end exclusive.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Evidence is the measure of carried-over wording the relation is decided
// on, quotes and (by default) names and numbers set aside.
type Evidence struct {
	// Coverage is the share of the suspect's unquoted words inside
	// passages that count as evidence.
	Coverage float64 `json:"coverage"`
	// Exactness is the share of kept words among the words of those
	// passages outside quotes, names and numbers: kept, substituted, or
	// written in between the kept ones. 1 for a verbatim copy.
	Exactness float64 `json:"exactness"`
	// Words is how many of the suspect's unquoted words are evidence.
	Words int `json:"words"`
	// Subject is the cosine of the two texts' content words: shared
	// subject, not copying.
	Subject float64 `json:"subject"`
	// Contained is the share of the suspect's own words (quotes, names,
	// numbers and the characters of scripts written without spaces
	// aside) that the source holds in runs of three words or more,
	// wherever they lie; 0 when those are no evidence (too few, no
	// passage free of contradicting facts, the source wholly inside the
	// suspect, or the suspect's names not the source's).
	Contained float64 `json:"contained"`
	// Kept is the share of the suspect's words kept from the source: the
	// comparison's Score (its unquoted words the evidence passages keep,
	// each weighted by its passage's similarity), or its Containment (its
	// words in runs of three the source holds anywhere) when that is
	// larger.
	Kept float64 `json:"kept"`
}

// Match is a stored article found to be a source of a checked suspect.
type Match struct {
	ID    string `json:"id"`
	URL   string `json:"url,omitempty"`
	Site  string `json:"site,omitempty"`
	Title string `json:"title,omitempty"`
	// Published and FirstSeen are the source's, with where each came from
	// (see Article).
	Published     time.Time  `json:"published,omitzero"`
	PublishedFrom TimeSource `json:"published_from,omitempty"`
	FirstSeen     time.Time  `json:"first_seen,omitzero"`
	FirstSeenFrom TimeSource `json:"first_seen_from,omitempty"`
	// Later is set when the source was published more than a day after
	// the suspect, whose date the check was given: it cannot be the
	// suspect's source (it may be a copy of it), and check ranks it after
	// those that can be.
	Later bool `json:"published_after_suspect,omitempty"`
	Comparison
}

// How a suspect names a source as its original (Comparison.Original).
const (
	OriginalCanonical = "canonical_url"
	OriginalNote      = "republication_note"
)

// MatchOf returns the match of a stored source a with comparison c.
func MatchOf(a Article, c Comparison) Match {
	return Match{
		ID: a.ID, URL: a.URL, Site: a.Site, Title: a.Title,
		Published: a.Published, PublishedFrom: a.PublishedFrom,
		FirstSeen: a.FirstSeen, FirstSeenFrom: a.FirstSeenFrom,
		Comparison: c,
	}
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
	// Story names the organisations the source's story credits (dateline,
	// byline, headline, text; not photo credits or copyright lines) name;
	// Kept those of them that the suspect's story credits name too, as
	// the same organisation however written ("AP" and "The Associated
	// Press").
	Story []string `json:"story"`
	Kept  []string `json:"kept"`
	// Fate says in a word what the suspect did with the source's credits:
	// CreditKept, CreditNotKept, CreditRebranded, or empty when the
	// source's story credits no one (a photo credit or a copyright line
	// aside).
	Fate string `json:"fate,omitempty"`
}

// The fates of a source's credits in a suspect derived from it.
const (
	// CreditKept: the suspect credits an organisation the source credits.
	CreditKept = "kept"
	// CreditNotKept: the suspect credits none of them, and none was found
	// replaced or removed where it copies: a credit outside the passages
	// it takes, or one whose place could not be told.
	CreditNotKept = "not-kept"
	// CreditRebranded: see Credit.Rebranded.
	CreditRebranded = "rebranded"
)

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
