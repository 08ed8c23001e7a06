package engine

import (
	"context"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/align"
	"github.com/wiretrace/wiretrace/provenance"
	"github.com/wiretrace/wiretrace/text"
)

// Takes. A news agency files a long or developing story in parts and
// versions under one slug: the first take, "Page 2" and later pages, a new
// lead, a substitute, a night lead for the next morning's papers. The takes
// of one story may share no sentence, so no alignment links them, and the
// papers that combine them may each use another; their slug says they are
// one story. Linking joins each article that has a slug and a time to the
// earlier takes of its story: the articles of the same site, filed the same
// day (UTC) by the time they claim, else by when they were captured, whose
// slug is the same as its own or begins or extends it word for word
// ("COURTS Axe" and "COURTS Axe Nightlead", "BC-EU--Harbour-Inquiry" and
// "BC-EU--Harbour-Inquiry, 1st Ld-Writethru"). A word is a run of letters
// and digits, and the shorter slug has two words or more, so that a desk's
// name alone, "COURTS", joins nothing. Without a time no slug tells one
// day's story from the next day's under the same name, and the article is
// not joined. The other way round, one site's takes of two days are two
// stories even where their texts link them (apart).
//
// The index of takes is kept in the notes, one key a take:
//
//	fam/t/<site> NUL <day> NUL <slug> NUL <seq>
//
// where <slug> is the slug's words in lower case, one space apart, and
// <seq> 16 hexadecimal digits.

const notesTake = "fam/t/"

// maxTakes is how many earlier takes of its story an article is linked
// with: the links of each take to the others order them by their times,
// and a story is found whole through any of them.
const maxTakes = 32

