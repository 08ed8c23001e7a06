package engine

import (
	"sync"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/align"
	"github.com/wiretrace/wiretrace/anatomy"
	"github.com/wiretrace/wiretrace/fingerprint"
)

// Text is an article's text prepared once for everything the engine does
// with it: tokens for alignment, fingerprints for lookup, anatomy for the
// credit checks. Each part is made on first use. A Text is safe for
// concurrent use.
type Text struct {
	doc *align.Doc

	fpOnce sync.Once
	fps    []wiretrace.Fingerprint

	anatomyOnce sync.Once
	anatomy     *anatomy.Anatomy
}

// Prepare tokenises s.
func Prepare(s string) *Text { return &Text{doc: align.NewDoc(s)} }

// String returns the text.
func (t *Text) String() string { return t.doc.Text }

// Empty reports whether the text has no words.
func (t *Text) Empty() bool { return t.doc.Len() == 0 }

// Fingerprints returns the text's fingerprints, the ones fingerprint.Scheme
// gives, made from the stems the tokens already hashed.
func (t *Text) Fingerprints() []wiretrace.Fingerprint {
	t.fpOnce.Do(func() { t.fps = fingerprint.OfHashes(t.doc.Hashes()) })
	return t.fps
}

// Short reports whether the text is a brief of fewer than probeWords
// words, which a check may look up by Probes.
func (t *Text) Short() bool { return t.doc.Len() < probeWords }

// Probes returns the hash of every run of three words of the text
// (fingerprint.GramsOfHashes). A short text has few fingerprints, and a
// brief that retells a wire story in its own words may share with it no
// run of the eight words a fingerprint is sure to be shared by, only
// names and phrases of three to seven: looked up by every run, it finds a
// stored text that kept the hash of one.
func (t *Text) Probes() []wiretrace.Fingerprint {
	return fingerprint.GramsOfHashes(t.doc.Hashes())
}

// probeWords is the length, in words, under which a check that found no
// source looks a text up again by every run of three words: a brief of a
// few sentences. Reasoned, not fitted (see docs/quality.md for METER's
// figures at other lengths).
const probeWords = 150

// Anatomy returns the parts of the article.
func (t *Text) Anatomy() *anatomy.Anatomy {
	t.anatomyOnce.Do(func() { t.anatomy = anatomy.ParseTokens(t.doc.Text, t.doc.Tokens()) })
	return t.anatomy
}

// textCache keeps prepared stored texts by their store Seq, least recently
// used out first.
type textCache struct {
	mu    sync.Mutex
	max   int
	items map[uint64]*cacheItem
	// head is the most recently used; the list is circular.
	head *cacheItem
}

type cacheItem struct {
	seq        uint64
	text       *Text
	prev, next *cacheItem
}

func newTextCache(n int) *textCache {
	return &textCache{max: n, items: map[uint64]*cacheItem{}}
}

// get returns the prepared text of stored article seq, preparing s when it
// is not cached.
func (c *textCache) get(seq uint64, s string) *Text {
	if c.max <= 0 {
		return Prepare(s)
	}
	c.mu.Lock()
	if it, ok := c.items[seq]; ok && it.text.String() == s {
		c.unlink(it)
		c.push(it)
		c.mu.Unlock()
		return it.text
	}
	c.mu.Unlock()
	t := Prepare(s)
	c.mu.Lock()
	defer c.mu.Unlock()
	if it, ok := c.items[seq]; ok {
		c.unlink(it)
		delete(c.items, seq)
	}
	it := &cacheItem{seq: seq, text: t}
	c.items[seq] = it
	c.push(it)
	if len(c.items) > c.max {
		old := c.head.prev
		c.unlink(old)
		delete(c.items, old.seq)
	}
	return t
}

func (c *textCache) push(it *cacheItem) {
	if c.head == nil {
		it.prev, it.next = it, it
	} else {
		it.next, it.prev = c.head, c.head.prev
		c.head.prev.next = it
		c.head.prev = it
	}
	c.head = it
}

func (c *textCache) unlink(it *cacheItem) {
	if it.next == it {
		c.head = nil
		return
	}
	it.prev.next = it.next
	it.next.prev = it.prev
	if c.head == it {
		c.head = it.next
	}
}
