package pebble

import (
	"context"
	"math/rand/v2"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/wiretrace/wiretrace"
)

// The read benchmarks share one store of benchArticles articles, built
// once per test binary run and removed by TestMain.
var (
	benchOnce  sync.Once
	benchDir   string
	benchStore *Store
	benchErr   error
)

const benchArticles = 100_000

func TestMain(m *testing.M) {
	code := m.Run()
	if benchStore != nil {
		benchStore.Close()
	}
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

// reportCPU reports the process's CPU time per operation since start,
// background threads included: on a shared machine it moves less than
// wall time.
func reportCPU(b *testing.B, start time.Duration) {
	if cpu := processCPU() - start; cpu > 0 {
		b.ReportMetric(float64(cpu.Microseconds())/float64(b.N), "cpu-µs/op")
	}
}

// BenchmarkAdd adds articles of 2 KB of text and 150 fingerprints, one at
// a time, to a store that starts empty. The time includes pebble's
// flushes and compactions, which run in other goroutines.
func BenchmarkAdd(b *testing.B) {
	s, err := openScheme(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	const chunk = 1024
	type item struct {
		a   wiretrace.Article
		fps []wiretrace.Fingerprint
	}
	items := make([]item, chunk)
	b.SetBytes(2048)
	b.ReportAllocs()
	b.ResetTimer()
	var cpu, generating time.Duration
	cpu = processCPU()
	for i := 0; i < b.N; i++ {
		if i%chunk == 0 {
			b.StopTimer()
			g := processCPU()
			for j := range items {
				items[j].a, items[j].fps = genArticle(i+j, benchID(i+j))
			}
			generating += processCPU() - g
			b.StartTimer()
		}
		it := &items[i%chunk]
		if _, err := s.Add(ctx, []wiretrace.Entry{{Article: it.a, Fingerprints: it.fps}}); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "adds/s")
	reportCPU(b, cpu+generating)
}

// openBenchStore returns the shared store of 100,000 generated articles,
// all in pebble's bottom level as in a store that has settled.
func openBenchStore(b *testing.B) *Store {
	benchOnce.Do(func() {
		start := time.Now()
		benchDir, benchErr = os.MkdirTemp("", "wiretrace-pebble-bench-")
		if benchErr != nil {
			return
		}
		if benchErr = bulkLoad(benchDir, benchArticles); benchErr != nil {
			return
		}
		benchStore, benchErr = openScheme(benchDir)
		size, _ := dirSize(benchDir)
		b.Logf("loaded %d articles in %v, %d MB on disk", benchArticles, time.Since(start).Round(time.Millisecond), size>>20)
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchStore
}

// benchQueries returns suspects like the ones the index checks: the 150
// fingerprints of a stored article, boilerplate included, and 150 found
// nowhere.
func benchQueries() [][]wiretrace.Fingerprint {
	r := rand.New(rand.NewPCG(99, 99))
	queries := make([][]wiretrace.Fingerprint, 64)
	for i := range queries {
		q := genFingerprintsFor(r.IntN(benchArticles))
		for range 150 {
			q = append(q, wiretrace.Fingerprint(r.Uint64()))
		}
		queries[i] = q
	}
	return queries
}

// BenchmarkCandidates looks up 300-fingerprint suspects among 100,000
// stored articles, skipping fingerprints posted to more than 1,000, with
// the candidates' appearances (as families read them) and without (as a
// check does).
func BenchmarkCandidates(b *testing.B) {
	s := openBenchStore(b)
	queries := benchQueries()
	ctx := context.Background()
	for _, c := range []struct {
		name string
		no   bool
	}{{"appearances", false}, {"no-appearances", true}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			b.ResetTimer()
			cpu := processCPU()
			for i := 0; i < b.N; i++ {
				got, err := s.Candidates(ctx, wiretrace.CandidateQuery{Fingerprints: queries[i%len(queries)], Limit: 20, MaxPostings: 1000, NoAppearances: c.no})
				if err != nil {
					b.Fatal(err)
				}
				// The boilerplate fingerprints are skipped; all the others
				// must be found in the source.
				if len(got) == 0 || got[0].Shared < genFingerprints-genBoilerplatePerArticle {
					b.Fatalf("the source of query %d was not found first: %+v", i%len(queries), got)
				}
			}
			b.StopTimer()
			reportCPU(b, cpu)
		})
	}
}

// BenchmarkGet reads articles by ID from the 100,000-article store.
func BenchmarkGet(b *testing.B) {
	s := openBenchStore(b)
	ctx := context.Background()
	r := rand.New(rand.NewPCG(5, 5))
	b.ReportAllocs()
	b.ResetTimer()
	cpu := processCPU()
	for i := 0; i < b.N; i++ {
		if _, err := s.Get(ctx, benchID(r.IntN(benchArticles))); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	reportCPU(b, cpu)
}
