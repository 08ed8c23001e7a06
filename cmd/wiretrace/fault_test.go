package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// smallDisk mounts a tmpfs of size MB for the test and returns its path.
// Mounting needs root: the test says why it skips otherwise. CI runs as
// root.
func smallDisk(t *testing.T, mb int) string {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("mounting a small tmpfs to fill needs root")
	}
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", fmt.Sprintf("size=%dm", mb), "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here: %v: %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", dir).Run() })
	return dir
}

// TestFullDisk fills a small disk: add stops with a clear error after its
// last acknowledged article, exit 1; the articles acknowledged are all
// there; reading commands still work; a write fails at once with the same
// message instead of hanging.
func TestFullDisk(t *testing.T) {
	disk := smallDisk(t, 80)
	db := filepath.Join(disk, "db")
	var in strings.Builder
	for i := range 25000 {
		fmt.Fprintf(&in, `{"id":"full-%05d","text":"Dispatch %d from the harbour office: %s"}`+"\n", i, i, strings.Repeat(fmt.Sprintf("vessel %d cleared mooring %d at dawn; ", i, i%89), 40))
	}
	out, stderr, code := run(t, in.String(), "add", "--db", db, "--json", "-")
	if code != exitFailure || !strings.Contains(stderr, "disk full") {
		t.Fatalf("add on a full disk: exit %d: %.500s", code, stderr)
	}
	var acked []string
	for line := range strings.Lines(out) {
		if strings.Contains(line, `"status":"added"`) {
			id := strings.SplitN(strings.SplitN(line, `"id":"`, 2)[1], `"`, 2)[0]
			acked = append(acked, id)
		}
	}
	if len(acked) == 0 || len(acked) == 25000 {
		t.Fatalf("%d articles acknowledged: the disk did not fill, or nothing went in", len(acked))
	}
	// Reading works on the full disk, and finds every acknowledged article.
	statsOut, stderr, code := run(t, "", "stats", "--db", db)
	if code != 0 || !strings.Contains(statsOut, fmt.Sprintf("articles    %d\n", len(acked))) {
		t.Fatalf("stats on a full disk: exit %d: %s%s", code, statsOut, stderr)
	}
	for _, id := range []string{acked[0], acked[len(acked)/2], acked[len(acked)-1]} {
		if _, stderr, code := run(t, "", "show", "--db", db, id); code != 0 {
			t.Fatalf("show %s: exit %d: %s", id, code, stderr)
		}
	}
	// A write fails fast, with the same message.
	start := time.Now()
	_, stderr, code = run(t, `{"id":"one-more","text":"One more article."}`+"\n", "add", "--db", db, "-")
	if code != exitFailure || !strings.Contains(stderr, "disk full") || time.Since(start) > 10*time.Second {
		t.Fatalf("add again on the full disk: exit %d after %v: %s", code, time.Since(start), stderr)
	}
}

// TestSignalStops: SIGINT stops add within a few seconds, even while it
// waits on standard input that never ends, and what it acknowledged
// stays.
func TestSignalStops(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a child process")
	}
	db := filepath.Join(t.TempDir(), "db")
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), crashEnv+"="+strings.Join([]string{"add", "--db", db, "--json", "-"}, "\x1f"))
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// 700 lines: full batches are acknowledged, the rest waits for more
	// input that never comes.
	for i := range 700 {
		fmt.Fprintf(stdin, `{"id":"sig-%03d","text":"Signal test dispatch number %d about the harbour."}`+"\n", i, i)
	}
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	acked := 0
	for wait := time.After(30 * time.Second); acked < 256; {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatal("add ended before it was interrupted")
			}
			if strings.Contains(l, `"status":"added"`) {
				acked++
			}
		case <-wait:
			cmd.Process.Kill()
			t.Fatalf("%d articles acknowledged in 30 s, want a batch of 256", acked)
		}
	}
	go func() {
		for range lines {
		}
	}()
	start := time.Now()
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(stopGrace + 5*time.Second):
		cmd.Process.Kill()
		t.Fatal("add did not stop after SIGINT")
	}
	t.Logf("stopped %v after SIGINT, exit %d", time.Since(start).Round(time.Millisecond), cmd.ProcessState.ExitCode())
	if code := cmd.ProcessState.ExitCode(); code != exitFailure {
		t.Errorf("exit code %d after SIGINT, want %d", code, exitFailure)
	}
	stdin.Close()
	out, _, code := run(t, "", "stats", "--db", db)
	if code != 0 || !strings.Contains(out, "articles    ") {
		t.Fatalf("stats after the interrupted add: exit %d: %s", code, out)
	}
	var n int
	fmt.Sscanf(out[strings.Index(out, "articles"):], "articles %d", &n)
	if n < acked {
		t.Errorf("%d articles stored, %d were acknowledged", n, acked)
	}
}
