// Package credit compares a derived copy with its source for credit and
// quotes: whether the copy kept each of the source's credits (the dateline
// agency, the byline, a photo credit, the credited names in the text), put
// another name in its place or removed it, which is rebranding, and which
// of the source's direct quotes it reworded or stripped of their speaker.
//
// It judges two anatomies and the comparison a caller made of their texts.
// It must not parse articles (package anatomy does), align texts or decide
// whether one derives from the other (package align does): it takes the
// derivation as given. When the caller does not hand over the word
// alignment (WithTokenMap), it pairs the words of each aligned passage
// itself, by their longest common subsequence of stems.
//
// It imports the root package, anatomy, agency and text.
package credit

import (
	"cmp"
	"slices"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/agency"
	"github.com/wiretrace/wiretrace/anatomy"
)

// Quote changes.
const (
	// QuoteReworded: the suspect changed a quote's words, not only its
	// punctuation.
	QuoteReworded = "reworded"
	// QuoteSpeakerDropped: the source attributes the quote, the suspect
	// does not, or only by the sayer of the sentence or quote before it,
	// who is someone else.
	QuoteSpeakerDropped = "speaker-dropped"
)

// TokenMap is a word alignment of a source with a suspect derived from
// it, the aligner's own: for each token of the source, the index of the
// suspect token aligned with it, or -1 when none is.
//
// Indices are those of source.Tokens() and suspect.Tokens(): the tokens of
// text.Tokenize of each text, which are what anatomy.ParseTokens must be
// given (align.Doc.Tokens are). A map holds one entry per source token. A
// source token is aligned with the suspect token that stands in its place
// inside an aligned passage: the same word, or the word a substitution put
// there ("missiles" with "rockets"); tokens outside every passage, and
// words the suspect dropped, are -1. Inside a passage pairs keep text
// order: when source tokens i < j of one passage are both aligned,
// m[i] < m[j] (passages themselves may be reordered); and no suspect token
// is aligned with two source tokens. Compare does not check these two
// rules: a pair crossing another only leaves the credit between them
// unjudged.
//
// Compare reads the map and never changes or keeps it. A map of another
// length than the source's tokens is not an alignment of these texts and
// is ignored, as if none were given; an entry outside the suspect's tokens
// (below -1, or len(suspect.Tokens()) and above) counts as -1.
type TokenMap []int

// Option changes how Compare works.
type Option func(*config)

type config struct {
	tokens TokenMap
}

// WithTokenMap gives Compare the word alignment of the two texts, so that
// it need not make one. Without it, Compare pairs the words of each passage
// of the comparison by the longest common subsequence of their light
// stems, which pairs only words of one stem.
func WithTokenMap(m TokenMap) Option {
	return func(c *config) { c.tokens = m }
}

