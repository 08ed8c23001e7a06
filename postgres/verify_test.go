package postgres

import (
	"context"
	"strings"
	"testing"

	"github.com/wiretrace/wiretrace"
)

// TestVerifyFindsDamage damages a consistent store one way at a time,
// behind the store's back, and checks that Verify names the damage.
func TestVerifyFindsDamage(t *testing.T) {
	for _, tc := range []struct {
		name, sql, want string
	}{
		{"posting lost", `DELETE FROM postings WHERE fingerprint = 2 AND seq = (SELECT seq FROM articles WHERE id = 'a')`, "1 fingerprints of its text not posted"},
		{"posting left behind", `INSERT INTO postings VALUES (77, 123456)`, "postings of no article: seq 123456"},
		{"posting moved", `UPDATE postings SET fingerprint = 99 WHERE fingerprint = 3`, "fingerprints of its text not posted"},
		{"id lost", `DELETE FROM ids WHERE id = 'b'`, "article without its id row: article b"},
		{"id left behind", `INSERT INTO ids VALUES ('ghost', 99999)`, "id row naming neither an article nor an appearance: id ghost"},
		{"appearance id lost", `DELETE FROM ids WHERE id = 'a-again'`, "appearance without its id row: appearance a-again"},
		{"text row lost", `DELETE FROM texts WHERE seq = (SELECT seq FROM articles WHERE id = 'b')`, "article without its text row: article b"},
		{"text changed", `UPDATE articles SET body = 'Changed.' WHERE id = 'b'`, "text hash is not its text's: article b"},
		{"site count off", `UPDATE sites SET articles = 5 WHERE site = 'a.example'`, "site 'a.example': counted 5 articles"},
		{"byline lost", `DELETE FROM bylines WHERE name = 'dana whitlock'`, `no byline row for "dana whitlock"`},
		{"fingerprint count off", `UPDATE articles SET fingerprints = 7 WHERE id = 'a'`, "posting count is not its fingerprint count"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, sc := openFresh(t)
			ctx := context.Background()
			res, err := s.Add(ctx, []wiretrace.Entry{
				sc.Entry(wiretrace.Article{ID: "a", Site: "a.example", Byline: []string{"Dana Whitlock"}, Text: "Article a."}, 1, 2, 3),
				sc.Entry(wiretrace.Article{ID: "b", Site: "b.example", Text: "Article b."}, 3, 4),
				sc.Entry(wiretrace.Article{ID: "a-again", Site: "c.example", Text: "Article a."}, 1, 2, 3),
			})
			if err != nil || res[2].Appeared != true {
				t.Fatalf("Add = %+v, %v", res, err)
			}
			if err := verify(s); err != nil {
				t.Fatalf("before the damage: %v", err)
			}
			if _, err := s.pool.Exec(ctx, tc.sql); err != nil {
				t.Fatal(err)
			}
			v, err := s.Verify(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(strings.Join(v.Problems, "\n"), tc.want) {
				t.Errorf("Verify found %q, want a problem containing %q", v.Problems, tc.want)
			}
			// Repair, so that the test's own check at the end passes: a
			// new schema each time would cost more.
			execSQL(t, testURL(t), `DROP SCHEMA `+s.schema+` CASCADE`)
			if err := s.migrate(ctx, true); err != nil {
				t.Fatal(err)
			}
		})
	}
}
