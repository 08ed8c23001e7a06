package credit

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/wiretrace/wiretrace/align"
	"github.com/wiretrace/wiretrace/anatomy"
)

// quoteHeavy returns a story of n paragraphs, each a quote and its
// speaker, and a copy that rewords every third quote: a hearing's report
// and its copy, where quotes are most of the text. The quotes' words are
// drawn with a fixed seed, function words as often as in news text.
func quoteHeavy(n int) (source, suspect string) {
	function := strings.Fields("the a of to and in that was we it for on at with")
	content := strings.Fields(`gauge spillway pump siren ledger survey culvert levee turbine valve
		barge crane radio logbook station ferry landing bank quarry mill road depot lock weir pier
		canal basin school read showed measured logged passed held dropped reached cleared flagged
		crews water night morning engineers warning gates river flood council budget repairs
		inspection report hours minutes families homes roof street bridge rain storm wind power
		line phone call office mayor chief deputy officer driver truck boat rope ladder door`)
	r := rand.New(rand.NewPCG(1, 2))
	var s, t strings.Builder
	s.WriteString("RIVERTON, March 3 (Meridian Press Agency) - The inquiry into the dam heard from witnesses on Tuesday.\n\n")
	t.WriteString("RIVERTON, March 3 - The inquiry into the dam heard from witnesses on Tuesday.\n\n")
	for i := range n {
		words := make([]string, 12+r.IntN(14))
		for k := range words {
			if r.IntN(10) < 4 {
				words[k] = function[r.IntN(len(function))]
			} else {
				words[k] = content[r.IntN(len(content))]
			}
		}
		words[0] = strings.ToUpper(words[0][:1]) + words[0][1:]
		fmt.Fprintf(&s, "\"%s,\" said engineer Dana Whitlow%d.\n\n", strings.Join(words, " "), i)
		if i%3 == 0 {
			words[len(words)/2], words[len(words)-1] = "nobody", "warned"
		}
		fmt.Fprintf(&t, "\"%s,\" said engineer Dana Whitlow%d.\n\n", strings.Join(words, " "), i)
	}
	return s.String(), t.String()
}

func BenchmarkCompareQuotes(b *testing.B) {
	source, suspect := quoteHeavy(40)
	src, sus := align.NewDoc(source), align.NewDoc(suspect)
	a := align.Defaults.Align(src, sus)
	if !a.Comparison.Relation.Derived() {
		b.Fatalf("relation %s, want a derived one", a.Comparison.Relation)
	}
	srcA, susA := anatomy.ParseTokens(src.Text, src.Tokens()), anatomy.ParseTokens(sus.Text, sus.Tokens())
	if _, qs := Compare(srcA, susA, a.Comparison, WithTokenMap(a.TokenMap)); len(qs) == 0 {
		b.Fatal("no quote changes found")
	}
	b.ReportAllocs()
	for b.Loop() {
		Compare(srcA, susA, a.Comparison, WithTokenMap(a.TokenMap))
	}
}
