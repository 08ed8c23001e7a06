package postgres

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/internal/pgtest"
	"github.com/wiretrace/wiretrace/internal/storetest"
)

// Shorthands for the test helpers.
var (
	testURL     = pgtest.URL
	withSchema  = pgtest.WithSchema
	freshSchema = pgtest.Schema
	execSQL     = pgtest.Exec
	freshStore  = pgtest.Store
)

// verify runs Verify and turns its problems into an error.
func verify(s *Store) error {
	v, err := s.Verify(context.Background())
	if err != nil {
		return err
	}
	if len(v.Problems) > 0 {
		return errors.New(strings.Join(v.Problems, "\n"))
	}
	return nil
}

func TestStore(t *testing.T) {
	base := testURL(t)
	runVerified(t, func(t *testing.T) (string, func(wiretrace.Scheme) (*Store, error)) {
		loc := withSchema(t, base, freshSchema(t, base))
		return loc, func(scheme wiretrace.Scheme) (*Store, error) { return Open(loc, scheme) }
	})
}

// runVerified runs the conformance suite on the stores newStore makes
// (their location and how to open them), and checks that every test of
// the suite leaves its store consistent.
func runVerified(t *testing.T, newStore func(t *testing.T) (string, func(wiretrace.Scheme) (*Store, error))) {
	storetest.Run(t, func(t *testing.T) func(wiretrace.Scheme) (wiretrace.Store, error) {
		loc, open := newStore(t)
		var last wiretrace.Scheme
		t.Cleanup(func() {
			if last.Name == "" {
				return // never opened
			}
			s, err := Open(loc, last, MustExist())
			if err != nil {
				if !errors.Is(err, wiretrace.ErrNoStore) {
					t.Errorf("reopen to verify: %v", err)
				}
				return
			}
			defer s.Close()
			if err := verify(s); err != nil {
				t.Errorf("store inconsistent after the test: %v", err)
			}
		})
		return func(scheme wiretrace.Scheme) (wiretrace.Store, error) {
			s, err := open(scheme)
			if err != nil {
				return nil, err
			}
			last = scheme
			return s, nil
		}
	})
}
