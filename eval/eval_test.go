package eval

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/wiretrace/wiretrace/fingerprint"
	"github.com/wiretrace/wiretrace/pebble"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/internal/corpus"
)

// Made-up texts for the small corpora below.
const (
	harbourWire = `HARBOUR MASTER FINED
A harbour master who let a leaking fuel barge moor beside a children's sailing club was fined 4,000 pounds at Portwell Magistrates Court today.
Gareth Illingworth, 52, admitted failing to inspect the barge Morwenna before it entered the inner basin in March.
The court heard that diesel spread across the basin within an hour and the sailing club cancelled its junior regatta.
Magistrate Helen Okafor said the harbour had relied on luck rather than checks, and ordered Illingworth to pay costs of 900 pounds.
`
	bakeryWire = `BAKERY FIRE TRIAL
Two brothers accused of setting fire to their own bakery to claim the insurance went on trial at Dunmore Crown Court today.
Prosecutors say Callum and Ross Petrie, both in their thirties, owed suppliers more than 60,000 pounds when the shop burned down last winter.
Both men deny arson with intent to defraud. The trial is expected to last two weeks.
`
	// A newspaper's story that is the wire copy with a new first line.
	harbourCopy = `Sailing club's regatta ruined by diesel spill
A harbour master who let a leaking fuel barge moor beside a children's sailing club was fined 4,000 pounds at Portwell Magistrates Court today.
Gareth Illingworth, 52, admitted failing to inspect the barge Morwenna before it entered the inner basin in March.
The court heard that diesel spread across the basin within an hour and the sailing club cancelled its junior regatta.
Magistrate Helen Okafor said the harbour had relied on luck rather than checks, and ordered Illingworth to pay costs of 900 pounds.
`
	// A story written without the wire.
	independent = `Our reporter spent a morning at the county show, where prize marrows, a runaway goat and a brass band from the valley drew the largest crowds in years. Organisers thanked volunteers who had repainted the grandstand.`
)

