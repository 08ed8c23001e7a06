package storetest_test

import (
	"bytes"
	"cmp"
	"context"
	"math"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/internal/storetest"
)

// memStore is the plainest reading of the Store contract: it keeps
// everything in maps. It exists to check the suite itself. A non-empty
// mutant breaks one rule on purpose, to prove the suite notices. Stores
// opened on one location share a memBacking, so that reopening finds what
// was written.
type memStore struct {
	mutant string
	*memBacking
}

type memBacking struct {
	mu       sync.Mutex
	scheme   string
	seq      uint64
	articles map[string]wiretrace.Article
	// appeared maps an appearance's ID to its article's.
	appeared map[string]string
	seqs     map[string]uint64
	fps      map[string][]wiretrace.Fingerprint
	postings map[wiretrace.Fingerprint]map[string]bool
	notes    map[string][]byte
}

func newMemBacking() *memBacking {
	return &memBacking{
		articles: map[string]wiretrace.Article{},
		appeared: map[string]string{},
		seqs:     map[string]uint64{},
		fps:      map[string][]wiretrace.Fingerprint{},
		postings: map[wiretrace.Fingerprint]map[string]bool{},
		notes:    map[string][]byte{},
	}
}

func distinct(fps []wiretrace.Fingerprint) []wiretrace.Fingerprint {
	fps = slices.Clone(fps)
	slices.Sort(fps)
	return slices.Compact(fps)
}

func (m *memStore) Add(ctx context.Context, entries []wiretrace.Entry) ([]wiretrace.AddResult, error) {
	if err := ctx.Err(); err != nil && m.mutant != "ignore-context" {
		return nil, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]wiretrace.AddResult, len(entries))
	for i, e := range entries {
		out[i] = m.add(e.Article, e.Fingerprints)
	}
	return out, nil
}

func (m *memStore) add(a wiretrace.Article, fps []wiretrace.Fingerprint) wiretrace.AddResult {
	if strings.TrimSpace(a.Text) == "" {
		return wiretrace.AddResult{Err: wiretrace.ErrEmptyText}
	}
	if a.ID == "" {
		return wiretrace.AddResult{Err: wiretrace.ErrEmptyID}
	}
	if m.mutant != "duplicate-stored" {
		for id, b := range m.articles {
			if b.Text != a.Text {
				continue
			}
			if a.ID == id || m.appeared[a.ID] == id || m.mutant == "no-appearances" {
				return wiretrace.AddResult{ID: id, Duplicate: true}
			}
			if _, taken := m.articles[a.ID]; taken || m.appeared[a.ID] != "" {
				return wiretrace.AddResult{Err: wiretrace.ErrIDConflict}
			}
			ap := wiretrace.AppearanceOf(a)
			for _, t := range []*time.Time{&ap.Published, &ap.FirstSeen} {
				if !t.IsZero() {
					*t = t.UTC()
				}
			}
			b.Appearances = append(b.Appearances, ap)
			m.articles[id] = b
			m.appeared[a.ID] = id
			return wiretrace.AddResult{ID: id, Duplicate: true, Appeared: true}
		}
	}
	if _, ok := m.articles[a.ID]; (ok || m.appeared[a.ID] != "") && m.mutant != "overwrite-id" {
		return wiretrace.AddResult{Err: wiretrace.ErrIDConflict}
	}
	a.Appearances = nil
	for _, t := range []*time.Time{&a.Published, &a.FirstSeen} {
		if !t.IsZero() && m.mutant != "keep-zone" {
			*t = t.UTC()
		}
	}
	if m.mutant == "trim-text" {
		a.Text = strings.TrimSpace(a.Text)
	}
	m.articles[a.ID] = a
	m.seq++
	m.seqs[a.ID] = m.seq
	if m.mutant == "reuse-seq" {
		m.seqs[a.ID] = uint64(len(m.articles))
	}
	if m.mutant != "count-raw-fingerprints" {
		fps = distinct(fps)
	}
	m.fps[a.ID] = fps
	for _, fp := range fps {
		if m.postings[fp] == nil {
			m.postings[fp] = map[string]bool{}
		}
		m.postings[fp][a.ID] = true
	}
	return wiretrace.AddResult{ID: a.ID}
}

func (m *memStore) Get(ctx context.Context, id string) (wiretrace.Article, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if main := m.appeared[id]; main != "" {
		id = main
	}
	a, ok := m.articles[id]
	if !ok {
		return wiretrace.Article{}, wiretrace.ErrNotFound
	}
	a.Seq = m.seqs[id]
	return a, nil
}

func (m *memStore) Appearances(ctx context.Context, id string) (uint64, []wiretrace.Appearance, error) {
	a, err := m.Get(ctx, id)
	return a.Seq, a.Appearances, err
}

func (m *memStore) FindText(ctx context.Context, text string) (wiretrace.Article, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for id, a := range m.articles {
		if a.Text == text {
			a.Seq = m.seqs[id]
			return a, nil
		}
	}
	return wiretrace.Article{}, wiretrace.ErrNotFound
}

