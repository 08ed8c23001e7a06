package main

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/wiretrace/wiretrace/examples"
	"github.com/wiretrace/wiretrace/warc"
)

// benchPages is how many HTML pages the add benchmark's crawl holds.
var benchPages = envInt("WIRETRACE_BENCH_PAGES", 10_000)

func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}

// writeBenchCrawl writes a WARC.gz of n news pages, each a request and an
// HTML response record as crawlers write them, with text made from the
// example articles' vocabulary (fixed seed: the same file every time).
// It returns the file's size.
func writeBenchCrawl(tb testing.TB, path string, n int) int64 {
	tb.Helper()
	var vocab []string
	seen := map[string]bool{}
	entries, _ := examples.FS.ReadDir("flood")
	for _, fam := range examples.Families {
		for _, e := range entries {
			b, err := examples.FS.ReadFile(fam + "/" + e.Name())
			if err != nil {
				continue
			}
			for _, w := range strings.Fields(string(b)) {
				w = strings.Trim(w, `.,;:"'()“”‘’`)
				if len(w) > 1 && !seen[w] {
					seen[w] = true
					vocab = append(vocab, w)
				}
			}
		}
	}
	slices.Sort(vocab)
	rng := rand.New(rand.NewPCG(1, 2))
	zipf := rand.NewZipf(rng, 1.1, 2, uint64(len(vocab)-1))
	sentence := func() string {
		words := make([]string, 12+rng.IntN(16))
		for i := range words {
			words[i] = vocab[zipf.Uint64()]
		}
		words[0] = strings.ToUpper(words[0][:1]) + words[0][1:]
		return strings.Join(words, " ") + "."
	}
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	w := warc.NewWriter(bw, true)
	date := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	var page strings.Builder
	for i := range n {
		page.Reset()
		title := sentence()
		fmt.Fprintf(&page, `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>%s | Site %d</title>
<link rel="canonical" href="https://www.site%d.example/news/%d">
<meta property="article:published_time" content="%s">
<script>window.ads = {slot: "top"};</script></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<div class="cookie-banner">We use cookies to improve your experience.</div>
<main><article><h1>%s</h1><p class="byline">By Reporter %d</p>
`, title, i%500, i%500, i, date.Add(time.Duration(i)*time.Minute).Format(time.RFC3339), title, i%97)
		for p := range 8 + rng.IntN(8) {
			page.WriteString("<p>")
			for range 2 + rng.IntN(4) {
				page.WriteString(sentence() + " ")
			}
			page.WriteString("</p>\n")
			if p == 2 {
				page.WriteString(`<div class="ad-slot"><p>Advertisement</p></div>` + "\n")
			}
		}
		page.WriteString(`</article></main><aside class="related"><h3>Most read</h3><ul><li><a href="/a">Another story</a></li></ul></aside>
<section class="comments"><p>Reader comment one.</p></section><footer>© 2026 Site</footer></body></html>`)
		uri := fmt.Sprintf("https://www.site%d.example/news/%d", i%500, i)
		when := date.Add(time.Duration(i) * time.Second)
		if err := w.WriteRequest(uri, when, []byte("GET /news HTTP/1.1\r\nHost: example\r\n\r\n")); err != nil {
			tb.Fatal(err)
		}
		body := page.String()
		resp := "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " + strconv.Itoa(len(body)) + "\r\n\r\n" + body
		if err := w.WriteResponse(uri, when, []byte(resp)); err != nil {
			tb.Fatal(err)
		}
	}
	if err := bw.Flush(); err != nil {
		tb.Fatal(err)
	}
	fi, _ := f.Stat()
	f.Close()
	return fi.Size()
}

// BenchmarkAddWARC measures `wiretrace add` of a generated WARC.gz of
// benchPages HTML pages into a fresh store, in a child process so that its
// peak RSS is add's alone. It reports articles/s, MB/s of compressed
// input, articles per CPU-second and the child's peak RSS, with one worker
// and with one per CPU. WIRETRACE_BENCH_PAGES changes the number of pages.
//
//	go test -run '^$' -bench AddWARC -benchtime 1x ./cmd/wiretrace
func BenchmarkAddWARC(b *testing.B) {
	dir := b.TempDir()
	crawl := filepath.Join(dir, "crawl.warc.gz")
	size := writeBenchCrawl(b, crawl, benchPages)
	for _, workers := range []int{1, 0} {
		name := "workers=" + strconv.Itoa(workers)
		if workers == 0 {
			name = "workers=all"
		}
		b.Run(name, func(b *testing.B) {
			var elapsed, cpu time.Duration
			var maxRSS int64
			for i := range b.N {
				db := filepath.Join(dir, fmt.Sprintf("db-%s-%d", name, i))
				cmd := exec.Command(os.Args[0], "-test.run=^$")
				cmd.Env = append(os.Environ(), crashEnv+"="+strings.Join([]string{"add", "--db", db, "-q", "--workers", strconv.Itoa(workers), crawl}, "\x1f"))
				var stderr strings.Builder
				cmd.Stderr = &stderr
				start := time.Now()
				if err := cmd.Run(); err != nil {
					b.Fatalf("add: %v\n%s", err, stderr.String())
				}
				elapsed += time.Since(start)
				if !strings.Contains(stderr.String(), fmt.Sprintf("%d added", benchPages)) {
					b.Fatalf("add did not add %d articles: %s", benchPages, stderr.String())
				}
				if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
					maxRSS = max(maxRSS, ru.Maxrss*1024)
				}
				cpu += cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
				os.RemoveAll(db)
			}
			secs := elapsed.Seconds() / float64(b.N)
			b.ReportMetric(float64(benchPages)/secs, "articles/s")
			b.ReportMetric(float64(size)/1e6/secs, "MB/s")
			b.ReportMetric(float64(maxRSS)/(1<<20), "peak-RSS-MiB")
			// Articles per CPU-second does not depend on what else the
			// machine is running.
			b.ReportMetric(float64(benchPages)*float64(b.N)/cpu.Seconds(), "articles/cpu-s")
			b.ReportMetric(0, "ns/op")
		})
	}
}
