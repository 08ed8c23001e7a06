package provenance

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/wiretrace/wiretrace"
)

// Story is a family told for people and programs: the origin and why, and
// each member with its parent and what it did with the parent's text. A
// trace returns one; the grouping of a store keeps one per family.
type Story struct {
	// Family names the family: the ID of its member stored first.
	Family string `json:"family,omitempty"`
	// Origin is the ID of the member the others derive from, with how
	// sure and why.
	Origin     string   `json:"origin,omitempty"`
	Confidence float64  `json:"confidence"`
	Sure       string   `json:"sure"`
	Reasons    []string `json:"reasons"`
	// Members are the family's members in the order they appeared; the
	// origin is among them.
	Members []StoryMember `json:"members"`
}

// Trace is the story of one article's family.
type Trace struct {
	// Input names the traced article's input, ID its ID.
	Input string `json:"input,omitempty"`
	ID    string `json:"id,omitempty"`
	// Stored is false when the traced article is not in the store.
	Stored bool `json:"stored"`
	// Truncated says the trace stopped at its bound of members: the
	// story is of the members nearest the article. FamilySize is then the
	// size of its whole family when known (the store's families were up
	// to date), 0 when not.
	Truncated  bool `json:"truncated,omitempty"`
	FamilySize int  `json:"family_size,omitempty"`
	Story
}

// StoryMember is one member of a story.
type StoryMember struct {
	Member
	// When is the time that places the member on the timeline, and
	// WhenFrom where it came from.
	When     time.Time            `json:"when,omitzero"`
	WhenFrom wiretrace.TimeSource `json:"when_from,omitempty"`
	// Traced marks the article a trace was asked about.
	Traced bool `json:"traced,omitempty"`
	// Parent is the ID of the member this one most likely took its text
	// from; empty for the origin. FromOrigin says the parent is the origin
	// (taken from the source, as syndication is), not another copy.
	Parent     string `json:"parent,omitempty"`
	FromOrigin bool   `json:"from_origin,omitempty"`
	Against
	// Lag is how long after its parent the member appeared, in seconds,
	// when both times are known.
	Lag *float64 `json:"lag_seconds,omitempty"`
	// Evidence says why the parent is taken to have come first, and,
	// marked "against: ", what speaks for the member having come first.
	Evidence []string `json:"evidence,omitempty"`
}

// Against is how a member derives from its parent: the comparison of the
// member (the suspect) with its parent (the source).
type Against struct {
	Relation        wiretrace.Relation      `json:"relation,omitempty"`
	Rewording       wiretrace.Rewording     `json:"rewording,omitempty"`
	Score           float64                 `json:"score,omitempty"`
	SuspectCoverage float64                 `json:"suspect_coverage,omitempty"`
	SourceCoverage  float64                 `json:"source_coverage,omitempty"`
	Credit          *wiretrace.Credit       `json:"credit,omitempty"`
	Quotes          []wiretrace.QuoteChange `json:"quotes,omitempty"`
}

// AgainstOf returns the parts of a comparison a story keeps.
func AgainstOf(c wiretrace.Comparison) Against {
	return Against{
		Relation: c.Relation, Rewording: c.Rewording, Score: c.Score,
		SuspectCoverage: c.SuspectCoverage, SourceCoverage: c.SourceCoverage,
		Credit: c.Credit, Quotes: c.Quotes,
	}
}

// Story tells the family. against returns how child derives from parent
// (indexes of f.Members), via being their link; when it returns false the
// link's own figures are told.
func (f Family) Story(against func(parent, child int, via Link) (Against, bool)) Story {
	s := f.storyHead()
	for _, k := range f.Timeline {
		s.Members = append(s.Members, f.storyMember(k, against))
	}
	return s
}

// EncodeStory writes the story as JSON to w, the bytes json.Marshal gives
// of f.Story(against), telling one member at a time: a family of hundreds
// of thousands of members is never told whole in memory.
func (f Family) EncodeStory(w io.Writer, against func(parent, child int, via Link) (Against, bool)) error {
	head := f.storyHead()
	if len(f.Timeline) == 0 {
		b, err := json.Marshal(head)
		if err != nil {
			return err
		}
		_, err = w.Write(b)
		return err
	}
	head.Members = []StoryMember{}
	b, err := json.Marshal(head)
	if err != nil {
		return err
	}
	// The members go inside the empty list the head ends with.
	if !bytes.HasSuffix(b, []byte(`[]}`)) {
		return fmt.Errorf("story of %s: the members are not its last field", head.Family)
	}
	b = b[:len(b)-2]
	for i, k := range f.Timeline {
		if i > 0 {
			b = append(b, ',')
		}
		m, err := json.Marshal(f.storyMember(k, against))
		if err != nil {
			return err
		}
		if b = append(b, m...); len(b) >= 32<<10 {
			if _, err := w.Write(b); err != nil {
				return err
			}
			b = b[:0]
		}
	}
	_, err = w.Write(append(b, "]}"...))
	return err
}

// storyHead is the story without its members.
func (f Family) storyHead() Story {
	s := Story{Confidence: f.Confidence, Sure: f.Sure, Reasons: f.Reasons}
	first := -1
	for i, m := range f.Members {
		if m.Of == "" && !m.Unstored && (first < 0 || compareSeq(m, f.Members[first]) < 0) {
			first = i
		}
	}
	if first >= 0 {
		s.Family = f.Members[first].ID
	}
	if f.Origin >= 0 {
		s.Origin = f.Members[f.Origin].ID
	}
	return s
}

// storyMember tells member k: its time, its parent and the evidence.
func (f Family) storyMember(k int, against func(parent, child int, via Link) (Against, bool)) StoryMember {
	m := StoryMember{Member: f.Members[k]}
	m.When, m.WhenFrom = When(f.Members[k])
	p := f.Parent[k]
	if p < 0 {
		return m
	}
	m.Parent = f.Members[p].ID
	m.FromOrigin = f.Syndicated(k)
	if d, ok := f.Lag(k); ok {
		sec := d.Seconds()
		m.Lag = &sec
	}
	l := f.Links[f.Via[k]]
	if l.A != p {
		l = l.Flip()
	}
	for _, r := range Order(f.Members[p], f.Members[k], l).Reasons {
		text := r.Text
		if r.Weight < 0 {
			// What speaks for the member having come first says
			// so: the parent was chosen against it.
			text = "against: " + text
		}
		m.Evidence = append(m.Evidence, text)
	}
	if a, ok := against(p, k, l); ok {
		m.Against = a
	} else {
		m.Against = Against{Relation: l.Relation, Rewording: l.Rewording, Score: l.Score, SuspectCoverage: l.CoverB, SourceCoverage: l.CoverA}
	}
	return m
}
