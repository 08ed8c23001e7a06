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

// reportCPU reports the CPU time the process used since start, per
// iteration, as cpu-ns/op. The machines these benchmarks run on are
// shared with other work: wall time (ns/op) counts the time others hold
// the CPU, CPU time far less so. Run with -cpu 1 so that it does not add
// a second core's garbage collection either.
func reportCPU(b *testing.B, start time.Duration) {
	if start == 0 {
		return
	}
	b.ReportMetric(float64(processCPU()-start)/float64(b.N), "cpu-ns/op")
}

// reportPerWord reports wall and CPU time per word, when each iteration
// handles words words.
func reportPerWord(b *testing.B, start time.Duration, words int) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*words), "ns/word")
	if start != 0 {
		b.ReportMetric(float64(processCPU()-start)/float64(b.N*words), "cpu-ns/word")
	}
}

func BenchmarkTokenize(b *testing.B) {
	s := newsText(b)
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	cpu := processCPU()
	for b.Loop() {
		Tokenize(s)
	}
	reportCPU(b, cpu)
}

func BenchmarkSentences(b *testing.B) {
	s := newsText(b)
	toks := Tokenize(s)
	b.ReportAllocs()
	cpu := processCPU()
	for b.Loop() {
		Sentences(s, toks)
	}
	reportCPU(b, cpu)
	reportPerWord(b, cpu, len(toks))
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
	cpu := processCPU()
	for b.Loop() {
		for _, st := range stems {
			Synsets(st)
		}
	}
	reportCPU(b, cpu)
	reportPerWord(b, cpu, len(stems))
}

func BenchmarkWordOf(b *testing.B) {
	norms := newsNorms(b)
	ws := make([]Word, len(norms))
	Synsets("warm") // a table made on first use is not timed
	b.ReportAllocs()
	cpu := processCPU()
	for b.Loop() {
		for i, n := range norms {
			ws[i] = WordOf(n)
		}
	}
	reportCPU(b, cpu)
	reportPerWord(b, cpu, len(norms))
}

func BenchmarkWords(b *testing.B) {
	toks := Tokenize(newsText(b))
	Synsets("warm")
	b.ReportAllocs()
	cpu := processCPU()
	for b.Loop() {
		Words(toks)
	}
	reportCPU(b, cpu)
	reportPerWord(b, cpu, len(toks))
}

// prepare is the per-text work before matching: the tokens and what
// matching needs of each.
func prepare(s string) ([]Token, []Word) {
	toks := Tokenize(s)
	return toks, Words(toks)
}

func BenchmarkPrepare(b *testing.B) {
	s := newsText(b)
	Synsets("warm")
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	cpu := processCPU()
	for b.Loop() {
		prepare(s)
	}
	reportCPU(b, cpu)
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
	cpu := processCPU()
	for b.Loop() {
		for _, s := range texts {
			prepare(s)
		}
	}
	reportCPU(b, cpu)
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
