package provenance

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/agency"
	"github.com/wiretrace/wiretrace/text"
)

// Member is one publication of a story: a stored article, one of its
// appearances (the same text published under another ID or site), or the
// article a user traces without storing it.
type Member struct {
	wiretrace.Appearance
	Title string `json:"title,omitempty"`
	// Slug is the name its agency filed the story under, when it has one
	// (wiretrace.Article.Slug).
	Slug string `json:"slug,omitempty"`
	// Names are the stems of the names its headline holds (see engine's
	// headlineNames): two of one site's articles whose headlines name
	// different things tell two stories.
	Names []string `json:"names,omitempty"`
	// Seq is the article's place in the store's order of storing.
	Seq uint64 `json:"seq"`
	// Unstored marks a text traced without being stored: it has no Seq.
	Unstored bool `json:"unstored,omitempty"`
	// Credits are the organisations the text credits as its authors, in
	// agency.Key form ("reuters", "associated press"): a copy that credits
	// another member's site says where it came from.
	Credits []string `json:"credits,omitempty"`
	// FirstRan are the outlets, in agency.Key form, that the text's
	// republication notes say it ran on first ("This article was
	// originally published on ..."; anatomy.Anatomy.Republished).
	FirstRan []string `json:"first_ran,omitempty"`
	// CanonicalSite is the SiteKey of the page's canonical URL when it is
	// another site's: the page names that site's as the original of what
	// it runs, as syndication partners are asked to. An appearance of the
	// same text elsewhere is another page, with its own canonical URL.
	CanonicalSite string `json:"canonical_site,omitempty"`
	// Agency is the usual name of the news agency that the text's byline
	// or dateline credits as its author ("PA" for "By Jane Roe, PA
	// News"), empty when they credit none.
	Agency string `json:"agency,omitempty"`
	// Of is, for an appearance, the ID of the stored article whose text it
	// published byte for byte.
	Of string `json:"appearance_of,omitempty"`
	// Dateline says where the text's dateline ("PARIS, May 2 (AFP) -")
	// is: DatelineOpening when it opens the text, DatelineInside when text
	// of the member's own comes before it, empty when there is none.
	Dateline string `json:"dateline,omitempty"`
	// Lede is the share of its headline's distinctive words that the
	// text's opening paragraph holds (see engine's ledeOf): a story opens
	// with the paragraph that sums it up. Nil when the headline has too
	// few such words to tell.
	Lede *float64 `json:"lede,omitempty"`
	// Record is what its site's articles were in the store's other
	// families (see BuildWith), nil when unknown. It is the family's
	// context, not the member's, so it is not kept with the member.
	Record *SiteRecord `json:"-"`
}

// AppearingAs returns the member that ap, an appearance of m's text under
// another ID or site, is: the same text, so the same title and credits.
func (m Member) AppearingAs(ap wiretrace.Appearance) Member {
	return Member{Appearance: ap, Title: m.Title, Names: m.Names, Credits: m.Credits, FirstRan: m.FirstRan, Agency: m.Agency, Of: m.ID,
		CanonicalSite: CanonicalSite(ap.Canonical, ap.Site), Dateline: m.Dateline, Lede: m.Lede}
}

// CanonicalSite returns the site of a page's canonical URL when it is
// another site than the page's own, "" otherwise: a canonical URL on the
// page's own site, or on no site it can tell, says nothing of another.
func CanonicalSite(canonical, site string) string {
	k := SiteKey(canonical)
	if k == "" || site == "" || k == SiteKey(site) {
		return ""
	}
	return k
}

// Where a member's dateline is.
const (
	DatelineOpening = "opening"
	DatelineInside  = "inside"
)

