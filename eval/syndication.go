package eval

import (
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"unicode"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/engine"
	"github.com/wiretrace/wiretrace/internal/corpus"
)

// Rebranding is judged on copies assembled here from the Reuters-21578
// stories: each story is set out as a wire story (headline, dateline with
// the agency's credit) and re-run by a fictional site, in one of the ways
// sites re-run wire copy. Honest copies credit the agency somewhere, in
// their own way (a byline, a closing line, the dateline kept); rebranded
// copies put the site's name where the agency's was, or remove every
// credit. Nothing is stored: the copies are made at run time from the
// corpus, the same every run.

// syndicationSites are the fictional sites that re-run the stories.
var syndicationSites = []string{
	"Coastal Times", "Harwick Ledger", "Valley Courier", "Quarry Daily News", "Midland Business Journal",
	"Northgate Post", "Tidewater Herald", "Green Living Daily", "Orchard Street Journal", "Kestrel Bay Gazette",
}

// syndicationReporters are fictional reporters for the stories set out as
// AP's.
var syndicationReporters = []string{"CORA VELLMAN", "IDRIS PELL", "MARA KESTEL", "JONAS WEIR", "TOMAS REYNE"}

// usStates gives the postal code of some US datelines' cities, for copies
// that write "PITTSBURGH, PA -".
var usStates = map[string]string{
	"NEW YORK": "NY", "CHICAGO": "IL", "HOUSTON": "TX", "DALLAS": "TX", "PITTSBURGH": "PA",
	"PHILADELPHIA": "PA", "LOS ANGELES": "CA", "SAN FRANCISCO": "CA", "BOSTON": "MA", "DETROIT": "MI",
	"CLEVELAND": "OH", "MINNEAPOLIS": "MN", "ATLANTA": "GA", "DENVER": "CO", "SEATTLE": "WA",
}

// syndicationWays are the ways a site re-runs a story: name, whether the
// copy credits the agency honestly, and how source and copy are set out.
var syndicationWays = []struct {
	name   string
	honest bool
	make   func(s syndStory) (source, copy string)
}{
	{"dateline kept, site header and copyright", true, func(s syndStory) (string, string) {
		return s.wire("Reuters"), s.site + " | Business\n" + s.headline() + "\n\n" + s.place + ", " + s.date + " (Reuters) - " + s.body +
			"\n\n\u00a9 1987 " + s.site + ". All rights reserved."
	}},
	{"agency byline, dateline without credit", true, func(s syndStory) (string, string) {
		return s.wire("Reuters"), s.headline() + "\nBy Reuters Staff\n\n" + s.place + " - " + s.body
	}},
	{"closing credit line, last paragraph trimmed", true, func(s syndStory) (string, string) {
		return s.wire("Reuters"), s.headline() + "\n\n" + s.place + " - " + s.trimmed() + "\n\nSource: Reuters"
	}},
	{"dateline without date, last paragraph trimmed", true, func(s syndStory) (string, string) {
		return s.wire("Reuters"), s.headline() + "\n\n" + s.place + " (Reuters) - " + s.trimmed()
	}},
	{"state in the dateline, agency byline", true, func(s syndStory) (string, string) {
		place := s.place
		if st, ok := usStates[place]; ok {
			place += ", " + st
		}
		return s.wire("Reuters"), s.headline() + "\nBy Reuters\n\n" + place + " - " + s.body
	}},
	{"AP story, reporter and agency in the byline", true, func(s syndStory) (string, string) {
		return s.ap(), s.headline() + "\nBy " + s.reporter + " Associated Press\n\n" + s.place + " \u2014 " + s.body
	}},
	{"AP story, byline after a comma, dateline credit kept", true, func(s syndStory) (string, string) {
		return s.ap(), s.headline() + "\nBy " + titleWords(s.reporter) + ", Associated Press\n\n" + s.place + " (AP) \u2014 " + s.body
	}},
	{"AP story, agency byline, photo from a library", true, func(s syndStory) (string, string) {
		return s.ap(), s.headline() + "\nBy The Associated Press\nA trader on the floor of the exchange. Getty Images\n\n" + s.place + " \u2014 " + s.body
	}},
	{"dateline without credit, republication note at the foot", true, func(s syndStory) (string, string) {
		return s.wire("Reuters"), s.headline() + "\n\n" + s.place + " - " + s.body + "\n\nThis article was originally published by Reuters."
	}},
	{"rebranded: the site's name in the agency's place", false, func(s syndStory) (string, string) {
		return s.wire("Reuters"), s.headline() + " By " + s.site + "\n\n" + s.place + " (" + s.site + ") - " + strings.ReplaceAll(s.body, "Reuters", s.site)
	}},
	{"rebranded: every credit removed", false, func(s syndStory) (string, string) {
		return s.wire("Reuters"), s.headline() + "\n\n" + s.place + " - " + strings.ReplaceAll(s.body, "Reuters", "reporters")
	}},
}