func (m *memStore) Scan(ctx context.Context, from uint64, fn func(wiretrace.Article) error) error {
	m.mu.Lock()
	var all []wiretrace.Article
	for id, a := range m.articles {
		a.Seq = m.seqs[id]
		if a.Seq >= from {
			all = append(all, a)
		}
	}
	m.mu.Unlock()
	slices.SortFunc(all, func(a, b wiretrace.Article) int {
		if m.mutant == "scan-by-id" {
			return strings.Compare(a.ID, b.ID)
		}
		return cmp.Compare(a.Seq, b.Seq)
	})
	for _, a := range all {
		if err := fn(a); err != nil {
			return err
		}
	}
	return nil
}

func (m *memStore) Remove(ctx context.Context, id string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if main := m.appeared[id]; main != "" {
		a := m.articles[main]
		a.Appearances = slices.DeleteFunc(slices.Clone(a.Appearances), func(ap wiretrace.Appearance) bool { return ap.ID == id })
		m.articles[main] = a
		delete(m.appeared, id)
		return nil
	}
	a, ok := m.articles[id]
	if !ok {
		return wiretrace.ErrNotFound
	}
	if m.mutant != "keep-appearances" {
		for _, ap := range a.Appearances {
			delete(m.appeared, ap.ID)
		}
	}
	if m.mutant != "remove-keeps-postings" {
		for _, fp := range m.fps[id] {
			delete(m.postings[fp], id)
		}
	}
	delete(m.articles, id)
	delete(m.fps, id)
	return nil
}

func (m *memStore) Candidates(ctx context.Context, q wiretrace.CandidateQuery) ([]wiretrace.Candidate, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	fps := q.Fingerprints
	if m.mutant != "count-query-twice" {
		fps = distinct(fps)
	}
	maxPostings := q.MaxPostings
	if maxPostings <= 0 {
		maxPostings = math.MaxInt
	}
	shared := map[string]int{}
	for _, fp := range fps {
		if len(m.postings[fp]) > maxPostings && m.mutant != "no-max-postings" {
			continue
		}
		for id := range m.postings[fp] {
			shared[id]++
		}
	}
	var out []wiretrace.Candidate
	for id, n := range shared {
		if n < q.MinShared && m.mutant != "no-min-shared" {
			continue
		}
		if q.Before > 0 && m.seqs[id] >= q.Before && m.mutant != "no-before" {
			continue
		}
		a := m.articles[id]
		a.Seq = m.seqs[id]
		out = append(out, wiretrace.Candidate{Article: a, Seq: m.seqs[id], Shared: n, Fingerprints: len(m.fps[id])})
	}
	slices.SortFunc(out, func(a, b wiretrace.Candidate) int {
		if m.mutant == "ties-by-id" {
			return cmp.Or(cmp.Compare(b.Shared, a.Shared), strings.Compare(a.Article.ID, b.Article.ID))
		}
		return cmp.Or(cmp.Compare(b.Shared, a.Shared), cmp.Compare(a.Seq, b.Seq))
	})
	if len(out) > q.Limit && m.mutant != "no-limit" {
		out = out[:max(q.Limit, 0)]
	}
	return out, nil
}

func (m *memStore) Bylines(ctx context.Context, name string, limit int) ([]wiretrace.BylineUse, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	key := wiretrace.BylineKey(name)
	if key == "" {
		return nil, nil
	}
	counts := map[string]int{}
	for _, a := range m.articles {
		for _, n := range wiretrace.BylineKeys(a.Byline) {
			if n == key || m.mutant == "bylines-prefix" && strings.HasPrefix(n, key) {
				counts[a.Site]++
				if m.mutant != "bylines-each-name" {
					break
				}
			}
		}
		if m.mutant == "bylines-each-name" {
			for _, n := range a.Byline {
				if wiretrace.BylineKey(n) == key {
					counts[a.Site]++
				}
			}
		}
	}
	var out []wiretrace.BylineUse
	for site, n := range counts {
		out = append(out, wiretrace.BylineUse{Site: site, Articles: n})
	}
	slices.SortFunc(out, func(a, b wiretrace.BylineUse) int {
		return cmp.Or(cmp.Compare(b.Articles, a.Articles), strings.Compare(a.Site, b.Site))
	})
	return out[:min(max(limit, 0), len(out))], nil
}

func (m *memStore) Sites(ctx context.Context) ([]wiretrace.SiteStats, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	counts := map[string]int64{}
	for _, a := range m.articles {
		counts[a.Site]++
		for _, ap := range a.Appearances {
			counts[ap.Site]++
		}
	}
	if m.mutant == "sites-keep-removed" {
		counts["removed.example"]++
	}
	var out []wiretrace.SiteStats
	for site, n := range counts {
		out = append(out, wiretrace.SiteStats{Site: site, Articles: n})
	}
	slices.SortFunc(out, func(a, b wiretrace.SiteStats) int {
		return cmp.Or(cmp.Compare(b.Articles, a.Articles), strings.Compare(a.Site, b.Site))
	})
	return out, nil
}

