package engine

import (
	"context"
	"errors"

	"github.com/wiretrace/wiretrace"
)

// FamiliesStatus says how far the store's families (see UpdateFamilies)
// are behind its articles. Reading it changes nothing.
type FamiliesStatus struct {
	// Updated says the families were updated at least once.
	Updated bool `json:"updated"`
	// RebuildNeeded says the families kept were found by another version
	// or with other settings: the next update must rebuild them
	// (FamiliesOptions.Rebuild), and until then the stories listed are
	// those of the old ones.
	RebuildNeeded bool `json:"rebuild_needed"`
	// Unlinked counts the stored articles no update has linked yet: they
	// are in no family until the next one. It is counted up to the limit
	// FamiliesStatus is given; UnlinkedMore says there are more.
	Unlinked     int64 `json:"unlinked"`
	UnlinkedMore bool  `json:"unlinked_more,omitempty"`
	// UpToDate says every stored article is linked, under the current
	// settings: the stories are those an update would give.
	UpToDate bool `json:"up_to_date"`
}

// FamiliesStatus reports how far the store's families are behind its
// articles, counting the articles not linked yet up to limit (all of them
// when limit <= 0): each is read to be counted.
func (e *Engine) FamiliesStatus(ctx context.Context, limit int64) (FamiliesStatus, error) {
	var fs FamiliesStatus
	if e.store == nil {
		return fs, errNoStore
	}
	st, err := e.famState(ctx)
	if err != nil {
		return fs, err
	}
	fs.Updated = st.Version != 0
	fs.RebuildNeeded = fs.Updated && (st.Version != famVersion || st.Settings != e.famSettings())
	errLimit := errors.New("limit")
	err = e.store.Scan(ctx, st.Next, func(wiretrace.Article) error {
		if limit > 0 && fs.Unlinked == limit {
			fs.UnlinkedMore = true
			return errLimit
		}
		fs.Unlinked++
		return nil
	})
	if err != nil && !errors.Is(err, errLimit) {
		return fs, err
	}
	fs.UpToDate = fs.Updated && e.current(st) && fs.Unlinked == 0
	return fs, nil
}