// Link is what aligning two members found: B was the suspect, A the source.
// The alignment says how much the texts share; which one came first is
// Order's to decide.
type Link struct {
	A, B     int                `json:"-"`
	Relation wiretrace.Relation `json:"relation"`
	// Rewording is a spun link's (wiretrace.Comparison.Rewording).
	Rewording wiretrace.Rewording `json:"rewording,omitempty"`
	Score     float64             `json:"score"`
	// CoverA and CoverB are the shares of A's and of B's text inside the
	// aligned passages.
	CoverA float64 `json:"cover_a"`
	CoverB float64 `json:"cover_b"`
	// TailA and TailB are the shares of A's and of B's text after the last
	// aligned passage: a copy trimmed from the bottom, as wire copy is,
	// stops where its source goes on.
	TailA float64 `json:"tail_a"`
	TailB float64 `json:"tail_b"`
	// HeadA and HeadB are the shares of A's and of B's text before the
	// first aligned passage: a text that sets another's inside a story of
	// its own has text of its own before it.
	HeadA float64 `json:"head_a"`
	HeadB float64 `json:"head_b"`
	// CommonerA and CommonerB count the words one text has where the
	// other has another (the alignment's substitutions): those where A's
	// word is the commoner in English (text.Frequency), and those where
	// B's is. A synonym spinner puts rarer words in.
	CommonerA int `json:"commoner_a,omitempty"`
	CommonerB int `json:"commoner_b,omitempty"`
	// OtherA and OtherB mark a text that holds another story besides what
	// it shares with the other: a sixth of it or more lies outside the
	// shared passages, in words of its own that the shared part hardly
	// uses (see the engine's anotherStory). A page that runs a story among
	// others, or a story set inside another, was put together from the
	// story it holds; it is not what the other was cut from.
	OtherA bool `json:"other_a,omitempty"`
	OtherB bool `json:"other_b,omitempty"`
	// DayAfterA and DayAfterB count the words of a day moved on by one
	// that A, or B, has where the other has the earlier day's: "yesterday"
	// for "today", "today" for "tomorrow", "last night" for "tonight" (the
	// alignment's substitutions). A story written the next day, as a paper
	// prints the wire's story of the day before, says so.
	DayAfterA int `json:"day_after_a,omitempty"`
	DayAfterB int `json:"day_after_b,omitempty"`
}

// Take is the relation of a link between two takes of one story: parts
// or versions that a news agency filed under one slug on one day (see
// wiretrace.Article.Slug). Such a link says nothing of shared text: its
// covers and score are zero, and only the members' times and credits
// order its two.
const Take wiretrace.Relation = "take"

// Flip returns the link seen from B's side.
func (l Link) Flip() Link {
	l.A, l.B = l.B, l.A
	l.CoverA, l.CoverB = l.CoverB, l.CoverA
	l.TailA, l.TailB = l.TailB, l.TailA
	l.HeadA, l.HeadB = l.HeadB, l.HeadA
	l.CommonerA, l.CommonerB = l.CommonerB, l.CommonerA
	l.OtherA, l.OtherB = l.OtherB, l.OtherA
	l.DayAfterA, l.DayAfterB = l.DayAfterB, l.DayAfterA
	return l
}

// LinkOf returns the link between members a and b that aligning b (the
// suspect, of suspectLen bytes) against a (the source, of sourceLen bytes)
// gave.
func LinkOf(a, b int, c wiretrace.Comparison, sourceLen, suspectLen int) Link {
	l := Link{A: a, B: b, Relation: c.Relation, Rewording: c.Rewording, Score: c.Score, CoverA: c.SourceCoverage, CoverB: c.SuspectCoverage}
	startA, startB, endA, endB := sourceLen, suspectLen, 0, 0
	for _, p := range c.Passages {
		startA = min(startA, p.SourceStart)
		startB = min(startB, p.SuspectStart)
		endA = max(endA, p.SourceEnd)
		endB = max(endB, p.SuspectEnd)
	}
	if len(c.Passages) > 0 {
		l.HeadA = share(startA, sourceLen)
		l.HeadB = share(startB, suspectLen)
	}
	l.TailA = tail(endA, sourceLen)
	l.TailB = tail(endB, suspectLen)
	for _, sub := range c.Substitutions {
		switch {
		case dayAfter(sub.Source, sub.Suspect):
			l.DayAfterB += sub.Count
		case dayAfter(sub.Suspect, sub.Source):
			l.DayAfterA += sub.Count
		}
		a, b := strings.Fields(sub.Source), strings.Fields(sub.Suspect)
		if len(a) != len(b) {
			continue
		}
		for k := range a {
			fa, fb := text.Frequency(text.Stem(a[k])), text.Frequency(text.Stem(b[k]))
			switch {
			case fa > fb:
				l.CommonerA += sub.Count
			case fb > fa:
				l.CommonerB += sub.Count
			}
		}
	}
	return l
}

// dayAfter reports whether words b say of a day what words a say of the
// day before, written a day later: "today" as "yesterday", "tomorrow" as
// "today", "tonight" as "last night".
func dayAfter(a, b string) bool {
	switch a {
	case "today":
		return b == "yesterday"
	case "tomorrow":
		return b == "today"
	case "tonight":
		return b == "last night"
	}
	return false
}

