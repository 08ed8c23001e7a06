// Command simtext sets wiretrace's families side by side with Debian's
// sim_text (similarity-tester) on the Reuters-21578 collection; run it
// through scripts/simtext.sh, which times both.
//
//	simtext write DATA DIR        one file per story in DIR/texts, and DIR/articles.jsonl
//	simtext compare SIMTEXT FAMILIES
//
// compare reads sim_text's percentage output ("F consists for x % of G
// material") and the JSON Lines of "wiretrace families --json", and says how
// many of the pairs each found the other found too: a sim_text pair counts
// as found by wiretrace when both stories are in one family; a wiretrace
// pair (a member and its parent) counts as found by sim_text when sim_text
// reports it either way.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/wiretrace/wiretrace/internal/corpus"
	"github.com/wiretrace/wiretrace/provenance"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "simtext:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	switch {
	case len(args) == 3 && args[0] == "write":
		return write(args[1], args[2])
	case len(args) == 3 && args[0] == "compare":
		return compare(args[1], args[2])
	}
	return fmt.Errorf("usage: simtext write DATA DIR | simtext compare SIMTEXT FAMILIES")
}

func write(data, dir string) error {
	texts := filepath.Join(dir, "texts")
	if err := os.MkdirAll(texts, 0o755); err != nil {
		return err
	}
	out, err := os.Create(filepath.Join(dir, "articles.jsonl"))
	if err != nil {
		return err
	}
	defer out.Close()
	w := bufio.NewWriter(out)
	enc := json.NewEncoder(w)
	n := 0
	for d, err := range corpus.Reuters(filepath.Join(data, "reuters21578")) {
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(texts, d.ID), []byte(d.Text), 0o644); err != nil {
			return err
		}
		line := map[string]string{"id": d.ID, "text": d.Text}
		if !d.Published.IsZero() {
			line["published"] = d.Published.Format(time.RFC3339)
		}
		if err := enc.Encode(line); err != nil {
			return err
		}
		n++
	}
	fmt.Fprintf(os.Stderr, "simtext: %d stories written to %s\n", n, dir)
	return w.Flush()
}

type pair struct{ a, b string }

func unordered(a, b string) pair {
	if b < a {
		a, b = b, a
	}
	return pair{a, b}
}

func compare(simFile, famFile string) error {
	sim := map[pair]bool{}
	f, err := os.Open(simFile)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		// "DIR/texts/reuters-12 consists for 97 % of DIR/texts/reuters-40 material"
		fields := strings.Fields(sc.Text())
		if len(fields) == 8 && fields[1] == "consists" && fields[7] == "material" {
			sim[unordered(filepath.Base(fields[0]), filepath.Base(fields[6]))] = true
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	family := map[string]string{}
	size := map[string]int{}
	var edges []pair
	g, err := os.Open(famFile)
	if err != nil {
		return err
	}
	defer g.Close()
	dec := json.NewDecoder(g)
	for dec.More() {
		var s provenance.Story
		if err := dec.Decode(&s); err != nil {
			return err
		}
		size[s.Family] = len(s.Members)
		for _, m := range s.Members {
			family[m.ID] = s.Family
			if m.Parent != "" {
				edges = append(edges, unordered(m.ID, m.Parent))
			}
		}
	}
	// Families of thousands, chained by formula stories, hold many pairs
	// by accident: the pairs are also counted in families of at most 20
	// members, and as a member and its parent.
	together, small, direct := 0, 0, 0
	parent := map[pair]bool{}
	for _, e := range edges {
		parent[e] = true
	}
	for p := range sim {
		if fa, ok := family[p.a]; ok && fa == family[p.b] {
			together++
			if size[fa] <= 20 {
				small++
			}
		}
		if parent[p] {
			direct++
		}
	}
	reported := 0
	for _, e := range edges {
		if sim[e] {
			reported++
		}
	}
	fmt.Printf("sim_text pairs: %d, of which wiretrace puts %d in one family (%.1f%%), %d in one family of at most 20 (%.1f%%), %d as a member and its parent (%.1f%%)\n",
		len(sim), together, pct(together, len(sim)), small, pct(small, len(sim)), direct, pct(direct, len(sim)))
	fmt.Printf("wiretrace parent links: %d, of which sim_text reports %d (%.1f%%)\n", len(edges), reported, pct(reported, len(edges)))
	return nil
}

func pct(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}
