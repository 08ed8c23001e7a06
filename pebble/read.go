package pebble

import (
	"cmp"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	pebbledb "github.com/cockroachdb/pebble/v2"
	"github.com/wiretrace/wiretrace"
	"github.com/zeebo/xxh3"
)

// Get returns the article stored under id, or an error wrapping
// wiretrace.ErrNotFound.
func (s *Store) Get(ctx context.Context, id string) (wiretrace.Article, error) {
	a, err := s.getArticle(ctx, id)
	if err != nil {
		return wiretrace.Article{}, fmt.Errorf("get %q: %w", id, err)
	}
	return a, nil
}

// Appearances returns the Seq and the appearances of the article stored
// under id, as wiretrace.Store documents: it reads the ID's key
// and the appearances' keys, not the record, whose text fills the blocks
// that a read of every linked article would otherwise go through.
func (s *Store) Appearances(ctx context.Context, id string) (uint64, []wiretrace.Appearance, error) {
	d, aps, err := s.appearances(ctx, id)
	if err != nil {
		return 0, nil, fmt.Errorf("appearances of %q: %w", id, err)
	}
	return uint64(d), aps, nil
}

func (s *Store) appearances(ctx context.Context, id string) (_ doc, _ []wiretrace.Appearance, err error) {
	if err := ctx.Err(); err != nil {
		return 0, nil, err
	}
	if err := s.enter(); err != nil {
		return 0, nil, err
	}
	defer s.closeMu.RUnlock()
	it, err := s.db.NewIterWithContext(ctx, &pebbledb.IterOptions{})
	if err != nil {
		return 0, nil, err
	}
	defer func() { err = cmp.Or(err, it.Close()) }()
	k := idKey(nil, id)
	it.SetBounds(k, append(slices.Clip(k), 0))
	if !it.First() {
		return 0, nil, cmp.Or(it.Error(), wiretrace.ErrNotFound)
	}
	d, err := parseDoc(it.Value())
	if err != nil {
		return 0, nil, err
	}
	aps, err := readAppearances(it, d)
	return d, aps, err
}

// FindText returns the stored article whose text is text, found by its
// text hash key, as wiretrace.Store documents.
func (s *Store) FindText(ctx context.Context, text string) (wiretrace.Article, error) {
	a, err := s.articleBy(ctx, hashKey(nil, xxh3.HashString128(text)))
	switch {
	case errors.Is(err, wiretrace.ErrNotFound):
		return wiretrace.Article{}, err
	case err != nil:
		return wiretrace.Article{}, fmt.Errorf("find text: %w", err)
	case a.Text != text:
		// Another text with the same 128-bit hash: not this one.
		return wiretrace.Article{}, wiretrace.ErrNotFound
	}
	return a, nil
}

func (s *Store) getArticle(ctx context.Context, id string) (wiretrace.Article, error) {
	a, err := s.articleBy(ctx, idKey(nil, id))
	if err == nil && a.ID != id && !slices.ContainsFunc(a.Appearances, func(ap wiretrace.Appearance) bool { return ap.ID == id }) {
		return wiretrace.Article{}, fmt.Errorf("id %q maps to article %d of id %q: %w", id, a.Seq, a.ID, errCorrupt)
	}
	return a, err
}

// articleBy returns the article that the index key k (an ID's, a text
// hash's) names, or ErrNotFound when k is not stored.
func (s *Store) articleBy(ctx context.Context, k []byte) (_ wiretrace.Article, err error) {
	if err := ctx.Err(); err != nil {
		return wiretrace.Article{}, err
	}
	if err := s.enter(); err != nil {
		return wiretrace.Article{}, err
	}
	defer s.closeMu.RUnlock()
	it, err := s.db.NewIterWithContext(ctx, &pebbledb.IterOptions{})
	if err != nil {
		return wiretrace.Article{}, err
	}
	defer func() { err = cmp.Or(err, it.Close()) }()
	it.SetBounds(k, append(slices.Clip(k), 0))
	if !it.First() {
		if err := it.Error(); err != nil {
			return wiretrace.Article{}, err
		}
		return wiretrace.Article{}, wiretrace.ErrNotFound
	}
	d, err := parseDoc(it.Value())
	if err != nil {
		return wiretrace.Article{}, err
	}
	a, _, found, err := readArticle(it, d, false)
	switch {
	case err != nil:
		return wiretrace.Article{}, err
	case !found:
		return wiretrace.Article{}, fmt.Errorf("key %q names missing article %d: %w", k, d, errCorrupt)
	}
	return a, nil
}