func tail(end, n int) float64 {
	if n <= 0 || end >= n {
		return 0
	}
	return float64(n-end) / float64(n)
}

// share returns the share of a text of n bytes before byte k.
func share(k, n int) float64 {
	if n <= 0 || k <= 0 {
		return 0
	}
	return float64(min(k, n)) / float64(n)
}

// Reason is one piece of evidence on which of two members came first.
type Reason struct {
	// Kind names the evidence (one of the Kind constants).
	Kind string `json:"kind"`
	// Weight is how strongly it says A came first: positive for A, negative
	// for B.
	Weight float64 `json:"weight"`
	Text   string  `json:"text"`
}

// The kinds of evidence, strongest first.
const (
	// KindSeenBeforeClaim: one member was captured by a crawler before the
	// other claims to have been published. A copy does not predate its
	// source, and a site has no reason to claim a later date than its own.
	KindSeenBeforeClaim = "seen-before-claim"
	// KindRepublished: one member's republication note says it ran first
	// on the other's site ("This article was originally published on
	// ..."), or its canonical URL is on the other's site: the page says
	// which came first.
	KindRepublished = "republished"
	// KindCredit: one member credits the other's site ("Reuters" in the
	// dateline of a copy of reuters.com's story).
	KindCredit = "credit"
	// KindClaimed: both claim a publication time (page metadata, a feed,
	// the supplier); a claim can be wrong or back-dated, so it weighs less
	// than an observation.
	KindClaimed = "claimed-order"
	// KindClaimedSeen: one claims a publication time, the other was only
	// captured; the capture bounds its publication from above.
	KindClaimedSeen = "claimed-seen"
	// KindAgency: one text's byline or dateline credits a news agency
	// (Reuters, AP, PA), the other's credit no agency: agencies file the
	// stories that others run, and copies drop credits.
	KindAgency = "agency"
	// KindContainment: a copy holds little that its source lacks, while
	// a source usually holds more than a copy kept.
	KindContainment = "containment"
	// KindDateline: one text opens with its dateline, the other holds a
	// dateline after text of its own: a dateline opens a story, so the
	// second was put together from another's paragraphs (reordered, or
	// set inside a story of its own).
	KindDateline = "dateline"
	// KindLede: of two texts made of the same paragraphs, one opens with
	// more of its headline's words: a story opens with its lede, the
	// paragraph that sums it up, and a copy that shuffled the paragraphs
	// opens with another.
	KindLede = "lede"
	// KindDayAfter: where one text says "today", the other says
	// "yesterday" (or "today" for "tomorrow"): the second was written a
	// day later, as a paper prints the wire's story of the day before.
	KindDayAfter = "day-after"
	// KindWording: where the texts differ word for word, one has the
	// commoner words: a synonym spinner puts rarer ones in.
	KindWording = "wording"
	// KindTrimmed: one text stops where the other goes on; wire copy is
	// trimmed from the bottom.
	KindTrimmed = "trimmed"
	// KindAssembled: one text holds the other's story beside another
	// story (Link.OtherA): it was put together from it.
	KindAssembled = "assembled"
	// KindRecord: one's site originated most of the stories it ran with
	// other sites in the store's other families, the other's took most
	// (SiteRecord): agencies file what others run; a farm rarely does.
	KindRecord = "site-record"
	// KindSeen: both were captured by a crawler or fetched; the first seen
	// is often, not always, the first published.
	KindSeen = "seen-order"
	// KindStored: only the order in which they were stored is known.
	KindStored = "stored-order"
)

