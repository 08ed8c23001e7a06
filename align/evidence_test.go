package align

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
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

// wantNotDerived fails the test when suspect is found derived from
// source.
func wantNotDerived(t *testing.T, what, source, suspect string) {
	t.Helper()
	if c := Compare(NewDoc(source), NewDoc(suspect)); c.Relation.Derived() {
		t.Errorf("%s: %s (evidence %+v), want not derived", what, c.Relation, c.Evidence)
	}
}

// wantCopy fails the test unless suspect is a copy of source.
func wantCopy(t *testing.T, what, source, suspect string) {
	t.Helper()
	if c := Compare(NewDoc(source), NewDoc(suspect)); c.Relation != wiretrace.Copy {
		t.Errorf("%s: %s (evidence %+v), want copy", what, c.Relation, c.Evidence)
	}
}

// Two monthly reports written from one template carry different figures
// in the same places: not a copy of each other. The same report updated
// with one new figure still is.
func TestContradictingFactsAreNotEvidence(t *testing.T) {
	april, may := evidenceText(t, "prices-april"), evidenceText(t, "prices-may")
	wantNotDerived(t, "template for another month", april, may)
	if c := (func() wiretrace.Comparison {
		o := Defaults
		o.Contradictions = false
		return o.Compare(NewDoc(april), NewDoc(may))
	})(); !c.Relation.Derived() {
		t.Logf("without the rule the template is %s: the test no longer shows what the rule does", c.Relation)
	}
	updated := strings.Replace(april, "rose 0.2% in April", "rose 0.3% in April", 1)
	wantCopy(t, "one figure updated", april, updated)
}

// Two releases written to one formula name another body, bank, day and
// town in the same places, and the bank's name of four words faces one of
// three: not a copy of each other, though they agree on a year and a
// district. A release that gives the same bank's name in full is still a
// copy.
func TestNamesOfOtherLengthsContradict(t *testing.T) {
	orrin, marrow := evidenceText(t, "notes-orrin"), evidenceText(t, "notes-marrow")
	wantNotDerived(t, "another issue to one formula", orrin, marrow)
	full := strings.Replace(orrin, "Halden Brothers Securities", "Halden Brothers Securities Limited", 1)
	wantCopy(t, "the manager's name in full", orrin, full)
}

// Two offerings written to one formula share the words between their
// names and figures; each opens with its own company and ends its
// sentences with its own underwriters, outside the shared words. Not a
// copy of each other, either way round. The same notice with the
// underwriters' name cut short, or under a dateline, still is.
func TestNamesAtSentenceEndsContradict(t *testing.T) {
	calder, tamsin := evidenceText(t, "offer-calder"), evidenceText(t, "offer-tamsin")
	wantNotDerived(t, "another company's offering", calder, tamsin)
	wantNotDerived(t, "another company's offering, the other way round", tamsin, calder)
	wantCopy(t, "the underwriters' name cut short", calder, strings.Replace(calder, "Pellow Hart and Company", "Pellow Hart", 1))
	wantCopy(t, "under a dateline", calder, "NEW YORK, May 4 (Harbour Wire) - "+calder)
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
		for k, tk := range d.Tokens() {
			if tk.Start >= at && tk.End <= at+len(phrase) && !d.quoted[k] {
				t.Errorf("%q: word %q not taken as quoted", phrase, tk.Norm)
			}
		}
	}
	for _, own := range []string{"Stallholders", "clearing mud"} {
		at := strings.Index(traders, own)
		for k, tk := range d.Tokens() {
			if tk.Start == at && d.quoted[k] {
				t.Errorf("%q taken as quoted", own)
			}
		}
	}
	// "The statement reads:" quotes the rest of the paragraph, and the
	// sentence it opens is then the quote's.
	s := NewDoc("The port authority issued a statement on Monday. The statement reads: ships will dock at night from May.\n\nCrews said they had not been told.")
	for k, tk := range s.Tokens() {
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
	wantNotDerived(t, "another company's filing", brennock, orvel)
	corrected := strings.Replace(brennock, "60 mln", "65 mln", 1)
	wantCopy(t, "the amount corrected", brennock, corrected)
	dated := "SEATTLE, June 2 (Harbour Wire) - " + brennock
	wantCopy(t, "under a dateline", brennock, dated)
}

