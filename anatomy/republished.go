package anatomy

import (
	"github.com/wiretrace/wiretrace/agency"
	"github.com/wiretrace/wiretrace/text"
)

// Republication notes: the line a site that runs another's article sets
// at its top or its foot to say where it ran first. "This article was
// originally published on The Conversation", "Republished with permission
// from the Harwick Ledger", "This story first appeared in Quarry Times".
// It says which of two texts came first, as the page itself tells it.

// republishedWords are the words that say a text ran first elsewhere; the
// name of where follows them, after a few of republishedLinks.
var republishedWords = [][]string{
	{"originally", "published"}, {"first", "published"},
	{"originally", "appeared"}, {"first", "appeared"},
	{"originally", "ran"}, {"first", "ran"},
	{"republished"}, {"reprinted"}, {"reposted"}, {"syndicated"},
}

// republishedLinks may come between the words and the name: "published
// on", "republished with permission from the", "courtesy of".
var republishedLinks = setOf("on", "in", "by", "at", "from", "with", "permission", "courtesy", "of", "the", "here")

// republishedSubjects are what a note says ran first: "This article was
// originally published ...". A note opens with them or with its words.
var republishedSubjects = setOf("this", "article", "story", "post", "piece", "column", "report", "essay", "feature", "interview", "content", "it", "was", "is", "has", "been")

// republishedLen is the longest paragraph read as a note, in bytes.
const republishedLen = 300

// republished finds the outlets that the text's republication notes name:
// short paragraphs in the header, the body's first two or its last two,
// that open with the note's words or with what ran ("This article was
// ..."). A note saying "appeared" or "ran" must name a news outlet
// (agency.LooksLikeNewsOutlet: "first appeared in Kestrel Crown Court" is
// not one); "published", "republished" and the like say it of any name.
func (a *Anatomy) republished() []rng {
	var out []rng
	for i := range a.paras {
		if i >= a.body+2 && i < len(a.paras)-2 {
			continue
		}
		p := a.paras[i]
		if p.end-p.start > republishedLen {
			continue
		}
		lo, hi := a.tokensIn(p.start, p.end)
		if r, ok := a.republishedIn(lo, hi); ok {
			out = append(out, r)
		}
	}
	return out
}

// republishedIn returns the name a note among tokens [lo,hi) gives.
func (a *Anatomy) republishedIn(lo, hi int) (rng, bool) {
	toks := a.toks
	k := lo
	for k < hi && republishedSubjects[toks[k].Norm] {
		k++
	}
	var words []string
	for _, ws := range republishedWords {
		if k+len(ws) > hi {
			continue
		}
		match := true
		for j, w := range ws {
			match = match && toks[k+j].Norm == w
		}
		if match {
			words = ws
			break
		}
	}
	if words == nil {
		return rng{}, false
	}
	k += len(words)
	for k < hi && !toks[k].Upper && republishedLinks[toks[k].Norm] {
		k++
	}
	if k == hi || !toks[k].Upper || text.Calendar(toks[k].Norm) {
		return rng{}, false
	}
	if toks[k].Norm == "the" {
		if k++; k == hi || !toks[k].Upper {
			return rng{}, false
		}
	}
	end := a.nameEnd(k, hi)
	name := a.text[toks[k].Start:toks[end-1].End]
	if last := words[len(words)-1]; (last == "appeared" || last == "ran") && !agency.LooksLikeNewsOutlet(name) {
		return rng{}, false
	}
	return rng{toks[k].Start, toks[end-1].End}, true
}
