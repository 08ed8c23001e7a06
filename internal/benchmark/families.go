package benchmark

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/internal/corpus"
)

// Generated story families: stories whose origin and copy tree are known
// by construction, to measure the grouping of a store into families and
// the ordering of each family.

// FamilyItem is one article of a generated family corpus with the truth
// about it.
type FamilyItem struct {
	Article wiretrace.Article
	// Family names the story; an unrelated article is a family of its own.
	Family string
	// Parent is the ID of the member the article was made from; empty for
	// an origin.
	Parent string
	Kind   Kind
	// Credit says what the article did with its parent's agency credit:
	// "kept", "rebranded", "dropped", or empty when the parent had none.
	Credit string
}

// Kinds of copy in a family besides those of the benchmark corpus.
const (
	// Cut: the parent trimmed from the bottom, as wire copy is cut to fit.
	Cut Kind = "cut"
)

// familyKinds are the ways a copy is made from its parent, with equal
// chance; a partial copy is never a parent, since most of its text is
// another story's.
var familyKinds = []Kind{Verbatim, Cut, Trimmed, Spun, Reordered, Partial}

// wires are the invented agencies whose stories start families, with
// their sites; outlets the invented sites that copy them.
var (
	wires = []struct{ name, site string }{
		{"North Wire", "northwire.example"},
		{"Meridian Press Agency", "meridianpress.example"},
		{"Coastline News Service", "coastlinenews.example"},
	}
	outlets = []struct{ name, site string }{
		{"Harbour Ledger", "harbourledger.example"},
		{"Northtown Daily", "northtowndaily.example"},
		{"Market Pulse Online", "marketpulse.example"},
		{"Eastfield Gazette", "eastfieldgazette.example"},
		{"Daily Digest Hub", "dailydigesthub.example"},
		{"World Briefing Network", "worldbriefing.example"},
		{"Valley Courier", "valleycourier.example"},
		{"Metro Insider", "metroinsider.example"},
	}
	places = []string{"LONDON", "NEW YORK", "TOKYO", "FRANKFURT", "SYDNEY", "PARIS"}
)

const seedFamilies = 0x66616d696c696573