// Two filings written to one formula, each naming its own company twice,
// agree on every other name (the Commission, the lead manager) and on a
// year: the facts facing each other in the passage do not outnumber those
// agreeing, but neither story names the other's company. Not a copy of
// each other, either way round. A paper's copy of a court report that
// writes "Pte" for "Private" and "L/Sgt" for "Lance Sergeant" keeps the
// names the report is about, and a filing with its amount corrected is
// still a copy.
func TestOtherSubjectsAreNotCopies(t *testing.T) {
	corbel, strandline := evidenceText(t, "debentures-corbel"), evidenceText(t, "debentures-strandline")
	wantNotDerived(t, "another company's filing", corbel, strandline)
	wantNotDerived(t, "another company's filing, the other way round", strandline, corbel)
	if c := Compare(NewDoc(strandline), NewDoc(corbel)); len(c.Passages) == 0 || c.SetAside != len(c.Passages) {
		t.Errorf("another company's filing: %d passages, %d set aside; want them all set aside", len(c.Passages), c.SetAside)
	}
	wantCopy(t, "the amount corrected", corbel, strings.Replace(corbel, "60 mln", "65 mln", 1))
	if c := Compare(NewDoc(evidenceText(t, "court-wire")), NewDoc(evidenceText(t, "court-paper"))); !c.Relation.Derived() {
		t.Errorf("paper's copy of a court report: %s (evidence %+v), want derived", c.Relation, c.Evidence)
	}
}

// Short filings to one formula may name their company once, at the
// opening: two shelf offerings in the same words are two stories, either
// way round, though only one of them repeats its name. The same filing
// copied keeps its opening name; so does a copy that spells one word of
// a two-word name another way. A page that opens with a paragraph of its
// own and then copies the filing is not about another subject by that
// paragraph's name.
func TestOpeningNamesOfFormulaStories(t *testing.T) {
	const formula = " filed with the Securities and Exchange Commission for a shelf offering of up to 200 mln dlrs of debt securities on terms to be set at the time of sale.\n\n"
	corbel := "Corbel Tooling Corp" + formula + "Proceeds will be used for general corporate purposes, including the repayment of bank debt, the company said.\n\nThe company did not name an underwriter for the sale."
	strandline := "Strandline Harbour Foods Inc, a unit of Mercer Group," + formula + "Proceeds will be used to refinance bank debt and for general corporate purposes, Strandline said.\n\nThe company did not name an underwriter for the sale."
	wantNotDerived(t, "another company's filing", corbel, strandline)
	wantNotDerived(t, "another company's filing, the other way round", strandline, corbel)
	if c := Compare(NewDoc(corbel), NewDoc(strandline)); !slices.Equal(c.OtherSubjects, []string{"Corbel Tooling", "Strandline"}) {
		t.Errorf("another company's filing: other subjects %q, want the opening name and the repeated one", c.OtherSubjects)
	}
	wantCopy(t, "the filing copied", corbel, corbel+" Its shares closed at 31 dlrs.")
	wantCopy(t, "a name spelt another way", corbel, strings.Replace(corbel, "Corbel", "Korbel", 1))
	page := "Kestrel Valley Mills Inc named a new chairman on Monday.\n\nThe company" + strings.TrimPrefix(corbel, "Corbel Tooling Corp")
	if c := Compare(NewDoc(corbel), NewDoc(page)); !c.Relation.Derived() {
		t.Errorf("opening with a paragraph of its own: %s (evidence %+v), want derived", c.Relation, c.Evidence)
	}
	d := NewDoc("Ms Ilse Varga, who chairs the board of the lender, said on Monday that its rates would rise again before the end of the year.")
	if names, _, _ := d.openingName(); len(names) != 2 {
		t.Errorf("opening name of %q: %d words, want 2 (Ilse Varga: no title, and a comma ends it)", d.Text, len(names))
	}
	for _, s := range []string{"Police said on Monday that the lender's rates would rise again.", "Big Blue said on Monday that the lender's rates would rise again.", "By Ilse Varga\n\nThe lender said its rates would rise again.", "HARWICK, May 4 (Tidewater Grain Wire) - Prices rose again at the river terminal."} {
		if names, _, _ := NewDoc(s).openingName(); names != nil {
			t.Errorf("opening name of %q: %d words, want none", s, len(names))
		}
	}
}