// syndStory is one corpus story and what its copies are made of.
type syndStory struct {
	id, title, place, date, body string
	site, reporter               string
}

// wire sets the story out as the agency's: headline, dateline with the
// agency's credit, body.
func (s syndStory) wire(ag string) string {
	return s.title + "\n\n" + s.place + ", " + s.date + " (" + ag + ") - " + s.body
}

// ap sets the story out as an AP story with its reporter's byline and a
// photo credit passed through a photo library.
func (s syndStory) ap() string {
	return s.title + "\nBy " + s.reporter + " Associated Press\nA trader on the floor of the exchange. Anton Sorel/TASS via Getty Images\n\n" +
		s.place + " (AP) \u2014 " + s.body
}

// headline is the site's headline: the wire's in title case.
func (s syndStory) headline() string { return titleWords(s.title) }

// trimmed is the body without its last paragraph, when it has more than
// two.
func (s syndStory) trimmed() string {
	paras := strings.Split(s.body, "\n\n")
	if len(paras) > 2 {
		paras = paras[:len(paras)-1]
	}
	return strings.Join(paras, "\n\n")
}

// cleanDateline reports a dateline the corpus gives whole: a place in
// capitals and a short date ("RIO DE JANEIRO", "Feb 26"). Some of its
// datelines run on into the story ("Feb 26 - Brazil's \"Cruzado\" anti")
// or carry the wire's markers ("****RIO DE JANEIRO"): set out as a wire's
// dateline, they are no dateline, and the agency's credit in them is lost.
func cleanDateline(place, date string) bool {
	if place == "" || date == "" || len(date) > 12 || strings.ContainsAny(date, "-\"") {
		return false
	}
	return !strings.ContainsFunc(place, func(r rune) bool { return !unicode.IsUpper(r) && !strings.ContainsRune(" .-'/", r) })
}

func titleWords(s string) string {
	words := strings.Fields(strings.ToLower(s))
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(words, " ")
}

// SyndicationStories is how many corpus stories the evaluation uses: the
// first ones of 150 to 600 words with a dateline, in corpus order.
const SyndicationStories = 500

// SyndicationResult is the credit comparison of the assembled copies with
// their sources.
type SyndicationResult struct {
	// Honest and Rebranded count the copies of each kind; FalseRebranded
	// the honest ones called rebranded, Caught the rebranded ones called
	// so; NotDerived the copies the engine did not find derived (their
	// credits are not compared); CreditKept the honest ones said to keep
	// the source's credit.
	Honest, Rebranded, FalseRebranded, Caught, NotDerived, CreditKept int
	// ByWay counts, per way of re-running, the copies and those called
	// rebranded.
	ByWay []WayCount
	Items []SyndicationItem
}

// WayCount is one way's copies and how many were called rebranded.
type WayCount struct {
	Way       string `json:"way"`
	Honest    bool   `json:"honest"`
	Copies    int    `json:"copies"`
	Rebranded int    `json:"rebranded"`
}

// SyndicationItem is one copy's judgement.
type SyndicationItem struct {
	Story     string `json:"story"`
	Way       string `json:"way"`
	Honest    bool   `json:"honest"`
	Relation  string `json:"relation"`
	Rebranded bool   `json:"rebranded"`
	// Fate is what the comparison says became of the source's credits
	// (wiretrace.Credit.Fate).
	Fate         string   `json:"fate,omitempty"`
	Replacements []string `json:"replacements,omitempty"`
}

