package eval

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/engine"
	"github.com/wiretrace/wiretrace/internal/benchmark"
	"github.com/wiretrace/wiretrace/internal/corpus"
	"github.com/wiretrace/wiretrace/provenance"
)

// The grouping of a store into story families, measured on three corpora
// with known families: generated families whose origin and copy tree are
// known by construction, METER's court stories (each catchline a story
// whose origin is the Press Association's copy), and the groups of
// identical or near-identical bodies of Reuters-21578.

// familyCase is one article of a family corpus with its gold.
type familyCase struct {
	article wiretrace.Article
	// family labels the gold family; origins are the members that count
	// as its origin (several PA files of one catchline), parents those
	// that count as the article's parent; none when the corpus does not
	// say.
	family  string
	parents []string
	// credit says what the article did with its parent's agency credit,
	// when the corpus says: "kept", "rebranded" (another name in its
	// place) or "dropped".
	credit string
}

// familyCorpus is a corpus of families with its gold.
type familyCorpus struct {
	name    string
	cases   []familyCase
	origins map[string][]string
}

// FamilyScores are the measures of one clustering with its ordering.
type FamilyScores struct {
	Clustering Clustering
	// Families counts the gold families of two or more members; Origins
	// those whose origin was found; Parented the members with a gold
	// parent, Parents those whose parent was found.
	Families, Origins, Parented, Parents int
}

// ARI is the adjusted Rand index.
func (s FamilyScores) ARI() float64 { return s.Clustering.ARI }

// OriginAccuracy is the share of gold families whose origin was found.
func (s FamilyScores) OriginAccuracy() float64 { return ratio(s.Origins, s.Families) }

// ParentAccuracy is the share of members with a gold parent whose parent
// was found.
func (s FamilyScores) ParentAccuracy() float64 { return ratio(s.Parents, s.Parented) }

// FamilyCorpusResult is the measure of one corpus.
type FamilyCorpusResult struct {
	Name     string
	Articles int
	// Engine is wiretrace's families; Baseline MinHash-LSH's at
	// BaselineThreshold.
	Engine, Baseline  FamilyScores
	BaselineThreshold float64
	// Families is how many families of two or more the engine found.
	Families int
	// Credited counts the copies whose corpus says what they did with
	// their parent's agency credit; CreditsRead those whose comparison
	// with their parent says the same (Credit.Fate: kept; a credit put
	// in another's name or dropped, rebranded).
	Credited, CreditsRead int
	// Took is how long adding and grouping took, for information.
	Took time.Duration
}

// FamiliesResult is the evaluation of the families on every corpus.
type FamiliesResult struct {
	Corpora []FamilyCorpusResult
	// BaselineThreshold is the baseline's agreement threshold, chosen for
	// the best ARI on a generated corpus apart from the measured one.
	BaselineThreshold float64
	Items             []FamilyItem
}

// FamilyItem is one article's outcome, for --details.
type FamilyItem struct {
	Corpus    string `json:"corpus"`
	ID        string `json:"id"`
	Gold      string `json:"gold_family"`
	Predicted string `json:"family"`
	// Origin is the predicted family's origin; GoldOrigin one of gold's.
	Origin     string `json:"origin,omitempty"`
	GoldOrigin string `json:"gold_origin,omitempty"`
	Parent     string `json:"parent,omitempty"`
	GoldParent string `json:"gold_parent,omitempty"`
}

// OpenStore makes an empty store for one corpus; close releases it.
type OpenStore func() (st wiretrace.Store, close func() error, err error)

// generatedStories is how many stories each generated corpus has.
const generatedStories = 400

// FamilyCorpora names the corpora Families measures, in order.
// "tuning" is the generated corpus that settings were chosen on, apart
// from the one reported.
var FamilyCorpora = []string{"generated", "meter", "reuters", "tuning", "meter-tuning"}

// familyDefault are the corpora measured unless others are named.
var familyDefault = FamilyCorpora[:3]

