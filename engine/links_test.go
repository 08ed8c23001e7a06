package engine

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/align"
	"github.com/wiretrace/wiretrace/examples"
	"github.com/wiretrace/wiretrace/fingerprint"
	"github.com/wiretrace/wiretrace/pebble"
	"github.com/wiretrace/wiretrace/provenance"
	"github.com/zeebo/xxh3"
)

// A dateline opens a story; one after paragraphs of a text's own says the
// text was put together from another's.
func TestDatelinePlace(t *testing.T) {
	story := "OSLO, June 4 (North Wire) - The harbour authority said on Tuesday that the new ferry berth would open in the autumn, a year later than planned."
	own := "The town council met on Monday evening to hear residents on the plans for the old cannery, which has stood empty for eleven years since the last owners left, and agreed to ask for fresh bids before the end of the summer.\n\n"
	cases := []struct {
		name, text, want string
	}{
		{"opening", story, provenance.DatelineOpening},
		{"after a headline", "Ferry berth delayed by a year\n\n" + story, provenance.DatelineOpening},
		{"inside", own + story, provenance.DatelineInside},
		{"none", "The harbour authority said the berth would open in the autumn.", ""},
	}
	for _, c := range cases {
		if got := datelinePlace(Prepare(c.text)); got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}

// A member's agency is the one its byline or dateline credits as the
// author; an agency named in the text reported that part only.
func TestAuthorAgency(t *testing.T) {
	body := "A court fined the owner of a late-night bakery on Monday for the noise of its ovens, which neighbours said had kept them awake for months."
	cases := []struct {
		name, text, want string
	}{
		{"byline", "Bakery fined over night noise\n\nBy Ann Other, PA News\n\n" + body, "PA"},
		{"dateline", "LEEDS, March 2 (Reuters) - " + body, "Reuters"},
		{"own staff", "Bakery fined over night noise\n\nBy Ann Other, Riverside Courier\n\n" + body, ""},
		{"a wire no list knows", "LEEDS, March 2 (Mercia Press Agency) - " + body, "Mercia Press Agency"},
		{"a paper in the dateline", "LEEDS, March 2 (Leeds Free Press) - " + body, ""},
		{"in the text only", body + " The owner told Reuters he would appeal.", ""},
		{"none", body, ""},
	}
	for _, c := range cases {
		if got := authorAgency(Prepare(c.text).Anatomy()); got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}

// The example pages put a headline, a byline, a photo with its caption and
// credit, and a copyright line above their datelines: none of that is
// text of their own before the story.
func TestDatelinePlaceUnderPageParts(t *testing.T) {
	names, err := fs.Glob(examples.FS, "*/*.txt")
	if err != nil || len(names) == 0 {
		t.Fatal(names, err)
	}
	for _, name := range names {
		b, err := fs.ReadFile(examples.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		if got := datelinePlace(Prepare(string(b))); got == provenance.DatelineInside {
			t.Errorf("%s: dateline inside, want it opening the text", name)
		}
	}
}

// A trace gathered live tells the family of the traced article only: two
// stories joined by one bridging link are two families, as the grouping
// of a store makes them.
func TestGatheringSplitsAtBridges(t *testing.T) {
	g := &gathering{}
	for range 12 {
		g.members = append(g.members, provenance.Member{})
	}
	link := func(a, b int) { g.links = append(g.links, provenance.Link{A: a, B: b}) }
	for _, story := range [][2]int{{0, 6}, {6, 12}} {
		for a := story[0]; a < story[1]; a++ {
			for b := a + 1; b < story[1]; b++ {
				link(a, b)
			}
		}
	}
	link(3, 9)
	if got := g.group(g.joins()); len(got) != 12 {
		t.Fatalf("gathered group %v, want all 12 linked", got)
	}
	if got := fmt.Sprint(g.split(g.group(g.joins()), g.joins())); got != "[0 1 2 3 4 5]" {
		t.Errorf("traced family %s, want the first story's six", got)
	}
}

// A trace of a family too large to tell whole walks the stored links to
// members of its own family only: a bridge the grouping cut leads into
// another family, which the walk leaves alone.
func TestNearStoryStaysInItsFamily(t *testing.T) {
	ctx := context.Background()
	st, err := pebble.Open(t.TempDir(), fingerprint.Scheme)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var notes []wiretrace.Note
	put := func(key string, v any) {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		notes = append(notes, wiretrace.Note{Key: key, Value: b})
	}
	link := func(a, b uint64) {
		put(linkKey(a, b), famLink{Link: provenance.Link{Relation: wiretrace.Copy, Score: 0.9, CoverA: 1, CoverB: 1}, From: "a"})
		notes = append(notes, wiretrace.Note{Key: earlyKey(b, a), Value: []byte("1")})
	}
	// Two families of four, 1-4 and 5-8, each member linked to the
	// others, and the bridge 2-6 between them.
	for _, fam := range [][]uint64{{1, 2, 3, 4}, {5, 6, 7, 8}} {
		for i, a := range fam {
			put(seqKey(notesMember, a), famMember{Member: provenance.Member{Appearance: wiretrace.Appearance{ID: fmt.Sprint("a", a)}, Seq: a}})
			notes = append(notes, wiretrace.Note{Key: seqKey(notesOf, a), Value: []byte(fmt.Sprintf("%016x 4", fam[0]))})
			for _, b := range fam[i+1:] {
				link(a, b)
			}
		}
	}
	link(2, 6)
	slices.SortFunc(notes, func(a, b wiretrace.Note) int { return strings.Compare(a.Key, b.Key) })
	if err := st.PutNotes(ctx, notes); err != nil {
		t.Fatal(err)
	}
	e := New(st, Defaults)
	s, truncated, err := e.nearStory(ctx, 2, fmt.Sprintf("%016x", 1), 10)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, m := range s.Members {
		ids = append(ids, m.ID)
	}
	slices.Sort(ids)
	if fmt.Sprint(ids) != "[a1 a2 a3 a4]" || truncated {
		t.Errorf("members %v (truncated %v), want the four of a2's family", ids, truncated)
	}
}

// A story that sets two paragraphs of another inside a report of its own
// is linked to it, however many names and numbers its own paragraphs
// hold: only the words inside the passages say whether the two share
// their facts as they share their words.
func TestTemplated(t *testing.T) {
	source := strings.Join([]string{
		"KESTREL BAY, Oct 9 (Harbour Desk) - The Kestrel Bay port board voted 7 to 2 on Thursday to lease Pier 14 to Alcott Freight for 25 years at 3.2 million crowns a year.",
		"The vote ends a dispute that has kept the pier closed since the storm of last winter, when the old sheds collapsed and the repairs were left unfinished.",
		"Residents of the streets above the harbour had asked the board to turn the pier into a public walk, with benches and a small market on summer weekends.",
		"Board members said the walk would cost more than the town could raise and that the pier was needed for the work it was built for.",
		"Alcott Freight said it would hire 140 workers by March 2027 and run its first ships from Halden and Morrow on April 1.",
	}, "\n\n")
	host := strings.Join([]string{
		"Shares of Norvale Shipping rose 4.1 percent to 212.50 crowns in Fenmark on Friday, and Alcott Freight gained 2.7 percent to 88.20, after Brennan Securities raised both to buy.",
		"The Fenmark index closed 0.6 percent higher at 1,842 points, with 1.4 billion crowns of shares traded, against 1.1 billion on Thursday.",
		"The vote ends a dispute that has kept the pier closed since the storm of last winter, when the old sheds collapsed and the repairs were left unfinished.",
		"Residents of the streets above the harbour had asked the board to turn the pier into a public walk, with benches and a small market on summer weekends.",
		"Grain traders Halvorsen and Dray fell 1.9 percent to 45.10 crowns after third-quarter profit of 61 million crowns missed the 70 million Brennan had forecast.",
		"Tessaly Power lost 0.8 percent to 301 crowns and Marrow Telecom 1.2 percent to 19.75 ahead of results due on October 23 and 28.",
	}, "\n\n")
	// The report took two paragraphs: linked, not a formula.
	src, sus := Prepare(source), Prepare(host)
	a := Defaults.Align.Align(src.doc, sus.doc)
	if !a.Relation.Derived() || templated(src.doc, sus.doc, a.TokenMap, a.Comparison) {
		t.Errorf("two paragraphs in a report of its own: %s, templated %v; want derived and not templated", a.Relation, templated(src.doc, sus.doc, a.TokenMap, a.Comparison))
	}
	// Counted over the whole texts, the report's own figures would make
	// both texts look poor in shared facts: what counting inside the
	// passages avoids.
	all := func(n int) []bool { return slices.Repeat([]bool{true}, n) }
	if !factPoor(src.doc, sus.doc, a.TokenMap, all(src.doc.Len())) || !factPoor(sus.doc, src.doc, back(a.TokenMap, sus.doc.Len()), all(sus.doc.Len())) {
		t.Error("over the whole texts the report is not poor in shared facts: the case tests nothing")
	}
	// Two results written to one formula: over the sentence they share,
	// each holds its own company and figures.
	results := func(company, net, share, before, shareBefore, sales string) string {
		return fmt.Sprintf("%s said first quarter net income rose to %s mln dlrs, or %s cts a share, from %s mln dlrs, or %s cts a share, a year earlier, on sales of %s mln dlrs.", company, net, share, before, shareBefore, sales)
	}
	f1, f2 := Prepare(results("Alder Mills Inc", "12.4", "41", "9.8", "33", "212.5")), Prepare(results("Brook Valley Corp", "31.0", "87", "28.2", "80", "640.1"))
	to := make([]int, f1.doc.Len())
	for k := range to {
		to[k] = -1
		if k < f2.doc.Len() && f1.doc.Token(k).Norm == f2.doc.Token(k).Norm {
			to[k] = k
		}
	}
	if !factPoor(f1.doc, f2.doc, to, all(f1.doc.Len())) || !factPoor(f2.doc, f1.doc, to, all(f2.doc.Len())) {
		t.Error("two results to one formula: not poor in shared facts")
	}
}

// A story's lede is its first paragraph long enough to be one, not its
// headline given again, a byline or an outlet's line; a headline of too
// few distinctive words tells nothing.
func TestLedeOf(t *testing.T) {
	const title = "Harwick ferry crews accept pay offer"
	lede := "Ferry crews in Harwick voted on Monday to accept a new pay offer, ending a week of cancelled crossings to Gull Island."
	later := "The operator said the first crossings would leave at six on Tuesday morning, and that tickets bought for cancelled sailings would be honoured."
	cases := []struct {
		name, title, body string
		want              float64 // -1: none
	}{
		{"lede first", title, lede + "\n\n" + later, 1},
		{"after the headline and a byline", title, title + "\n\nBy Ada Fenwick\n\n" + lede + "\n\n" + later, 1},
		{"another paragraph first", title, later + "\n\n" + lede, 0},
		// A page's text often has its paragraphs one a line.
		{"one a line, another paragraph first", title, later + "\n" + lede, 0},
		{"one a line, after a byline", title, "By Ada Fenwick\n" + lede + "\n" + later, 1},
		// A photo's caption above the story is no lede.
		{"after a photo's caption", title, title + "\nBy Ada Fenwick, Harwick Ledger\nCrews tie up idle ferries at Gull Island pier on March 2, 2026. HARWICK LEDGER/Ines Darrow\n\n" + later + "\n\n" + lede, 0},
		// Wire copy wrapped at a fixed width has blank lines between
		// paragraphs; its lines are not paragraphs.
		{"hard-wrapped", title, wrapped(later, 60) + "\n\n" + wrapped(lede, 60), 0},
		{"hard-wrapped, lede first", title, wrapped(lede, 60) + "\n\n" + wrapped(later, 60), 1},
		{"half the headline", "Harwick ferry crews win praise from minister", lede, 0.5},
		{"a headline of common words", "Crews say so", lede, -1},
		{"no paragraph long enough", title, "Ferry crews accept.", -1},
	}
	for _, c := range cases {
		got := ledeOf(c.title, Prepare(c.body))
		switch {
		case c.want < 0 && got != nil:
			t.Errorf("%s: %v, want none", c.name, *got)
		case c.want >= 0 && (got == nil || *got < c.want-0.01 || *got > c.want+0.01):
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

// wrapped breaks s into lines of at most width bytes at its spaces.
func wrapped(s string, width int) string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		if line != "" && len(line)+1+len(w) > width {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	return strings.Join(append(lines, line), "\n")
}

// A headline's names are its words of no dictionary, or that the
// dictionary knows only as places, that its text never writes in small
// letters: a wire's abbreviations ("MLN", "CTS") are not names, nor is a
// site's name after a bar, nor a month.
func TestHeadlineNames(t *testing.T) {
	body := "Knutson Mortgage Corp said its board declared a quarterly dividend of 10 cts a share, payable on 40 mln shares."
	cases := []struct {
		title, body string
		want        []string
	}{
		{"KNUTSON MORTGAGE <KNMC> SETS 10 CTS QTLY DIVIDEND", body, []string{"knutson", "qtly", "<knmc>"}},
		{"KNUTSON PAYS 40 MLN DLR DIVIDEND | Lakewire Daily", body, []string{"knutson", "dlr"}},
		{"Quarterly dividend set", body, nil},
		// A ticker names its company, though a single letter or a word.
		{"IRVING TRUST <V> RAISES PRIME RATE", "Irving Trust Co said it is raising its prime rate to 7-3/4 pct.", []string{"irv", "<v>"}},
		{"CATERPILLAR <CAT> TO CUT JOBS", "Caterpillar Inc said it would cut jobs.", []string{"<cat>"}},
		// Places the dictionary knows are names; a month
		// is a date.
		{"INDIANAPOLIS HOGS SEEN STEADY IN APRIL", "Hog prices are expected steady.", []string{"indianapolis"}},
		{"BRAZIL COFFEE RAINS EASE", "Rains eased across the coffee belt.", nil},
	}
	for _, c := range cases {
		if got := headlineNames(c.title, align.NewDoc(c.body)); !slices.Equal(got, c.want) {
			t.Errorf("headlineNames(%q) = %q, want %q", c.title, got, c.want)
		}
	}
	if !otherNames(headlineNames("KNUTSON SETS 10 CTS DIVIDEND", align.NewDoc(body)), headlineNames("CONCHEMCO SETS 10 CTS DIVIDEND", align.NewDoc("Conchemco Inc said it set a dividend of 10 cts."))) {
		t.Error("two companies' headlines that share only an abbreviation name the same thing")
	}
	hogs := align.NewDoc("Hog prices are expected steady on estimated receipts of 2,000 head, private sources said.")
	if !otherNames(headlineNames("ST LOUIS HOGS SEEN STEADY - PRIVATE", hogs), headlineNames("ST PAUL HOGS SEEN STEADY - PRIVATE", hogs)) {
		t.Error("St Louis and St Paul name the same place")
	}
	if !otherNames(headlineNames("INDIANAPOLIS HOGS SEEN STEADY - PRIVATE", hogs), headlineNames("PEORIA HOGS SEEN STEADY - PRIVATE", hogs)) {
		t.Error("Indianapolis and Peoria name the same place")
	}
	// Tickers tell companies apart when both headlines have them,
	// whatever other word no dictionary holds they share ("PAYOUT").
	payout := align.NewDoc("Qtly div 25 cts vs 25 cts prior. Pay June one. Record May 15.")
	for _, c := range []struct {
		a, b  string
		other bool
	}{
		{"HARWICK MILLS <HWM> SETS QUARTERLY PAYOUT", "BELCASTER CORP <BLC> SETS QUARTERLY PAYOUT", true},
		{"HARWICK MILLS <HWM> SETS QUARTERLY PAYOUT", "HARWICK MILLS <HWM> PAYOUT UNCHANGED", false},
		{"OSTERLEY <OST> TO BUY HARWICK <HWM>", "HARWICK <HWM> AGREES TO OSTERLEY BID", false},
		// Tickers on one side only are set aside: the names say.
		{"HARWICK <HWM> UNIT SEES MINE PROCEEDING", "HARWICK UNIT SEES MINE PROCEEDING", false},
		{"SUMMIT GROUP <SMGP> UNIT GETS MORE LAND", "SUMMIT GROUP UNIT GETS MORE GHANA GOLD LAND", false},
		{"HARWICK <HWM> UNIT SEES MINE PROCEEDING", "BELCASTER UNIT SEES MINE PROCEEDING", true},
		{"COLOMBIAN EXPORTS UP IN JANUARY", "EXPORTS RISE IN COLOMBIA", false},
		{"CHICAGO HOGS STEADY IN APRIL", "CHICAGO HOGS UP IN MAY", false},
	} {
		if got := otherNames(headlineNames(c.a, payout), headlineNames(c.b, payout)); got != c.other {
			t.Errorf("otherNames(%q, %q) = %v, want %v", c.a, c.b, got, c.other)
		}
	}
}

// A story is kept whole up to storyChunk bytes and in chunks of
// storyChunk past that, named by its hash, whatever the pieces it is
// written in: a story of exactly a chunk is whole, one of two chunks'
// bytes has two chunks and no empty third.
func TestPutStory(t *testing.T) {
	defer SetStoryChunk(10)()
	for _, size := range []int{0, 1, 9, 10, 11, 19, 20, 21, 35} {
		for _, piece := range []int{1, 3, 10, 64} {
			story := make([]byte, size)
			for i := range story {
				story[i] = byte('a' + i%26)
			}
			encode := func(w io.Writer) error {
				for rest := story; len(rest) > 0; {
					n := min(piece, len(rest))
					if _, err := w.Write(rest[:n]); err != nil {
						return err
					}
					rest = rest[n:]
				}
				return nil
			}
			var order []string
			got := map[string]string{}
			err := putStory("s", encode, func(key string, v []byte) error {
				order = append(order, key)
				got[key] = string(v)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			want := map[string]string{"s": string(story)}
			if size > 10 {
				n := (size + 9) / 10
				gen := fmt.Sprintf("%016x", xxh3.Hash(story))
				want = map[string]string{"s": fmt.Sprintf("chunks %d %s", n, gen)}
				for i := range n {
					want[fmt.Sprintf("s/%s/%04x", gen, i)] = string(story[i*10 : min(size, (i+1)*10)])
				}
			}
			if !maps.Equal(got, want) {
				t.Errorf("%d bytes written %d at a time: notes %q, want %q", size, piece, got, want)
			}
			if order[len(order)-1] != "s" {
				t.Errorf("%d bytes: notes put in the order %q, want the header last", size, order)
			}
		}
	}
}

// While a regrouping rewrites a story in chunks, a reader meets its old
// version whole: the new version's chunks, put before its header, and
// chunks of a version before chunks were named, are passed over.
func TestStoryBeingRewritten(t *testing.T) {
	defer SetStoryChunk(40)()
	ctx := context.Background()
	st, err := pebble.Open(t.TempDir(), fingerprint.Scheme)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	e := New(st, Defaults)
	story := func(origin string, members int) []byte {
		s := provenance.Story{Family: "a", Origin: origin, Sure: "high", Reasons: []string{"it came first"}}
		for i := range members {
			s.Members = append(s.Members, provenance.StoryMember{Member: provenance.Member{Appearance: wiretrace.Appearance{ID: fmt.Sprintf("m%d", i)}}})
		}
		v, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	key := seqKey(notesStory, 1)
	var notes []wiretrace.Note
	keep := func(key string, v []byte) error {
		notes = append(notes, wiretrace.Note{Key: key, Value: v})
		return nil
	}
	put := func(v []byte) {
		if err := putStory(key, func(w io.Writer) error { _, err := w.Write(v); return err }, keep); err != nil {
			t.Fatal(err)
		}
	}
	put(story("old", 6))
	// The next story, whole, and a chunk left of a version named by no
	// hash, sorting among the chunks.
	notes = append(notes, wiretrace.Note{Key: seqKey(notesStory, 2), Value: story("next", 1)}, wiretrace.Note{Key: key + "/0000", Value: []byte("left over")})
	if err := st.PutNotes(ctx, notes); err != nil {
		t.Fatal(err)
	}
	// The new version's notes but its header.
	notes = nil
	put(story("new", 9))
	if err := st.PutNotes(ctx, notes[:len(notes)-1]); err != nil {
		t.Fatal(err)
	}
	read := func() []string {
		var origins []string
		if err := e.Stories(ctx, FamilyFilter{}, func(s provenance.Story) error {
			origins = append(origins, fmt.Sprintf("%s %d", s.Origin, len(s.Members)))
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		s, ok, err := e.readStory(ctx, key)
		if err != nil || !ok {
			t.Fatalf("read story: %v %v", ok, err)
		}
		return append(origins, fmt.Sprintf("%s %d", s.Origin, len(s.Members)))
	}
	if got, want := read(), []string{"old 6", "next 1", "old 6"}; !slices.Equal(got, want) {
		t.Errorf("while rewritten: stories %q, want %q", got, want)
	}
	if err := st.PutNotes(ctx, notes[len(notes)-1:]); err != nil {
		t.Fatal(err)
	}
	if got, want := read(), []string{"new 9", "next 1", "new 9"}; !slices.Equal(got, want) {
		t.Errorf("rewritten: stories %q, want %q", got, want)
	}
}
