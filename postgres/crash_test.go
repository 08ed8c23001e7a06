package postgres

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/wiretrace/wiretrace"
)

// crashEnv names the store of a child process started by TestCrash;
// crashRoundEnv tells it which IDs to write.
const (
	crashEnv      = "WIRETRACE_POSTGRES_CRASH_STORE"
	crashRoundEnv = "WIRETRACE_POSTGRES_CRASH_ROUND"
	crashBatch    = 40
)

// genScheme is the scheme of generated articles: each text names its
// article number, from which its fingerprints follow.
var genScheme = wiretrace.Scheme{Name: "gen/1", Fingerprints: func(text string) []wiretrace.Fingerprint {
	var n int
	fmt.Sscanf(text, "#%d ", &n)
	return genFingerprints(n)
}}

// genArticle returns article n: a text of about 1.5 KB opening with "#n",
// and 40 fingerprints, some shared with the neighbouring articles.
func genArticle(n int, id string) (wiretrace.Article, []wiretrace.Fingerprint) {
	r := rand.New(rand.NewPCG(uint64(n), 3))
	var b strings.Builder
	fmt.Fprintf(&b, "#%d %s:", n, id)
	for b.Len() < 1500 {
		fmt.Fprintf(&b, " w%d", r.IntN(5000))
	}
	return wiretrace.Article{
		ID: id, URL: "https://news.example/" + id, Site: fmt.Sprintf("site%d.example", n%3),
		Title: fmt.Sprintf("Story %d", n/5), Byline: []string{fmt.Sprintf("Reporter %d", n%7)},
		Text: b.String(),
	}, genFingerprints(n)
}

func genFingerprints(n int) []wiretrace.Fingerprint {
	r := rand.New(rand.NewPCG(uint64(n), 5))
	fps := make([]wiretrace.Fingerprint, 0, 40)
	for range 30 {
		fps = append(fps, wiretrace.Fingerprint(r.Uint64()))
	}
	// Ten shared by the five articles of a story.
	for i := range 10 {
		fps = append(fps, wiretrace.Fingerprint(uint64(n/5)<<8|uint64(i)))
	}
	return fps
}

func crashID(round, n int) string { return fmt.Sprintf("r%d-%06d", round, n) }

// TestCrashChild is the child side of TestCrash: it adds batches of
// articles until it is killed, printing each ID once its batch's Add has
// returned.
func TestCrashChild(t *testing.T) {
	loc := os.Getenv(crashEnv)
	if loc == "" {
		t.Skip("run by TestCrash")
	}
	var round int
	fmt.Sscan(os.Getenv(crashRoundEnv), &round)
	s, err := Open(loc, genScheme)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	deadline := time.Now().Add(time.Minute)
	for n := 0; time.Now().Before(deadline); n += crashBatch {
		entries := make([]wiretrace.Entry, crashBatch)
		for i := range entries {
			a, fps := genArticle(round*1_000_000+n+i, crashID(round, n+i))
			entries[i] = wiretrace.Entry{Article: a, Fingerprints: fps}
		}
		if _, err := s.Add(context.Background(), entries); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		// Unbuffered: the parent must see exactly the acknowledged IDs.
		for _, e := range entries {
			fmt.Fprintf(os.Stdout, "ok %s\n", e.Article.ID)
		}
	}
	fmt.Fprintln(os.Stderr, "not killed in time")
	os.Exit(2)
}

// TestCrash kills a process adding batches of articles with SIGKILL,
// several times over on one store, and checks after each kill that every
// acknowledged article is readable with its text and postings, that no
// article is half written (Verify), and that the count matches.
func TestCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	loc := freshStore(t)
	total := map[string]int{} // acknowledged ID -> article number
	for round, kills := range []int{40, 400, 1} {
		acked := crashRound(t, loc, round, kills)
		for _, id := range acked {
			var n int
			fmt.Sscanf(id, "r%d-%d", new(int), &n)
			total[id] = round*1_000_000 + n
		}
		s, err := Open(loc, genScheme, MustExist())
		if err != nil {
			t.Fatalf("round %d: reopen after kill: %v", round, err)
		}
		if err := verify(s); err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		ctx := context.Background()
		for id, n := range total {
			want, fps := genArticle(n, id)
			got, err := s.Get(ctx, id)
			if err != nil {
				t.Fatalf("round %d: acknowledged %s lost: %v", round, id, err)
			}
			if got.Seq == 0 {
				t.Fatalf("round %d: %s came back without its Seq", round, id)
			}
			got.Seq = 0
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("round %d: %s came back as %+v", round, id, got)
			}
			cands, err := s.Candidates(ctx, wiretrace.CandidateQuery{Fingerprints: fps[:30], Limit: 1})
			if err != nil || len(cands) != 1 || cands[0].Article.ID != id || cands[0].Shared != 30 {
				t.Fatalf("round %d: Candidates(%s's own fingerprints) = %+v, %v", round, id, cands, err)
			}
		}
		st, err := s.Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		// The child may have committed a batch and been killed before
		// printing its IDs: more articles than acknowledged is fine, as
		// long as whole batches were stored.
		if st.Articles < int64(len(total)) || st.Articles%crashBatch != 0 {
			t.Fatalf("round %d: %d articles stored, %d acknowledged, batches of %d", round, st.Articles, len(total), crashBatch)
		}
		t.Logf("round %d: %d acknowledged in all, %d stored", round, len(total), st.Articles)
		s.Close()
	}
}

// crashRound starts a child on the store, kills it once it has
// acknowledged after articles, and returns every ID it acknowledged.
func crashRound(t *testing.T, loc string, round, after int) []string {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashEnv+"="+loc, fmt.Sprintf("%s=%d", crashRoundEnv, round))
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var acked []string
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		id, ok := strings.CutPrefix(sc.Text(), "ok ")
		if !ok {
			continue // the test framework's own output
		}
		acked = append(acked, id)
		if len(acked) == after {
			// The child goes on adding: the kill lands in the middle of
			// whatever it is doing, often a transaction in flight.
			if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
		}
	}
	err = cmd.Wait()
	if status, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !status.Signaled() || status.Signal() != syscall.SIGKILL {
		t.Fatalf("round %d: child did not die of SIGKILL (%v): %s", round, err, stderr.String())
	}
	if len(acked) < after {
		t.Fatalf("round %d: child acknowledged %d articles, want at least %d: %s", round, len(acked), after, stderr.String())
	}
	return acked
}