// sortDocs sorts docs in ascending order. A long suspect's lookup at a
// million articles sorts tens of thousands of postings, where three
// passes of a radix sort on 11 bits at a time beat comparisons tenfold
// (BenchmarkSortDocs); short lists take slices.Sort.
func sortDocs(docs []doc) {
	if len(docs) < 4096 {
		slices.Sort(docs)
		return
	}
	const bits = 11
	tmp := make([]doc, len(docs))
	src, dst := docs, tmp
	var count [1 << bits]int
	for shift := 0; shift < 32; shift += bits {
		clear(count[:])
		for _, d := range src {
			count[(d>>shift)&(1<<bits-1)]++
		}
		sum := 0
		for k, c := range count {
			count[k] = sum
			sum += c
		}
		for _, d := range src {
			k := (d >> shift) & (1<<bits - 1)
			dst[count[k]] = d
			count[k]++
		}
		src, dst = dst, src
	}
	// Three passes leave the sorted docs in tmp.
	copy(docs, src)
}

// readArticle reads doc d's article and, unless noAppearances, its
// appearances through it, which it repositions, with how many
// fingerprints the article has.
func readArticle(it *pebbledb.Iterator, d doc, noAppearances bool) (a wiretrace.Article, fingerprints int, found bool, err error) {
	var kb [articleKeySize]byte
	k := articleKey(kb[:0], d)
	it.SetBounds(k, append(k, 0))
	if !it.First() {
		return a, 0, false, it.Error()
	}
	v, err := it.ValueAndErr()
	if err != nil {
		return a, 0, false, err
	}
	r, err := decodeRecord(v)
	if err != nil {
		return a, 0, false, fmt.Errorf("article %d: %w", d, err)
	}
	a = r.article()
	a.Seq = uint64(d)
	if noAppearances {
		return a, r.fingerprints, true, nil
	}
	if a.Appearances, err = readAppearances(it, d); err != nil {
		return a, 0, false, err
	}
	return a, r.fingerprints, true, nil
}

// Scan calls fn for every article from doc from on, in doc order, as
// wiretrace.Store documents.
func (s *Store) Scan(ctx context.Context, from uint64, fn func(wiretrace.Article) error) error {
	if err := s.enter(); err != nil {
		return fmt.Errorf("scan: %w", err)
	}
	defer s.closeMu.RUnlock()
	if from > maxDoc {
		return nil
	}
	it, err := s.db.NewIterWithContext(ctx, &pebbledb.IterOptions{})
	if err != nil {
		return fmt.Errorf("scan: %w", err)
	}
	defer it.Close()
	// Records in doc order; each read with its appearances through the
	// same view.
	recs, err := s.db.NewIterWithContext(ctx, &pebbledb.IterOptions{LowerBound: articleKey(nil, doc(from)), UpperBound: []byte{prefixArticle + 1}})
	if err != nil {
		return fmt.Errorf("scan: %w", err)
	}
	defer recs.Close()
	n := 0
	for ok := recs.First(); ok; ok = recs.Next() {
		if n++; n%256 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		d, err := articleDoc(recs.Key())
		if err != nil {
			return fmt.Errorf("scan: %w", err)
		}
		v, err := recs.ValueAndErr()
		if err != nil {
			return fmt.Errorf("scan: article %d: %w", d, err)
		}
		r, err := decodeRecord(v)
		if err != nil {
			return fmt.Errorf("scan: article %d: %w", d, err)
		}
		a := r.article()
		a.Seq = uint64(d)
		if a.Appearances, err = readAppearances(it, d); err != nil {
			return fmt.Errorf("scan: %w", err)
		}
		if err := fn(a); err != nil {
			return err
		}
	}
	if err := recs.Error(); err != nil {
		return fmt.Errorf("scan: %w", err)
	}
	return nil
}

// readAppearances reads doc d's appearances through it, in the order they
// were added.
func readAppearances(it *pebbledb.Iterator, d doc) ([]wiretrace.Appearance, error) {
	it.SetBounds(appearanceRange(d))
	var aps []wiretrace.Appearance
	for ok := it.First(); ok; ok = it.Next() {
		v, err := it.ValueAndErr()
		if err != nil {
			return nil, err
		}
		ap, err := decodeAppearance(v)
		if err != nil {
			return nil, fmt.Errorf("appearance %x: %w", it.Key(), err)
		}
		aps = append(aps, ap)
	}
	return aps, it.Error()
}

// Candidates returns the stored articles sharing the most distinct
// fingerprints with the query, with their records, as wiretrace.Store
// documents. A fingerprint posted to more than MaxPostings articles is
// skipped, told by the counts its segments keep, before its docs are
// read. All reads see one consistent state of the store.
func (s *Store) Candidates(ctx context.Context, q wiretrace.CandidateQuery) ([]wiretrace.Candidate, error) {
	c, err := s.candidates(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("candidates: %w", err)
	}
	return c, nil
}

// hit is an article found by Candidates, before its record is read.
type hit struct {
	doc    doc
	shared int
}

