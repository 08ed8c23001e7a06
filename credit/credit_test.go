package credit

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/align"
	"github.com/wiretrace/wiretrace/anatomy"
	"github.com/wiretrace/wiretrace/examples"
	"github.com/wiretrace/wiretrace/internal/corpus"
)

// compare aligns suspect with source and, for a derived suspect, compares
// their credits with Compare: the comparison compare and check make.
// compare aligns and compares credits as the engine does, with the
// aligner's word alignment unless opts give another map.
func compare(source, suspect string, opts ...Option) wiretrace.Comparison {
	src, sus := align.NewDoc(source), align.NewDoc(suspect)
	a := align.Defaults.Align(src, sus)
	c := a.Comparison
	if c.Relation.Derived() {
		opts = append([]Option{WithTokenMap(a.TokenMap)}, opts...)
		c.Credit, c.Quotes = Compare(anatomy.ParseTokens(src.Text, src.Tokens()), anatomy.ParseTokens(sus.Text, sus.Tokens()), c, opts...)
	}
	return c
}

func example(t *testing.T, family, name string) string {
	t.Helper()
	b, err := examples.FS.ReadFile(family + "/" + name + ".txt")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func fixture(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// creditCase is a source and a suspect and what the comparison must say of
// the suspect's credits and quotes.
type creditCase struct {
	name             string
	source, suspect  string
	relation         wiretrace.Relation
	rebranded        bool
	replacements     []string // "Source -> Suspect xN"
	suspectCredits   []string
	quoteChanges     []string // "change: quoted words" (suspect side)
	sourceQuoteTexts []string // the source side of each change
}

func replacementStrings(c *wiretrace.Credit) []string {
	var out []string
	for _, r := range c.Replacements {
		out = append(out, r.Source+" -> "+r.Suspect+" x"+itoa(r.Count))
	}
	return out
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

// creditCases are the example families and the rebranding fixtures
// (testdata/rebrand at the root of the module).
func creditCases(t *testing.T) []creditCase {
	floodSrc, strikeSrc := example(t, "flood", "original"), example(t, "strike", "original")
	wildfire := fixture(t, "rebrand/original.txt")
	return []creditCase{
		{
			name: "flood verbatim keeps the credit", source: floodSrc, suspect: example(t, "flood", "verbatim"),
			relation: wiretrace.Copy, suspectCredits: []string{"Valley Courier", "Meridian Wire"},
		},
		{
			name: "flood light edit keeps the credit", source: floodSrc, suspect: example(t, "flood", "light-edit"),
			relation: wiretrace.Copy, suspectCredits: []string{"Meridian Wire", "Harwick Evening Post"},
		},
		{
			name: "flood spun rebrands", source: floodSrc, suspect: example(t, "flood", "spun"),
			relation: wiretrace.Spun, rebranded: true,
			replacements:     []string{"Meridian Wire -> Daily Wellness Digest x1"},
			suspectCredits:   []string{"Daily Wellness Digest", "Meridian Wire"},
			quoteChanges:     []string{"speaker-dropped: \"The ground is saturated, the reservoirs upstream are full, and every millimetre that falls now ends up in the river.\""},
			sourceQuoteTexts: []string{"\"The ground is saturated, the reservoirs upstream are full, and every millimetre that falls now ends up in the river,\""},
		},
		{
			name: "strike verbatim keeps the credit", source: strikeSrc, suspect: example(t, "strike", "verbatim"),
			relation: wiretrace.Copy, suspectCredits: []string{"Bayfront Gazette", "Harbor Press Agency"},
		},
		{
			name: "strike spun rebrands and rewords quotes", source: strikeSrc, suspect: example(t, "strike", "spun"),
			relation: wiretrace.Spun, rebranded: true,
			replacements:   []string{"Harbor Press Agency -> CoinCrest Daily x1"},
			suspectCredits: []string{"Harbor Press Agency", "CoinCrest Daily"},
			quoteChanges: []string{
				"reworded: \"Our members have kept this harbor running through every storm and every crisis, and now they are told their prize is a machine,\"",
				"speaker-dropped: \"Automation is not about cutting jobs. It is about keeping this port competitive with its neighbors.\"",
				"reworded: \"Nobody here wants to be out on the sidewalk. We want to know we will still have employment in five years,\"",
			},
		},
		{
			name: "partial reuse is not judged by its own dateline", source: floodSrc, suspect: example(t, "flood", "partial"),
			relation: wiretrace.Partial, suspectCredits: []string{"The Cobb's Ferry Clarion"},
		},
		{
			name: "seed-form spun copy rebrands at every position", source: wildfire, suspect: fixture(t, "rebrand/spun.txt"),
			relation: wiretrace.Spun, rebranded: true,
			replacements:     []string{"Reuters -> Green Living Daily x3"},
			suspectCredits:   []string{"Green Living Daily", "Reuters"},
			quoteChanges:     []string{"speaker-dropped: \u201cWe are fighting this fire street by street, and we will not leave anyone behind.\u201d"},
			sourceQuoteTexts: []string{"\"We are fighting this fire street by street, and we will not leave anyone behind,\""},
		},
		{
			name: "honest syndication", source: wildfire, suspect: fixture(t, "rebrand/syndicated.txt"),
			relation: wiretrace.Copy, suspectCredits: []string{"Coastal Times", "Reuters"},
		},
		{
			name: "credit stripped", source: wildfire, suspect: fixture(t, "rebrand/stripped.txt"),
			relation: wiretrace.Copy, rebranded: true,
			replacements:   []string{"Reuters ->  x3"},
			suspectCredits: []string{"Reuters"},
		},
	}
}

// TestCompare runs the comparison compare and check make: rebranded and
// altered copies are caught, honest syndication is not.
func TestCompare(t *testing.T) {
	for _, tt := range creditCases(t) {
		t.Run(tt.name, func(t *testing.T) {
			c := compare(tt.source, tt.suspect)
			if c.Relation != tt.relation {
				t.Fatalf("relation %s, want %s", c.Relation, tt.relation)
			}
			if c.Credit == nil {
				t.Fatal("no credit comparison on a derived pair")
			}
			t.Logf("%s: source %q suspect %q repl %q", c.Relation, c.Credit.Source, c.Credit.Suspect, replacementStrings(c.Credit))
			if c.Credit.Rebranded != tt.rebranded {
				t.Errorf("rebranded %v, want %v (replacements %v)", c.Credit.Rebranded, tt.rebranded, replacementStrings(c.Credit))
			}
			if got := replacementStrings(c.Credit); strings.Join(got, "|") != strings.Join(tt.replacements, "|") {
				t.Errorf("replacements %q, want %q", got, tt.replacements)
			}
			if strings.Join(c.Credit.Suspect, "|") != strings.Join(tt.suspectCredits, "|") {
				t.Errorf("suspect credits %q, want %q", c.Credit.Suspect, tt.suspectCredits)
			}
			var got, gotSource []string
			for _, q := range c.Quotes {
				got = append(got, q.Change+": "+tt.suspect[q.SuspectStart:q.SuspectEnd])
				gotSource = append(gotSource, tt.source[q.SourceStart:q.SourceEnd])
			}
			if strings.Join(got, "\n") != strings.Join(tt.quoteChanges, "\n") {
				t.Errorf("quote changes\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.quoteChanges, "\n"))
			}
			if tt.sourceQuoteTexts != nil && strings.Join(gotSource, "\n") != strings.Join(tt.sourceQuoteTexts, "\n") {
				t.Errorf("source quotes\n%s\nwant\n%s", strings.Join(gotSource, "\n"), strings.Join(tt.sourceQuoteTexts, "\n"))
			}
		})
	}
}

// The seed page is a Reuters story under another name. Its source is
// rebuilt here from the page itself, as the wire would have run it: no
// dateline credit, no headline or copyright credit, and "Reuters" where
// the page says "Health & Fitness Journal" in the text. The one credit left
// is the agency named as the reporter, which the page replaced.
func TestSeedPageRebrandsAnInTextCredit(t *testing.T) {
	name := filepath.Join(corpus.DataDir(), "..", "seeds", "000_f7f1e2bbf66fefd1.txt")
	b, err := os.ReadFile(name)
	if err != nil {
		t.Skipf("seed page %s not found: %v", name, err)
	}
	page := string(b)
	src := strings.ReplaceAll(page, " (Health & Fitness Journal)", "")
	src = strings.Replace(src, " By Health & Fitness Journal\n", "\n", 1)
	src = strings.Replace(src, "\u00a9Health & Fitness Journal. ", "", 1)
	src = strings.ReplaceAll(src, "Health & Fitness Journal", "Reuters")
	if !strings.Contains(src, "Reuters journalists who reached the scene") {
		t.Fatal("the seed page no longer reads as expected")
	}
	c := compare(src, page)
	if !c.Relation.Derived() || c.Credit == nil {
		t.Fatalf("relation %s: want the page derived from its source", c.Relation)
	}
	if !c.Credit.Rebranded || !strings.Contains(strings.Join(replacementStrings(c.Credit), "|"), "Reuters -> Health & Fitness Journal") {
		t.Errorf("rebranded %v, replacements %q: want Reuters replaced by Health & Fitness Journal", c.Credit.Rebranded, replacementStrings(c.Credit))
	}
}

// bridgeStory is a fictional wire story; the syndication cases change only
// its header and credits.
const bridgeStory = `The Tarrow Valley bridge reopened to traffic on Saturday, eleven months after a barge struck one of its piers and left the river crossing closed to all but pedestrians.

Engineers replaced the damaged pier and two spans of the deck, and inspectors cleared the bridge late on Friday after load tests that ran through the week, the county transport office said.

"We had people driving forty minutes each way to reach the hospital," county commissioner Odile Brant told CREDIT on Saturday. "That ends today."

Traders on both banks said the closure had cost them customers over the winter, and several shops near the old toll house had shut for good.

The barge operator has agreed to pay most of the repair bill, which the county put at 14 million dollars, under a settlement reached in the spring.`

func bridge(header, credit string) string {
	return header + "\n" + strings.Replace(bridgeStory, "CREDIT", credit, 1)
}

// TestSyndicationIsNotRebranding: honest copies of a wire story credit the
// agency in other places and other spellings than the source does; none is
// rebranding. Copies that put another outlet in the agency's place are.
func TestSyndicationIsNotRebranding(t *testing.T) {
	source := bridge("Tarrow Valley bridge reopens after barge strike\nBy CORA VELLMAN Associated Press\nA truck crosses the bridge on Saturday. Anton Sorel/TASS\n\nHALVERTON, Ore. (AP) \u2014", "The Associated Press")
	tests := []struct {
		name      string
		suspect   string
		rebranded bool
	}{
		{"dateline credit moved to the byline", bridge("Bridge reopens\nBy CORA VELLMAN Associated Press\n\nHALVERTON, Ore. \u2014", "The Associated Press"), false},
		{"byline with the agency after a comma", bridge("Bridge reopens\nBy Cora Vellman, Associated Press\n\nHALVERTON, Ore. \u2014", "The Associated Press"), false},
		{"agency byline without the reporter", bridge("Bridge reopens\nBy The Associated Press\n\nHALVERTON, Ore. (AP) \u2014", "the AP"), false},
		{"photo sold on by a library", bridge("Bridge reopens\nBy CORA VELLMAN Associated Press\nA truck crosses the bridge on Saturday. Anton Sorel/TASS via Getty Images\n\nHALVERTON, Ore. (AP) \u2014", "The Associated Press"), false},
		{"every credit removed but a republication note", bridge("Bridge reopens\nBy CORA VELLMAN\n\nHALVERTON, Ore. \u2014", "reporters") + "\n\nThis article was originally published by The Associated Press.", false},
		{"dateline credit replaced", bridge("Bridge reopens\nBy CORA VELLMAN Associated Press\n\nHALVERTON, Ore. (Harwick Daily Ledger) \u2014", "The Associated Press"), true},
		{"in-text credit replaced", bridge("Bridge reopens\n\nHALVERTON, Ore. \u2014", "Green Living Daily"), true},
		{"every credit removed", bridge("Bridge reopens\n\nHALVERTON, Ore. \u2014", "reporters"), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := compare(source, tt.suspect)
			if !c.Relation.Derived() || c.Credit == nil {
				t.Fatalf("relation %s: want derived", c.Relation)
			}
			t.Logf("%s: source %q suspect %q repl %q", c.Relation, c.Credit.Source, c.Credit.Suspect, replacementStrings(c.Credit))
			if c.Credit.Rebranded != tt.rebranded {
				t.Errorf("rebranded %v, want %v (source credits %q, suspect %q, replacements %q)", c.Credit.Rebranded, tt.rebranded, c.Credit.Source, c.Credit.Suspect, replacementStrings(c.Credit))
			}
			// The copies that keep AP's credit in another place or spelling
			// have kept it (a rebranded copy may keep it elsewhere too).
			switch {
			case tt.rebranded && c.Credit.Fate != wiretrace.CreditRebranded:
				t.Errorf("fate %q, want rebranded", c.Credit.Fate)
			case !tt.rebranded && (c.Credit.Fate != wiretrace.CreditKept || strings.Join(c.Credit.Kept, "|") != "AP"):
				t.Errorf("fate %q, kept %q: want AP kept", c.Credit.Fate, c.Credit.Kept)
			}
		})
	}
}

// TestCreditOutsideWhatIsTaken: a story that takes two paragraphs of a
// wire story and credits no one has not kept the wire's credit, which
// stands in a paragraph it does not take; nor has it removed or replaced
// it there. It is "not kept", and no rebranding.
func TestCreditOutsideWhatIsTaken(t *testing.T) {
	source := bridge("Tarrow Valley bridge reopens after barge strike\n\nHALVERTON, Ore. \u2014", "Reuters")
	paragraphs := strings.Split(bridgeStory, "\n\n")
	suspect := "Halverton traders count the cost of a long winter\n\n" +
		"Shopkeepers in the old market quarter of Halverton gathered in the guild hall on Monday evening to ask the council for a rates holiday, saying footfall had fallen by a third since the autumn and had not recovered.\n\n" +
		paragraphs[3] + "\n\n" + paragraphs[4] + "\n\n" +
		"The council said it would consider the request at its next meeting, though its finance officer warned that the budget for the coming year was already stretched by the cost of new school buildings and the repair of two libraries."
	c := compare(source, suspect)
	if c.Relation != wiretrace.Partial || c.Credit == nil {
		t.Fatalf("relation %s: want partial with a credit comparison", c.Relation)
	}
	if got := c.Credit.Source; strings.Join(got, "|") != "Reuters" {
		t.Fatalf("source credits %q, want Reuters", got)
	}
	if got := c.Credit.Story; strings.Join(got, "|") != "Reuters" {
		t.Errorf("story credits %q, want Reuters", got)
	}
	if c.Credit.Rebranded || c.Credit.Fate != wiretrace.CreditNotKept || len(c.Credit.Kept) != 0 {
		t.Errorf("rebranded %v, fate %q, kept %q: want not kept, no rebranding (replacements %q)", c.Credit.Rebranded, c.Credit.Fate, c.Credit.Kept, replacementStrings(c.Credit))
	}
}

// Footage credited in the text to an agency and, in the copy, to the photo
// library that sells it on is no rebranding: a photo library is never a
// story's credit. Another outlet in the agency's place there is.
func TestPhotoLibraryInTextIsNotRebranding(t *testing.T) {
	story := bridge("Bridge reopens\n\nHALVERTON, Ore. \u2014", "the county")
	source := story + "\n\nFootage provided by Reuters showed the first trucks."
	for _, c := range []struct {
		by        string
		rebranded bool
	}{{"Getty Images", false}, {"the Harwick Daily Ledger", true}} {
		got := compare(source, story+"\n\nFootage provided by "+c.by+" showed the first trucks.")
		if got.Credit == nil || got.Credit.Rebranded != c.rebranded {
			t.Errorf("footage provided by %s: credit %+v, want rebranded %v", c.by, got.Credit, c.rebranded)
		}
	}
}

// A copy that sets a quote in its own paragraph after a sentence naming
// its speaker keeps the speaker; one whose paragraph before names someone
// else dropped the source's.
func TestSpeakerOfTheParagraphBefore(t *testing.T) {
	source := "Tervane said it was ready to resume talks at any hour but would keep its plans for new cranes at the North Quay terminal.\n\n" +
		"\"Automation is not about cutting jobs. It is about keeping this port competitive with its neighbours,\" said Celia Brandt, a spokeswoman for the company."
	same := "Tervane said it was ready to resume talks at any hour but would keep its plans for new cranes at the North Quay terminal, spokeswoman Celia Brandt said.\n\n" +
		"\"Automation is not about cutting jobs. It is about keeping this port competitive with its neighbours.\""
	other := "Tervane stated it was ready to resume talks at any hour but would keep its plans for new cranes at the North Quay terminal.\n\n" +
		"\"Automation is not about cutting jobs. It is about keeping this port competitive with its neighbours.\""
	for _, c := range []struct {
		name, suspect string
		dropped       bool
	}{{"the same speaker", same, false}, {"another sayer", other, true}} {
		cmp := compare(source, c.suspect)
		got := false
		for _, q := range cmp.Quotes {
			got = got || q.Change == QuoteSpeakerDropped
		}
		if got != c.dropped {
			t.Errorf("%s: speaker dropped %v, want %v (quotes %+v)", c.name, got, c.dropped, cmp.Quotes)
		}
	}
}
