package eval

import (
	"cmp"
	"context"
	"slices"
	"sync"

	"github.com/wiretrace/wiretrace"
)

// memStore is a small in-memory wiretrace.Store for tests on made-up
// corpora; the command runs the evaluations on the embedded store.
type memStore struct {
	mu       sync.Mutex
	articles map[string]wiretrace.Article
	fps      map[string][]wiretrace.Fingerprint
	postings map[wiretrace.Fingerprint][]string
}

func newMemStore() *memStore {
	return &memStore{
		articles: map[string]wiretrace.Article{},
		fps:      map[string][]wiretrace.Fingerprint{},
		postings: map[wiretrace.Fingerprint][]string{},
	}
}

func (m *memStore) Add(_ context.Context, a wiretrace.Article, fps []wiretrace.Fingerprint) (wiretrace.AddResult, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if a.Text == "" {
		return wiretrace.AddResult{}, wiretrace.ErrEmptyText
	}
	for id, b := range m.articles {
		if b.Text == a.Text {
			return wiretrace.AddResult{ID: id, Duplicate: true}, nil
		}
	}
	if _, ok := m.articles[a.ID]; ok {
		return wiretrace.AddResult{}, wiretrace.ErrIDConflict
	}
	m.articles[a.ID] = a
	fps = slices.Clone(fps)
	slices.Sort(fps)
	fps = slices.Compact(fps)
	m.fps[a.ID] = fps
	for _, f := range fps {
		m.postings[f] = append(m.postings[f], a.ID)
	}
	return wiretrace.AddResult{ID: a.ID}, nil
}

func (m *memStore) Get(_ context.Context, id string) (wiretrace.Article, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	a, ok := m.articles[id]
	if !ok {
		return a, wiretrace.ErrNotFound
	}
	return a, nil
}

func (m *memStore) Remove(context.Context, string) error { panic("not used") }

func (m *memStore) Bylines(context.Context, string, int) ([]wiretrace.BylineUse, error) {
	return nil, nil
}

func (m *memStore) Candidates(_ context.Context, fps []wiretrace.Fingerprint, limit, maxPostings int) ([]wiretrace.Candidate, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	fps = slices.Clone(fps)
	slices.Sort(fps)
	fps = slices.Compact(fps)
	shared := map[string]int{}
	for _, f := range fps {
		if ids := m.postings[f]; len(ids) <= maxPostings {
			for _, id := range ids {
				shared[id]++
			}
		}
	}
	var out []wiretrace.Candidate
	for id, n := range shared {
		out = append(out, wiretrace.Candidate{ID: id, Shared: n, Fingerprints: len(m.fps[id])})
	}
	slices.SortFunc(out, func(a, b wiretrace.Candidate) int {
		return cmp.Or(cmp.Compare(b.Shared, a.Shared), cmp.Compare(a.ID, b.ID))
	})
	if len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

func (m *memStore) Stats(context.Context) (wiretrace.Stats, error) {
	return wiretrace.Stats{Articles: int64(len(m.articles))}, nil
}

func (m *memStore) Sync() error  { return nil }
func (m *memStore) Close() error { return nil }
