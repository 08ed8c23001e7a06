package text

import (
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/zeebo/xxh3"
)

// corpusRoot is the evaluation corpora's folder beside the repository (the
// rule of internal/corpus.DataDir, which this package cannot import):
// $WIRETRACE_DATA, else shared/data beside the module.
var corpusRoot = func() string {
	if d := os.Getenv("WIRETRACE_DATA"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "shared", "data")
}()

// corpusFiles returns up to max .txt files under dir in a fixed order, and
// skips the test when dir is absent: a plain go test needs no corpora.
func corpusFiles(tb testing.TB, dir string, max int) []string {
	tb.Helper()
	if _, err := os.Stat(dir); err != nil {
		tb.Skipf("corpus folder %s not found: %v", dir, err)
	}
	var files []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(path, ".txt") && len(files) < max {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	slices.Sort(files)
	return files
}

// newsText is a fictional 630-word wire story in the shape of real ones:
// headline, byline, dateline, quotes in curly marks, numbers, names.
func newsText(tb testing.TB) string {
	tb.Helper()
	b, err := os.ReadFile("testdata/news.txt")
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

func BenchmarkTokenize(b *testing.B) {
	s := newsText(b)
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		Tokenize(s)
	}
}

func BenchmarkNormalize(b *testing.B) {
	words := []string{"harbour", "Harbour", "FERRY", "authority\u2019s", "Caf\u00e9", "co\u00adoperate"}
	for _, w := range words {
		b.Run(w, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Normalize(w)
			}
		})
	}
}

// newsNorms returns the Norm of every token of the news text, in order:
// the Zipfian mix of words the per-word functions see.
func newsNorms(tb testing.TB) []string {
	var norms []string
	for _, t := range Tokenize(newsText(tb)) {
		norms = append(norms, t.Norm)
	}
	return norms
}

func BenchmarkSynsets(b *testing.B) {
	var stems []string
	for _, n := range newsNorms(b) {
		stems = append(stems, Stem(n))
	}
	Synsets("warm") // the table is built before timing
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, st := range stems {
			Synsets(st)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(stems)), "ns/word")
}

// wordInfo is what matching needs of each word, computed as align.NewDoc
// and fingerprint.Of compute it.
type wordInfo struct {
	stem    string
	hash    uint64
	stop    bool
	synsets []uint32
}

func infoOf(norm string) wordInfo {
	st := Stem(norm)
	return wordInfo{st, xxh3.HashString(st), IsStopword(norm), Synsets(st)}
}

func BenchmarkWordOf(b *testing.B) {
	norms := newsNorms(b)
	Synsets("warm")
	b.ReportAllocs()
	b.ResetTimer()
	var sink uint64
	for b.Loop() {
		for _, n := range norms {
			sink += infoOf(n).hash
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(norms)), "ns/word")
	_ = sink
}

// prepare is the per-text work before matching: tokens and, for each, what
// matching needs.
func prepare(s string) ([]Token, []wordInfo) {
	toks := Tokenize(s)
	info := make([]wordInfo, len(toks))
	for i, t := range toks {
		info[i] = infoOf(t.Norm)
	}
	return toks, info
}

func BenchmarkPrepare(b *testing.B) {
	s := newsText(b)
	Synsets("warm")
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		prepare(s)
	}
}

// BenchmarkPrepareCorpus prepares 500 BBC News articles, when the corpora
// are beside the project.
func BenchmarkPrepareCorpus(b *testing.B) {
	var texts []string
	var size int64
	for _, f := range corpusFiles(b, filepath.Join(corpusRoot, "bbc-news-summary", "articles"), 500) {
		raw, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, string(raw))
		size += int64(len(raw))
	}
	Synsets("warm")
	b.SetBytes(size)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, s := range texts {
			prepare(s)
		}
	}
}

// BenchmarkSynsetsFirstCall times the first Synsets call of a fresh
// process, which pays for whatever the table needs before its first answer.
// Each iteration starts this test binary again; ns/op is the first call's
// time as the child measured it, not the process start.
func BenchmarkSynsetsFirstCall(b *testing.B) {
	var total time.Duration
	for b.Loop() {
		cmd := exec.Command(os.Args[0], "-test.run=^TestSynsetsFirstCallChild$", "-test.v")
		cmd.Env = append(os.Environ(), "TEXT_FIRST_SYNSETS_CHILD=1")
		out, err := cmd.CombinedOutput()
		if err != nil {
			b.Fatalf("child: %v\n%s", err, out)
		}
		_, after, ok := strings.Cut(string(out), "first call ns: ")
		if !ok {
			b.Fatalf("child printed no time:\n%s", out)
		}
		ns, err := strconv.ParseInt(strings.Fields(after)[0], 10, 64)
		if err != nil {
			b.Fatal(err)
		}
		total += time.Duration(ns)
	}
	b.ReportMetric(float64(total.Nanoseconds())/float64(b.N), "ns/op")
}

// TestSynsetsFirstCallChild is BenchmarkSynsetsFirstCall's child process.
func TestSynsetsFirstCallChild(t *testing.T) {
	if os.Getenv("TEXT_FIRST_SYNSETS_CHILD") == "" {
		t.Skip("run by BenchmarkSynsetsFirstCall in a fresh process")
	}
	start := time.Now()
	sets := Synsets("said")
	d := time.Since(start)
	if len(sets) == 0 {
		t.Fatal(`Synsets("said") is empty`)
	}
	fmt.Printf("first call ns: %d\n", d.Nanoseconds())
}
