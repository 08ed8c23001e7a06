package credit

import (
	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/anatomy"
	"github.com/wiretrace/wiretrace/text"
)

// usable returns the caller's map m as Compare may use it: ok is false
// when m is nil or not a map of a source of n tokens; entries outside a
// suspect of k tokens become -1, in a copy, so that the caller's map is
// never changed.
func usable(m TokenMap, n, k int) ([]int, bool) {
	if m == nil || len(m) != n {
		return nil, false
	}
	for _, j := range m {
		if j < -1 || j >= k {
			out := make([]int, len(m))
			for i, j := range m {
				out[i] = j
				if j < -1 || j >= k {
					out[i] = -1
				}
			}
			return out, true
		}
	}
	return m, true
}

// maxCells bounds the word alignment table of one passage; longer passages
// are aligned in pieces along their diagonal.
const maxCells = 1 << 22

// tokenMap aligns the words of each passage (longest common subsequence of
// light stems) and returns, for each source token, its suspect token or -1.
func tokenMap(source, suspect *anatomy.Anatomy, passages []wiretrace.Passage) []int {
	m := make([]int, len(source.Tokens()))
	for i := range m {
		m[i] = -1
	}
	sstem := stems(source.Tokens())
	tstem := stems(suspect.Tokens())
	for _, p := range passages {
		slo, shi := source.TokensIn(p.SourceStart, p.SourceEnd)
		tlo, thi := suspect.TokensIn(p.SuspectStart, p.SuspectEnd)
		n, k := shi-slo, thi-tlo
		if n <= 0 || k <= 0 {
			continue
		}
		pieces := 1
		for (n/pieces+1)*(k/pieces+1) > maxCells {
			pieces++
		}
		for q := 0; q < pieces; q++ {
			lcsMap(m, sstem, tstem, slo+n*q/pieces, slo+n*(q+1)/pieces, tlo+k*q/pieces, tlo+k*(q+1)/pieces)
		}
	}
	return m
}

func stems(toks []text.Token) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = text.Stem(t.Norm)
	}
	return out
}

// lcsMap aligns a[alo:ahi] with b[blo:bhi] by their longest common
// subsequence and records the pairs in m, leaving tokens already mapped.
func lcsMap(m []int, a, b []string, alo, ahi, blo, bhi int) {
	n, k := ahi-alo, bhi-blo
	w := k + 1
	l := make([]int32, (n+1)*w)
	for x := n - 1; x >= 0; x-- {
		for y := k - 1; y >= 0; y-- {
			if a[alo+x] == b[blo+y] {
				l[x*w+y] = l[(x+1)*w+y+1] + 1
			} else {
				l[x*w+y] = max(l[(x+1)*w+y], l[x*w+y+1])
			}
		}
	}
	for x, y := 0, 0; x < n && y < k; {
		switch {
		case a[alo+x] == b[blo+y]:
			if m[alo+x] < 0 {
				m[alo+x] = blo + y
			}
			x++
			y++
		case l[(x+1)*w+y] >= l[x*w+y+1]:
			x++
		default:
			y++
		}
	}
}
