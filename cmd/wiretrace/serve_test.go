package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wiretrace/wiretrace/engine"
	"github.com/wiretrace/wiretrace/server"
)

// syncBuffer is a buffer a running server logs to while a test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startServe runs "wiretrace serve" in process, on a free loopback port,
// over the store db, and returns its URL once it answers. stop ends it as
// SIGTERM would and returns its exit code and log.
func startServe(t testing.TB, db string, args ...string) (url string, stop func() (int, string)) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	logs := &syncBuffer{}
	exited := make(chan int, 1)
	go func() {
		exited <- Run(ctx, append([]string{"serve", "--db", db, "--addr", "127.0.0.1:0"}, args...), strings.NewReader(""), io.Discard, logs)
	}()
	deadline := time.Now().Add(20 * time.Second)
	for {
		if h, ok := server.HeldBy(context.Background(), db); ok {
			url = h.URL
			break
		}
		select {
		case code := <-exited:
			cancel()
			t.Fatalf("serve exited %d before answering: %s", code, logs.String())
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("serve did not answer in time: %s", logs.String())
		}
	}
	var once sync.Once
	var code int
	stop = func() (int, string) {
		once.Do(func() {
			cancel()
			code = <-exited
		})
		return code, logs.String()
	}
	t.Cleanup(func() { stop() })
	return url, stop
}

func post(t testing.TB, url, token string, body any) (int, []byte) {
	t.Helper()
	b, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest("POST", url, bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, out
}

// The real wiring: serve answers with the objects check --json prints,
// takes writes with its token, tells a command pointed at its store where
// it is, and on stopping releases the store and removes its note.
func TestServe(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "db")
	paths := writeExamples(t, filepath.Join(dir, "articles"))
	if _, stderr, code := run(t, "", "add", "--db", db, "-q", paths["flood/original"], paths["strike/original"], paths["flood/unrelated"]); code != 0 {
		t.Fatalf("add: %s", stderr)
	}
	cliOut, stderr, code := run(t, "", "check", "--db", db, "--json", paths["flood/spun"])
	if code != 0 {
		t.Fatalf("check: %s", stderr)
	}
	var cli engine.CheckResult
	if err := json.Unmarshal([]byte(cliOut), &cli); err != nil {
		t.Fatal(err)
	}
	tokenFile := filepath.Join(dir, "token")
	os.WriteFile(tokenFile, []byte("s3cret\n"), 0o600)

	url, stop := startServe(t, db, "--token-file", tokenFile)
	spun, _ := os.ReadFile(paths["flood/spun"])
	status, body := post(t, url+"/v1/check", "", map[string]any{"text": string(spun)})
	var api engine.CheckResult
	if err := json.Unmarshal(body, &api); status != 200 || err != nil {
		t.Fatalf("check over HTTP: %d %s", status, body)
	}
	cj, _ := json.Marshal(cli.Matches)
	aj, _ := json.Marshal(api.Matches)
	if !bytes.Equal(cj, aj) {
		t.Fatalf("the API's matches differ from check --json's:\n api %s\n cli %s", aj, cj)
	}

	// A command pointed at the store says where the server is.
	_, stderr, code = run(t, "", "check", "--db", db, paths["flood/spun"])
	if code != exitFailure || !strings.Contains(stderr, "held by wiretrace serve at "+url) {
		t.Fatalf("check while serving: exit %d: %s", code, stderr)
	}

	if status, body := post(t, url+"/v1/articles", "", map[string]any{"id": "late", "text": string(spun)}); status != 401 {
		t.Fatalf("add without token: %d %s", status, body)
	}
	if status, body := post(t, url+"/v1/articles", "s3cret", map[string]any{"id": "late", "text": "A ferry pier was approved in Port Alder on Thursday after two years of argument."}); status != 201 {
		t.Fatalf("add with token: %d %s", status, body)
	}

	code, logs := stop()
	if code != exitOK {
		t.Fatalf("serve exit %d: %s", code, logs)
	}
	for _, want := range []string{"msg=listening", "route=/v1/check", "status=200", "msg=\"shutting down"} {
		if !strings.Contains(logs, want) {
			t.Errorf("serve's log lacks %s:\n%s", want, logs)
		}
	}
	if _, err := os.Stat(filepath.Join(db, server.HolderFile)); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("holder file left behind: %v", err)
	}
	if out, stderr, code := run(t, "", "show", "--db", db, "late"); code != 0 || !strings.Contains(out, "Port Alder") {
		t.Fatalf("show after serve stopped: exit %d %s", code, stderr)
	}
}

func TestServeRefusals(t *testing.T) {
	db := filepath.Join(t.TempDir(), "db")
	t.Setenv(envToken, "")
	for _, args := range [][]string{
		{"serve", "--db", db, "--addr", "0.0.0.0:0"},
		{"serve", "--db", db, "--addr", "127.0.0.1:0", "--auth-reads"},
		{"serve", "--db", db, "--addr", "127.0.0.1:0", "--log-level", "loud"},
		{"serve", "--db", db, "--addr", "127.0.0.1:0", "--cached-texts", "-1"},
		{"serve", "--db", db, "--token-file", filepath.Join(t.TempDir(), "missing")},
	} {
		_, stderr, code := run(t, "", args...)
		if code != exitUsage {
			t.Errorf("%q: exit %d, want %d: %s", args, code, exitUsage, stderr)
		}
	}
	_, stderr, _ := run(t, "", "serve", "--db", db, "--addr", "0.0.0.0:0")
	if !strings.Contains(stderr, "without a token") {
		t.Errorf("refusal does not say why: %s", stderr)
	}
}