func writeCorpus(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func jsonOf(t *testing.T, r Result) string {
	t.Helper()
	b, err := json.Marshal(r.JSON(true))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestMeterSmall(t *testing.T) {
	const news = "newspapers/rawtexts/courts/05.06.07/"
	dir := writeCorpus(t, map[string]string{
		"PA/rawtexts/courts/05.06.07/harbour/harbour1.txt": harbourWire,
		"PA/rawtexts/courts/05.06.07/bakery/bakery1.txt":   bakeryWire,
		// The same text filed under two catchlines is stored once.
		"PA/rawtexts/courts/05.06.07/regatta/regatta1.txt": harbourWire,
		"file_index/courts/wholly_derived.txt":             "meter_corpus/" + news + "harbour/harbour10_herald.txt\n",
		"file_index/courts/partially_derived.txt":          "",
		"file_index/courts/non_derived.txt":                "meter_corpus/" + news + "bakery/bakery11_gazette.txt\n",
		news + "harbour/harbour10_herald.txt":              harbourCopy,
		news + "bakery/bakery11_gazette.txt":               independent,
	})
	run := func() *MeterResult {
		r, err := Meter(context.Background(), dir, openStore(t), Options{Workers: 2})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	r := run()
	if r.Sources != 3 || r.Confusion.Total() != 2 || len(r.Items) != 2 {
		t.Fatalf("sources %d, stories %d, items %d; want 3, 2, 2", r.Sources, r.Confusion.Total(), len(r.Items))
	}
	copied, indep := r.Items[0], r.Items[1]
	if copied.Predicted != "wholly" || copied.Source != "PA/rawtexts/courts/05.06.07/harbour/harbour1.txt" || copied.SourceRank != 1 {
		t.Errorf("copied story: %+v, want wholly from harbour1 ranked first", copied)
	}
	if indep.Predicted != "non" {
		t.Errorf("independent story: %+v, want non", indep)
	}
	f := r.Figures()
	if f["retrieval_at_1"] != 1 || f["stories"] != 2 || f["sources"] != 3 {
		t.Errorf("figures %v", f)
	}
	if a, b := jsonOf(t, r), jsonOf(t, run()); a != b {
		t.Errorf("two runs differ:\n%s\n%s", a, b)
	}
	var text strings.Builder
	if err := r.WriteText(&text, true); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"3-class macro-F1", "binary macro-F1", "harbour10_herald.txt"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("text output lacks %q:\n%s", want, text.String())
		}
	}
}

func TestMeterMissingFolder(t *testing.T) {
	_, err := Meter(context.Background(), t.TempDir(), openStore(t), Options{})
	if err == nil || !strings.Contains(err.Error(), "PA") {
		t.Errorf("err = %v, want one naming the missing PA folder", err)
	}
}

func TestPANSmall(t *testing.T) {
	// Non-ASCII letters before the reused passage on both sides: offsets
	// must count characters.
	reused := "the ferry to Île-aux-Moines leaves at nine and returns before the tide turns in the narrow channel"
	src := "Notes from Brittany, été 2011 — a café owner told us everything about the islands. " + reused + ". Boats are small."
	susp := "Travel diary: Zoë and José went west. We learned that " + reused + ". Then it rained for days."
	chars := func(s, sub string) int { return utf8.RuneCountInString(s[:strings.Index(s, sub)]) }
	n := utf8.RuneCountInString(reused)
	truth := fmt.Sprintf(`<document reference="suspicious-document1.txt">
<feature name="plagiarism" obfuscation="none" this_offset="%d" this_length="%d" source_reference="source-document1.txt" source_offset="%d" source_length="%d"/>
</document>`, chars(susp, reused), n, chars(src, reused), n)
	dir := writeCorpus(t, map[string]string{
		"susp/suspicious-document1.txt":                               susp,
		"susp/suspicious-document2.txt":                               independent,
		"src/source-document1.txt":                                    src,
		"src/source-document2.txt":                                    bakeryWire,
		"01-no-plagiarism/pairs":                                      "suspicious-document2.txt source-document2.txt\n",
		"01-no-plagiarism/suspicious-document2-source-document2.xml":  `<document reference="suspicious-document2.txt"></document>`,
		"02-no-obfuscation/pairs":                                     "suspicious-document1.txt source-document1.txt\n",
		"02-no-obfuscation/suspicious-document1-source-document1.xml": truth,
	})
	r, err := PAN(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Parts) != 2 || r.Parts[0].Detections != 0 || r.Parts[1].Cases != 1 {
		t.Fatalf("parts %+v", r.Parts)
	}
	if s := r.Parts[1].PlagdetScore; s.Plagdet < 0.95 {
		t.Errorf("verbatim part: %+v, want plagdet near 1; detections %+v", s, r.Items[1].Detections)
	}
	f := r.Figures()
	if f["01-no-plagiarism.plagdet"] != 1 || f["02-no-obfuscation.cases"] != 1 || f["pairs"] != 2 {
		t.Errorf("figures %v", f)
	}
	// Each part's first pair is held apart, its second chosen on: here
	// every pair is held apart.
	if f["held_apart.02-no-obfuscation.cases"] != 1 || f["chosen.02-no-obfuscation.cases"] != 0 || f["held_apart.plagdet"] != f["plagdet"] {
		t.Errorf("halves: figures %v", f)
	}
}

func TestCloughSmall(t *testing.T) {
	dir := writeCorpus(t, map[string]string{
		"file_information.csv": "File,Task,Category\ngA_taska.txt,a,cut\ngB_taska.txt,a,non\norig_taska.txt,a,orig\n",
		"orig_taska.txt":       harbourWire,
		"gA_taska.txt":         harbourWire,
		"gB_taska.txt":         independent,
	})
	r, err := Clough(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Items[0].Predicted != "cut" || r.Items[1].Predicted != "non" {
		t.Errorf("items %+v, want cut then non", r.Items)
	}
	if f := r.Figures(); f["accuracy"] != 1 || f["binary_accuracy"] != 1 {
		t.Errorf("figures %v", f)
	}
}

func TestMSRPSmall(t *testing.T) {
	dir := writeCorpus(t, map[string]string{
		"pairs.txt": "\ufeff1\t1\t2\tMagistrate Helen Okafor said the harbour had relied on luck rather than checks and fined the harbour master.\tThe harbour had relied on luck rather than checks, Magistrate Helen Okafor said as she fined the harbour master.\n" +
			"0\t3\t4\tThe trial is expected to last two weeks at Dunmore Crown Court.\tA brass band from the valley drew the largest crowds at the county show.\n",
	})
	r, err := MSRP(context.Background(), filepath.Join(dir, "pairs.txt"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !r.Items[0].Relation.Derived() || r.Items[1].Relation.Derived() {
		t.Errorf("items %+v, want the first derived, the second not", r.Items)
	}
	if f := r.Figures(); f["accuracy"] != 1 || f["f1"] != 1 {
		t.Errorf("figures %v", f)
	}
}

func TestParallelOrderAndErrors(t *testing.T) {
	got, err := parallel(context.Background(), 100, 4, func(_ context.Context, i int) (int, error) { return i * i, nil })
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range got {
		if v != i*i {
			t.Fatalf("result %d = %d: out of order", i, v)
		}
	}
	errAt := func(i int) error { return fmt.Errorf("item %d failed", i) }
	_, err = parallel(context.Background(), 100, 4, func(_ context.Context, i int) (int, error) {
		if i == 30 || i == 31 {
			return 0, errAt(i)
		}
		return i, nil
	})
	if err == nil || !strings.Contains(err.Error(), "item 3") {
		t.Errorf("err = %v, want an item's error", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := parallel(ctx, 10, 2, func(context.Context, int) (int, error) { return 0, nil }); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: err = %v", err)
	}
}

// The corpora themselves: skipped when the data folder is absent.

func dataFolder(t *testing.T, sub string) string {
	t.Helper()
	dir := filepath.Join(corpus.DataDir(), sub)
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("corpus folder %s not found (set %s to the data folder)", dir, corpus.EnvDataDir)
	}
	return dir
}

// inRange checks that every figure named is a share.
func inRange(t *testing.T, f map[string]float64, names ...string) {
	t.Helper()
	for _, n := range names {
		v, ok := f[n]
		if !ok || v < 0 || v > 1 {
			t.Errorf("figure %s = %v (present %v), want a value in [0,1]", n, v, ok)
		}
	}
}

func TestMeterCorpus(t *testing.T) {
	dir := dataFolder(t, "meter")
	r, err := Meter(context.Background(), dir, openStore(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	f := r.Figures()
	inRange(t, f, "macro_f1", "binary_macro_f1", "derived_f1", "retrieval_at_1", "wholly_f1", "partially_f1", "non_f1")
	if f["stories"] < 100 || f["sources"] < 100 {
		t.Errorf("stories %v, sources %v: want hundreds", f["stories"], f["sources"])
	}
	t.Logf("METER %v", f)
}

func TestPANCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("the PAN corpus takes seconds per core")
	}
	dir := dataFolder(t, "pan13-text-alignment")
	r, err := PAN(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	f := r.Figures()
	inRange(t, f, "plagdet", "precision", "recall")
	if f["granularity"] < 1 || f["cases"] < 100 || len(r.Parts) < 2 {
		t.Errorf("figures %v, parts %d", f, len(r.Parts))
	}
	for _, p := range r.Parts {
		held, chosen := f["held_apart."+p.Name+".pairs"], f["chosen."+p.Name+".pairs"]
		if held+chosen != float64(p.Pairs) || held-chosen < 0 || held-chosen > 1 {
			t.Errorf("%s: %v pairs held apart and %v chosen on, of %d", p.Name, held, chosen, p.Pairs)
		}
	}
	t.Logf("PAN plagdet %.3f precision %.3f recall %.3f granularity %.3f", f["plagdet"], f["precision"], f["recall"], f["granularity"])
}

func TestCloughCorpus(t *testing.T) {
	dir := dataFolder(t, "clough-stevenson")
	r, err := Clough(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	inRange(t, r.Figures(), "accuracy", "binary_accuracy")
	again, err := Clough(context.Background(), dir, Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	if a, b := jsonOf(t, r), jsonOf(t, again); a != b {
		t.Error("results differ between runs with different worker counts")
	}
	t.Logf("Clough %v", r.Figures())
}

func TestMSRPCorpus(t *testing.T) {
	dir := dataFolder(t, "msrp")
	r, err := MSRP(context.Background(), filepath.Join(dir, "msr_paraphrase_train.txt"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	inRange(t, r.Figures(), "f1", "accuracy", "precision", "recall")
	t.Logf("MSRP %v", r.Figures())
}

// openStore opens a real embedded store in a temporary directory.
func openStore(t *testing.T) wiretrace.Store {
	t.Helper()
	st, err := pebble.Open(t.TempDir(), fingerprint.Scheme)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}
