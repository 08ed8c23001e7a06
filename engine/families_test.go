package engine_test

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/engine"
	"github.com/wiretrace/wiretrace/provenance"
)

func TestFamiliesIncremental(t *testing.T) {
	ctx := context.Background()
	as := storyArticles(t)
	late := wiretrace.Article{ID: "strike-late", Site: "worldbriefing.example", Text: "World Briefing Network\n\n" + read(t, "strike/original"),
		Published: time.Date(2026, 3, 6, 0, 0, 0, 0, time.UTC), PublishedFrom: wiretrace.FromPage}

	eng := open(t)
	addAll(t, eng, as)
	res, err := eng.UpdateFamilies(ctx, engine.FamiliesOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Linked != int64(len(as)) || res.Families != 2 {
		t.Fatalf("first run %+v, want %d linked, 2 families", res, len(as))
	}
	got := stories(t, eng)
	for _, fam := range []string{"flood", "strike"} {
		s, ok := got[fam+"-original"]
		if !ok {
			t.Fatalf("no family with origin %s-original: %v", fam, got)
		}
		want := []string{fam + "-light-edit", fam + "-original", fam + "-partial", fam + "-spun", fam + "-verbatim"}
		if ids := memberIDs(s.Members); !slices.Equal(ids, want) {
			t.Errorf("%s family %v, want %v", fam, ids, want)
		}
	}

	// With the families up to date, a trace reads the stored story; it
	// tells the same as a trace gathered by aligning.
	stored, err := eng.Trace(ctx, wiretrace.Article{ID: "strike-spun"}, engine.TraceOptions{})
	if err != nil {
		t.Fatal(err)
	}
	live, err := eng.Trace(ctx, wiretrace.Article{ID: "strike-spun"}, engine.TraceOptions{Live: true})
	if err != nil {
		t.Fatal(err)
	}
	if stored.Origin != live.Origin || !slices.Equal(memberIDs(stored.Members), memberIDs(live.Members)) {
		t.Errorf("stored story %s %v, gathered %s %v", stored.Origin, memberIDs(stored.Members), live.Origin, memberIDs(live.Members))
	}
	if !slices.ContainsFunc(stored.Members, func(m provenance.StoryMember) bool { return m.Traced && m.ID == "strike-spun" }) {
		t.Errorf("stored story does not mark the traced article")
	}

	// Nothing new: nothing linked, nothing rewritten.
	res, err = eng.UpdateFamilies(ctx, engine.FamiliesOptions{})
	if err != nil || res.Linked != 0 || res.Changed != 0 {
		t.Errorf("second run %+v %v, want nothing done", res, err)
	}

	// One more copy: a trace gathers it at once; families link only it,
	// and its family grows.
	addAll(t, eng, []wiretrace.Article{late})
	if tr, err := eng.Trace(ctx, wiretrace.Article{ID: "strike-spun"}, engine.TraceOptions{}); err != nil || len(tr.Members) != 6 {
		t.Errorf("trace after a new copy, before families: %d members, %v", len(tr.Members), err)
	}
	res, err = eng.UpdateFamilies(ctx, engine.FamiliesOptions{})
	if err != nil || res.Linked != 1 || res.Changed != 1 {
		t.Errorf("after one more copy %+v %v, want 1 linked, 1 changed", res, err)
	}
	incremental := stories(t, eng)
	if n := len(incremental["strike-original"].Members); n != 6 {
		t.Errorf("strike family has %d members, want 6", n)
	}

	// The same store grouped from scratch, and a store filled in another
	// order, give the same stories.
	if _, err := eng.UpdateFamilies(ctx, engine.FamiliesOptions{Rebuild: true}); err != nil {
		t.Fatal(err)
	}
	assertSameStories(t, "rebuilt", stories(t, eng), incremental)
	other := open(t)
	rev := append([]wiretrace.Article{late}, as...)
	slices.Reverse(rev)
	addAll(t, other, rev)
	if _, err := other.UpdateFamilies(ctx, engine.FamiliesOptions{Workers: 1}); err != nil {
		t.Fatal(err)
	}
	assertSameStories(t, "stored in reverse", stories(t, other), incremental)
	assertCutFromShape(t, other)

	// Filters.
	var n int
	err = eng.Stories(ctx, engine.FamilyFilter{Site: "worldbriefing.example"}, func(s provenance.Story) error { n++; return nil })
	if err != nil || n != 1 {
		t.Errorf("site filter: %d families, %v", n, err)
	}
	n = 0
	err = eng.Stories(ctx, engine.FamilyFilter{MinSize: 6}, func(s provenance.Story) error { n++; return nil })
	if err != nil || n != 1 {
		t.Errorf("size filter: %d families, %v", n, err)
	}
	n = 0
	err = eng.Stories(ctx, engine.FamilyFilter{Since: time.Date(2026, 3, 5, 0, 0, 0, 0, time.UTC)}, func(s provenance.Story) error { n++; return nil })
	if err != nil || n != 1 {
		t.Errorf("since filter: %d families, %v", n, err)
	}

	profiles, err := eng.SiteProfiles(ctx, "dailydigesthub.example")
	if err != nil || len(profiles) != 1 || profiles[0].Taken != 2 {
		t.Errorf("profile of the spinning site: %+v %v, want 2 taken", profiles, err)
	}
}

// assertSameStories compares stories by origin, members and parents.
// A story's text run again by another site, stored after the families
// were found, is an appearance of the stored article; linking does not
// look at that article again, yet the next update tells the appearance
// as a member of its family, as families found in one run do. A stored
// article linked to nothing that gains an appearance makes a family with
// it.
func TestAppearanceAfterLinking(t *testing.T) {
	ctx := context.Background()
	as := storyArticles(t)
	rerun := wiretrace.Article{ID: "flood-verbatim-rerun", Site: "eastfieldgazette.example", Text: read(t, "flood/verbatim"),
		Published: time.Date(2026, 3, 3, 15, 0, 0, 0, time.UTC), PublishedFrom: wiretrace.FromPage}
	alone := wiretrace.Article{ID: "strike-unrelated-rerun", Site: "valleycourier.example", Text: read(t, "strike/unrelated"),
		Published: time.Date(2026, 3, 4, 9, 0, 0, 0, time.UTC), PublishedFrom: wiretrace.FromPage}

	eng := open(t)
	addAll(t, eng, as)
	if _, err := eng.UpdateFamilies(ctx, engine.FamiliesOptions{}); err != nil {
		t.Fatal(err)
	}
	res, err := eng.Add(ctx, rerun, alone)
	if err != nil || !res[0].Appeared || !res[1].Appeared {
		t.Fatalf("add %+v %v: want both recorded as appearances", res, err)
	}
	if _, err := eng.UpdateFamilies(ctx, engine.FamiliesOptions{}); err != nil {
		t.Fatal(err)
	}
	got := stories(t, eng)
	if s := got["flood-original"]; !slices.Contains(memberIDs(s.Members), "flood-verbatim-rerun") {
		t.Errorf("flood family %v: want the re-run among its members", memberIDs(s.Members))
	}
	found := false
	for _, s := range got {
		if ids := memberIDs(s.Members); slices.Equal(ids, []string{"strike-unrelated", "strike-unrelated-rerun"}) {
			found = true
		}
	}
	if !found {
		t.Errorf("stories %v: want the unlinked story and its re-run in one", got)
	}

	// An appearance the member note lacks (linking wrote the note again
	// from an earlier read while another process added it) is told all
	// the same: grouping reads each member's appearances from the store.
	late := wiretrace.Article{ID: "flood-spun-rerun", Site: "metroinsider.example", Text: read(t, "flood/spun"),
		Published: time.Date(2026, 3, 3, 18, 0, 0, 0, time.UTC), PublishedFrom: wiretrace.FromPage}
	if res, err := eng.Store().Add(ctx, []wiretrace.Entry{{Article: late}}); err != nil || !res[0].Appeared {
		t.Fatalf("store add %+v %v: want an appearance", res, err)
	}
	if _, err := eng.UpdateFamilies(ctx, engine.FamiliesOptions{}); err != nil {
		t.Fatal(err)
	}
	got = stories(t, eng)
	if s := got["flood-original"]; !slices.Contains(memberIDs(s.Members), "flood-spun-rerun") {
		t.Errorf("flood family %v: want the appearance its member note lacks", memberIDs(s.Members))
	}

	once := open(t)
	addAll(t, once, append(slices.Clone(as), rerun, alone, late))
	if _, err := once.UpdateFamilies(ctx, engine.FamiliesOptions{}); err != nil {
		t.Fatal(err)
	}
	assertSameStories(t, "appearances added after linking", got, stories(t, once))
	assertCutFromShape(t, eng)
}

// assertCutFromShape groups eng's linked articles again with every group
// cut from what cutting reads of it and each family read again whole, as
// a group too large to hold whole is: no story may change.
func assertCutFromShape(t *testing.T, eng *engine.Engine) {
	t.Helper()
	want := stories(t, eng)
	restore := engine.SetWholeGroup(0)
	defer restore()
	res, err := eng.UpdateFamilies(context.Background(), engine.FamiliesOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Changed != 0 {
		t.Errorf("groups cut from their shape: %d stories changed, want none", res.Changed)
	}
	assertSameStories(t, "groups cut from their shape", stories(t, eng), want)
}

func assertSameStories(t *testing.T, what string, got, want map[string]provenance.Story) {
	t.Helper()
	shape := func(m map[string]provenance.Story) string {
		type member struct{ ID, Parent string }
		v := map[string][]member{}
		for o, s := range m {
			for _, x := range s.Members {
				v[o] = append(v[o], member{x.ID, x.Parent})
			}
			slices.SortFunc(v[o], func(a, b member) int {
				if a.ID < b.ID {
					return -1
				}
				return 1
			})
		}
		b, _ := json.Marshal(v)
		return string(b)
	}
	if g, w := shape(got), shape(want); g != w {
		t.Errorf("%s: stories\n%s\nwant\n%s", what, g, w)
	}
}

// The status of the families counts the articles stored since the last
// update, and reading it changes nothing.
func TestFamiliesStatus(t *testing.T) {
	ctx := context.Background()
	eng := open(t)
	as := storyArticles(t)
	addAll(t, eng, as[:7])
	st, err := eng.FamiliesStatus(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	if st.Updated || st.UpToDate || st.Unlinked != 7 || st.UnlinkedMore {
		t.Fatalf("before any update: %+v, want 7 unlinked, not updated", st)
	}
	if again, _ := eng.FamiliesStatus(ctx, 0); again != st {
		t.Fatalf("reading the status changed it: %+v then %+v", st, again)
	}
	if _, err := eng.UpdateFamilies(ctx, engine.FamiliesOptions{}); err != nil {
		t.Fatal(err)
	}
	st, err = eng.FamiliesStatus(ctx, 0)
	if err != nil || !st.Updated || !st.UpToDate || st.Unlinked != 0 || st.RebuildNeeded {
		t.Fatalf("after the update: %+v %v, want up to date", st, err)
	}
	addAll(t, eng, as[7:])
	st, err = eng.FamiliesStatus(ctx, 3)
	if err != nil || st.UpToDate || st.Unlinked != 3 || !st.UnlinkedMore {
		t.Fatalf("7 stored since, counted up to 3: %+v %v", st, err)
	}
	st, _ = eng.FamiliesStatus(ctx, 0)
	if st.Unlinked != 7 || st.UnlinkedMore {
		t.Fatalf("7 stored since, all counted: %+v", st)
	}

	// An update that linked every article but stopped before it made the
	// stories leaves them stale: not up to date, and a trace gathers the
	// family instead of reading a stale story.
	if _, err := eng.UpdateFamilies(ctx, engine.FamiliesOptions{}); err != nil {
		t.Fatal(err)
	}
	v, ok, err := eng.Store().GetNote(ctx, "fam/state")
	if err != nil || !ok {
		t.Fatalf("fam/state: %v %v", ok, err)
	}
	var state map[string]any
	if err := json.Unmarshal(v, &state); err != nil || state["grouped"] != state["next"] {
		t.Fatalf("fam/state after an update: %s %v", v, err)
	}
	state["grouped"] = 0
	v, _ = json.Marshal(state)
	if err := eng.Store().PutNotes(ctx, []wiretrace.Note{{Key: "fam/state", Value: v}}); err != nil {
		t.Fatal(err)
	}
	if st, _ := eng.FamiliesStatus(ctx, 0); st.UpToDate || st.Unlinked != 0 {
		t.Errorf("linked, not grouped: %+v, want not up to date with nothing unlinked", st)
	}
	tr, err := eng.Trace(ctx, wiretrace.Article{ID: "strike-spun"}, engine.TraceOptions{})
	if err != nil || tr.Origin != "strike-original" {
		t.Errorf("trace while not grouped: origin %q, %v", tr.Origin, err)
	}
}

// Removing an article takes it out of the families: its links go with
// it, the stories are stale until the next update, which tells the
// family without it.
func TestRemoveFromFamilies(t *testing.T) {
	ctx := context.Background()
	eng := open(t)
	as := storyArticles(t)
	addAll(t, eng, as)
	// The original again under another site: an appearance.
	again := as[4]
	again.ID, again.Site = "flood-original-again", "harbourledger.example"
	addAll(t, eng, []wiretrace.Article{again})
	if _, err := eng.UpdateFamilies(ctx, engine.FamiliesOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"flood-verbatim", "flood-original-again"} {
		if err := eng.Remove(ctx, id); err != nil {
			t.Fatalf("remove %s: %v", id, err)
		}
	}
	if st, _ := eng.FamiliesStatus(ctx, 0); st.UpToDate {
		t.Errorf("after a removal: %+v, want not up to date", st)
	}
	res, err := eng.UpdateFamilies(ctx, engine.FamiliesOptions{})
	if err != nil || res.Linked != 0 {
		t.Fatalf("update after removal: %+v %v, want nothing to link", res, err)
	}
	want := []string{"flood-light-edit", "flood-original", "flood-partial", "flood-spun"}
	for _, live := range []bool{false, true} {
		tr, err := eng.Trace(ctx, wiretrace.Article{ID: "flood-spun"}, engine.TraceOptions{Live: live})
		if err != nil {
			t.Fatal(err)
		}
		if got := memberIDs(tr.Members); !slices.Equal(got, want) || tr.Origin != "flood-original" {
			t.Errorf("live %v: members %v origin %s, want %v from flood-original", live, got, tr.Origin, want)
		}
	}
	s := stories(t, eng)["flood-original"]
	if got := memberIDs(s.Members); !slices.Equal(got, want) {
		t.Errorf("stored story: %v, want %v", got, want)
	}
	// The removals left nothing the grouping trips on: a rebuild gives
	// the same stories.
	before := stories(t, eng)
	if _, err := eng.UpdateFamilies(ctx, engine.FamiliesOptions{Rebuild: true}); err != nil {
		t.Fatal(err)
	}
	assertSameStories(t, "rebuilt after removals", stories(t, eng), before)
}

// A story larger than a chunk is kept in chunks and read back whole, by
// the listing and by a trace; regrouping rewrites nothing that did not
// change, and stories kept whole again leave no chunk behind.
func TestStoriesInChunks(t *testing.T) {
	ctx := context.Background()
	whole := open(t)
	addAll(t, whole, storyArticles(t))
	if _, err := whole.UpdateFamilies(ctx, engine.FamiliesOptions{}); err != nil {
		t.Fatal(err)
	}
	want := stories(t, whole)

	restore := engine.SetStoryChunk(300)
	eng := open(t)
	addAll(t, eng, storyArticles(t))
	if _, err := eng.UpdateFamilies(ctx, engine.FamiliesOptions{}); err != nil {
		restore()
		t.Fatal(err)
	}
	chunked := 0
	eng.Store().ScanNotes(ctx, "fam/f/", func(key string, v []byte) error {
		if strings.HasPrefix(string(v), "chunks ") {
			chunked++
		}
		return nil
	})
	if chunked == 0 {
		t.Errorf("no story was kept in chunks of 300 bytes")
	}
	assertSameStories(t, "in chunks", stories(t, eng), want)
	tr, err := eng.Trace(ctx, wiretrace.Article{ID: "flood-spun"}, engine.TraceOptions{})
	if err != nil || tr.Origin != "flood-original" || len(tr.Members) != 5 {
		t.Errorf("trace of a story in chunks: origin %q, %d members, %v", tr.Origin, len(tr.Members), err)
	}
	res, err := eng.UpdateFamilies(ctx, engine.FamiliesOptions{})
	if err != nil || res.Changed != 0 {
		t.Errorf("regrouping with nothing new: %+v %v, want nothing changed", res, err)
	}
	restore()

	if res, err := eng.UpdateFamilies(ctx, engine.FamiliesOptions{}); err != nil || res.Changed != chunked {
		t.Fatalf("regrouping whole: %+v %v, want the %d stories in chunks rewritten", res, err, chunked)
	}
	assertSameStories(t, "whole again", stories(t, eng), want)
	eng.Store().ScanNotes(ctx, "fam/f/", func(key string, v []byte) error {
		if len(key) != len("fam/f/")+16 {
			t.Errorf("note %s left behind", key)
		}
		return nil
	})
}