// FamilyCorpus makes a family corpus from originals: stories families,
// each an original with one to eight copies, and as many unrelated
// originals, the articles in a random order so that the order of storing
// tells nothing. seed chooses the corpus: two seeds give two corpora from
// disjoint originals when there are enough, for choosing settings on one
// and measuring on the other.
func FamilyCorpus(originals []corpus.Doc, stories int, seed uint64) []FamilyItem {
	r := rand.New(rand.NewPCG(seedFamilies, seed))
	// Each story uses an original as its origin and some as hosts of
	// partial copies; unrelated articles use one each.
	pool := make([]corpus.Doc, len(originals))
	copy(pool, originals)
	r.Shuffle(len(pool), func(i, j int) { pool[i], pool[j] = pool[j], pool[i] })
	take := func() corpus.Doc {
		d := pool[0]
		pool = pool[1:]
		return d
	}
	var items []FamilyItem
	start := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	for s := 0; s < stories && len(pool) > 20; s++ {
		fam := fmt.Sprintf("story-%d-%04d", seed, s)
		src := take()
		w := wires[r.IntN(len(wires))]
		text := src.Text
		credited := r.IntN(2) == 0
		if credited {
			text = fmt.Sprintf("%s, %s (%s) - %s", places[r.IntN(len(places))], "March 3", w.name, text)
		}
		published := start.Add(time.Duration(r.IntN(60*24)) * time.Hour)
		origin := FamilyItem{Family: fam, Kind: Original, Article: wiretrace.Article{
			Title: src.Title, Site: w.site, Text: text,
		}}
		setTime(&origin.Article, published, r, false)
		members := []FamilyItem{origin}
		times := []time.Time{published}
		// One to eight copies, fewer more often.
		n := 1 + int(math.Floor(-math.Log(1-r.Float64())*2.2))
		n = min(n, 8)
		for range n {
			// A parent among the members that can be one: the origin more
			// often than any copy.
			var parents []int
			for i, m := range members {
				if m.Kind != Partial {
					parents = append(parents, i)
				}
			}
			p := 0
			if r.IntN(10) >= 6 && len(parents) > 1 {
				p = parents[1+r.IntN(len(parents)-1)]
			}
			parent := members[p]
			o := outlets[r.IntN(len(outlets))]
			kind := familyKinds[r.IntN(len(familyKinds))]
			c := FamilyItem{Family: fam, Kind: kind, Article: wiretrace.Article{Title: parent.Article.Title, Site: o.site}}
			body := parent.Article.Text
			switch kind {
			case Verbatim:
				body = o.name + " staff report\n\n" + body
			case Cut:
				body = cut(body, r)
			case Trimmed:
				body = trim(body, r)
			case Spun:
				body = spin(body, func() bool { return r.IntN(4) == 0 })
			case Reordered:
				body = reorder(body, r)
			case Partial:
				host := take()
				body = embed(body, host.Text, r)
				c.Article.Title = host.Title
			}
			// What the copy does with an agency credit it received: most
			// keep it, some put their own name in its place, a few drop it.
			if strings.Contains(body, "("+w.name+")") {
				switch k := r.IntN(10); {
				case k < 6:
					c.Credit = "kept"
				case k < 9:
					c.Credit = "rebranded"
					body = strings.Replace(body, "("+w.name+")", "("+o.name+")", 1)
				default:
					c.Credit = "dropped"
					body = strings.Replace(body, " ("+w.name+")", "", 1)
				}
			}
			c.Article.Text = body
			// Ten minutes to three days after its parent.
			t := times[p].Add(time.Duration(math.Exp(math.Log(10)+r.Float64()*math.Log(6*72))) * time.Minute)
			setTime(&c.Article, t, r, true)
			c.Parent = fmt.Sprint(p) // an index until IDs are given
			members = append(members, c)
			times = append(times, t)
		}
		items = append(items, members...)
	}
	for i := 0; i < stories && len(pool) > 0; i++ {
		d := take()
		o := outlets[r.IntN(len(outlets))]
		it := FamilyItem{Family: "unrelated-" + d.ID, Kind: Original, Article: wiretrace.Article{Title: d.Title, Site: o.site, Text: d.Text}}
		setTime(&it.Article, start.Add(time.Duration(r.IntN(60*24))*time.Hour), r, false)
		items = append(items, it)
	}
	// IDs from a shuffled order, so that neither the ID nor the order of
	// storing says which member came first.
	first := map[string]int{}
	for i, it := range items {
		if _, ok := first[it.Family]; !ok {
			first[it.Family] = i
		}
	}
	parents := make([]int, len(items))
	for i, it := range items {
		parents[i] = -1
		if it.Parent != "" {
			var p int
			fmt.Sscan(it.Parent, &p)
			parents[i] = first[it.Family] + p
		}
	}
	order := r.Perm(len(items))
	for pos, i := range order {
		items[i].Article.ID = fmt.Sprintf("g%d-%05d", seed, pos)
	}
	out := make([]FamilyItem, len(items))
	for pos, i := range order {
		it := items[i]
		if parents[i] >= 0 {
			it.Parent = items[parents[i]].Article.ID
		}
		out[pos] = it
	}
	return out
}

// setTime gives an article published at t the times a crawl would: a
// crawler captured it five minutes to three days later (every page of a
// crawl has its capture time); seven in ten claim their publication time
// in the page, and one copy in twenty claims a time a day or two earlier
// than it was published, as back-dated pages do.
func setTime(a *wiretrace.Article, t time.Time, r *rand.Rand, copied bool) {
	delay := time.Duration(math.Exp(math.Log(5)+r.Float64()*math.Log(72*60/5))) * time.Minute
	a.FirstSeen, a.FirstSeenFrom = t.Add(delay), wiretrace.FromCrawl
	switch k := r.IntN(20); {
	case copied && k == 0:
		a.Published, a.PublishedFrom = t.Add(-time.Duration(24+r.IntN(24))*time.Hour), wiretrace.FromPage
	case k < 14:
		a.Published, a.PublishedFrom = t, wiretrace.FromPage
	}
}

// cut keeps the first half to four fifths of the units, at least one.
func cut(s string, r *rand.Rand) string {
	us := units(s)
	if len(us) < 2 {
		return trim(s, r)
	}
	keep := max(1, len(us)*(50+r.IntN(31))/100)
	if keep == len(us) {
		keep--
	}
	return strings.Join(us[:keep], "\n\n")
}