// Syndication assembles the copies from the Reuters-21578 stories in dir
// and compares each with its source as wiretrace compare does.
func Syndication(ctx context.Context, dir string, opts Options) (*SyndicationResult, error) {
	var stories []syndStory
	for d, err := range corpus.Reuters(dir) {
		if err != nil {
			return nil, fmt.Errorf("syndication: %w", err)
		}
		place, date, ok := strings.Cut(d.Dateline, ", ")
		n := len(strings.Fields(d.Text))
		if !ok || !cleanDateline(place, date) || d.Title == "" || n < 150 || n > 600 {
			continue
		}
		k := len(stories)
		stories = append(stories, syndStory{
			id: d.ID, title: d.Title, place: place, date: date, body: d.Text,
			site: syndicationSites[k%len(syndicationSites)], reporter: syndicationReporters[k%len(syndicationReporters)],
		})
		if len(stories) == SyndicationStories {
			break
		}
	}
	if len(stories) == 0 {
		return nil, fmt.Errorf("syndication: no stories of 150 to 600 words with a dateline in %s", dir)
	}
	eng := opts.engine()
	items, err := parallel(ctx, len(stories), opts.Workers, func(ctx context.Context, i int) (SyndicationItem, error) {
		way := syndicationWays[i%len(syndicationWays)]
		src, cp := way.make(stories[i])
		c := eng.Compare(engine.Prepare(src), engine.Prepare(cp))
		it := SyndicationItem{Story: stories[i].id, Way: way.name, Honest: way.honest, Relation: string(c.Relation)}
		if c.Credit != nil {
			it.Rebranded, it.Fate = c.Credit.Rebranded, c.Credit.Fate
			for _, r := range c.Credit.Replacements {
				it.Replacements = append(it.Replacements, fmt.Sprintf("%s -> %s x%d", r.Source, r.Suspect, r.Count))
			}
		}
		return it, nil
	})
	if err != nil {
		return nil, err
	}
	res := &SyndicationResult{Items: items}
	byWay := map[string]*WayCount{}
	for _, w := range syndicationWays {
		res.ByWay = append(res.ByWay, WayCount{Way: w.name, Honest: w.honest})
	}
	for i := range res.ByWay {
		byWay[res.ByWay[i].Way] = &res.ByWay[i]
	}
	for _, it := range items {
		w := byWay[it.Way]
		w.Copies++
		if it.Rebranded {
			w.Rebranded++
		}
		if !wiretrace.Relation(it.Relation).Derived() {
			res.NotDerived++
		}
		switch {
		case it.Honest:
			res.Honest++
			if it.Fate == wiretrace.CreditKept {
				res.CreditKept++
			}
			if it.Rebranded {
				res.FalseRebranded++
			}
		default:
			res.Rebranded++
			if it.Rebranded {
				res.Caught++
			}
		}
	}
	return res, nil
}

// Corpus implements Result.
func (r *SyndicationResult) Corpus() string { return "syndication" }

// Figures implements Result: rebrand_precision (of the copies called
// rebranded, the share that are), rebrand_recall (of the rebranded copies,
// the share caught), honest_kept (of the honest copies, the share not
// called rebranded), honest_credit_kept (of the honest copies, the share
// said to keep the source's credit), false_rebranded, honest, rebranded
// and not_derived.
func (r *SyndicationResult) Figures() map[string]float64 {
	called := r.Caught + r.FalseRebranded
	precision := 1.0
	if called > 0 {
		precision = ratio(r.Caught, called)
	}
	return map[string]float64{
		"rebrand_precision":  round(precision),
		"rebrand_recall":     round(ratio(r.Caught, r.Rebranded)),
		"honest_kept":        round(ratio(r.Honest-r.FalseRebranded, r.Honest)),
		"honest_credit_kept": round(ratio(r.CreditKept, r.Honest)),
		"false_rebranded":    float64(r.FalseRebranded),
		"honest":             float64(r.Honest),
		"rebranded":          float64(r.Rebranded),
		"not_derived":        float64(r.NotDerived),
	}
}

// JSON implements Result.
func (r *SyndicationResult) JSON(details bool) any {
	v := struct {
		Corpus  string             `json:"corpus"`
		Metrics map[string]float64 `json:"metrics"`
		ByWay   []WayCount         `json:"by_way"`
		Items   []SyndicationItem  `json:"items,omitempty"`
	}{r.Corpus(), r.Figures(), r.ByWay, nil}
	if details {
		v.Items = r.Items
	}
	return v
}

// WriteText implements Result.
func (r *SyndicationResult) WriteText(w io.Writer, details bool) error {
	f := r.Figures()
	fmt.Fprintf(w, "Syndication: %d Reuters-21578 stories re-run by fictional sites, %d honestly, %d rebranded\n\n", len(r.Items), r.Honest, r.Rebranded)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "way\thonest\tcopies\tcalled rebranded")
	for _, wc := range r.ByWay {
		fmt.Fprintf(tw, "%s\t%v\t%d\t%d\n", wc.Way, wc.Honest, wc.Copies, wc.Rebranded)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "rebrand precision  %.3f  (%d false of %d called rebranded)\n", f["rebrand_precision"], r.FalseRebranded, r.Caught+r.FalseRebranded)
	fmt.Fprintf(w, "rebrand recall     %.3f  (%d of %d rebranded copies)\n", f["rebrand_recall"], r.Caught, r.Rebranded)
	fmt.Fprintf(w, "honest kept        %.3f  (%d copies not found derived)\n", f["honest_kept"], r.NotDerived)
	fmt.Fprintf(w, "credit kept        %.3f  (of the honest copies, the share said to keep the source's credit)\n", f["honest_credit_kept"])
	if details {
		fmt.Fprintln(w)
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "honest\trebranded\trelation\tstory\tway\treplacements")
		for _, it := range r.Items {
			fmt.Fprintf(tw, "%v\t%v\t%s\t%s\t%s\t%s\n", it.Honest, it.Rebranded, it.Relation, it.Story, it.Way, strings.Join(it.Replacements, "; "))
		}
		return tw.Flush()
	}
	return nil
}