// The weights of the evidence. They were set by reasoning about how each
// can mislead (a claim can be back-dated, a crawler finds pages late), not
// fitted to a corpus: a rule that fits a corpus's habits would tell its
// habits, not where a story came from.
const (
	// weightRepublished: a page that says it ran first elsewhere is
	// believed over the times pages claim (a copy back-dated and saying
	// so contradicts itself), and as much as a crawler's capture against
	// a claim.
	weightRepublished     = 0.9
	weightSeenBeforeClaim = 0.9
	weightCredit          = 0.6
	weightClaimed         = 0.6
	weightContainment     = 0.4
	weightDateline        = 0.5
	// weightDayAfter was chosen on the tuning corpora of eval families
	// (origin accuracy of METER's tuning half: 0.2 to 0.4 gave 0.907, as
	// without it, 0.5 and 0.6 0.918; the generated part, whose copies keep
	// their days, unmoved): the least of the best, a dateline's weight.
	weightDayAfter = 0.5
	// weightLede was chosen on the tuning corpora of eval families
	// (origin accuracy of the generated and METER tuning parts: 0.2 gave
	// 0.868 and 0.907, 0.3 0.875, 0.4 and 0.5 0.880, 0.907 throughout;
	// 0.863 without the lede): the least of the best, less than a
	// dateline, which only a story's opening holds.
	weightLede = 0.4
	// ledeGap is the least difference between two texts' ledes (the
	// shares of their headlines' words in their opening paragraphs) that
	// tells which opens with the story's lede: a third of the headline
	// (chosen on the tuning corpora of eval families: 0.2 gave an origin
	// accuracy of 0.880 on the generated part, 0.3 0.883, 0.4 and 0.5
	// 0.878; a story's later paragraph may hold one word more than its
	// lede).
	ledeGap = 0.3
	// sameParagraphs is how much of each text the passages they share
	// must cover for the two to be made of the same paragraphs.
	sameParagraphs = 0.8
	// weightAgency was chosen on the tuning corpora of eval families
	// (origin accuracy of the generated and METER tuning parts: 0.3 gave
	// 0.825 and 0.763, 0.4, 0.5 and 0.6 0.825 and 0.784: the least of
	// the best). Nothing above 0.6, the claimed order's weight, was
	// tried: a credit must not outweigh the times a page states.
	weightAgency      = 0.4
	weightWording     = 0.4
	weightTrimmed     = 0.3
	weightSeen        = 0.3
	weightClaimedSeen = 0.2
	weightStored      = 0.05
	// weightRecord was chosen on the tuning corpora of eval families
	// (origin accuracy of the generated tuning part: 0.2 gave 0.930, 0.3
	// 0.945, 0.4 0.963, 0.5 0.968, from 0.900 without; METER's tuning half
	// unmoved), below the claimed order's weight: a site's habits must
	// not outweigh what a story's own pages say of their times.
	weightRecord = 0.5
	// recordGap is how much more of what it ran with others one site
	// originated than the other for their records to speak: a half (four
	// in five against three in ten), reasoned; and minRecord the fewest
	// such stories each site must have run.
	recordGap = 0.5
	minRecord = 5
	// weightAssembled is the trimmed text's weight: the same two texts,
	// one inside the other, read the other way round.
	weightAssembled = weightTrimmed
	// ownOpening is the share of a text before the passages it shares
	// with the other from which it counts as opening with text of its
	// own. Chosen on the tuning corpora of eval families (origin accuracy
	// of the generated and METER tuning parts: 0.05 gave 0.838 and 0.794,
	// 0.1 0.835 and 0.794, 0.15 0.835 and 0.804, 0.2 0.838 and 0.804, 0.3
	// 0.830 and 0.794; never, as before, 0.825 and 0.773).
	ownOpening = 0.2
	// wholeCover is how much of one text must be inside the other for
	// containment and trimming to tell which came first. 0.7 was chosen
	// on the tuning corpora of eval families (origin accuracy of the
	// generated and METER tuning parts: 0.5 gave 0.765 and 0.650, 0.6
	// 0.770 and 0.670, 0.7 0.775 and 0.670, 0.8 0.775 and 0.598, 0.9
	// 0.775 and 0.557) but did not carry over to METER's other half
	// (0.594 at 0.5, 0.542 at 0.7), so it stays at 0.5.
	wholeCover = 0.5
	// minWording is the fewest words that differ, one for one, for the
	// wording to tell which text came first; more than half of them must
	// go one way. It and weightWording were chosen on the tuning corpora
	// of eval families (mean origin accuracy of the generated and METER
	// parts; weights 0.3, 0.4, 0.6 with 2, 3, 5 words: 0.733, 0.722,
	// 0.726; 0.739, 0.725, 0.729; 0.734, 0.720, 0.729). Chosen the other
	// way round, on the reported parts, 0.6 and 5 would have won (0.702
	// against 0.700).
	minWording = 2
	// minGap is the least difference between two times that orders them:
	// times given to the minute are common.
	minGap = time.Minute
)

// Order weighs the evidence that a came before b, l being their link
// (with a as its A). The result's Before runs from -1 (b came first) to 1.
func Order(a, b Member, l Link) Evidence { return order(a, b, l, true) }

// weigh is Order's Before alone, its reasons not written: ordering a
// family weighs every link, and tells the reasons of few.
func weigh(a, b Member, l Link) float64 { return order(a, b, l, false).Before }

