package provenance

import (
	"testing"

	"github.com/wiretrace/wiretrace"
)

// A site's profile counts how its taken articles derive from their
// parents, and of the spun ones those rewritten in words mostly their own.
func TestSiteRelationCounts(t *testing.T) {
	member := func(id, site, parent string, r wiretrace.Relation, rw wiretrace.Rewording) StoryMember {
		m := StoryMember{Member: Member{Appearance: wiretrace.Appearance{ID: id, Site: site}}, Parent: parent}
		m.Relation, m.Rewording = r, rw
		return m
	}
	p := NewProfiles([]wiretrace.SiteStats{{Site: "wire.example", Articles: 1}, {Site: "farm.example", Articles: 4}})
	p.Add(Story{Family: "a", Origin: "a", Members: []StoryMember{
		member("a", "wire.example", "", "", ""),
		member("b", "farm.example", "a", wiretrace.Spun, wiretrace.Rewritten),
		member("c", "farm.example", "a", wiretrace.Spun, wiretrace.Synonyms),
		member("d", "farm.example", "a", wiretrace.Spun, wiretrace.Rewritten),
		member("e", "farm.example", "a", wiretrace.Copy, ""),
	}})
	for _, sp := range p.Profiles() {
		if sp.Site != "farm.example" {
			continue
		}
		if sp.Rewritten != 2 || sp.RelationCounts() != "1 copy, 3 spun (2 rewritten)" {
			t.Errorf("farm.example: rewritten %d, %q; want 2, \"1 copy, 3 spun (2 rewritten)\"", sp.Rewritten, sp.RelationCounts())
		}
		return
	}
	t.Fatal("no profile of farm.example")
}
