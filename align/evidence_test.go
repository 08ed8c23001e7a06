package align

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wiretrace/wiretrace"
)

func evidenceText(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "evidence", name+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Two monthly reports written from one template carry different figures
// in the same places: not a copy of each other. The same report updated
// with one new figure still is.
func TestContradictingFactsAreNotEvidence(t *testing.T) {
	april, may := evidenceText(t, "prices-april"), evidenceText(t, "prices-may")
	if c := Compare(NewDoc(april), NewDoc(may)); c.Relation.Derived() {
		t.Errorf("template for another month: %s (evidence %+v), want not derived", c.Relation, c.Evidence)
	}
	if c := (func() wiretrace.Comparison {
		o := Defaults
		o.Contradictions = false
		return o.Compare(NewDoc(april), NewDoc(may))
	})(); !c.Relation.Derived() {
		t.Logf("without the rule the template is %s: the test no longer shows what the rule does", c.Relation)
	}
	updated := strings.Replace(april, "rose 0.2% in April", "rose 0.3% in April", 1)
	if c := Compare(NewDoc(april), NewDoc(updated)); c.Relation != wiretrace.Copy {
		t.Errorf("one figure updated: %s (evidence %+v), want copy", c.Relation, c.Evidence)
	}
}

// Two releases written to one formula name another body, bank, day and
// town in the same places, and the bank's name of four words faces one of
// three: not a copy of each other, though they agree on a year and a
// district. A release that gives the same bank's name in full is still a
// copy.
func TestNamesOfOtherLengthsContradict(t *testing.T) {
	orrin, marrow := evidenceText(t, "notes-orrin"), evidenceText(t, "notes-marrow")
	if c := Compare(NewDoc(orrin), NewDoc(marrow)); c.Relation.Derived() {
		t.Errorf("another issue to one formula: %s (evidence %+v), want not derived", c.Relation, c.Evidence)
	}
	full := strings.Replace(orrin, "Halden Brothers Securities", "Halden Brothers Securities Limited", 1)
	if c := Compare(NewDoc(orrin), NewDoc(full)); c.Relation != wiretrace.Copy {
		t.Errorf("the manager's name in full: %s (evidence %+v), want copy", c.Relation, c.Evidence)
	}
}

// Two offerings written to one formula share the words between their
// names and figures; each opens with its own company and ends its
// sentences with its own underwriters, outside the shared words. Not a
// copy of each other, either way round. The same notice with the
// underwriters' name cut short, or under a dateline, still is.
func TestNamesAtSentenceEndsContradict(t *testing.T) {
	calder, tamsin := evidenceText(t, "offer-calder"), evidenceText(t, "offer-tamsin")
	for _, pair := range [][2]string{{calder, tamsin}, {tamsin, calder}} {
		if c := Compare(NewDoc(pair[0]), NewDoc(pair[1])); c.Relation.Derived() {
			t.Errorf("another company's offering: %s (evidence %+v), want not derived", c.Relation, c.Evidence)
		}
	}
	for _, copied := range []string{
		strings.Replace(calder, "Pellow Hart and Company", "Pellow Hart", 1),
		"NEW YORK, May 4 (Harbour Wire) - " + calder,
	} {
		if c := Compare(NewDoc(calder), NewDoc(copied)); c.Relation != wiretrace.Copy {
			t.Errorf("%q: %s (evidence %+v), want copy", copied[:40], c.Relation, c.Evidence)
		}
	}
}

// Two reports of one event quote the mayor in single quotation marks,
// with the same attribution, and the council's statement introduced as
// quoted ("said in a statement that"); the rest is their own.
func TestSharedStatementsAreNotEvidence(t *testing.T) {
	mayor, traders := evidenceText(t, "market-mayor"), evidenceText(t, "market-traders")
	c := Compare(NewDoc(mayor), NewDoc(traders))
	if c.Relation.Derived() {
		t.Errorf("independent reports sharing a statement: %s (evidence %+v), want related", c.Relation, c.Evidence)
	}
	d := NewDoc(traders)
	for _, phrase := range []string{"emergency grants", "stone by stone", "issued by the town hall"} {
		at := strings.Index(traders, phrase)
		for k, tk := range d.Toks {
			if tk.Start >= at && tk.End <= at+len(phrase) && !d.quoted[k] {
				t.Errorf("%q: word %q not taken as quoted", phrase, tk.Norm)
			}
		}
	}
	for _, own := range []string{"Stallholders", "clearing mud"} {
		at := strings.Index(traders, own)
		for k, tk := range d.Toks {
			if tk.Start == at && d.quoted[k] {
				t.Errorf("%q taken as quoted", own)
			}
		}
	}
	// "The statement reads:" quotes the rest of the paragraph, and the
	// sentence it opens is then the quote's.
	s := NewDoc("The port authority issued a statement on Monday. The statement reads: ships will dock at night from May.\n\nCrews said they had not been told.")
	for k, tk := range s.Toks {
		want := tk.Start >= strings.Index(s.Text, "The statement") && tk.Start < strings.Index(s.Text, "Crews")
		if s.quoted[k] != want {
			t.Errorf("%q quoted %v, want %v", tk.Norm, s.quoted[k], want)
		}
	}
}

// Two filings written to one formula name another company before the
// words they share, another amount and another underwriter; the names the
// formula holds (the Securities and Exchange Commission) agree. They are
// two stories, while a copy of one filing with its headline figure
// corrected stays a copy.
func TestFilingsOfOtherCompaniesContradict(t *testing.T) {
	brennock, orvel := evidenceText(t, "filing-brennock"), evidenceText(t, "filing-orvel")
	if c := Compare(NewDoc(brennock), NewDoc(orvel)); c.Relation.Derived() {
		t.Errorf("another company's filing: %s (evidence %+v), want not derived", c.Relation, c.Evidence)
	}
	corrected := strings.Replace(brennock, "60 mln", "65 mln", 1)
	if c := Compare(NewDoc(brennock), NewDoc(corrected)); c.Relation != wiretrace.Copy {
		t.Errorf("the amount corrected: %s (evidence %+v), want copy", c.Relation, c.Evidence)
	}
	dated := "SEATTLE, June 2 (Harbour Wire) - " + brennock
	if c := Compare(NewDoc(brennock), NewDoc(dated)); c.Relation != wiretrace.Copy {
		t.Errorf("under a dateline: %s (evidence %+v), want copy", c.Relation, c.Evidence)
	}
}
