package main

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/wiretrace/wiretrace/internal/pgtest"
)

// takesJSONL is two takes of one fictional wire story, which share no
// text, and a paper's copy of the first: one family through the slug.
const takesJSONL = `{"id":"pier-1","title":"pier take 1","site":"northgate.example","slug":"COURTS Pier","published":"2026-02-09T10:02:00Z","text":"A pier owner was fined today for letting visitors walk on boards the council had closed as unsafe after the winter storms, magistrates at Dunmere heard. The court was told the owner had removed the warning signs twice."}
{"id":"pier-2","title":"pier take 2","site":"northgate.example","slug":"COURTS Pier Nightlead","published":"2026-02-09T19:40:00Z","text":"The council is to inspect every seafront structure in the district before Easter, its leader said tonight, and will publish the engineers' reports on its website."}
{"id":"pier-paper","title":"pier paper","site":"coastalherald.example","text":"Pier owner fined\n\nA pier owner was fined yesterday for letting visitors walk on boards the council had closed as unsafe after the winter storms, magistrates at Dunmere heard. The court was told the owner had removed the warning signs twice."}
`

// TestFamiliesOnEveryStore groups the same articles into story families
// on each kind of store, through the store's Scan and notes: PostgreSQL,
// one server or sharded, finds the families the embedded store finds,
// with the same origins, and a second run links nothing new. The takes
// of one story, joined by their slug, are among them.
func TestFamiliesOnEveryStore(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "articles")
	paths := writeExamples(t, dir)
	var inputs []string
	for _, p := range paths {
		inputs = append(inputs, p)
	}
	takes := filepath.Join(dir, "takes.jsonl")
	if err := os.WriteFile(takes, []byte(takesJSONL), 0o644); err != nil {
		t.Fatal(err)
	}
	inputs = append(inputs, takes)
	slices.Sort(inputs) // one order of storing for every store
	want := families(t, filepath.Join(t.TempDir(), "db"), inputs)
	if len(want) != 3 || !slices.Contains(want, "pier take 1: pier paper | pier take 1 | pier take 2") {
		t.Fatalf("embedded store: families %v, want the flood's, the strike's and the pier's takes", want)
	}
	t.Run("postgres", func(t *testing.T) {
		if got := families(t, pgtest.Store(t), inputs); !slices.Equal(got, want) {
			t.Errorf("families = %v, want %v as the embedded store gives", got, want)
		}
	})
	t.Run("postgres-sharded", func(t *testing.T) {
		if got := families(t, shardedStore(t), inputs); !slices.Equal(got, want) {
			t.Errorf("families = %v, want %v as the embedded store gives", got, want)
		}
	})
}

// families adds inputs to the store db, runs wiretrace families twice and
// returns each family as "origin: members" (titles of its members,
// sorted), sorted, checking that the second run linked nothing and that
// trace tells the same origin.
func families(t *testing.T, db string, inputs []string) []string {
	t.Helper()
	if _, stderr, code := run(t, "", append([]string{"add", "--db", db}, inputs...)...); code != 0 {
		t.Fatalf("add: exit %d: %s", code, stderr)
	}
	out, stderr, code := run(t, "", "families", "--db", db, "--json")
	if code != 0 {
		t.Fatalf("families: exit %d: %s", code, stderr)
	}
	type story struct {
		Family  string `json:"family"`
		Origin  string `json:"origin"`
		Members []struct {
			ID    string `json:"id"`
			Title string `json:"title"`
		} `json:"members"`
	}
	var got []string
	titles := map[string]string{}
	var first story
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var s story
		if err := json.Unmarshal(sc.Bytes(), &s); err != nil {
			t.Fatalf("families --json line %q: %v", sc.Text(), err)
		}
		if first.Family == "" {
			first = s
		}
		var members []string
		for _, m := range s.Members {
			titles[m.ID] = m.Title
			members = append(members, m.Title)
		}
		slices.Sort(members)
		got = append(got, titles[s.Origin]+": "+strings.Join(members, " | "))
	}
	slices.Sort(got)
	if len(got) == 0 {
		t.Fatalf("families --json printed no family: %s", out)
	}

	out, stderr, code = run(t, "", "families", "--db", db)
	if code != 0 || !strings.Contains(out, "linked 0 articles") {
		t.Errorf("second families run: exit %d, %s%s; want nothing new linked", code, out, stderr)
	}
	out, stderr, code = run(t, "", "trace", "--db", db, first.Members[0].ID)
	if code != 0 || !strings.Contains(out, "Origin: "+first.Origin) {
		t.Errorf("trace %s: exit %d, %s%s; want origin %s", first.Members[0].ID, code, out, stderr, first.Origin)
	}
	// An article stored since leaves the families out of date, so a trace
	// is gathered live: it still finds the second take's story through
	// the index of takes the store holds.
	late := filepath.Join(t.TempDir(), "late.txt")
	if err := os.WriteFile(late, []byte("Harbour lights\n\nThe harbour's new lights were switched on last night after a month of delays caused by a shortage of cable."), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := run(t, "", "add", "--db", db, late); code != 0 {
		t.Fatalf("add: exit %d: %s", code, stderr)
	}
	out, stderr, code = run(t, "", "trace", "--db", db, "--json", "pier-2")
	if code != 0 || !strings.Contains(out, `"id": "pier-1"`) || !strings.Contains(out, `"id": "pier-paper"`) {
		t.Errorf("live trace of pier-2: exit %d, %s%s; want the first take and the paper's copy of it", code, out, stderr)
	}
	return got
}