func (s *Store) candidates(ctx context.Context, q wiretrace.CandidateQuery) (_ []wiretrace.Candidate, err error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if q.Limit <= 0 || len(q.Fingerprints) == 0 {
		return nil, nil
	}
	maxPostings := q.MaxPostings
	if maxPostings <= 0 {
		maxPostings = math.MaxInt
	}
	if err := s.enter(); err != nil {
		return nil, err
	}
	defer s.closeMu.RUnlock()

	query := slices.Clone(q.Fingerprints)
	slices.Sort(query)
	query = slices.Compact(query)

	it, buffered, err := s.view(ctx, query)
	if err != nil {
		return nil, err
	}
	defer func() { err = cmp.Or(err, it.Close()) }()

	// The postings of each query fingerprint: the buffered ones, then
	// those of its bucket's segments, read one bucket at a time.
	docs := make([][]doc, len(query))
	for i := range query {
		docs[i] = buffered[i]
	}
	// wide marks the fingerprints posted to more than maxPostings, found
	// from the segments' counts without reading their docs.
	wide := make([]bool, len(query))
	err = eachSegment(ctx, it, query, func(bucket uint16, i, j int, _, v []byte) error {
		// Both the segment and query[i:j] are sorted: one pass, reading
		// only the docs of the query's fingerprints.
		k := i
		var derr error
		err := readGroups(bucket, v, func(fp wiretrace.Fingerprint, n int, enc []byte) bool {
			for k < j && query[k] < fp {
				k++
			}
			if k == j {
				return false
			}
			switch {
			case query[k] != fp || wide[k]:
			case len(docs[k])+n > maxPostings:
				wide[k] = true
			default:
				docs[k], derr = readDocs(docs[k], n, enc)
			}
			return derr == nil
		})
		return cmp.Or(err, derr)
	})
	if err != nil {
		return nil, err
	}
	// Each article's shared fingerprints are counted by sorting all the
	// postings read and counting runs: a map took a quarter of a
	// lookup.
	n := 0
	for i := range query {
		n += len(docs[i])
	}
	all := make([]doc, 0, n)
	for i := range query {
		// A fingerprint posted to more articles than maxPostings is
		// boilerplate: skipped.
		if wide[i] || len(docs[i]) > maxPostings {
			continue
		}
		for _, d := range docs[i] {
			if q.Before == 0 || uint64(d) < q.Before {
				all = append(all, d)
			}
		}
	}
	if len(all) == 0 {
		return nil, nil
	}
	sortDocs(all)
	hits := topHits(all, q.Limit, q.MinShared, len(query))

	out := make([]wiretrace.Candidate, 0, len(hits))
	for _, h := range hits {
		a, fps, found, err := readArticle(it, h.doc, q.NoAppearances)
		if err != nil {
			return nil, err
		}
		if !found {
			// Removed since its postings were read from the buffer; a
			// posting left in the keys without its article is damage
			// that verify reports, and no evidence of anything.
			continue
		}
		out = append(out, wiretrace.Candidate{Article: a, Seq: uint64(h.doc), Shared: h.shared, Fingerprints: fps})
	}
	return out, nil
}

// view opens an iterator on the store's present state and returns it with
// the buffered postings of each query fingerprint that the iterator does
// not see as keys: taken together, every posting once.
func (s *Store) view(ctx context.Context, query []wiretrace.Fingerprint) (*pebbledb.Iterator, [][]doc, error) {
	s.bufMu.RLock()
	defer s.bufMu.RUnlock()
	it, err := s.db.NewIterWithContext(ctx, &pebbledb.IterOptions{})
	if err != nil {
		return nil, nil, err
	}
	// A flush writes its postings and keyPosted in one batch: the
	// iterator sees both or neither.
	withFlushing := false
	if s.flushing != nil {
		it.SetBounds(keyPosted, append(slices.Clip(keyPosted), 0))
		if !it.First() {
			return nil, nil, errors.Join(fmt.Errorf("no meta key posted: %w", errCorrupt), it.Error(), it.Close())
		}
		posted, n := binary.Uvarint(it.Value())
		if n <= 0 {
			return nil, nil, errors.Join(fmt.Errorf("meta key posted %x: %w", it.Value(), errCorrupt), it.Close())
		}
		withFlushing = posted < uint64(s.pending.lo)
	}
	buffered := make([][]doc, len(query))
	var all []doc
	for i, fp := range query {
		start := len(all)
		all = s.pending.lookup(fp, all)
		if withFlushing {
			all = s.flushing.lookup(fp, all)
		}
		buffered[i] = all[start:len(all):len(all)]
	}
	return it, buffered, nil
}

