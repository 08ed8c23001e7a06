package credit_test

import (
	"testing"

	"github.com/wiretrace/wiretrace/engine"
	"github.com/wiretrace/wiretrace/examples"
)

// TestNoCreditWhenNotDerived: independent and unrelated stories carry no
// credit comparison. The engine decides when to compare credits; this
// checks it through the engine's own Compare.
func TestNoCreditWhenNotDerived(t *testing.T) {
	for _, fam := range examples.Families {
		for _, name := range []string{"independent", "unrelated"} {
			c := engine.Compare(example(t, fam, "original"), example(t, fam, name))
			if c.Credit != nil || c.Quotes != nil {
				t.Errorf("%s/%s (%s): credit %v quotes %v, want none", fam, name, c.Relation, c.Credit, c.Quotes)
			}
		}
	}
}

func example(t *testing.T, family, name string) string {
	t.Helper()
	b, err := examples.FS.ReadFile(family + "/" + name + ".txt")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
