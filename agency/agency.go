// Package agency knows the news and photo agencies by name, and tells an
// organisation's name from a person's: "REUTERS", "Thomson Reuters" and
// "Reuters News" are one agency; "Meridian Wire" and "Health & Fitness
// Journal" read as organisations, "Jane Roe" does not.
//
// It answers questions about names given as strings and nothing else: it
// must not read articles, find names in a text or decide what a credit
// means. Packages that read articles (byline, anatomy) and compare them
// (integrity, credit) ask it; it imports nothing of the project.
package agency

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
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
	{name: "PA", aliases: []string{"PA", "PA Media", "Press Association", "PA Wire", "PA Images", "PA Archive", "PA News Agency", "PA News"}},
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

var byFold = func() map[string]*agency {
	m := map[string]*agency{}
	for i := range agencies {
		for _, al := range agencies[i].aliases {
			m[Fold(al)] = &agencies[i]
		}
	}
	return m
}()

// Known returns the usual name of the agency s names: "Reuters" for
// "REUTERS" and "Thomson Reuters".
func Known(s string) (string, bool) {
	if ag := lookup(s); ag != nil {
		return ag.name, true
	}
	return "", false
}

// Aliases returns every name of the agency s names, or nil when s names
// no known agency. The slice is shared: callers must not change it.
func Aliases(s string) []string {
	if ag := lookup(s); ag != nil {
		return ag.aliases
	}
	return nil
}

// IsPhotoLibrary reports whether s names a photo library (Getty Images,
// Shutterstock): a seller of pictures, not an author of stories.
func IsPhotoLibrary(s string) bool {
	ag := lookup(s)
	return ag != nil && ag.library
}

// Fold folds a proper name for comparison: case, punctuation and a leading
// "The" do not count. It knows no aliases; Key does.
func Fold(s string) string {
	var buf [64]byte
	return string(fold(buf[:0], s))
}

// fold appends Fold of s to dst. The lookups by name fold into a buffer
// on the stack and index the table with it, which allocates nothing.
func fold(dst []byte, s string) []byte {
	start := len(dst)
	space := true
	for _, r := range s {
		if r < utf8.RuneSelf {
			c := byte(r)
			switch {
			case 'A' <= c && c <= 'Z':
				dst = append(dst, c+'a'-'A')
				space = false
			case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
				dst = append(dst, c)
				space = false
			case !space:
				dst = append(dst, ' ')
				space = true
			}
			continue
		}
		if r = unicode.ToLower(r); unicode.IsLetter(r) || unicode.IsDigit(r) {
			dst = utf8.AppendRune(dst, r)
			space = false
		} else if !space {
			dst = append(dst, ' ')
			space = true
		}
	}
	if n := len(dst); n > start && dst[n-1] == ' ' {
		dst = dst[:n-1]
	}
	if k := dst[start:]; len(k) >= 4 && string(k[:4]) == "the " {
		dst = append(dst[:start], k[4:]...)
	}
	return dst
}

// lookup returns the agency s names, or nil.
func lookup(s string) *agency {
	var buf [64]byte
	return byFold[string(fold(buf[:0], s))]
}

// Key is the name under which two credits count as the same organisation:
// aliases of a known agency share one key ("REUTERS", "Thomson Reuters"),
// other names compare as Fold has them.
func Key(s string) string {
	if ag := lookup(s); ag != nil {
		return Fold(ag.name)
	}
	return Fold(s)
}

// Named returns the usual names of the known agencies that s names in
// any of its words, in the order they come: "JILL COLVIN Associated Press"
// names AP, "Anton Sorel/TASS via Getty Images" TASS and Getty Images.
// Longer names win over the shorter names inside them.
func Named(s string) []string {
	words := strings.Fields(Fold(s))
	var out []string
	for i := 0; i < len(words); {
		n := 0
		for k := min(len(words), i+maxAliasWords); k > i; k-- {
			if ag, ok := byFold[strings.Join(words[i:k], " ")]; ok {
				if !slices.Contains(out, ag.name) {
					out = append(out, ag.name)
				}
				n = k - i
				break
			}
		}
		i += max(n, 1)
	}
	return out
}

