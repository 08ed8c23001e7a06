package corpus

import (
	"strings"
	"testing"
)

func TestPAN(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"susp/suspicious-document001.txt": "A kite flew over the hill.",
		"src/source-document007.txt":      "The kite flew over the hill at dawn.",
		"src/source-document008.txt":      "Bread rises in a warm room.",
		"01-none/pairs":                   "suspicious-document001.txt source-document008.txt\n",
		"01-none/suspicious-document001-source-document008.xml": `<document reference="suspicious-document001.txt">
</document>`,
		"02-copy/pairs": "suspicious-document001.txt source-document007.txt\n",
		"02-copy/suspicious-document001-source-document007.xml": `<document  reference="suspicious-document001.txt">
	<feature  name="about" authors="someone" />
	<feature name="plagiarism" obfuscation="none" source_length="22" source_offset="4" source_reference="source-document007.txt" this_length="20" this_offset="2" type="artificial" />
</document>`,
	})
	var got []PANPair
	for p, err := range PAN(dir) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, p)
	}
	if len(got) != 2 {
		t.Fatalf("got %d pairs, want 2", len(got))
	}
	if got[0].Part != "01-none" || len(got[0].Cases) != 0 || got[0].Source != "source-document008.txt" {
		t.Errorf("pair 1 = %+v, want part 01-none without cases", got[0])
	}
	want := PANCase{Obfuscation: "none", Source: "source-document007.txt", SuspiciousOffset: 2, SuspiciousLength: 20, SourceOffset: 4, SourceLength: 22}
	if got[1].Part != "02-copy" || len(got[1].Cases) != 1 || got[1].Cases[0] != want {
		t.Errorf("pair 2 = %+v, want part 02-copy with case %+v", got[1], want)
	}
	if !strings.HasSuffix(got[1].SuspiciousFile, "susp/suspicious-document001.txt") || !strings.HasSuffix(got[1].SourceFile, "src/source-document007.txt") {
		t.Errorf("files %s, %s", got[1].SuspiciousFile, got[1].SourceFile)
	}
}

func TestPANTruthErrors(t *testing.T) {
	for name, xml := range map[string]string{
		"not xml":         `<document reference="s.txt">`,
		"other document":  `<document reference="t.txt"></document>`,
		"no source":       `<document reference="s.txt"><feature name="plagiarism" this_offset="1" this_length="2"/></document>`,
		"empty case":      `<document reference="s.txt"><feature name="plagiarism" this_offset="1" this_length="0" source_reference="r.txt" source_offset="0" source_length="3"/></document>`,
		"negative offset": `<document reference="s.txt"><feature name="plagiarism" this_offset="-1" this_length="2" source_reference="r.txt" source_offset="0" source_length="3"/></document>`,
	} {
		if _, err := parsePANTruth([]byte(xml), "truth.xml", "s.txt"); err == nil || !strings.Contains(err.Error(), "truth.xml") {
			t.Errorf("%s: err = %v, want an error naming the file", name, err)
		}
	}
}

func TestPANMissingTruth(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"susp/s1.txt":   "x",
		"src/r1.txt":    "y",
		"02-copy/pairs": "s1.txt r1.txt\ns1.txt\n",
	})
	var errs []string
	for _, err := range PAN(dir) {
		if err != nil {
			errs = append(errs, err.Error())
		}
	}
	if len(errs) != 2 || !strings.Contains(errs[0], "s1-r1.xml") || !strings.Contains(errs[1], "pairs:2") {
		t.Errorf("errors %q, want the missing truth file and the bad line named", errs)
	}
}

func TestPANCorpus(t *testing.T) {
	dir := dataFolder(t, "pan13-text-alignment")
	parts := map[string]int{}
	cases := 0
	for p, err := range PAN(dir) {
		if err != nil {
			t.Fatal(err)
		}
		parts[p.Part]++
		cases += len(p.Cases)
	}
	if len(parts) < 2 || cases == 0 {
		t.Errorf("parts %v, %d cases: want several parts and some cases", parts, cases)
	}
	t.Logf("pairs per part %v, %d cases", parts, cases)
}

func TestPANTexts(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"susp/s.txt": "Caf\u00e9 \x00menu\x19.",
		"src/r.txt":  "Caf\xe9 menu.",
	})
	p := PANPair{SuspiciousFile: dir + "/susp/s.txt", SourceFile: dir + "/src/r.txt"}
	if _, _, err := p.Texts(); err == nil || !strings.Contains(err.Error(), "r.txt: not valid UTF-8") {
		t.Errorf("Windows-1252 source: err = %v, want it refused: offsets would not be PAN's", err)
	}
	p.SourceFile = p.SuspiciousFile
	susp, _, err := p.Texts()
	if err != nil || susp != "Caf\u00e9 \x00menu\x19." {
		t.Errorf("Texts() = %q, %v: want the file unchanged, control bytes kept", susp, err)
	}
}
