package corpus

import (
	"strings"
	"testing"
)

func TestMSRP(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"with-bom.txt": "\ufeff1\t11\t12\tThe mayor opened the bridge on \"Monday\".\tOn Monday the mayor opened the bridge.\n" +
			"0\t13\t14\tRain fell.\tShares rose 3%.\n",
		"with-header.txt": "Quality\t#1 ID\t#2 ID\t#1 String\t#2 String\r\n1\t21\t22\tA\tB\r\n",
		"bad.txt":         "1\t31\t32\tonly four fields\n2\t33\t34\tA\tB\n1\t35\t36\tA\tB\n",
	})
	var got []MSRPPair
	for p, err := range MSRP(dir + "/with-bom.txt") {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, p)
	}
	want := []MSRPPair{
		{Line: 1, ID1: "11", ID2: "12", Sentence1: `The mayor opened the bridge on "Monday".`, Sentence2: "On Monday the mayor opened the bridge.", Paraphrase: true},
		{Line: 2, ID1: "13", ID2: "14", Sentence1: "Rain fell.", Sentence2: "Shares rose 3%."},
	}
	if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("pairs %+v, want %+v", got, want)
	}
	n := 0
	for p, err := range MSRP(dir + "/with-header.txt") {
		if err != nil || p.Line != 2 || p.Sentence2 != "B" {
			t.Errorf("header file: %+v, %v", p, err)
		}
		n++
	}
	if n != 1 {
		t.Errorf("header file: %d pairs, want 1", n)
	}
	var errs []string
	good := 0
	for _, err := range MSRP(dir + "/bad.txt") {
		if err != nil {
			errs = append(errs, err.Error())
			continue
		}
		good++
	}
	if good != 1 || len(errs) != 2 || !strings.Contains(errs[0], "bad.txt:1") || !strings.Contains(errs[1], `label "2"`) {
		t.Errorf("bad file: %d good, errors %q", good, errs)
	}
}

func TestMSRPCorpus(t *testing.T) {
	dir := dataFolder(t, "msrp")
	n, yes := 0, 0
	for p, err := range MSRP(dir + "/msr_paraphrase_train.txt") {
		if err != nil {
			t.Fatal(err)
		}
		n++
		if p.Paraphrase {
			yes++
		}
	}
	if n < 1000 || yes == 0 || yes == n {
		t.Errorf("%d pairs, %d paraphrases", n, yes)
	}
	t.Logf("%d pairs, %d paraphrases", n, yes)
}