// Families measures the families on the corpora named (all of
// FamilyCorpora when none) found in dataDir (the folder holding meter/,
// reuters21578/ and bbc-news-summary/), each in a store open makes. A
// corpus whose folder is missing is an error.
func Families(ctx context.Context, dataDir string, names []string, open OpenStore, opts Options) (*FamiliesResult, error) {
	if len(names) == 0 {
		names = familyDefault
	}
	for _, n := range names {
		if !slices.Contains(FamilyCorpora, n) {
			return nil, fmt.Errorf("families: no corpus %q (want one of %s)", n, strings.Join(FamilyCorpora, ", "))
		}
	}
	originals, err := benchmark.LoadOriginals(dataDir)
	if err != nil {
		return nil, fmt.Errorf("families: %w", err)
	}
	res := &FamiliesResult{}
	// The baseline's threshold is chosen on one generated corpus and used
	// on the others.
	res.BaselineThreshold = chooseThreshold(generated(originals, 1))
	corpora := map[string]func() (familyCorpus, error){
		"generated": func() (familyCorpus, error) { return generated(originals, 2), nil },
		"tuning": func() (familyCorpus, error) {
			c := generated(originals, 1)
			c.name = "tuning"
			return c, nil
		},
		"meter": func() (familyCorpus, error) { return meterFamilies(filepath.Join(dataDir, "meter"), 1) },
		"meter-tuning": func() (familyCorpus, error) {
			c, err := meterFamilies(filepath.Join(dataDir, "meter"), 0)
			c.name = "meter-tuning"
			return c, err
		},
		"reuters": func() (familyCorpus, error) { return reutersFamilies(filepath.Join(dataDir, "reuters21578")) },
	}
	for _, name := range FamilyCorpora {
		if !slices.Contains(names, name) {
			continue
		}
		c, err := corpora[name]()
		if err != nil {
			return nil, err
		}
		r, items, err := measureFamilies(ctx, c, open, opts, res.BaselineThreshold)
		if err != nil {
			return nil, err
		}
		res.Corpora = append(res.Corpora, r)
		res.Items = append(res.Items, items...)
	}
	return res, nil
}

// readCredits compares each copy whose corpus says what it did with its
// parent's credit with that parent, and counts those whose comparison
// says the same.
func readCredits(c familyCorpus, o engine.Options) (credited, read int) {
	byID := map[string]wiretrace.Article{}
	for _, fc := range c.cases {
		byID[fc.article.ID] = fc.article
	}
	want := map[string]string{"kept": wiretrace.CreditKept, "rebranded": wiretrace.CreditRebranded, "dropped": wiretrace.CreditRebranded}
	for _, fc := range c.cases {
		if fc.credit == "" || len(fc.parents) == 0 {
			continue
		}
		credited++
		cmpn := o.Compare(engine.Prepare(byID[fc.parents[0]].Text), engine.Prepare(fc.article.Text))
		if cmpn.Credit != nil && cmpn.Credit.Fate == want[fc.credit] {
			read++
		}
	}
	return credited, read
}

// generated is the generated family corpus of a seed.
func generated(originals []corpus.Doc, seed uint64) familyCorpus {
	c := familyCorpus{name: "generated", origins: map[string][]string{}}
	for _, it := range benchmark.FamilyCorpus(originals, generatedStories, seed) {
		fc := familyCase{article: it.Article, family: it.Family, credit: it.Credit}
		if it.Parent != "" {
			fc.parents = []string{it.Parent}
		} else {
			c.origins[it.Family] = append(c.origins[it.Family], it.Article.ID)
		}
		c.cases = append(c.cases, fc)
	}
	return c
}