// takeStory returns the prefix of the take keys of a's story and a's slug
// words; ok is false when a is no take (no slug, or no time to tell its
// day by).
func takeStory(a wiretrace.Article) (prefix string, words []string, ok bool) {
	words = strings.FieldsFunc(strings.ToLower(a.Slug), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	day, hasDay := dayOf(wiretrace.AppearanceOf(a))
	if len(words) == 0 || !hasDay {
		return "", nil, false
	}
	site := strings.ReplaceAll(strings.ToLower(a.Site), "\x00", "")
	return notesTake + site + "\x00" + day + "\x00", words, true
}

// dayOf returns the day (UTC, "2006-01-02") of an article, a take or
// not: the day of the time it claims, else of when it was captured; not of
// when it was stored.
func dayOf(a wiretrace.Appearance) (string, bool) {
	t := a.Published
	if t.IsZero() || a.PublishedFrom.Observed() {
		if a.FirstSeen.IsZero() || a.FirstSeenFrom == wiretrace.FromAdd || a.FirstSeenFrom == "" {
			return "", false
		}
		t = a.FirstSeen
	}
	return t.UTC().Format(time.DateOnly), true
}

// takeKey returns a's key in the index of takes, "" when it is no take.
func takeKey(a wiretrace.Article) string {
	prefix, words, ok := takeStory(a)
	if !ok {
		return ""
	}
	return seqKey(prefix+strings.Join(words, " ")+"\x00", a.Seq)
}

// takeQueries returns the key prefixes under which the takes of a story
// whose slug is words are found: the same slug, slugs that extend it
// when it has two words or more, and the slugs of two words or more that
// it extends.
func takeQueries(prefix string, words []string) []string {
	slug := strings.Join(words, " ")
	qs := []string{prefix + slug + "\x00"}
	if len(words) >= 2 {
		qs = append(qs, prefix+slug+" ")
	}
	for k := 2; k < len(words); k++ {
		qs = append(qs, prefix+strings.Join(words[:k], " ")+"\x00")
	}
	return qs
}

// linkTakes returns the notes that link the takes of a batch with the
// earlier takes of their stories, stored or in the batch, and index them;
// done links are those the batch's alignments found, which a take link
// does not replace. It counts the links it adds.
func (e *Engine) linkTakes(ctx context.Context, batch []wiretrace.Article, done map[string]bool) ([]wiretrace.Note, int, error) {
	var notes []wiretrace.Note
	var indexed []string // the batch's take keys, in Seq order
	links := 0
	for _, a := range batch {
		prefix, words, ok := takeStory(a)
		if !ok {
			continue
		}
		earlier, err := e.storedTakes(ctx, prefix, words, indexed, func(seq uint64) bool { return seq < a.Seq })
		if err != nil {
			return nil, 0, err
		}
		if len(earlier) > maxTakes {
			earlier = earlier[len(earlier)-maxTakes:]
		}
		key := takeKey(a)
		indexed = append(indexed, key)
		t := e.cache.get(a.Seq, a.Text)
		notes = append(notes,
			wiretrace.Note{Key: key, Value: []byte("1")},
			memberNote(famMember{Member: memberOf(a, t), Appearances: a.Appearances}))
		for _, s := range earlier {
			lk := linkKey(s, a.Seq)
			if done[lk] {
				continue
			}
			v, err := json.Marshal(famLink{Link: provenance.Link{Relation: provenance.Take}, From: "a"})
			if err != nil {
				return nil, 0, err
			}
			notes = append(notes,
				wiretrace.Note{Key: lk, Value: v},
				wiretrace.Note{Key: earlyKey(a.Seq, s), Value: []byte("1")})
			links++
		}
	}
	return notes, links, nil
}

// storedTakes returns, sorted and each once, the Seqs that keep (when
// keep is true of them) of the takes of the story whose key prefix and
// slug words are prefix and words: those in the index, and those among
// extra, take keys not yet written.
func (e *Engine) storedTakes(ctx context.Context, prefix string, words, extra []string, keep func(uint64) bool) ([]uint64, error) {
	var seqs []uint64
	for _, q := range takeQueries(prefix, words) {
		err := e.store.ScanNotes(ctx, q, func(key string, _ []byte) error {
			if seq, ok := takeSeq(key); ok && keep(seq) {
				seqs = append(seqs, seq)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		for _, key := range extra {
			if seq, ok := takeSeq(key); ok && strings.HasPrefix(key, q) && keep(seq) {
				seqs = append(seqs, seq)
			}
		}
	}
	slices.Sort(seqs)
	return slices.Compact(seqs), nil
}

// takeSeq returns the Seq that ends a take key.
func takeSeq(key string) (uint64, bool) {
	i := strings.LastIndexByte(key, 0)
	if i < 0 || len(key)-i-1 != 16 {
		return 0, false
	}
	seq, err := strconv.ParseUint(key[i+1:], 16, 64)
	return seq, err == nil
}

// apart reports whether a link of relation r between a and b leaves them
// apart. Takes of one agency's stories dated on different days (claimed,
// else captured) are its stories of two days, kept apart whatever joins
// them by text (the second day's report repeating the first day's
// background, a story filed again the next morning). Other articles of one
// named site are kept apart by a partial link, and on different days by
// any link but a copy: a site that runs its own text again, or updates it,
// tells the same story; one that reuses part of it (the same background
// paragraph under the day's second story) or writes to a formula again
// on another day (a dividend notice, a results table) tells another. Any
// link keeps them apart when their headlines name different things
// (otherNames): one notice written to a formula for two companies
// ("Qtly div 10 cts vs 10 cts prior"), whose text names neither, is a
// copy of the other, as a site's re-run of its story is.
func apart(a, b provenance.Member, r wiretrace.Relation) bool {
	if !strings.EqualFold(a.Site, b.Site) {
		return false
	}
	da, okA := dayOf(a.Appearance)
	db, okB := dayOf(b.Appearance)
	days := okA && okB && da != db
	switch {
	case a.Slug != "" && b.Slug != "":
		return days
	case a.Site == "":
		return false
	case otherNames(a.Names, b.Names):
		return true
	case r == wiretrace.Copy:
		return false
	case r == wiretrace.Partial:
		return true
	}
	return days
}

// maxTicker is the longest ticker read in a headline's angle brackets,
// with an exchange's suffix ("BP.L").
const maxTicker = 8

// otherNames reports whether two headlines name different things: each
// holds a name (headlineNames) and they share none. "KNUTSON MORTGAGE
// CORP <KNMC> SETS QUARTERLY" and "CONCHEMCO INC <CKC> SETS QUARTERLY" do;
// a headline of common words names nothing here. When both name listed
// companies by their tickers, the tickers alone say: "HARWICK MILLS <HWM>
// SETS QUARTERLY PAYOUT" and "BELCASTER <BLC> SETS QUARTERLY PAYOUT" are
// two companies' notices, though both write the wire's "PAYOUT", which no
// dictionary holds. When only one has tickers, they are set aside: the
// other most often names the company in words ("SUMMIT GROUP <SMGP> UNIT
// GETS MORE LAND" and "SUMMIT GROUP UNIT GETS MORE GHANA GOLD LAND"). Two
// names are one when one begins with the other ("BRAZILIAN", "BRAZIL").
func otherNames(a, b []string) bool {
	if slices.ContainsFunc(a, isTicker) && slices.ContainsFunc(b, isTicker) {
		return !slices.ContainsFunc(a, func(n string) bool { return isTicker(n) && slices.Contains(b, n) })
	}
	// Tickers on one side only are passed over.
	word := func(n string) bool { return !isTicker(n) }
	same := func(x, y string) bool {
		if min(len(x), len(y)) < minNamePrefix {
			return x == y
		}
		return strings.HasPrefix(x, y) || strings.HasPrefix(y, x)
	}
	return slices.ContainsFunc(a, word) && slices.ContainsFunc(b, word) && !slices.ContainsFunc(a, func(n string) bool {
		return word(n) && slices.ContainsFunc(b, func(m string) bool { return word(m) && same(n, m) })
	})
}

// minNamePrefix is the shortest name that is one with the longer names
// it begins: "colombia" is "colombian"'s, but "rio" is not "riot"'s.
const minNamePrefix = 4

// isTicker reports whether a headline's name (headlineNames) is a ticker.
func isTicker(name string) bool { return strings.HasPrefix(name, "<") }

// headlineNames returns the stems of the names in headline h: its words
// that no English dictionary holds (text.Frequency 0; not a title or a
// company designator) or that WordNet knows only as places
// (text.Place: "CHICAGO", "INDIANAPOLIS"), and that the text, d,
// never writes in small letters: "mln", "dlr" and "cts" in a headline of
// capitals are the wire's abbreviations, which its story writes "10 mln
// dlrs". A month or a weekday is a date, not a name. What follows the
// headline's last dash or bar, when a few words, is left out: the source
// the headline credits or the site's name ("... - USDA", "... | Harwick
// Ledger"), which one site's headlines share whatever their subject. A
// ticker in angle brackets is a name in its brackets ("<hwm>").
func headlineNames(h string, d *align.Doc) []string {
	if i := max(strings.LastIndex(h, " - "), strings.LastIndex(h, " | "), strings.LastIndex(h, " \u2013 "), strings.LastIndex(h, " \u2014 ")); i > 0 && len(strings.Fields(h[i:])) <= 5 {
		h = h[:i]
	}
	var out []string
	var hashes []uint64
	for _, t := range text.Tokenize(h) {
		if t.Number || len(t.Norm) < 2 || text.IsStopword(t.Norm) || text.Titular(t.Norm) || text.Calendar(t.Norm) {
			continue
		}
		if st := text.Stem(t.Norm); (text.Frequency(st) == 0 || text.Place(st)) && !slices.Contains(out, st) {
			out = append(out, st)
			hashes = append(hashes, text.WordOf(t.Norm).Hash)
		}
	}
	for k := 0; k < d.Len() && len(out) > 0; k++ {
		if i := slices.Index(hashes, d.StemHash(k)); i >= 0 {
			if t := d.Token(k); !t.Upper && !t.Number {
				out, hashes = slices.Delete(out, i, i+1), slices.Delete(hashes, i, i+1)
			}
		}
	}
	// A ticker in angle brackets ("IRVING TRUST <V> RAISES PRIME RATE")
	// names a listed company, whatever its length, even a word's; the
	// word it is written with, when a name, gives way to it.
	for rest := h; ; {
		i := strings.IndexByte(rest, '<')
		if i < 0 {
			break
		}
		j := strings.IndexByte(rest[i:], '>')
		if j < 0 {
			break
		}
		if tick := strings.ToLower(rest[i+1 : i+j]); tick != "" && len(tick) <= maxTicker && !strings.ContainsAny(tick, " <") {
			out = slices.DeleteFunc(out, func(n string) bool { return n == tick || n == text.Stem(tick) })
			if !slices.Contains(out, "<"+tick+">") {
				out = append(out, "<"+tick+">")
			}
		}
		rest = rest[i+j:]
	}
	if len(out) == 0 {
		return nil
	}
	return out
}
