// Package synth generates news-like text for benchmarks and tests: words of
// a synthetic vocabulary drawn from a Zipf distribution, English function
// words at about the rate of news, names and numbers, and spun copies. The
// same seed gives the same text on every machine. It holds no real text and
// is not used by the product.
package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// FunctionWords are mixed into generated text.
var FunctionWords = strings.Fields("the of to in and a for on that with said by at from as was is its has were will it")

var functionWord = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range FunctionWords {
		m[w] = true
	}
	return m
}()

// Word is the i-th word of the synthetic vocabulary.
func Word(i uint64) string {
	syl := []string{"ka", "ren", "to", "mi", "sal", "ve", "dor", "pu", "lin", "gra", "os", "tem"}
	var sb strings.Builder
	for {
		sb.WriteString(syl[i%uint64(len(syl))])
		i /= uint64(len(syl))
		if i == 0 {
			return sb.String()
		}
	}
}

// Text generates about words words: sentences of 12 to 25 words mixing
// function words, names (of 2,000), numbers and content words from a Zipf
// distribution over vocabulary words, in paragraphs of two or three
// sentences.
func Text(seed uint64, words, vocabulary int) string {
	r := rand.New(rand.NewPCG(seed, 0x73796e7468))
	zipf := rand.NewZipf(r, 1.1, 1, uint64(vocabulary))
	var sb strings.Builder
	for n, sentence := 0, 0; n < words; sentence++ {
		if sentence > 0 {
			sb.WriteString(". ")
			if sentence%(2+r.IntN(2)) == 0 {
				sb.WriteString("\n\n")
			}
		}
		for k := range 12 + r.IntN(14) {
			if k > 0 {
				sb.WriteByte(' ')
			}
			switch p := r.IntN(100); {
			case p < 42:
				sb.WriteString(FunctionWords[r.IntN(len(FunctionWords))])
			case p < 46:
				name := Word(uint64(r.IntN(2000)))
				sb.WriteString(strings.ToUpper(name[:1]) + name[1:])
			case p < 49:
				fmt.Fprintf(&sb, "%d", 1+r.IntN(999))
			default:
				sb.WriteString(Word(zipf.Uint64()))
			}
			n++
		}
	}
	sb.WriteByte('.')
	return sb.String()
}

// Spin replaces about one in four lower-case content words of s with words
// from outside the first vocabulary words, as a synonym spinner would, and
// when trim is set drops the last paragraph.
func Spin(s string, seed uint64, vocabulary int, trim bool) string {
	r := rand.New(rand.NewPCG(seed, 0x7370696e))
	paras := strings.Split(s, "\n\n")
	if trim && len(paras) > 2 {
		paras = paras[:len(paras)-1]
	}
	for p, para := range paras {
		ws := strings.Split(para, " ")
		for i, w := range ws {
			core := strings.TrimRight(w, ".")
			if core == "" || functionWord[core] || core[0] < 'a' || core[0] > 'z' || r.IntN(4) != 0 {
				continue
			}
			ws[i] = Word(uint64(vocabulary+r.IntN(vocabulary/4+1))) + w[len(core):]
		}
		paras[p] = strings.Join(ws, " ")
	}
	return strings.Join(paras, "\n\n")
}