// order weighs the evidence as Order does, writing its reasons when say.
func order(a, b Member, l Link, say bool) Evidence {
	var ev Evidence
	spoke := false
	add := func(kind string, w float64, format string, args ...any) {
		if say {
			ev.Reasons = append(ev.Reasons, Reason{Kind: kind, Weight: w, Text: fmt.Sprintf(format, args...)})
		}
		ev.Before += w
		spoke = true
	}
	// Times: a crawler's capture is a fact ("it existed by then"); a
	// claimed date is what the page says.
	ca, okca := claimed(a)
	cb, okcb := claimed(b)
	sa, oksa := seen(a)
	sb, oksb := seen(b)
	switch {
	case oksa && okcb && cb.Sub(sa) >= minGap:
		add(KindSeenBeforeClaim, weightSeenBeforeClaim, "%s was captured %s before %s says it was published", a.ID, lag(cb.Sub(sa)), b.ID)
	case oksb && okca && ca.Sub(sb) >= minGap:
		add(KindSeenBeforeClaim, -weightSeenBeforeClaim, "%s was captured %s before %s says it was published", b.ID, lag(ca.Sub(sb)), a.ID)
	case okca && okcb && absDur(cb.Sub(ca)) >= minGap:
		if ca.Before(cb) {
			add(KindClaimed, weightClaimed, "%s says it was published %s before %s (%s)", a.ID, lag(cb.Sub(ca)), b.ID, a.PublishedFrom)
		} else {
			add(KindClaimed, -weightClaimed, "%s says it was published %s before %s (%s)", b.ID, lag(ca.Sub(cb)), a.ID, b.PublishedFrom)
		}
	case okca && oksb && !okcb && absDur(sb.Sub(ca)) >= minGap:
		// One claims a time, the other was only captured: the claim
		// against the capture, which is an upper bound.
		if ca.Before(sb) {
			add(KindClaimedSeen, weightClaimedSeen, "%s says it was published %s before %s was captured", a.ID, lag(sb.Sub(ca)), b.ID)
		} else {
			add(KindClaimedSeen, -weightClaimedSeen, "%s was captured %s before %s says it was published", b.ID, lag(ca.Sub(sb)), a.ID)
		}
	case okcb && oksa && !okca && absDur(sa.Sub(cb)) >= minGap:
		if cb.Before(sa) {
			add(KindClaimedSeen, -weightClaimedSeen, "%s says it was published %s before %s was captured", b.ID, lag(sa.Sub(cb)), a.ID)
		} else {
			add(KindClaimedSeen, weightClaimedSeen, "%s was captured %s before %s says it was published", a.ID, lag(cb.Sub(sa)), b.ID)
		}
	case oksa && oksb && absDur(sb.Sub(sa)) >= minGap:
		if sa.Before(sb) {
			add(KindSeen, weightSeen, "%s was captured %s before %s", a.ID, lag(sb.Sub(sa)), b.ID)
		} else {
			add(KindSeen, -weightSeen, "%s was captured %s before %s", b.ID, lag(sa.Sub(sb)), a.ID)
		}
	}
	// A republication note says where the text ran first; else a credit
	// names where a copy came from.
	siteA, siteB := SiteKey(a.Site), SiteKey(b.Site)
	bRanOnA := siteA != "" && siteA != siteB && (hasCredit(b.FirstRan, siteA) || b.CanonicalSite == siteA)
	aRanOnB := siteB != "" && siteA != siteB && (hasCredit(a.FirstRan, siteB) || a.CanonicalSite == siteB)
	bCreditsA := siteA != "" && siteA != siteB && hasCredit(b.Credits, siteA)
	aCreditsB := siteB != "" && siteA != siteB && hasCredit(a.Credits, siteB)
	if bRanOnA && !aRanOnB {
		add(KindRepublished, weightRepublished, "%s says it ran first on %s, the site of %s%s", b.ID, a.Site, a.ID, byCanonical(b, siteA))
	} else if aRanOnB && !bRanOnA {
		add(KindRepublished, -weightRepublished, "%s says it ran first on %s, the site of %s%s", a.ID, b.Site, b.ID, byCanonical(a, siteB))
	} else if bCreditsA && !aCreditsB {
		add(KindCredit, weightCredit, "%s credits %s, the site of %s", b.ID, a.Site, a.ID)
	} else if aCreditsB && !bCreditsA {
		add(KindCredit, -weightCredit, "%s credits %s, the site of %s", a.ID, b.Site, b.ID)
	}
	// An agency's credit: agencies file the stories that others run, and
	// copies drop credits; an agency running as its own a story that
	// credits no agency is rarer. A credit of the other's site says more,
	// and a credit in the text ("told Reuters") says only who reported
	// that part: a story that sets another's paragraphs beside its own
	// may have called an agency for its own.
	if !bCreditsA && !aCreditsB {
		if a.Agency != "" && b.Agency == "" {
			add(KindAgency, weightAgency, "%s is credited to %s, %s to no agency", a.ID, a.Agency, b.ID)
		} else if b.Agency != "" && a.Agency == "" {
			add(KindAgency, -weightAgency, "%s is credited to %s, %s to no agency", b.ID, b.Agency, a.ID)
		}
	}
	// A dateline opens a story: the text that holds one after paragraphs
	// of its own moved it there.
	if a.Dateline == DatelineOpening && b.Dateline == DatelineInside {
		add(KindDateline, weightDateline, "%s opens with its dateline, %s has one after text of its own", a.ID, b.ID)
	} else if b.Dateline == DatelineOpening && a.Dateline == DatelineInside {
		add(KindDateline, -weightDateline, "%s opens with its dateline, %s has one after text of its own", b.ID, a.ID)
	}
	// A day moved on: the text that says "yesterday" where the other says
	// "today" was written the day after.
	if l.DayAfterB > l.DayAfterA {
		add(KindDayAfter, weightDayAfter, "%s says of a day what %s says of the day before (\"today\" as \"yesterday\"): it was written a day later", b.ID, a.ID)
	} else if l.DayAfterA > l.DayAfterB {
		add(KindDayAfter, -weightDayAfter, "%s says of a day what %s says of the day before (\"today\" as \"yesterday\"): it was written a day later", a.ID, b.ID)
	}
	// The lede: of two texts made of the same paragraphs, the one that
	// opens with more of its headline's words keeps the story's order.
	if a.Lede != nil && b.Lede != nil && min(l.CoverA, l.CoverB) >= sameParagraphs && !l.OtherA && !l.OtherB {
		if d := *a.Lede - *b.Lede; d >= ledeGap {
			add(KindLede, weightLede, "%s opens with %.0f%% of its headline's words, %s with %.0f%%", a.ID, 100**a.Lede, b.ID, 100**b.Lede)
		} else if d <= -ledeGap {
			add(KindLede, -weightLede, "%s opens with %.0f%% of its headline's words, %s with %.0f%%", b.ID, 100**b.Lede, a.ID, 100**a.Lede)
		}
	}
	// Wording: a spun copy has rarer words where its source has common
	// ones. It speaks when enough words differ, and mostly one way.
	if n := l.CommonerA + l.CommonerB; n >= minWording && 2*absInt(l.CommonerA-l.CommonerB) > n {
		if l.CommonerA > l.CommonerB {
			add(KindWording, weightWording, "where the texts differ word for word, %s has the commoner word %d times in %d", a.ID, l.CommonerA, n)
		} else {
			add(KindWording, -weightWording, "where the texts differ word for word, %s has the commoner word %d times in %d", b.ID, l.CommonerB, n)
		}
	}
	// Containment: the share of the copy that is the source's is larger
	// than the share of the source that the copy kept. It tells only of
	// a whole copy, one text mostly inside the other: partial reuse
	// shares a part of each, and the borrower may be the longer or the
	// shorter.
	//
	// Both containment and trimming read one text as cut from the other,
	// which keeps the other's opening. When either text opens with text
	// of its own before what they share, the one inside the other may as
	// well have been set inside it (a story built around another's
	// paragraphs, a round-up of briefs): neither speaks.
	//
	// Nor do they when either text holds another story besides what they
	// share: that text was put together from the other, not cut into it.
	whole := max(l.CoverA, l.CoverB) >= wholeCover && max(l.HeadA, l.HeadB) < ownOpening && !l.OtherA && !l.OtherB
	if d := l.CoverB - l.CoverA; !whole {
	} else if d >= 0.1 {
		add(KindContainment, weightContainment*min(1, d/0.3), "%.0f%% of %s is in %s, %.0f%% of %s in %s", 100*l.CoverB, b.ID, a.ID, 100*l.CoverA, a.ID, b.ID)
	} else if d <= -0.1 {
		add(KindContainment, -weightContainment*min(1, -d/0.3), "%.0f%% of %s is in %s, %.0f%% of %s in %s", 100*l.CoverA, a.ID, b.ID, 100*l.CoverB, b.ID, a.ID)
	}
	if !whole {
	} else if l.TailA >= 0.15 && l.TailB < 0.05 {
		add(KindTrimmed, weightTrimmed, "%s stops where %s goes on for %.0f%% of its text", b.ID, a.ID, 100*l.TailA)
	} else if l.TailB >= 0.15 && l.TailA < 0.05 {
		add(KindTrimmed, -weightTrimmed, "%s stops where %s goes on for %.0f%% of its text", a.ID, b.ID, 100*l.TailB)
	}
	if l.OtherB && !l.OtherA {
		add(KindAssembled, weightAssembled, "%s holds what it shares with %s beside another story", b.ID, a.ID)
	} else if l.OtherA && !l.OtherB {
		add(KindAssembled, -weightAssembled, "%s holds what it shares with %s beside another story", a.ID, b.ID)
	}
	// The sites' records: a site that originates most of what it runs
	// with others, against one that takes most of it from them.
	if ra, rb := a.Record, b.Record; ra != nil && rb != nil && siteA != "" && siteB != "" && siteA != siteB {
		pa, na := ra.share()
		pb, nb := rb.share()
		if min(na, nb) >= minRecord {
			if d := pa - pb; d >= recordGap {
				add(KindRecord, weightRecord, "%s originated %d of the %d stories it ran with other sites, %s %d of %d", a.Site, ra.Origins, na, b.Site, rb.Origins, nb)
			} else if d <= -recordGap {
				add(KindRecord, -weightRecord, "%s originated %d of the %d stories it ran with other sites, %s %d of %d", b.Site, rb.Origins, nb, a.Site, ra.Origins, na)
			}
		}
	}
	// Only the order of storing, when nothing else speaks: a tie breaker
	// said as such, not evidence.
	if !spoke && !a.Unstored && !b.Unstored && a.Seq != b.Seq {
		if a.Seq < b.Seq {
			add(KindStored, weightStored, "%s was stored before %s", a.ID, b.ID)
		} else {
			add(KindStored, -weightStored, "%s was stored before %s", b.ID, a.ID)
		}
	}
	ev.Before = max(-1, min(1, ev.Before))
	return ev
}

