package benchmark

import (
	"strings"

	"github.com/wiretrace/wiretrace/text"
	"github.com/zeebo/xxh3"
)

// synonyms is a small, hand-written thesaurus of words common in wire copy,
// in the manner of a synonym spinner: each word has one replacement, not
// always a good one.
var synonyms = map[string]string{
	"said": "stated", "says": "states", "say": "state", "told": "informed",
	"added": "included", "announced": "declared", "reported": "revealed",
	"rose": "climbed", "rise": "climb", "risen": "climbed", "fell": "dropped",
	"fall": "drop", "fallen": "dropped", "increase": "boost", "increased": "boosted",
	"decrease": "reduction", "decline": "slump", "declined": "slumped",
	"higher": "greater", "lower": "reduced", "high": "elevated", "low": "modest",
	"company": "firm", "companies": "firms", "firm": "business", "group": "collective",
	"profit": "earnings", "profits": "earnings", "loss": "deficit", "losses": "deficits",
	"sales": "revenues", "shares": "stocks", "share": "stock", "price": "cost",
	"prices": "costs", "market": "marketplace", "markets": "marketplaces",
	"bank": "lender", "banks": "lenders", "government": "administration",
	"official": "functionary", "officials": "functionaries", "minister": "secretary",
	"country": "nation", "countries": "nations", "year": "twelvemonth",
	"years": "twelvemonths", "week": "sennight", "month": "period", "months": "periods",
	"expected": "anticipated", "expects": "anticipates", "expect": "anticipate",
	"plan": "scheme", "plans": "schemes", "planned": "scheduled", "agreed": "concurred",
	"agreement": "accord", "deal": "bargain", "talks": "discussions",
	"meeting": "gathering", "statement": "declaration", "spokesman": "representative",
	"total": "aggregate", "billion": "bn", "million": "mn", "percent": "per cent",
	"rate": "level", "rates": "levels", "trade": "commerce", "trading": "dealing",
	"output": "production", "production": "output", "demand": "need",
	"supply": "provision", "supplies": "provisions", "oil": "petroleum",
	"crude": "unrefined", "growth": "expansion", "economy": "economic system",
	"economic": "fiscal", "financial": "monetary", "quarter": "fourth",
	"first": "initial", "last": "final", "new": "fresh", "big": "large",
	"large": "sizeable", "small": "little", "major": "main", "main": "principal",
	"strong": "robust", "weak": "feeble", "early": "premature", "recent": "latest",
	"buy": "purchase", "bought": "purchased", "sell": "offload", "sold": "offloaded",
	"acquire": "obtain", "acquired": "obtained", "acquisition": "takeover",
	"help": "aid", "helped": "aided", "show": "display", "showed": "displayed",
	"shows": "displays", "made": "produced", "make": "produce", "makes": "produces",
	"began": "commenced", "begin": "commence", "start": "launch", "started": "launched",
	"end": "conclusion", "ended": "concluded", "called": "referred", "people": "folks",
	"police": "officers", "attack": "assault", "killed": "slain", "war": "conflict",
	"forces": "troops", "troops": "soldiers", "leader": "chief", "leaders": "chiefs",
	"film": "movie", "films": "movies", "music": "tunes", "game": "match",
	"match": "fixture", "win": "victory", "won": "triumphed", "team": "squad",
	"players": "athletes", "player": "athlete", "season": "campaign", "club": "side",
	"technology": "tech", "users": "consumers", "phone": "handset", "mobile": "cellular",
	"service": "facility", "services": "facilities", "system": "arrangement",
	"election": "poll", "party": "faction", "labour": "workforce", "tax": "levy",
	"public": "civic", "however": "nonetheless",
	"likely": "probable", "possible": "feasible", "important": "significant",
	"need": "require", "needs": "requires", "needed": "required", "use": "utilise",
	"used": "utilised", "using": "utilising", "work": "labour", "worked": "laboured",
}

// syllables build synthetic words for the words the thesaurus lacks.
var syllables = []string{
	"ba", "ce", "di", "fo", "gu", "ha", "je", "ki", "lo", "mu",
	"na", "pe", "ri", "so", "tu", "va", "we", "xi", "yo", "zu",
}

// substitute returns the spinner's replacement for a normalised word: the
// thesaurus entry, else a synthetic word of two or three syllables derived
// from the word's hash, so a word is always replaced the same way.
func substitute(norm string) string {
	if s, ok := synonyms[norm]; ok {
		return s
	}
	h := xxh3.HashString(norm)
	n := 2 + int(h%2)
	h /= 2
	var sb strings.Builder
	for range n {
		sb.WriteString(syllables[h%uint64(len(syllables))])
		h /= uint64(len(syllables))
	}
	return sb.String()
}

// spinnable reports whether a spinner would touch the token: a lower-case
// content word, not a name, a number or a function word (the "immutables"
// of DSpin).
func spinnable(t text.Token) bool {
	return !t.Number && !t.Upper && len(t.Norm) > 2 && !text.IsStopword(t.Norm)
}

// spin replaces about one in every `every` spinnable words of s, choosing
// with pick, which returns true with probability 1/every.
func spin(s string, pick func() bool) string {
	toks := text.Tokenize(s)
	var sb strings.Builder
	sb.Grow(len(s) + len(s)/8)
	last := 0
	for _, t := range toks {
		if !spinnable(t) || !pick() {
			continue
		}
		sb.WriteString(s[last:t.Start])
		sb.WriteString(substitute(t.Norm))
		last = t.End
	}
	sb.WriteString(s[last:])
	return sb.String()
}
