package align

import (
	"encoding/json"
	"sync"
	"testing"

	"github.com/wiretrace/wiretrace/examples"
)

// TestConcurrentAlignments aligns the same prepared texts from many
// goroutines at once, as a check's cache and the families' workers share
// them: each text's seed and sentence indexes are made once, each
// alignment works in buffers of its own, and every result is the one a
// lone alignment gives. Run with -race to see the sharing checked too.
func TestConcurrentAlignments(t *testing.T) {
	var docs []*Doc
	for _, name := range []string{"flood/original", "flood/spun", "flood/independent", "strike/original", "strike/verbatim"} {
		b, err := examples.FS.ReadFile(name + ".txt")
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, NewDoc(string(b)))
	}
	// The expected results come from texts prepared apart, so that no
	// index is shared with the concurrent run.
	want := map[[2]int]string{}
	for i, a := range docs {
		for j, b := range docs {
			r, _ := json.Marshal(Defaults.Align(NewDoc(a.Text), NewDoc(b.Text)))
			want[[2]int{i, j}] = string(r)
		}
	}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := range 8 {
		wg.Go(func() {
			for k := range 3 * len(docs) * len(docs) {
				i, j := (k+g)%len(docs), (k/len(docs)+g)%len(docs)
				r, _ := json.Marshal(Defaults.Align(docs[i], docs[j]))
				if string(r) != want[[2]int{i, j}] {
					select {
					case errs <- docs[i].Text[:40] + " / " + docs[j].Text[:40]:
					default:
					}
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Errorf("alignment differs when run concurrently: %s", e)
	}
}