// Evidence is the weighed evidence on which of two members came first.
type Evidence struct {
	// Before runs from -1 (the second came first) to 1 (the first did).
	Before  float64  `json:"before"`
	Reasons []Reason `json:"reasons"`
}

// claimed returns the publication time m claims, if any.
func claimed(m Member) (time.Time, bool) {
	if m.Published.IsZero() || m.PublishedFrom.Observed() {
		return time.Time{}, false
	}
	return m.Published, true
}

// seen returns when m was captured: by a crawler, by wiretrace's fetch, or
// as its supplier says ("first_seen" in JSON Lines): the time it existed
// by. The time it was stored says nothing of when it was published, so it
// does not count.
func seen(m Member) (time.Time, bool) {
	if m.FirstSeen.IsZero() || m.FirstSeenFrom == wiretrace.FromAdd || m.FirstSeenFrom == "" {
		return time.Time{}, false
	}
	return m.FirstSeen, true
}

// When returns the time that best places m on a timeline: the publication
// it claims, else when it was first seen, with where the time came from.
func When(m Member) (time.Time, wiretrace.TimeSource) {
	if t, ok := claimed(m); ok {
		from := m.PublishedFrom
		if from == "" {
			from = wiretrace.FromInput
		}
		return t, from
	}
	if !m.FirstSeen.IsZero() {
		from := m.FirstSeenFrom
		if from == "" {
			from = wiretrace.FromAdd
		}
		return m.FirstSeen, from
	}
	return time.Time{}, ""
}