// topHits returns the first limit of the articles in the sorted postings
// all that share minShared or more: most shared first, then the doc
// stored first. An article's run of postings is its shared count, which
// maxShared bounds. A histogram of the counts finds the cut below which
// no article can make the top, so that only those above it are kept and
// sorted: with a least count of one most articles of a lookup share one
// posting, and a slice of them all was a tenth of what a check allocated.
func topHits(all []doc, limit, minShared, maxShared int) []hit {
	runs := func(fn func(d doc, shared int)) {
		for lo := 0; lo < len(all); {
			hi := lo + 1
			for hi < len(all) && all[hi] == all[lo] {
				hi++
			}
			fn(all[lo], hi-lo)
			lo = hi
		}
	}
	histogram := make([]int, maxShared+1)
	runs(func(_ doc, shared int) { histogram[min(shared, maxShared)]++ })
	floor := max(minShared, 1)
	cut, above := maxShared, 0
	for ; cut > floor; cut-- {
		above += histogram[cut]
		if above >= limit {
			break
		}
	}
	cut = max(cut, floor)
	hits := make([]hit, 0, above+histogram[min(cut, maxShared)])
	runs(func(d doc, shared int) {
		if shared >= cut {
			hits = append(hits, hit{d, shared})
		}
	})
	slices.SortFunc(hits, func(a, b hit) int {
		return cmp.Or(cmp.Compare(b.shared, a.shared), cmp.Compare(a.doc, b.doc))
	})
	return hits[:min(limit, len(hits))]
}

// Bylines returns the sites under which stored articles name the author,
// as wiretrace.Store documents: one scan of the name's byline postings,
// whose values are the articles' sites. A limit <= 0 returns nothing.
func (s *Store) Bylines(ctx context.Context, name string, limit int) ([]wiretrace.BylineUse, error) {
	uses, err := s.bylines(ctx, name, limit)
	if err != nil {
		return nil, fmt.Errorf("bylines %q: %w", name, err)
	}
	return uses, nil
}

func (s *Store) bylines(ctx context.Context, name string, limit int) (_ []wiretrace.BylineUse, err error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	key := wiretrace.BylineKey(name)
	if limit <= 0 || key == "" {
		return nil, nil
	}
	if err := s.enter(); err != nil {
		return nil, err
	}
	defer s.closeMu.RUnlock()
	lower, upper := bylineRange(key)
	it, err := s.db.NewIterWithContext(ctx, &pebbledb.IterOptions{LowerBound: lower, UpperBound: upper})
	if err != nil {
		return nil, err
	}
	defer func() { err = cmp.Or(err, it.Close()) }()
	counts := map[string]int{}
	n := 0
	for ok := it.First(); ok; ok = it.Next() {
		if n++; n%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		if _, _, err := bylineDoc(it.Key()); err != nil {
			return nil, err
		}
		v, err := it.ValueAndErr()
		if err != nil {
			return nil, err
		}
		counts[string(v)]++
	}
	if err := it.Error(); err != nil {
		return nil, err
	}
	out := make([]wiretrace.BylineUse, 0, len(counts))
	for site, n := range counts {
		out = append(out, wiretrace.BylineUse{Site: site, Articles: n})
	}
	slices.SortFunc(out, func(a, b wiretrace.BylineUse) int {
		return cmp.Or(cmp.Compare(b.Articles, a.Articles), strings.Compare(a.Site, b.Site))
	})
	return out[:min(limit, len(out))], nil
}

// Sites returns every site with its article count, as wiretrace.Store
// documents: one scan of the site keys.
func (s *Store) Sites(ctx context.Context) ([]wiretrace.SiteStats, error) {
	sites, err := s.sites(ctx)
	if err != nil {
		return nil, fmt.Errorf("sites: %w", err)
	}
	return sites, nil
}

func (s *Store) sites(ctx context.Context) (_ []wiretrace.SiteStats, err error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := s.enter(); err != nil {
		return nil, err
	}
	defer s.closeMu.RUnlock()
	it, err := s.db.NewIterWithContext(ctx, &pebbledb.IterOptions{LowerBound: []byte{prefixSite}, UpperBound: []byte{prefixSite + 1}})
	if err != nil {
		return nil, err
	}
	defer func() { err = cmp.Or(err, it.Close()) }()
	var out []wiretrace.SiteStats
	for ok := it.First(); ok; ok = it.Next() {
		v, err := it.ValueAndErr()
		if err != nil {
			return nil, err
		}
		n, size := binary.Uvarint(v)
		if size <= 0 || size != len(v) {
			return nil, fmt.Errorf("site %q count %x: %w", it.Key()[1:], v, errCorrupt)
		}
		out = append(out, wiretrace.SiteStats{Site: string(it.Key()[1:]), Articles: int64(n)})
	}
	if err := it.Error(); err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b wiretrace.SiteStats) int {
		return cmp.Or(cmp.Compare(b.Articles, a.Articles), strings.Compare(a.Site, b.Site))
	})
	return out, nil
}