func (m *memStore) Stats(ctx context.Context) (wiretrace.Stats, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	st := wiretrace.Stats{Articles: int64(len(m.articles)), Bytes: 1, Scheme: m.scheme}
	for _, a := range m.articles {
		for _, r := range []struct {
			t        time.Time
			min, max *time.Time
		}{{a.FirstSeen, &st.FirstSeenMin, &st.FirstSeenMax}, {a.Published, &st.PublishedMin, &st.PublishedMax}} {
			if r.t.IsZero() {
				continue
			}
			if r.min.IsZero() || r.t.Before(*r.min) {
				*r.min = r.t
			}
			if r.max.IsZero() || r.t.After(*r.max) && m.mutant != "stats-first-max" {
				*r.max = r.t
			}
		}
	}
	return st, nil
}

func (m *memStore) PutNotes(ctx context.Context, notes []wiretrace.Note) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, n := range notes {
		if n.Value == nil && m.mutant != "keep-deleted-notes" {
			delete(m.notes, n.Key)
		} else {
			m.notes[n.Key] = slices.Clone(n.Value)
		}
	}
	return nil
}

func (m *memStore) GetNote(ctx context.Context, key string) ([]byte, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	v, ok := m.notes[key]
	return v, ok, nil
}

func (m *memStore) ScanNotes(ctx context.Context, prefix string, fn func(string, []byte) error) error {
	m.mu.Lock()
	var keys []string
	for k := range m.notes {
		if strings.HasPrefix(k, prefix) {
			keys = append(keys, k)
		}
	}
	m.mu.Unlock()
	slices.Sort(keys)
	for _, k := range keys {
		m.mu.Lock()
		v := m.notes[k]
		m.mu.Unlock()
		if err := fn(k, v); err != nil {
			return err
		}
	}
	return nil
}

func (m *memStore) Sync() error  { return nil }
func (m *memStore) Close() error { return nil }

const mutantEnv = "STORETEST_MUTANT"

func TestMemStore(t *testing.T) {
	mutant := os.Getenv(mutantEnv)
	storetest.Run(t, func(t *testing.T) func(wiretrace.Scheme) (wiretrace.Store, error) {
		b := newMemBacking()
		return func(scheme wiretrace.Scheme) (wiretrace.Store, error) {
			b.mu.Lock()
			defer b.mu.Unlock()
			if b.scheme == "" {
				b.scheme = scheme.Name
			}
			if b.scheme != scheme.Name && mutant != "any-scheme" {
				return nil, wiretrace.ErrScheme
			}
			return &memStore{mutant: mutant, memBacking: b}, nil
		}
	})
}

// TestSuiteCatchesMutants runs the suite against stores that each break one
// rule of the contract, in a child test process, and checks that the suite
// fails in the subtest that guards the rule.
func TestSuiteCatchesMutants(t *testing.T) {
	if os.Getenv(mutantEnv) != "" {
		t.Skip("inside a mutant run")
	}
	if testing.Short() {
		t.Skip("starts one test process per mutant")
	}
	mutants := map[string]string{
		"ignore-context":         "CancelledAdd",
		"duplicate-stored":       "Duplicate",
		"overwrite-id":           "IDConflict",
		"keep-zone":              "RoundTrip",
		"trim-text":              "RoundTrip",
		"count-raw-fingerprints": "CandidatesDuplicateQuery",
		"remove-keeps-postings":  "Remove",
		"count-query-twice":      "CandidatesDuplicateQuery",
		"no-max-postings":        "CandidatesMaxPostings",
		"ties-by-id":             "CandidatesRanking",
		"reuse-seq":              "Reopen",
		"sites-keep-removed":     "Sites",
		"any-scheme":             "OtherScheme",
		"stats-first-max":        "Stats",
		"no-min-shared":          "CandidatesRanking",
		"no-before":              "CandidatesRanking",
		"no-appearances":         "Appearances",
		"keep-appearances":       "Appearances",
		"keep-deleted-notes":     "Notes",
		"scan-by-id":             "Scan",
		"no-limit":               "CandidatesLimit",
		"bylines-prefix":         "Bylines",
		"bylines-each-name":      "Bylines",
	}
	for mutant, subtest := range mutants {
		t.Run(mutant, func(t *testing.T) {
			t.Parallel()
			cmd := exec.Command(os.Args[0], "-test.run=^TestMemStore$", "-test.v")
			cmd.Env = append(os.Environ(), mutantEnv+"="+mutant)
			var out bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &out
			done := make(chan error, 1)
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			go func() { done <- cmd.Wait() }()
			select {
			case err := <-done:
				if err == nil {
					t.Fatalf("the suite passed a store that breaks %q", mutant)
				}
			case <-time.After(time.Minute):
				_ = cmd.Process.Kill()
				t.Fatal("mutant run timed out")
			}
			if want := "--- FAIL: TestMemStore/" + subtest + " "; !strings.Contains(out.String(), want) {
				t.Errorf("mutant %q: output lacks %q:\n%s", mutant, want, out.String())
			}
		})
	}
}