// SiteKey is the name under which a site compares with credits:
// "www.reuters.com" and "reuters.co.uk" give "reuters", as the credit
// "REUTERS" does.
func SiteKey(site string) string {
	s := strings.ToLower(strings.TrimSpace(site))
	if i := strings.Index(s, "://"); i >= 0 {
		s = s[i+3:]
	}
	s, _, _ = strings.Cut(s, "/")
	s = strings.TrimPrefix(s, "www.")
	if !strings.Contains(s, ".") {
		return agency.Key(s)
	}
	labels := strings.Split(s, ".")
	// The name is the label before the public suffix: "bbc" of
	// "news.bbc.co.uk", "reuters" of "uk.reuters.com".
	i := len(labels) - 2
	if i > 0 && len(labels[len(labels)-1]) == 2 && len(labels[i]) <= 3 {
		i--
	}
	return agency.Key(labels[i])
}

// byCanonical says how m says it ran first on the site whose SiteKey is
// key when its canonical URL does and no note of its text does.
func byCanonical(m Member, key string) string {
	if hasCredit(m.FirstRan, key) {
		return ""
	}
	return " (its canonical URL)"
}

// hasCredit reports whether a credit names the site whose SiteKey is key:
// the site's name is the credit's, run together ("reuters" for Reuters,
// "northwire" for North Wire), or its start ("meridianpress" for
// Meridian Press Agency).
// RanOn reports whether outlets, in agency.Key form (Member.FirstRan),
// name site: the outlets a republication note says a text ran on first.
func RanOn(outlets []string, site string) bool { return hasCredit(outlets, SiteKey(site)) }