// maxAliasWords is the most words of any alias.
var maxAliasWords = func() int {
	n := 0
	for _, ag := range agencies {
		for _, al := range ag.aliases {
			n = max(n, len(strings.Fields(Fold(al))))
		}
	}
	return n
}()

// Same reports whether two credits name the same organisation: the same
// key, or a known agency named in both ("AP" and "JILL COLVIN Associated
// Press"; "Anton Sorel/TASS via Getty Images" and "Getty Images").
func Same(a, b string) bool {
	if Key(a) == Key(b) && Key(a) != "" {
		return true
	}
	nb := Named(b)
	for _, n := range Named(a) {
		if slices.Contains(nb, n) {
			return true
		}
	}
	return false
}

// newsWords are the words that make a name a news outlet's: a publisher
// or an agency that reports, rather than any organisation.
// "Agency" is not among them: most agencies named in news are
// government's.
var newsWords = setOf("wire", "wires", "news", "newswire", "press", "presse", "journal", "times", "post", "daily", "digest", "media", "network", "herald", "gazette", "tribune",
	"courier", "ledger", "clarion", "chronicle", "magazine", "weekly", "broadcasting", "radio", "tv",
	"television", "telegraph", "guardian", "express", "mirror", "observer", "examiner", "inquirer",
	"sentinel", "dispatch", "bulletin", "newspaper", "newspapers")

// LooksLikeNewsOutlet reports a name that reads as a publisher's or an
// agency's that reports news: a known agency (photo libraries aside), or
// a capitalised name with a word such as "News", "Journal", "Daily" or
// "Times". "World Bank" and "Acme Group" are organisations, not outlets.
func LooksLikeNewsOutlet(s string) bool {
	s = strings.TrimSpace(s)
	if ag := lookup(s); ag != nil {
		return !ag.library
	}
	for _, w := range nameWords(s, 8) {
		if newsWords[w] {
			return true
		}
	}
	return false
}

// nameWords returns the words of s, trimmed of punctuation and in small
// letters, when s reads as a capitalised name of at most most words (its
// first letter a capital or a digit); nil otherwise.
func nameWords(s string, most int) []string {
	f := strings.Fields(s)
	if len(f) == 0 || len(f) > most {
		return nil
	}
	if r, _ := utf8.DecodeRuneInString(s); !unicode.IsUpper(r) && !unicode.IsDigit(r) {
		return nil
	}
	for i, w := range f {
		f[i] = strings.ToLower(strings.Trim(w, ".,'\u2019"))
	}
	return f
}

// LooksLikeWire reports a name that reads as a news agency's, a wire
// service that files the stories others run: a known one (photo libraries
// aside), or a capitalised name of at most six words with "Wire" or
// "Newswire" in it, or "News" or "Press" with "Agency", "Association",
// "Service", "International" or "Trust" ("Meridian Press Agency",
// "Coastline News Service", "North Wire"). A newspaper's or a site's
// name ("Harbour Ledger", "Detroit Free Press", "Daily Digest Hub") is
// none, nor is a government's agency ("Environment Agency").
func LooksLikeWire(s string) bool {
	s = strings.TrimSpace(s)
	if ag := lookup(s); ag != nil {
		return !ag.library
	}
	var news, body bool
	for _, w := range nameWords(s, 6) {
		switch w {
		case "wire", "wires", "newswire":
			return true
		case "news", "press", "presse":
			news = true
		case "agency", "agence", "agentur", "agencia", "association", "service", "international", "trust":
			body = true
		}
	}
	return news && body
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

// LooksLikeOrganisation reports a name that reads as a publisher's or an
// agency's: a known agency, a name with "&", or one with a word such as
// "Wire", "Journal", "Daily" or "Press".
func LooksLikeOrganisation(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return false
	}
	if _, ok := Known(s); ok {
		return true
	}
	for _, w := range nameWords(s, 8) {
		if w == "&" || orgWords[w] {
			return true
		}
	}
	return false
}

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