// A short notice mostly inside a passage of a longer story is no copy of
// it when the sentences it aligns with name someone it never names and
// it is about someone the story never names: a filing's formula ("said
// it ... the company said") met in a bid story's last paragraph. A brief
// cut from the story names what the story's sentences name, and one
// whose paragraphs a roundup holds under no name at all ("The company
// said ...") is still a copy of it, though the roundup is about another
// town than the brief's company.
func TestNoticeInsideALongerStory(t *testing.T) {
	bid, notice := evidenceText(t, "bid-halvard"), evidenceText(t, "notice-quenby")
	wantNotDerived(t, "a filing against a bid story's formula", bid, notice)
	if c := Compare(NewDoc(bid), NewDoc(notice)); !slices.Equal(c.OtherSubjects, []string{"Halvard", "Quenby"}) {
		t.Errorf("a filing against a bid story: other subjects %q, want the passage's name and the notice's", c.OtherSubjects)
	}
	brief := "Halvard said it now holds a written commitment from its lenders for as much as 160 mln dlrs toward the share purchases. Part of its own cash will also be used for the share purchases, the company said.\n\nThe offer for Penrose runs until June 3."
	wantCopy(t, "a brief cut from the bid story", bid, brief)
	if c := Compare(NewDoc(evidenceText(t, "roundup-week")), NewDoc(evidenceText(t, "kiosks-brief"))); c.Relation != wiretrace.Copy {
		t.Errorf("a brief whose paragraphs a roundup holds unnamed: %s (evidence %+v), want copy", c.Relation, c.Evidence)
	}
}

// A list of fourteen carriers copied name for name into a council story is
// copied text, though names alone are no evidence: sixteen words matched
// in a row are. Another story naming six of the carriers in sentences of
// its own shares names, not runs of them.
func TestCopiedNameListsAreEvidence(t *testing.T) {
	directory, copied := evidenceText(t, "carriers-directory"), evidenceText(t, "carriers-copied")
	list := strings.Index(copied, "Alder Bay")
	c := Compare(NewDoc(directory), NewDoc(copied))
	if !c.Relation.Derived() {
		t.Fatalf("copied list: %s (evidence %+v), want derived", c.Relation, c.Evidence)
	}
	covers := false
	for _, p := range c.Passages {
		covers = covers || p.SuspectStart <= list && p.SuspectEnd >= strings.Index(copied, "Northgate Feeder Lines")
	}
	if !covers {
		t.Errorf("copied list: passages %+v do not hold the list at %d", c.Passages, list)
	}
	off := Defaults
	off.NameRun = 0
	if c := off.Compare(NewDoc(directory), NewDoc(copied)); c.Relation.Derived() {
		t.Errorf("without NameRun the list is %s: names alone should not be evidence", c.Relation)
	}
	wantNotDerived(t, "carriers named in other sentences", directory, evidenceText(t, "carriers-mentioned"))
}