// meterFamilies reads half of METER's court stories: a catchline's PA
// files and the newspaper stories labelled wholly or partially derived
// from them are a family whose origin is any of the PA files, as is each
// story's parent; a story labelled non-derived is a family of its own.
// Each PA file carries the slug and the time its slug line gives, and the
// site "PA"; the newspaper stories carry no time or slug, and their
// paper's name as their site, as a crawl knows each page's site.
// The catchlines are taken in name order, alternately into half 0, on
// which settings were chosen, and half 1, which is reported.
func meterFamilies(dir string, half int) (familyCorpus, error) {
	c := familyCorpus{name: "meter", origins: map[string][]string{}}
	var topics []string
	for s, err := range corpus.MeterSources(dir) {
		if err != nil {
			return c, err
		}
		if s.Domain == "courts" && !slices.Contains(topics, s.Topic()) {
			topics = append(topics, s.Topic())
		}
	}
	slices.Sort(topics)
	inHalf := map[string]bool{}
	for i, t := range topics {
		inHalf[t] = i%2 == half
	}
	for s, err := range corpus.MeterSources(dir) {
		if err != nil {
			return c, err
		}
		if !inHalf[s.Topic()] {
			continue
		}
		c.origins[s.Topic()] = append(c.origins[s.Topic()], s.Name)
		// A PA file is a take of a wire story: its slug line says which
		// and when it was filed, as a wire feed does.
		a := wiretrace.Article{ID: s.Name, Text: s.Text, Slug: s.Slug, Site: "PA"}
		if !s.Filed.IsZero() {
			a.Published, a.PublishedFrom = s.Filed, wiretrace.FromInput
		}
		c.cases = append(c.cases, familyCase{article: a, family: s.Topic()})
	}
	for s, err := range corpus.MeterStories(dir) {
		if err != nil {
			return c, err
		}
		if !inHalf[s.Topic()] {
			continue
		}
		fc := familyCase{article: wiretrace.Article{ID: s.Name, Text: s.Text, Site: s.Paper()}, family: s.Topic()}
		if s.Class == corpus.MeterNon {
			fc.family = "non-derived " + s.Name
		} else {
			fc.parents = c.origins[s.Topic()]
		}
		c.cases = append(c.cases, fc)
	}
	// The PA files and stories are stored in an order that tells nothing.
	r := rand.New(rand.NewPCG(seedFamilyOrder, 1))
	r.Shuffle(len(c.cases), func(i, j int) { c.cases[i], c.cases[j] = c.cases[j], c.cases[i] })
	return c, nil
}

const seedFamilyOrder = 0x6f72646572

// measureFamilies adds a corpus to a new store, groups it, and scores the
// engine's families and the baseline's.
func measureFamilies(ctx context.Context, c familyCorpus, open OpenStore, opts Options, threshold float64) (FamilyCorpusResult, []FamilyItem, error) {
	res := FamilyCorpusResult{Name: c.name, Articles: len(c.cases), BaselineThreshold: threshold}
	st, closeStore, err := open()
	if err != nil {
		return res, nil, err
	}
	defer closeStore()
	start := time.Now()
	eng := engine.New(st, opts.engine())
	// Times of storing are all the same instant: the order of storing is
	// the corpus's, which tells nothing, and the clock must not either.
	eng = eng.WithClock(func() time.Time { return time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC) })
	articles := make([]wiretrace.Article, len(c.cases))
	for i, fc := range c.cases {
		articles[i] = fc.article
	}
	for len(articles) > 0 {
		n := min(len(articles), 256)
		results, err := eng.Add(ctx, articles[:n]...)
		if err != nil {
			return res, nil, fmt.Errorf("families %s: %w", c.name, err)
		}
		for k, r := range results {
			if r.Err != nil {
				return res, nil, fmt.Errorf("families %s: add %s: %w", c.name, articles[k].ID, r.Err)
			}
		}
		articles = articles[n:]
	}
	if _, err := eng.UpdateFamilies(ctx, engine.FamiliesOptions{Workers: opts.Workers}); err != nil {
		return res, nil, fmt.Errorf("families %s: %w", c.name, err)
	}
	predicted := map[string]string{}
	origin := map[string]string{}
	parent := map[string]string{}
	err = eng.Stories(ctx, engine.FamilyFilter{}, func(s provenance.Story) error {
		res.Families++
		origin[s.Family] = s.Origin
		for _, m := range s.Members {
			predicted[m.ID] = s.Family
			parent[m.ID] = m.Parent
		}
		return nil
	})
	if err != nil {
		return res, nil, err
	}
	res.Took = time.Since(start)

	gold := make([]string, len(c.cases))
	engineLabels := make([]string, len(c.cases))
	for i, fc := range c.cases {
		gold[i] = fc.family
		engineLabels[i] = cmp.Or(predicted[fc.article.ID], "alone "+fc.article.ID)
	}
	engineParent := make([]string, len(c.cases))
	for i, fc := range c.cases {
		engineParent[i] = parent[fc.article.ID]
	}
	res.Engine = scoreFamilies(c, engineLabels, origin, engineParent)

	docs := make([]baselineDoc, len(c.cases))
	for i, fc := range c.cases {
		docs[i] = baselineDoc{id: fc.article.ID, text: fc.article.Text, when: articleTime(fc.article), order: i}
	}
	b := minHashFamilies(docs, threshold)
	res.Baseline = scoreFamilies(c, b.label, b.origin, b.parent)
	res.Credited, res.CreditsRead = readCredits(c, opts.engine())

	items := make([]FamilyItem, len(c.cases))
	for i, fc := range c.cases {
		it := FamilyItem{Corpus: c.name, ID: fc.article.ID, Gold: gold[i], Predicted: engineLabels[i], Origin: origin[engineLabels[i]], Parent: engineParent[i]}
		if o := c.origins[fc.family]; len(o) > 0 {
			it.GoldOrigin = o[0]
		}
		if len(fc.parents) > 0 {
			it.GoldParent = fc.parents[0]
		}
		items[i] = it
	}
	return res, items, nil
}

