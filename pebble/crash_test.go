package pebble

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/wiretrace/wiretrace"
)

// crashDirEnv names the store directory of a child process started by
// TestCrash; crashRoundEnv tells it which IDs to write.
const (
	crashDirEnv   = "WIRETRACE_PEBBLE_CRASH_DIR"
	crashRoundEnv = "WIRETRACE_PEBBLE_CRASH_ROUND"
)

func crashID(round, n int) string { return fmt.Sprintf("r%d-%06d", round, n) }

// TestCrashChild is the child side of TestCrash: it adds articles until it
// is killed, printing each ID once Add has returned.
func TestCrashChild(t *testing.T) {
	dir := os.Getenv(crashDirEnv)
	if dir == "" {
		t.Skip("run by TestCrash")
	}
	var round int
	fmt.Sscan(os.Getenv(crashRoundEnv), &round)
	s, err := openScheme(dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	deadline := time.Now().Add(time.Minute)
	for n := 0; time.Now().Before(deadline); n++ {
		a, fps := genArticle(round*1_000_000+n, crashID(round, n))
		if _, err := s.Add(context.Background(), []wiretrace.Entry{{Article: a, Fingerprints: fps}}); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		// Unbuffered: the parent must see exactly the acknowledged IDs.
		fmt.Fprintf(os.Stdout, "ok %s\n", a.ID)
	}
	fmt.Fprintln(os.Stderr, "not killed in time")
	os.Exit(2)
}

// TestCrash kills a process adding articles with SIGKILL, several times
// over on one store, and checks after each kill that every acknowledged
// article is readable with its text and postings, that no article is half
// written, and that the count key matches the articles stored.
func TestCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	dir := t.TempDir()
	total := map[string]int{} // acknowledged ID -> article number
	for round, kills := range []int{50, 400, 1} {
		acked := crashRound(t, dir, round, kills)
		for _, id := range acked {
			var n int
			fmt.Sscanf(id, "r%d-%d", new(int), &n)
			total[id] = round*1_000_000 + n
		}

		s, err := openScheme(dir)
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
			got.Seq = 0
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("round %d: %s came back as %+v", round, id, got)
			}
			cands, err := s.Candidates(ctx, wiretrace.CandidateQuery{Fingerprints: fps, Limit: 1})
			if err != nil || len(cands) != 1 || cands[0].Article.ID != id || cands[0].Shared != len(fps) {
				t.Fatalf("round %d: Candidates(%s's fingerprints) = %+v, %v", round, id, cands, err)
			}
		}
		st, err := s.Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		// The child may have written an article and been killed before
		// printing its ID: more articles than acknowledged is fine.
		if st.Articles < int64(len(total)) {
			t.Fatalf("round %d: %d articles stored, %d acknowledged", round, st.Articles, len(total))
		}
		t.Logf("round %d: %d acknowledged in all, %d stored", round, len(total), st.Articles)
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

// crashRound starts a child on dir, kills it once it has acknowledged
// after articles, and returns every ID it acknowledged.
func crashRound(t *testing.T, dir string, round, after int) []string {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashDirEnv+"="+dir, fmt.Sprintf("%s=%d", crashRoundEnv, round))
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
			// whatever it is doing.
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
