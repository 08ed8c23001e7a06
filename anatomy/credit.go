package anatomy

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/wiretrace/wiretrace/text"
)

// agency is a news or photo agency known by several names.
type agency struct {
	name    string
	aliases []string
	// library is a photo library: its credit says who sold the picture,
	// not who wrote the story.
	library bool
}

var agencies = []agency{
	{name: "Reuters", aliases: []string{"Reuters", "Thomson Reuters", "Reuters News"}},
	{name: "AP", aliases: []string{"AP", "Associated Press", "AP Photo"}},
	{name: "AFP", aliases: []string{"AFP", "Agence France-Presse", "Agence France Presse", "AFP Photo"}},
	{name: "PA", aliases: []string{"PA", "PA Media", "Press Association", "PA Wire", "PA Images", "PA Archive", "PA News Agency"}},
	{name: "Bloomberg", aliases: []string{"Bloomberg", "Bloomberg News", "Bloomberg L.P.", "Bloomberg LP"}},
	{name: "PR Newswire", aliases: []string{"PR Newswire", "PRNewswire", "PRNewswire-FirstCall"}},
	{name: "Business Wire", aliases: []string{"Business Wire", "BusinessWire"}},
	{name: "GlobeNewswire", aliases: []string{"GlobeNewswire", "Globe Newswire"}},
	{name: "UPI", aliases: []string{"UPI", "United Press International"}},
	{name: "dpa", aliases: []string{"dpa", "Deutsche Presse-Agentur"}},
	{name: "EPA", aliases: []string{"EPA", "EPA-EFE", "European Pressphoto Agency"}},
	{name: "EFE", aliases: []string{"EFE", "Agencia EFE"}},
	{name: "ANSA", aliases: []string{"ANSA"}},
	{name: "Kyodo", aliases: []string{"Kyodo", "Kyodo News"}},
	{name: "Xinhua", aliases: []string{"Xinhua"}},
	{name: "TASS", aliases: []string{"TASS"}},
	{name: "Anadolu", aliases: []string{"Anadolu", "Anadolu Agency"}},
	{name: "AAP", aliases: []string{"AAP", "Australian Associated Press"}},
	{name: "PTI", aliases: []string{"PTI", "Press Trust of India"}},
	{name: "Getty Images", aliases: []string{"Getty Images", "Getty"}, library: true},
	{name: "Shutterstock", aliases: []string{"Shutterstock"}, library: true},
	{name: "Alamy", aliases: []string{"Alamy"}, library: true},
	{name: "iStock", aliases: []string{"iStock", "iStockphoto"}, library: true},
}

var agencyByKey = func() map[string]*agency {
	m := map[string]*agency{}
	for i := range agencies {
		for _, al := range agencies[i].aliases {
			m[nameKey(al)] = &agencies[i]
		}
	}
	return m
}()

// knownAgency returns the usual name of an agency s names.
func knownAgency(s string) (string, bool) {
	if ag, ok := agencyByKey[nameKey(s)]; ok {
		return ag.name, true
	}
	return "", false
}

func isPhotoLibrary(s string) bool {
	ag, ok := agencyByKey[nameKey(s)]
	return ok && ag.library
}

// nameKey folds an organisation's name for comparison: case, punctuation
// and a leading "The" do not count.
func nameKey(s string) string {
	var b strings.Builder
	space := true
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			space = false
		} else if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	k := strings.TrimSpace(b.String())
	return strings.TrimPrefix(k, "the ")
}

// CreditKey is the name under which two credits count as the same
// organisation: aliases of a known agency share one key ("REUTERS",
// "Thomson Reuters"), other names compare without case and punctuation.
func CreditKey(s string) string {
	if ag, ok := agencyByKey[nameKey(s)]; ok {
		return nameKey(ag.name)
	}
	return nameKey(s)
}

// orgWords are words that make a name an organisation's rather than a
// person's.
var orgWords = setOf("wire", "wires", "news", "newswire", "press", "presse", "agency", "agence", "agentur",
	"journal", "times", "post", "daily", "digest", "media", "network", "herald", "gazette", "tribune",
	"courier", "ledger", "clarion", "chronicle", "magazine", "weekly", "review", "group", "inc", "ltd",
	"llc", "plc", "corp", "service", "services", "broadcasting", "radio", "tv", "television", "online",
	"insider", "observer", "mail", "telegraph", "guardian", "express", "standard", "mirror", "independent",
	"monitor", "bulletin", "dispatch", "record", "register", "sentinel", "examiner", "inquirer", "globe",
	"publishing", "publications", "newspaper", "newspapers", "associated", "bureau", "blog", "hub",
	"report", "reports", "today", "world", "images", "photos", "pictures")

// looksLikeOrganisation reports a name that reads as a publisher's or an
// agency's: a known agency, a name with "&", or one with a word such as
// "Wire", "Journal", "Daily" or "Press".
func looksLikeOrganisation(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return false
	}
	if _, ok := knownAgency(s); ok {
		return true
	}
	f := strings.Fields(s)
	if len(f) > 8 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
		return false
	}
	for _, w := range f {
		if w == "&" || orgWords[strings.ToLower(strings.Trim(w, ".,'\u2019"))] {
			return true
		}
	}
	return false
}