// Compare says how suspect, derived from source as c describes, treats the
// source's credits and quotes. c's passages and relation are read; its
// Credit and Quotes are not.
//
// A credit of the source (dateline agency, byline, photo credit, and the
// mentions of the credited names in the text) is followed to the same place
// in the suspect: structurally for the dateline, byline and a photo by the
// same photographer, and through the word alignment for the rest, by the
// words either side of it. There it is kept, replaced by another name or
// removed. The suspect rebranded the source when it replaced a credit, or
// removed credits and credits the source nowhere in its own story credits.
// A copyright line is the page publisher's and is not followed: a
// syndicating site puts its own there legitimately.
//
// A quote of the source is matched to the suspect quote with the most words
// in common; it changed when its words differ or its speaker is gone.
func Compare(source, suspect *anatomy.Anatomy, c wiretrace.Comparison, opts ...Option) (*wiretrace.Credit, []wiretrace.QuoteChange) {
	var cfg config
	for _, o := range opts {
		o(&cfg)
	}
	cr := &wiretrace.Credit{
		Source:       source.CreditedNames(),
		Suspect:      suspect.CreditedNames(),
		Replacements: []wiretrace.CreditReplacement{},
	}
	f := follower{
		source: source, suspect: suspect, passages: c.Passages,
		given:  cfg.tokens,
		tokens: new([]int),
		whole:  c.Relation.Whole(),
	}
	type pair struct{ source, suspect string }
	counts := map[pair]int{}
	removed := 0
	for _, sc := range source.Credits {
		if sc.Role == anatomy.RoleCopyright {
			continue
		}
		out, name := f.follow(sc)
		switch {
		case out == replaced && photoDistributor(name):
			// A wire picture sold on by a photo library, or another
			// picture bought from one: not the story's credit, whether
			// its credit is under the picture or in the text ("footage
			// provided by ...").
		case out == replaced:
			counts[pair{sc.Name, name}]++
		case out == dropped && sc.Role == anatomy.RolePhoto:
			// A copy may drop or recaption a picture.
		case out == dropped && !credits(suspect, sc.Text):
			// Removed only when the copy credits the organisation
			// nowhere in its story: "WASHINGTON —" under "By JILL
			// COLVIN Associated Press" has kept AP's credit.
			counts[pair{sc.Name, ""}]++
			removed++
		}
	}
	if from, to, ok := f.bylineNames(); ok {
		counts[pair{from, to}]++
	}
	for p, n := range counts {
		cr.Replacements = append(cr.Replacements, wiretrace.CreditReplacement{Source: p.source, Suspect: p.suspect, Count: n})
		if p.suspect != "" {
			cr.Rebranded = true
		}
	}
	if removed > 0 && !creditsAny(suspect, source) {
		cr.Rebranded = true
	}
	cr.Story, cr.Kept = storyNames(source, suspect)
	switch {
	case cr.Rebranded:
		cr.Fate = wiretrace.CreditRebranded
	case len(cr.Kept) > 0:
		cr.Fate = wiretrace.CreditKept
	case len(cr.Story) > 0:
		cr.Fate = wiretrace.CreditNotKept
	}
	slices.SortFunc(cr.Replacements, func(x, y wiretrace.CreditReplacement) int {
		if c := cmp.Compare(y.Count, x.Count); c != 0 {
			return c
		}
		if c := cmp.Compare(x.Source, y.Source); c != 0 {
			return c
		}
		return cmp.Compare(x.Suspect, y.Suspect)
	})
	return cr, compareQuotes(source, suspect)
}

// storyRoles are the credits that say who wrote the text; photo credits say
// who took the picture, copyright lines who publishes the page.
var storyRoles = map[string]bool{
	anatomy.RoleHeadline: true, anatomy.RoleByline: true, anatomy.RoleDateline: true, anatomy.RoleText: true,
}

// storyNames returns the names of the organisations source's story
// credits (not photo or copyright) name, each once, and those of them
// that suspect's story credits name too.
func storyNames(source, suspect *anatomy.Anatomy) (story, kept []string) {
	story, kept = []string{}, []string{}
	seen := map[string]bool{}
	for _, c := range source.Credits {
		k := agency.Key(c.Text)
		if !storyRoles[c.Role] || seen[k] {
			continue
		}
		seen[k] = true
		story = append(story, c.Name)
		if credits(suspect, c.Text) {
			kept = append(kept, c.Name)
		}
	}
	return story, kept
}

// creditsAny reports whether a's story credits (not photo or copyright)
// name any organisation other credits.
func creditsAny(a, other *anatomy.Anatomy) bool {
	for _, c := range other.Credits {
		if credits(a, c.Text) {
			return true
		}
	}
	return false
}

// credits reports whether a's story credits name the organisation name
// does (agency.Same).
func credits(a *anatomy.Anatomy, name string) bool {
	for _, c := range a.Credits {
		if storyRoles[c.Role] && agency.Same(c.Text, name) {
			return true
		}
	}
	return false
}

// photoDistributor reports whether a photo credit names a photo library
// ("Getty Images", "Anton Sorel/TASS via Getty Images").
func photoDistributor(name string) bool {
	for _, n := range agency.Named(name) {
		if agency.IsPhotoLibrary(n) {
			return true
		}
	}
	return false
}
