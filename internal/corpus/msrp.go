package corpus

import (
	"bufio"
	"fmt"
	"iter"
	"os"
	"strings"
	"unicode/utf8"
)

// MSRPPair is one sentence pair of the Microsoft Research Paraphrase Corpus.
type MSRPPair struct {
	// Line is the pair's line in the file, from 1.
	Line     int
	ID1, ID2 string
	// Sentence1 and Sentence2 are the two sentences as the file gives them.
	Sentence1, Sentence2 string
	// Paraphrase is the annotators' judgement (label 1).
	Paraphrase bool
}

// MSRP reads an MSRP file (msr_paraphrase_train.txt or _test.txt): tab
// separated "label id1 id2 sentence1 sentence2", UTF-8 with or without a
// byte-order mark, with or without the "Quality" header line. Quotation
// marks are part of the sentences, not CSV quoting. A malformed line yields
// an error naming the file and line, and reading goes on.
func MSRP(name string) iter.Seq2[MSRPPair, error] {
	return func(yield func(MSRPPair, error) bool) {
		f, err := os.Open(name)
		if err != nil {
			yield(MSRPPair{}, fmt.Errorf("msrp: %w", err))
			return
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
		for line := 1; sc.Scan(); line++ {
			s := strings.TrimRight(sc.Text(), "\r")
			if line == 1 {
				s = strings.TrimPrefix(s, "\ufeff")
				if strings.HasPrefix(s, "Quality\t") {
					continue
				}
			}
			if strings.TrimSpace(s) == "" {
				continue
			}
			p, err := msrpLine(s)
			p.Line = line
			if err != nil {
				p = MSRPPair{}
				err = fmt.Errorf("msrp: %s:%d: %w", name, line, err)
			}
			if !yield(p, err) {
				return
			}
		}
		if err := sc.Err(); err != nil {
			yield(MSRPPair{}, fmt.Errorf("msrp: %s: %w", name, err))
		}
	}
}

func msrpLine(s string) (MSRPPair, error) {
	if !utf8.ValidString(s) {
		return MSRPPair{}, fmt.Errorf("not UTF-8")
	}
	f := strings.Split(s, "\t")
	if len(f) != 5 {
		return MSRPPair{}, fmt.Errorf("%d tab-separated fields, want 5 (label id1 id2 sentence1 sentence2)", len(f))
	}
	p := MSRPPair{ID1: f[1], ID2: f[2], Sentence1: f[3], Sentence2: f[4]}
	switch f[0] {
	case "1":
		p.Paraphrase = true
	case "0":
	default:
		return MSRPPair{}, fmt.Errorf("label %q, want 0 or 1", f[0])
	}
	if strings.TrimSpace(p.Sentence1) == "" || strings.TrimSpace(p.Sentence2) == "" {
		return MSRPPair{}, fmt.Errorf("empty sentence")
	}
	return p, nil
}