// collectCredits gathers the organisations the article credits, then every
// mention of them in the body.
func (a *Anatomy) collectCredits() {
	add := func(role string, sp *Span) {
		if sp == nil || strings.TrimSpace(sp.Text) == "" {
			return
		}
		a.Credits = append(a.Credits, Credit{Role: role, Span: *sp})
	}
	add(RoleHeadline, a.headlineCredit)
	if a.Byline != nil {
		add(RoleByline, a.Byline.Organisation)
	}
	if a.Dateline != nil {
		add(RoleDateline, a.Dateline.Agency)
	}
	for _, ph := range a.Photos {
		add(RolePhoto, ph.Agency)
	}
	for _, c := range a.Copyrights {
		add(RoleCopyright, &c.Holder)
	}
	// Mentions in the text of the names credited above.
	forms := map[string][]string{}
	var keys []string
	for _, c := range a.Credits {
		k := CreditKey(c.Text)
		if _, ok := forms[k]; !ok {
			keys = append(keys, k)
		}
		forms[k] = append(forms[k], c.Text)
		if ag, ok := agencyByKey[nameKey(c.Text)]; ok {
			forms[k] = append(forms[k], ag.aliases...)
		}
	}
	taken := slices.Clone(a.Credits)
	for _, k := range keys {
		for _, m := range a.mentions(forms[k]) {
			if overlapsCredit(taken, m.lo, m.hi) {
				continue
			}
			cr := Credit{Role: RoleText, Span: a.span(m.lo, m.hi)}
			taken = append(taken, cr)
			a.Credits = append(a.Credits, cr)
		}
	}
	names := a.creditNames()
	for i := range a.Credits {
		a.Credits[i].Name = names[CreditKey(a.Credits[i].Text)]
	}
	slices.SortStableFunc(a.Credits, func(x, y Credit) int { return x.Start - y.Start })
}

// creditedNames lists the organisations the article credits, once each, in
// text order.
func (a *Anatomy) creditedNames() []string {
	out := []string{}
	seen := map[string]bool{}
	for _, c := range a.Credits {
		if k := CreditKey(c.Text); !seen[k] {
			seen[k] = true
			out = append(out, c.Name)
		}
	}
	return out
}

// creditNames chooses one spelling for each credited organisation: an
// agency's usual name, else the first spelling not set in capitals.
func (a *Anatomy) creditNames() map[string]string {
	names := map[string]string{}
	for _, c := range a.Credits {
		k := CreditKey(c.Text)
		if name, ok := knownAgency(c.Text); ok {
			names[k] = name
			continue
		}
		cur, seen := names[k]
		if !seen || isCapsPlace(cur) && !isCapsPlace(c.Text) {
			names[k] = c.Text
		}
	}
	for k, n := range names {
		if _, known := knownAgency(n); isCapsPlace(n) && !known {
			names[k] = titleCase(n)
		}
	}
	return names
}

func overlapsCredit(cs []Credit, lo, hi int) bool {
	for _, c := range cs {
		if lo < c.End && c.Start < hi {
			return true
		}
	}
	return false
}

// mentions finds the capitalised occurrences of any of the names in the
// text, by words, so that "Health & Fitness Journal" matches however its
// punctuation is spaced.
func (a *Anatomy) mentions(names []string) []rng {
	var out []rng
	seen := map[string]bool{}
	for _, n := range names {
		nt := text.Tokenize(n)
		if len(nt) == 0 {
			continue
		}
		key := ""
		for _, t := range nt {
			key += t.Norm + " "
		}
		if seen[key] {
			continue
		}
		seen[key] = true
		for i := 0; i+len(nt) <= len(a.toks); i++ {
			if a.toks[i].Norm != nt[0].Norm || !a.toks[i].Upper {
				continue
			}
			ok := true
			for k := 1; k < len(nt) && ok; k++ {
				t := a.toks[i+k]
				gap := a.text[a.toks[i+k-1].End:t.Start]
				ok = t.Norm == nt[k].Norm && len(gap) <= 3 && !strings.ContainsAny(gap, "\n,;:")
			}
			if ok {
				out = append(out, rng{a.toks[i].Start, a.toks[i+len(nt)-1].End})
			}
		}
	}
	slices.SortFunc(out, func(x, y rng) int { return x.lo - y.lo })
	return out
}

// titleCase turns "MERIDIAN WIRE" into "Meridian Wire".
func titleCase(s string) string {
	var b strings.Builder
	start := true
	for _, r := range s {
		if start {
			b.WriteRune(unicode.ToUpper(r))
		} else {
			b.WriteRune(unicode.ToLower(r))
		}
		start = !unicode.IsLetter(r) && r != '\'' && r != '\u2019'
	}
	return b.String()
}

// storyRoles are the credits that say who wrote the text; photo credits say
// who took the picture, copyright lines who publishes the page.
var storyRoles = setOf(RoleHeadline, RoleByline, RoleDateline, RoleText)