// A digest that retells one sentence of a story among items of its own
// shares little of the story's subject as a whole; the retold sentence is
// found all the same, since the two texts share more than chance.
func TestParaphraseInAnotherSubject(t *testing.T) {
	story, digest := NewDoc(evidenceText(t, "harbour-board")), NewDoc(evidenceText(t, "harbour-week"))
	subject := cosine(story, digest)
	if subject < Defaults.SentenceSubject || subject >= Defaults.RelatedSimilarity {
		t.Fatalf("the texts' subject cosine is %.3f: the fixture should fall between %.2f and %.2f", subject, Defaults.SentenceSubject, Defaults.RelatedSimilarity)
	}
	retold := strings.Index(digest.Text, "Repaid from a decade")
	c := Compare(story, digest)
	found := false
	for _, p := range c.Passages {
		found = found || p.SuspectStart <= retold && p.SuspectEnd > retold
	}
	if !found {
		t.Errorf("passages %+v miss the retold sentence at %d", c.Passages, retold)
	}
	old := Defaults
	old.SentenceSubject = old.RelatedSimilarity
	if c := old.Compare(story, digest); len(c.Passages) != 0 {
		t.Errorf("with the subject needed for related, passages %+v: want none", c.Passages)
	}
}

// Every story a wire files from one place on one day opens with the same
// dateline: a one-line results brief that shares only its dateline with a
// longer story is no copy of it, even set mostly in capitals (where
// capitals say nothing of names). The brief filed again under the same
// dateline still is a copy of itself.
func TestSharedDatelineIsNotEvidence(t *testing.T) {
	story := "HARWICK, May 4 (Tidewater Grain Wire) - Grain barges waiting to load at the river terminal fell to eleven this week from nineteen, port officials said.\n\nLoading resumed after the lock repairs finished on Tuesday."
	brief := "HARWICK, May 4 (Tidewater Grain Wire) - Shr 41 cts vs 37 cts"
	wantNotDerived(t, "a brief under the same dateline", story, brief)
	wantCopy(t, "the brief filed again", brief, "HARWICK, May 4 (Tidewater Grain Wire) - Shr 41 cts vs 37 cts\n\nSource: Tidewater Wire")
	d := NewDoc(brief)
	if d.datelineLo != 0 || d.norm(d.datelineHi-1) != "wire" || d.norm(d.datelineHi) != "shr" {
		t.Errorf("dateline tokens [%d,%d) of %q", d.datelineLo, d.datelineHi, brief)
	}
	after := NewDoc("Tidewater Wire report\n\nHARWICK, May 4 (Tidewater Wire) - Qtr shr 41 cts")
	if lo, hi := after.datelineLo, after.datelineHi; lo != 3 || after.norm(hi-1) != "wire" {
		t.Errorf("dateline after a line of its own: tokens [%d,%d)", lo, hi)
	}
}

// Two daily notices written to one formula keep the formula's own names
// ("the Harwick Water Board", "Ashby") and change its figures: however
// much wording they share, each is another day's report, not a copy. The
// same notice with one figure corrected is a copy still, and a text with
// its figures spelled out in words derived still.
func TestOtherFiguresInAFormulaContradict(t *testing.T) {
	monday := "The Harwick Water Board drew 2.5 million litres of reserve water from the Ashby reservoir, a board spokesman said.\n\nEngineers said the main tank stood at 6-3/8 metres when the board began its temporary transfer of reserve water to the town network."
	tuesday := "The Harwick Water Board drew four million litres of reserve water from the Ashby reservoir, a board spokesman said.\n\nEngineers said the main tank stood at seven metres when the board began its temporary transfer of reserve water to the town network."
	wantNotDerived(t, "the next day's notice", monday, tuesday)
	wantCopy(t, "one figure corrected", monday, strings.Replace(monday, "6-3/8", "6-1/2", 1))
	pumps := "Crews ran 5 pumps through the night and 9 engineers stayed at the Ashby works until the Harwick Water Board lifted its warning on Sunday."
	spelled := strings.NewReplacer("5 pumps", "five pumps", "9 engineers", "nine engineers").Replace(pumps)
	if c := Compare(NewDoc(pumps), NewDoc(spelled)); !c.Relation.Derived() {
		t.Errorf("figures spelled out: %s (evidence %+v), want derived", c.Relation, c.Evidence)
	}
}

