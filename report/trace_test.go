package report_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/provenance"
	"github.com/wiretrace/wiretrace/report"
)

// A story of a wire's two takes, a paper's copy of the first and a
// digest's copy of the paper's that removed the wire's credit, written out
// by hand: a take has no score and is no copy of a copy; a credit removed
// says so.
func TestTraceTakes(t *testing.T) {
	at := func(h, m int) time.Time { return time.Date(2026, 2, 9, h, m, 0, 0, time.UTC) }
	lag := func(d time.Duration) *float64 { s := d.Seconds(); return &s }
	member := func(id, site, slug string, when time.Time, from wiretrace.TimeSource) provenance.StoryMember {
		m := provenance.StoryMember{Member: provenance.Member{Appearance: wiretrace.Appearance{ID: id, Site: site}, Slug: slug}}
		m.When, m.WhenFrom = when, from
		return m
	}
	first := member("keeper-1", "northgate.example", "COURTS Lighthouse", at(10, 2), wiretrace.FromFeed)
	second := member("keeper-2", "northgate.example", "COURTS Lighthouse", at(10, 40), wiretrace.FromFeed)
	second.Parent, second.Lag = "keeper-1", lag(38*time.Minute)
	second.Relation = provenance.Take
	second.Traced = true
	paper := member("herald-keeper", "coastalherald.example", "", time.Time{}, "")
	paper.Parent, paper.FromOrigin = "keeper-1", true
	paper.Against = provenance.Against{Relation: wiretrace.Copy, Score: 0.91, SuspectCoverage: 0.97, SourceCoverage: 0.95}
	digest := member("digest-keeper", "dailydigesthub.example", "", at(13, 5), wiretrace.FromCrawl)
	digest.Parent = "herald-keeper"
	digest.Against = provenance.Against{Relation: wiretrace.Copy, Score: 0.88, SuspectCoverage: 1, SourceCoverage: 0.9,
		Credit: &wiretrace.Credit{Source: []string{"Northgate News Agency"}, Rebranded: true, Fate: wiretrace.CreditRebranded,
			Replacements: []wiretrace.CreditReplacement{{Source: "Northgate News Agency", Count: 1}}}}
	tr := &provenance.Trace{ID: "keeper-2", Stored: true, Story: provenance.Story{
		Family: "keeper-1", Origin: "keeper-1", Confidence: 0.7, Sure: "high",
		Reasons: []string{"claims an earlier publication time: 1 of 2 linked members"},
		Members: []provenance.StoryMember{first, second, paper, digest},
	}}
	var b bytes.Buffer
	report.Trace(&b, tr)
	golden(t, "trace-takes", b.Bytes())
}
