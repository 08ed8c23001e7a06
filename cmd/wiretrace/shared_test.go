package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/backend"
	"github.com/wiretrace/wiretrace/internal/pgtest"
)

// sharedWords are the vocabulary of the shared-use test's articles.
var sharedWords = strings.Fields(`harbour council vessel pilot freight strike
	river flood levee mayor minister budget railway station tender inquiry
	court verdict witness reporter editor archive bridge tunnel airport runway
	storm warning farmer harvest market price union wage contract hospital`)

// sharedText returns a story of about 120 words made from seed, which it
// names, so that no two seeds share a text.
func sharedText(seed string) string {
	var h uint64
	for _, c := range seed {
		h = h*31 + uint64(c)
	}
	r := rand.New(rand.NewPCG(h, 17))
	var b strings.Builder
	fmt.Fprintf(&b, "Report %s.", seed)
	for i := range 120 {
		if i%12 == 0 {
			b.WriteString(" The")
		}
		b.WriteString(" " + sharedWords[r.IntN(len(sharedWords))])
		if i%12 == 11 {
			b.WriteString(".")
		}
	}
	return b.String()
}

// TestSharedStore runs several wiretrace add processes on one PostgreSQL
// store at once, with wiretrace check processes reading it meanwhile.
// Each writer adds stories of its own, stories every writer adds (one
// text under a different ID each) and IDs every writer claims for a text
// of its own, in an order of its own. Afterwards nothing is lost, nothing
// is stored twice, and the store is consistent: each own story once, each
// shared text once with the other writers' IDs as appearances, each
// contested ID once with one writer's text, the others refused.
func TestSharedStore(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	t.Run("postgres", func(t *testing.T) { testSharedStore(t, pgtest.Store(t)) })
	t.Run("postgres-sharded", func(t *testing.T) { testSharedStore(t, shardedStore(t)) })
}

func testSharedStore(t *testing.T, db string) {
	const writers, own, shared, contested = 4, 500, 60, 10
	dir := t.TempDir()
	// The store exists before the checkers start: they refuse to create
	// one.
	st, err := backend.Open(db, backend.Create, backend.Options{})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()

	files := make([]string, writers)
	for w := range writers {
		var lines []string
		line := func(id, site, text string) {
			b, _ := json.Marshal(map[string]string{"id": id, "site": site, "text": text})
			lines = append(lines, string(b))
		}
		site := fmt.Sprintf("site%d.example", w)
		for i := range own {
			line(fmt.Sprintf("w%d-%d", w, i), site, sharedText(fmt.Sprintf("own %d %d", w, i)))
		}
		for j := range shared {
			line(fmt.Sprintf("w%d-s%d", w, j), site, sharedText(fmt.Sprintf("shared %d", j)))
		}
		for k := range contested {
			line(fmt.Sprintf("contested-%d", k), site, sharedText(fmt.Sprintf("contested %d by %d", k, w)))
		}
		rand.New(rand.NewPCG(uint64(w), 1)).Shuffle(len(lines), func(i, j int) { lines[i], lines[j] = lines[j], lines[i] })
		files[w] = filepath.Join(dir, fmt.Sprintf("w%d.jsonl", w))
		if err := os.WriteFile(files[w], []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	suspect := filepath.Join(dir, "suspect.txt")
	if err := os.WriteFile(suspect, []byte(sharedText("shared 7")), 0o644); err != nil {
		t.Fatal(err)
	}

	type result struct {
		out, stderr string
		code        int
	}
	outs := make([]result, writers)
	var wg sync.WaitGroup
	var writing atomic.Int32
	writing.Store(writers)
	for w := range writers {
		wg.Go(func() {
			defer writing.Add(-1)
			out, stderr, code := child(t, "add", "--db", db, "--json", files[w])
			outs[w] = result{out, stderr, code}
		})
	}
	var checks atomic.Int32
	for range 2 {
		wg.Go(func() {
			for writing.Load() > 0 {
				out, stderr, code := child(t, "check", "--db", db, "--json", suspect)
				if code != 0 {
					t.Errorf("check during the adds: exit %d: %s", code, stderr)
					return
				}
				var r struct{ Matches []wiretrace.Match }
				if err := json.Unmarshal([]byte(out), &r); err != nil {
					t.Errorf("check during the adds printed %q: %v", out, err)
					return
				}
				checks.Add(1)
			}
		})
	}
	wg.Wait()
	t.Logf("%d checks ran during the adds", checks.Load())
	if checks.Load() == 0 {
		t.Error("no check ran while the writers added")
	}

	added := map[string]int{} // ID -> writer that stored it
	appeared, refused := 0, 0
	for w, r := range outs {
		if r.code != exitOK && r.code != exitSomeBad {
			t.Fatalf("writer %d: exit %d: %s", w, r.code, r.stderr)
		}
		for _, l := range parseAdd(t, r.out) {
			switch l.Status {
			case "added":
				if prev, dup := added[l.ID]; dup {
					t.Errorf("%s added by writers %d and %d", l.ID, prev, w)
				}
				added[l.ID] = w
			case "duplicate":
				appeared++
			case "error":
				if !strings.Contains(l.Error, wiretrace.ErrIDConflict.Error()) {
					t.Errorf("writer %d: %s: %s", w, l.ID, l.Error)
				}
				refused++
			default:
				t.Errorf("writer %d: %+v", w, l)
			}
		}
	}
	wantArticles := writers*own + shared + contested
	if len(added) != wantArticles || appeared != (writers-1)*shared || refused != (writers-1)*contested {
		t.Fatalf("%d added, %d appeared, %d refused; want %d, %d, %d", len(added), appeared, refused, wantArticles, (writers-1)*shared, (writers-1)*contested)
	}

	s, err := backend.Open(db, backend.Existing, backend.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	for w := range writers {
		for i := range own {
			id := fmt.Sprintf("w%d-%d", w, i)
			if a, err := s.Get(ctx, id); err != nil || a.Text != sharedText(fmt.Sprintf("own %d %d", w, i)) {
				t.Fatalf("Get(%s) = %q, %v", id, a.Text, err)
			}
		}
	}
	for j := range shared {
		a, err := s.Get(ctx, fmt.Sprintf("w0-s%d", j))
		if err != nil || a.Text != sharedText(fmt.Sprintf("shared %d", j)) || len(a.Appearances) != writers-1 {
			t.Fatalf("shared %d: %+v, %v; want its text with %d appearances", j, a.Appearances, err, writers-1)
		}
	}
	for k := range contested {
		id := fmt.Sprintf("contested-%d", k)
		a, err := s.Get(ctx, id)
		if err != nil || a.Text != sharedText(fmt.Sprintf("contested %d by %d", k, added[id])) {
			t.Fatalf("Get(%s) = %q, %v; want writer %d's text", id, a.Text, err, added[id])
		}
	}
	stats, err := s.Stats(ctx)
	if err != nil || stats.Articles != int64(wantArticles) {
		t.Fatalf("Stats = %+v, %v; want %d articles", stats, err, wantArticles)
	}
	v, err := s.(wiretrace.Verifier).Verify(ctx)
	if err != nil || len(v.Problems) > 0 {
		t.Fatalf("Verify = %v, %v", v.Problems, err)
	}
}

// child runs the command line in a process of its own: the test binary,
// run through TestMain's child hook.
func child(t *testing.T, args ...string) (stdout, stderr string, code int) {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), crashEnv+"="+strings.Join(args, "\x1f"))
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			return out.String(), errb.String(), ee.ExitCode()
		}
		t.Errorf("%s: %v", args[0], err)
		return "", "", -1
	}
	return out.String(), errb.String(), 0
}