// Two notices of one day written to one formula, the second reworded
// around its own figures: few of them face each other, but none of one
// notice's figures is in the other, so neither is a copy. A copy that
// adds a figure of its own and keeps its source's still is. And a
// fraction kept ("10-3/8") is one figure kept, not three, against two
// figures put in others' places.
func TestFiguresOfAnotherNoticeContradict(t *testing.T) {
	morning := "The Harwick Water Board said it had released 37 million litres of reserve water to the town network in the morning. " +
		"This compares with the board's revised estimate of a shortfall of around 700 million litres in the network today."
	late := "The Harwick Water Board said it had released late reserve water of around 85 million litres to the town network. " +
		"This brings the board's total so far today to 122 million litres and compares with its latest estimate of a shortfall of 250 million litres in the network today."
	wantNotDerived(t, "the late notice", morning, late)
	o := Defaults
	o.Contradictions = false
	if c := o.Compare(NewDoc(morning), NewDoc(late)); !c.Relation.Derived() {
		t.Errorf("without the rule the late notice is %s: the test no longer shows what the rule does", c.Relation)
	}
	added := strings.Replace(morning, "in the morning.", "in the morning, using 3 pumping stations.", 1)
	wantCopy(t, "a figure added", morning, added)

	rates := "The board bought 21 tonnes of salt for the Ashby works at 10-3/8 pounds a tonne and 98 tonnes for the Stenby works, its engineers said on Tuesday after the weekly meeting of the supply committee."
	other := strings.NewReplacer("21 tonnes", "176 tonnes", "98 tonnes", "4 tonnes").Replace(rates)
	wantNotDerived(t, "other quantities at the same price", rates, other)
}

// Two weeks' tender results written to one formula: the opening
// paragraphs face each other figure for figure, and the last sentence,
// reworded, pairs with the other week's last sentence by its words alone,
// around other figures ("1,412,650 tonnes after 31 weeks" against
// "1,509,400 tonnes in 32 weeks"). A sentence paired so is no evidence
// either, and without a passage that is, the phrases the weeks share are
// the formula's, not a copy's.
func TestParaphrasedSentenceWithOtherFigures(t *testing.T) {
	week9, week10 := evidenceText(t, "tender-week9"), evidenceText(t, "tender-week10")
	wantNotDerived(t, "the next week's results", week9, week10)
	wantNotDerived(t, "the next week's results, the other way round", week10, week9)
}

// Two eurobond notices written to one formula for two borrowers share
// long runs of it ("in denominations of one mln", "management and
// underwriting combined"), most of them inside passages set aside for
// their other amounts, dates and coupons; the one passage left holds no
// figure. The runs inside the passages set aside are the formula's, and
// no evidence by their phrases either, either way round.
func TestPhrasesOfPassagesSetAside(t *testing.T) {
	a, b := evidenceText(t, "bond-lowmere"), evidenceText(t, "bond-brennock")
	wantNotDerived(t, "another borrower's notice", a, b)
	wantNotDerived(t, "another borrower's notice, the other way round", b, a)
}

