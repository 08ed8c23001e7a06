package main

import (
	"bytes"
	"cmp"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/wiretrace/wiretrace/text"
	"github.com/zeebo/xxh3"
)

// frequencies returns, for each stem (text.Stem) of a one-word lemma, how
// many times WordNet's sense-tagged texts (the Semantic Concordance, whose
// counts cntlist.rev gives per sense) use it, all senses and parts of
// speech together; an irregular form from the exception lists (said,
// went) counts as its base form. The lines are "stem count", sorted by
// stem, with " place" after the count of a stem WordNet knows only as
// the name of a place (see places).
func frequencies(dir string) ([]string, error) {
	only, err := places(dir)
	if err != nil {
		return nil, err
	}
	count := map[string]int{}
	err = eachLine(filepath.Join(dir, "cntlist.rev"), func(f []string) {
		if len(f) < 3 {
			return
		}
		lemma, _, _ := strings.Cut(f[0], "%")
		n, err := strconv.Atoi(f[2])
		if err != nil || !plain(lemma) {
			return
		}
		count[text.Stem(lemma)] += n
	})
	if err != nil {
		return nil, err
	}
	irregular := map[string]int{}
	for _, pos := range []string{"noun", "verb", "adj", "adv"} {
		err := eachLine(filepath.Join(dir, pos+".exc"), func(f []string) {
			if len(f) < 2 || !plain(f[0]) {
				return
			}
			form := text.Stem(f[0])
			for _, base := range f[1:] {
				if n := count[text.Stem(base)]; n > irregular[form] {
					irregular[form] = n
				}
			}
		})
		if err != nil {
			return nil, err
		}
	}
	for form, n := range irregular {
		count[form] = max(count[form], n)
	}
	lines := make([]string, 0, len(count))
	for stem, n := range count {
		switch {
		case n > 0 && only[stem]:
			lines = append(lines, fmt.Sprintf("%s %d place", stem, n))
		case n > 0:
			lines = append(lines, fmt.Sprintf("%s %d", stem, n))
		}
	}
	slices.Sort(lines)
	return lines, nil
}

// places returns the stems of the one-word lemmas that WordNet's synsets
// of places (noun.location) write with a capital and no synset writes in
// small letters: "Chicago", "Paris", not "brazil" (the nut), nor a stem
// an irregular form has ("ate"). Peoples, people, months and the
// adjectives of nations ("Brazilian", "April", "French") are not places:
// a headline that says "FRENCH" names what another calls "PARIS".
func places(dir string) (map[string]bool, error) {
	proper, common := map[string]bool{}, map[string]bool{}
	for _, pos := range []string{"noun", "verb", "adj", "adv"} {
		// offset lex_filenum ss_type w_cnt (hex) word lex_id ...
		err := eachLine(filepath.Join(dir, "data."+pos), func(f []string) {
			if len(f) < 4 {
				return
			}
			n, err := strconv.ParseInt(f[3], 16, 0)
			if err != nil {
				return
			}
			for k := 0; k < int(n) && 4+2*k < len(f); k++ {
				w, _, _ := strings.Cut(f[4+2*k], "(") // an adjective's marker: "(a)", "(p)"
				switch {
				case plain(w):
					common[text.Stem(w)] = true
				case pos == "noun" && f[1] == locations && len(w) > 1 && w[0] >= 'A' && w[0] <= 'Z' && plain(w[1:]):
					proper[text.Stem(strings.ToLower(w))] = true
				}
			}
		})
		if err != nil {
			return nil, err
		}
	}
	// An irregular form is a common word whatever else WordNet names so
	// ("ate", "Ate").
	for _, pos := range []string{"noun", "verb", "adj", "adv"} {
		err := eachLine(filepath.Join(dir, pos+".exc"), func(f []string) {
			if len(f) > 0 && plain(f[0]) {
				common[text.Stem(f[0])] = true
			}
		})
		if err != nil {
			return nil, err
		}
	}
	for stem := range common {
		delete(proper, stem)
	}
	return proper, nil
}

// locations is the lexicographer file of WordNet's places (noun.location),
// as data.noun numbers it.
const locations = "15"

// frequencyTable returns the Go source of the frequency table of lines (as
// frequencies returns them): the stems' xxh3.HashString, sorted, and each
// one's count, as constant arrays read in place.
func frequencyTable(lines []string) ([]byte, error) {
	type entry struct {
		stem  string
		hash  uint64
		count uint64
	}
	entries := make([]entry, 0, len(lines))
	var places []uint64
	for _, line := range lines {
		f := strings.Fields(line)
		if len(f) < 2 || len(f) > 3 || len(f) == 3 && f[2] != "place" {
			return nil, fmt.Errorf("frequency line %q: want \"stem count\" or \"stem count place\"", line)
		}
		c, err := strconv.ParseUint(f[1], 10, 64)
		if err != nil {
			return nil, fmt.Errorf("frequency line %q: %w", line, err)
		}
		entries = append(entries, entry{f[0], xxh3.HashString(f[0]), c})
		if len(f) == 3 {
			places = append(places, xxh3.HashString(f[0]))
		}
	}
	if len(places) == 0 {
		return nil, fmt.Errorf("no stem of %d is a place: the table would know none", len(lines))
	}
	slices.Sort(places)
	slices.SortFunc(entries, func(a, b entry) int { return cmp.Compare(a.hash, b.hash) })
	for i := 1; i < len(entries); i++ {
		if entries[i].hash == entries[i-1].hash {
			return nil, fmt.Errorf("stems %q and %q have the same hash: the table cannot tell them apart", entries[i-1].stem, entries[i].stem)
		}
	}
	hashes := make([]uint64, len(entries))
	counts := make([]uint64, len(entries))
	for i, e := range entries {
		hashes[i], counts[i] = e.hash, e.count
	}
	var src bytes.Buffer
	fmt.Fprintf(&src, `// Code generated by wordnetgen from WordNet 3.0 (see text/synonyms.LICENSE); DO NOT EDIT.

package frequency

// The frequency table of %d stems: see Of.

`, len(entries))
	array(&src, "hashes", hashes, 64, 4, "%#016x")
	src.WriteString("\n")
	array(&src, "counts", counts, 16, 16, "%d")
	src.WriteString("\n// The hashes of the stems WordNet knows only as places' names, sorted: see\n// Place.\n")
	array(&src, "places", places, 64, 4, "%#016x")
	return src.Bytes(), nil
}

// plain reports whether a lemma is one lower-case word.
func plain(lemma string) bool {
	for _, r := range lemma {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return lemma != ""
}
