// Command wordnetgen writes the synonym table and the word frequency table
// of package text from a WordNet 3.0 database (Debian's wordnet-base
// installs one in /usr/share/wordnet):
//
//	go run ./internal/wordnetgen -wordnet /usr/share/wordnet -o synonyms.txt -go internal/synonyms/table.go -freq frequency.txt -freqgo internal/frequency/table.go
//
// The frequency table says how common each word is: how many times
// WordNet's sense-tagged texts use its lemma (see frequencies).
//
// Two words are synonyms when they share a synset that is among the first
// Senses senses of each (WordNet orders a word's senses by frequency), so a
// word is not the synonym of every word it can rarely stand for. Each line
// of the output is one such synset: the light stems (text.Stem) of its
// words, sorted. Irregular forms from the exception lists (said, went)
// join their base form's lines. Lines are sorted, so the output depends
// only on the database.
//
// The text file is for people to read and review; package text never
// parses it. What it looks up is the Go file, the same table as static
// arrays keyed by stem hash (see table), so that a process pays nothing to
// load it.
//
// The generator imports package text for Stem, and package text compiles
// the table it writes: change the table's layout in table and in
// synonyms.Lookup together, and if table.go no longer compiles, restore it
// from version control before generating again.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/wiretrace/wiretrace/text"
)

func main() {
	dir := flag.String("wordnet", "/usr/share/wordnet", "WordNet database `directory`")
	out := flag.String("o", "synonyms.txt", "output `file`, one synonym set a line")
	goOut := flag.String("go", "internal/synonyms/table.go", "Go `file` with the table as package text looks it up")
	senses := flag.Int("senses", 1, "how many of a word's most frequent senses count")
	freqOut := flag.String("freq", "frequency.txt", "output `file` of how common each stem is, one \"stem count\" a line")
	freqGo := flag.String("freqgo", "internal/frequency/table.go", "Go `file` with the frequency table as package text looks it up")
	flag.Parse()
	if err := run(*dir, *out, *goOut, *senses); err != nil {
		fmt.Fprintln(os.Stderr, "wordnetgen:", err)
		os.Exit(1)
	}
	if err := runFrequency(*dir, *freqOut, *freqGo); err != nil {
		fmt.Fprintln(os.Stderr, "wordnetgen:", err)
		os.Exit(1)
	}
}

func run(dir, out, goOut string, senses int) error {
	var lines []string
	for _, pos := range []string{"noun", "verb", "adj", "adv"} {
		groups := map[string]map[string]bool{} // synset offset → stems
		byLemma := map[string][]string{}       // lemma → its synsets kept
		err := eachLine(filepath.Join(dir, "index."+pos), func(f []string) {
			lemma := f[0]
			if !usable(lemma) || len(f) < 4 {
				return
			}
			var ptrs int
			fmt.Sscan(f[3], &ptrs)
			// lemma pos synset_cnt p_cnt ptr... sense_cnt tagsense_cnt offsets...
			offsets := f[4+ptrs+2:]
			for _, off := range offsets[:min(senses, len(offsets))] {
				if groups[off] == nil {
					groups[off] = map[string]bool{}
				}
				groups[off][text.Stem(lemma)] = true
				byLemma[lemma] = append(byLemma[lemma], off)
			}
		})
		if err != nil {
			return err
		}
		err = eachLine(filepath.Join(dir, pos+".exc"), func(f []string) {
			if len(f) < 2 || !usable(f[0]) {
				return
			}
			for _, base := range f[1:] {
				for _, off := range byLemma[base] {
					groups[off][text.Stem(f[0])] = true
				}
			}
		})
		if err != nil {
			return err
		}
		for _, g := range groups {
			if len(g) < 2 {
				continue
			}
			stems := make([]string, 0, len(g))
			for s := range g {
				stems = append(stems, s)
			}
			slices.Sort(stems)
			lines = append(lines, strings.Join(stems, " "))
		}
	}
	slices.Sort(lines)
	return write(slices.Compact(lines), out, goOut, table)
}

func runFrequency(dir, out, goOut string) error {
	lines, err := frequencies(dir)
	if err != nil {
		return err
	}
	return write(lines, out, goOut, frequencyTable)
}

// write writes a table's lines, for people to read, to out, and the Go
// source that table makes of them to goOut.
func write(lines []string, out, goOut string, table func([]string) ([]byte, error)) error {
	if err := os.WriteFile(out, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		return err
	}
	src, err := table(lines)
	if err != nil {
		return err
	}
	return os.WriteFile(goOut, src, 0o644)
}

// usable reports whether a lemma is one plain lower-case word that is not a
// function word: the words a tokeniser yields and a spinner replaces.
func usable(lemma string) bool {
	if len(lemma) < 3 || text.IsStopword(lemma) {
		return false
	}
	for _, r := range lemma {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return true
}

func eachLine(path string, fn func([]string)) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("reading WordNet: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "  ") {
			continue // the licence header
		}
		fn(strings.Fields(line))
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("reading %s: %w", path, err)
	}
	return nil
}