// A paper's story that retells a wire report in its own order keeps the
// report's phrases ("abused a position of great trust", "14 charges of
// theft and false accounting") where its passages no longer chain: more
// than half its own words lie in runs the report holds, and it is spun
// from it, not partly reused. Another paper's own report of the same
// hearing, which names the same people, is not derived; nor is the
// retelling with its names put to another case (a formula's phrases are
// not a story's).
func TestRetoldStoryIsSpun(t *testing.T) {
	wire, retold := evidenceText(t, "hospice-wire"), evidenceText(t, "hospice-retold")
	c := Compare(NewDoc(wire), NewDoc(retold))
	if c.Relation != wiretrace.Spun {
		t.Errorf("retold story: %s (evidence %+v), want spun", c.Relation, c.Evidence)
	}
	// The phrases it rests on are shown.
	var phrases []string
	if c.Phrases != nil {
		for _, sp := range c.Phrases.Spans {
			phrases = append(phrases, retold[sp.Start:sp.End])
		}
	}
	if c.Phrases == nil || c.Phrases.Share != round(c.Evidence.Contained) || !slices.Contains(phrases, "a children's hospice over six years") {
		t.Errorf("retold story's phrases: %+v %q, want its share and \"a children's hospice over six years\" among them", c.Phrases, phrases)
	}
	o := Defaults
	o.DerivedContained = 0
	if c := o.Compare(NewDoc(wire), NewDoc(retold)); c.Relation == wiretrace.Spun {
		t.Logf("without the phrases the retelling is %s too: the test no longer shows what they add", c.Relation)
	}
	wantNotDerived(t, "the paper's own report", wire, evidenceText(t, "hospice-own"))
	other := strings.NewReplacer("Hester Quayle", "Edith Marr", "Quayle", "Marr", "Rowan Tree", "Linden Vale",
		"Tamsford", "Orlby", "Calder", "Wexham", "Martin Fell", "Owen Tarrant", "Daniel Orme", "Ruth Selby").Replace(retold)
	if c := Compare(NewDoc(wire), NewDoc(other)); c.Evidence.Contained != 0 {
		t.Errorf("the retelling put to another case: contained %.2f (%s), want 0: its names are not the report's", c.Evidence.Contained, c.Relation)
	}
}

// TestDecideOnContained checks the rule's two ways through phrases: spun
// needs a passage that counts as evidence besides the share of own words
// in the source's runs; partial asks a smaller share and no more; either
// is off at 0.
func TestDecideOnContained(t *testing.T) {
	o := Defaults
	for _, c := range []struct {
		e    wiretrace.Evidence
		want wiretrace.Relation
	}{
		{wiretrace.Evidence{Coverage: 0.3, Exactness: 1, Words: 20, Subject: 0.5, Contained: 0.6}, wiretrace.Spun},
		{wiretrace.Evidence{Coverage: 0, Exactness: 1, Words: 0, Subject: 0.5, Contained: 0.6}, wiretrace.Partial},
		{wiretrace.Evidence{Coverage: 0.1, Exactness: 1, Words: 9, Subject: 0.5, Contained: o.PartialContained}, wiretrace.Partial},
		{wiretrace.Evidence{Coverage: 0.1, Exactness: 1, Words: 9, Subject: 0.5, Contained: o.PartialContained - 0.01}, wiretrace.Related},
	} {
		if got := o.Decide(c.e); got != c.want {
			t.Errorf("%+v: %s, want %s", c.e, got, c.want)
		}
	}
	off := Defaults
	off.DerivedContained, off.PartialContained = 0, 0
	if got := off.Decide(wiretrace.Evidence{Coverage: 0.1, Exactness: 1, Words: 9, Subject: 0.5, Contained: 0.9}); got != wiretrace.Related {
		t.Errorf("phrases off: %s, want related", got)
	}
}

// A text whose sentences each say a source sentence over in another
// order of words, some of them replaced, keeps few of the source's words
// between the ones it writes in: spun, rewritten, not a copy, though no
// run of its words was substituted word for word for one of the source's.
func TestParaphrasedSentencesAreSpun(t *testing.T) {
	source := "The harbour board approved a new dredging contract for the eastern basin on Monday evening. " +
		"Work on the channel will begin in early spring and should take about eleven weeks to finish. " +
		"Fishing crews have long complained that silt blocks their moorings at low tide."
	suspect := "On Monday evening a fresh contract for dredging the eastern basin won approval from the harbour board. " +
		"About eleven weeks of channel work should finish what begins early in spring. " +
		"Silt blocking moorings at low tide has long drawn complaints from fishing crews."
	c := Compare(NewDoc(source), NewDoc(suspect))
	if c.Relation != wiretrace.Spun || c.Rewording != wiretrace.Rewritten {
		t.Errorf("paraphrased sentences: %s (%s; evidence %+v), want spun, rewritten", c.Relation, c.Rewording, c.Evidence)
	}
}