func hasCredit(credits []string, key string) bool {
	if len(key) < 3 {
		return false
	}
	for _, c := range credits {
		joined := strings.ReplaceAll(c, " ", "")
		if c == key || joined == key || len(key) >= 5 && strings.HasPrefix(joined, key) {
			return true
		}
	}
	return false
}

func absInt(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func absDur(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

// lag writes a duration the way a reader says it: "40 min", "3 h",
// "2 days".
func lag(d time.Duration) string {
	d = absDur(d)
	switch {
	case d < time.Hour:
		return fmt.Sprintf("%d min", int(d.Round(time.Minute)/time.Minute))
	case d < 48*time.Hour:
		h := d.Round(time.Minute).Hours()
		if h == float64(int(h)) {
			return fmt.Sprintf("%d h", int(h))
		}
		return fmt.Sprintf("%.1f h", h)
	default:
		return fmt.Sprintf("%.1f days", d.Hours()/24)
	}
}

// LagFromParent says when a member appeared against its parent, from the
// seconds a story gives (StoryMember.Lag, negative when the member's time
// is the earlier): "3 h later", "40 min earlier", or "the same minute"
// when the times are less than half a minute apart, as articles stored
// together without times of their own are.
func LagFromParent(seconds float64) string {
	d := time.Duration(seconds * float64(time.Second))
	switch {
	case absDur(d) < time.Minute/2:
		return "the same minute"
	case d < 0:
		return lag(d) + " earlier"
	}
	return lag(d) + " later"
}

// WithAppearances adds to a family's members and links the appearances of its
// members, aps[i] being those of member i (the same text published under
// other IDs or sites): each becomes a member of its own, joined to its
// article by a link of the same text and by a copy of each of its
// article's links, so that its times and credits are weighed against the
// other members' as its article's are. text[k] is the member whose text
// member k is (k itself for an article); link[k] the given link that link
// k copies, -1 for a link of the same text.
func WithAppearances(members []Member, links []Link, aps [][]wiretrace.Appearance) (ms []Member, ls []Link, text, link []int) {
	ms, ls = members, links
	text = make([]int, len(members))
	for i := range text {
		text[i] = i
	}
	link = make([]int, len(links))
	for k := range link {
		link[k] = k
	}
	var byMember [][]int // the links of each member that has appearances
	for i, as := range aps {
		if len(as) == 0 {
			continue
		}
		if byMember == nil {
			byMember = make([][]int, len(members))
			for k, l := range links {
				byMember[l.A] = append(byMember[l.A], k)
				byMember[l.B] = append(byMember[l.B], k)
			}
			// Room for every appearance and its links at once: a family
			// of hundreds of thousands grows its lists once.
			n, m := 0, 0
			for i, as := range aps {
				n += len(as)
				m += len(as) * (1 + len(byMember[i]))
			}
			ms, ls = slices.Grow(ms, n), slices.Grow(ls, m)
			text, link = slices.Grow(text, n), slices.Grow(link, m)
		}
		for _, ap := range as {
			a := len(ms)
			ms = append(ms, members[i].AppearingAs(ap))
			text = append(text, i)
			ls = append(ls, Link{A: i, B: a, Relation: wiretrace.Copy, Score: 1, CoverA: 1, CoverB: 1})
			link = append(link, -1)
			for _, k := range byMember[i] {
				l := links[k]
				if l.A == i {
					l.A = a
				} else {
					l.B = a
				}
				ls = append(ls, l)
				link = append(link, k)
			}
		}
	}
	return ms, ls, text, link
}