// articleTime is the time the baseline orders by: claimed, else seen.
func articleTime(a wiretrace.Article) time.Time {
	if !a.Published.IsZero() {
		return a.Published
	}
	if a.FirstSeenFrom == wiretrace.FromCrawl {
		return a.FirstSeen
	}
	return time.Time{}
}

// scoreFamilies scores predicted labels (one per case), the origin of
// each predicted label, and a parent per case.
func scoreFamilies(c familyCorpus, labels []string, origin map[string]string, parent []string) FamilyScores {
	gold := make([]string, len(c.cases))
	for i, fc := range c.cases {
		gold[i] = fc.family
	}
	s := FamilyScores{Clustering: Cluster(gold, labels)}
	// Each gold family of two or more is matched with the predicted
	// family holding most of its members; its origin is found when that
	// family holds two of them or more (a member left alone has found
	// nothing) and its origin is one of gold's.
	members := map[string][]int{}
	for i, g := range gold {
		members[g] = append(members[g], i)
	}
	names := make([]string, 0, len(members))
	for g := range members {
		names = append(names, g)
	}
	slices.Sort(names)
	for _, g := range names {
		ms := members[g]
		if len(ms) < 2 || len(c.origins[g]) == 0 {
			continue
		}
		s.Families++
		count := map[string]int{}
		best := ""
		for _, i := range ms {
			count[labels[i]]++
			if n := count[labels[i]]; n > count[best] || n == count[best] && labels[i] < best {
				best = labels[i]
			}
		}
		if count[best] >= 2 && slices.Contains(c.origins[g], origin[best]) {
			s.Origins++
		}
	}
	for i, fc := range c.cases {
		if len(fc.parents) == 0 {
			continue
		}
		s.Parented++
		if slices.Contains(fc.parents, parent[i]) {
			s.Parents++
		}
	}
	return s
}

// chooseThreshold returns the baseline's agreement threshold with the
// best ARI on c, the lower of equals.
func chooseThreshold(c familyCorpus) float64 {
	docs := make([]baselineDoc, len(c.cases))
	for i, fc := range c.cases {
		docs[i] = baselineDoc{id: fc.article.ID, text: fc.article.Text, when: articleTime(fc.article), order: i}
	}
	gold := make([]string, len(c.cases))
	for i, fc := range c.cases {
		gold[i] = fc.family
	}
	best, bestARI := 0.0, -2.0
	for t := 1; t <= 9; t++ {
		th := float64(t) / 10
		if a := Cluster(gold, minHashFamilies(docs, th).label).ARI; a > bestARI {
			best, bestARI = th, a
		}
	}
	return best
}

// Corpus implements Result.
func (r *FamiliesResult) Corpus() string { return "families" }