// A brief that says a wire sentence over shares few of its words in a
// row: its passage needs five of its own words, not nine, when the
// shorter text has fewer than thirty (names and numbers aside).
func TestBriefsNeedFewerWords(t *testing.T) {
	source := "Harbour officials said the new ferry terminal would open to passengers in late April after months of delays caused by flooding. " +
		"The terminal cost 40 million marks and replaces a jetty built in 1962."
	brief := "Work held up by flooding is over: the ferry terminal will open to passengers in late April."
	if c := Compare(NewDoc(source), NewDoc(brief)); !c.Relation.Derived() {
		t.Errorf("a brief: %s (evidence %+v), want derived", c.Relation, c.Evidence)
	}
	o := Defaults
	o.BriefWords = 0
	if c := o.Compare(NewDoc(source), NewDoc(brief)); c.Relation.Derived() {
		t.Logf("with nine words asked the brief is %s too: the test no longer shows what the rule does", c.Relation)
	}
	wantNotDerived(t, "another brief on the same terminal", source,
		"The ferry terminal, delayed since the autumn, still has no date for its first passengers, a harbour spokesman said.")
}

// A spun text is spun with synonyms while most of its words are the
// source's and rewritten below RewrittenKept; a copy has no rewording
// however its score stands, and the line at 0 calls nothing rewritten.
func TestSynonymsOrRewritten(t *testing.T) {
	o := Defaults
	whole := wiretrace.Evidence{Coverage: 0.9, Exactness: 0.7, Words: 120, Subject: 0.6}
	for _, c := range []struct {
		kept, exactness float64
		want            wiretrace.Relation
		rewording       wiretrace.Rewording
	}{
		{o.RewrittenKept + 0.1, 0.7, wiretrace.Spun, wiretrace.Synonyms},
		{o.RewrittenKept, 0.7, wiretrace.Spun, wiretrace.Synonyms},
		{o.RewrittenKept - 0.01, 0.7, wiretrace.Spun, wiretrace.Rewritten},
		{0.3, 0.7, wiretrace.Spun, wiretrace.Rewritten},
		{0.5, 0.97, wiretrace.Copy, ""},
	} {
		e := whole
		e.Kept, e.Exactness = c.kept, c.exactness
		r := o.Decide(e)
		if got := o.RewordingOf(r, e); r != c.want || got != c.rewording {
			t.Errorf("kept %.2f, exactness %.2f: %s %q, want %s %q", c.kept, c.exactness, r, got, c.want, c.rewording)
		}
	}
	off := Defaults
	off.RewrittenKept = 0
	if got := off.RewordingOf(wiretrace.Spun, wiretrace.Evidence{Coverage: 0.9, Exactness: 0.7, Words: 120, Kept: 0.2}); got != wiretrace.Synonyms {
		t.Errorf("line at 0: %s, want synonyms", got)
	}
}

// A copy with its sentences moved about keeps the source's words,
// however its passages chain: what it keeps counts them (Evidence.Kept at
// least its containment, above its score), so a spun copy of that kind is
// no rewrite.
func TestKeptCountsWordsMovedAbout(t *testing.T) {
	b, err := os.ReadFile("../examples/strike/original.txt")
	if err != nil {
		t.Fatal(err)
	}
	src := string(b)
	sents := regexp.MustCompile(`[^.!?]+[.!?]+["\x{201d}]?\s*`).FindAllString(src, -1)
	for i := 0; i+1 < len(sents); i += 2 {
		sents[i], sents[i+1] = sents[i+1], sents[i]
	}
	c := Compare(NewDoc(src), NewDoc(strings.Join(sents, "")))
	// Containment is rounded to three places, Kept is not.
	if c.Evidence.Kept < c.Containment-0.0005 || c.Evidence.Kept <= c.Score {
		t.Errorf("sentences swapped: kept %.2f, containment %.2f, score %.2f: want kept at least the containment, above the score", c.Evidence.Kept, c.Containment, c.Score)
	}
	e := c.Evidence
	if got := Defaults.RewordingOf(wiretrace.Spun, e); got != wiretrace.Synonyms {
		t.Errorf("read as spun, the swapped copy is %s, want synonyms", got)
	}
}