// Figures implements Result: for each corpus (generated, meter, reuters)
// CORPUS.ari, CORPUS.pair_precision, CORPUS.pair_recall, CORPUS.pair_f1,
// CORPUS.origin_accuracy, CORPUS.parent_accuracy (where gold has parents),
// and the same for the baseline as CORPUS.baseline.NAME;
// CORPUS.credit_accuracy where the corpus says what each copy did with its
// parent's credit (the generated ones); also baseline_threshold.
func (r *FamiliesResult) Figures() map[string]float64 {
	f := map[string]float64{"baseline_threshold": r.BaselineThreshold}
	put := func(prefix string, s FamilyScores) {
		f[prefix+"ari"] = round(s.ARI())
		f[prefix+"pair_precision"] = round(s.Clustering.Precision())
		f[prefix+"pair_recall"] = round(s.Clustering.Recall())
		f[prefix+"pair_f1"] = round(s.Clustering.F1())
		f[prefix+"origin_accuracy"] = round(s.OriginAccuracy())
		if s.Parented > 0 {
			f[prefix+"parent_accuracy"] = round(s.ParentAccuracy())
		}
	}
	for _, c := range r.Corpora {
		put(c.Name+".", c.Engine)
		put(c.Name+".baseline.", c.Baseline)
		f[c.Name+".articles"] = float64(c.Articles)
		f[c.Name+".gold_families"] = float64(c.Engine.Families)
		f[c.Name+".families"] = float64(c.Families)
		if c.Credited > 0 {
			f[c.Name+".credit_accuracy"] = round(ratio(c.CreditsRead, c.Credited))
		}
	}
	return f
}

// JSON implements Result.
func (r *FamiliesResult) JSON(details bool) any {
	v := struct {
		Corpus  string             `json:"corpus"`
		Metrics map[string]float64 `json:"metrics"`
		Items   []FamilyItem       `json:"items,omitempty"`
	}{r.Corpus(), r.Figures(), nil}
	if details {
		v.Items = r.Items
	}
	return v
}

// WriteText implements Result.
func (r *FamiliesResult) WriteText(w io.Writer, details bool) error {
	fmt.Fprintf(w, "Story families: wiretrace against MinHash-LSH (%d bands x %d rows, word %d-grams, agreement >= %.1f)\n\n",
		MinHashBands, MinHashRows, MinHashShingle, r.BaselineThreshold)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "corpus\tarticles\tgold families\t\tARI\tpair P\tpair R\tpair F1\torigin\tparent\tseconds")
	for _, c := range r.Corpora {
		for k, s := range []FamilyScores{c.Engine, c.Baseline} {
			name, who, took := c.Name, "wiretrace", fmt.Sprintf("%.1f", c.Took.Seconds())
			articles, fams := fmt.Sprint(c.Articles), fmt.Sprint(s.Families)
			if k == 1 {
				name, who, took, articles, fams = "", "MinHash-LSH", "", "", ""
			}
			parent := "-"
			if s.Parented > 0 {
				parent = fmt.Sprintf("%.3f", s.ParentAccuracy())
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%s\t%s\n", name, articles, fams, who,
				s.ARI(), s.Clustering.Precision(), s.Clustering.Recall(), s.Clustering.F1(), s.OriginAccuracy(), parent, took)
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, c := range r.Corpora {
		if c.Credited > 0 {
			fmt.Fprintf(w, "\n%s: of %d copies whose corpus says what they did with their parent's credit, %d are read so (%.3f; kept, or rebranded for a credit put in another's name or dropped)\n",
				c.Name, c.Credited, c.CreditsRead, ratio(c.CreditsRead, c.Credited))
		}
	}
	if details {
		fmt.Fprintln(w)
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "corpus\tid\tgold\tfamily\torigin\tgold origin\tparent\tgold parent")
		for _, it := range r.Items {
			if it.Gold == it.Predicted && it.Parent == it.GoldParent {
				continue
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", it.Corpus, it.ID, strings.TrimSpace(it.Gold), it.Predicted, it.Origin, it.GoldOrigin, it.Parent, it.GoldParent)
		}
		return tw.Flush()
	}
	return nil
}
