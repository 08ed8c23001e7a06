package eval

import (
	"cmp"
	"math"
	"slices"
)

// Annotation is a PAN plagiarism case or detection: a span of a suspicious
// document aligned with a span of a source document. Offsets and lengths
// count characters.
type Annotation struct {
	Suspicious       string `json:"suspicious"`
	SuspiciousOffset int    `json:"suspicious_offset"`
	SuspiciousLength int    `json:"suspicious_length"`
	Source           string `json:"source"`
	SourceOffset     int    `json:"source_offset"`
	SourceLength     int    `json:"source_length"`
}

// PlagdetScore holds PAN's character-level measures of a set of detections
// against a set of cases (Potthast et al. 2010, "An Evaluation Framework for
// Plagiarism Detection").
type PlagdetScore struct {
	Plagdet     float64 `json:"plagdet"`
	Precision   float64 `json:"precision"`
	Recall      float64 `json:"recall"`
	Granularity float64 `json:"granularity"`
	Cases       int     `json:"cases"`
	Detections  int     `json:"detections"`
}

// Plagdet scores detections against cases as PAN's evaluation does:
//
//   - A detection r detects a case s when both name the same suspicious and
//     source documents and their spans overlap in both.
//   - s ⊓ r is the characters of s inside r, on both sides, when r detects
//     s; nothing otherwise.
//   - Recall is the mean over cases of |∪_r (s ⊓ r)| / |s|, precision the
//     mean over detections of |∪_s (s ⊓ r)| / |r|, |·| counting the
//     characters of both sides.
//   - Granularity is the mean number of detections per detected case (1
//     when no case is detected).
//   - plagdet = F1(precision, recall) / log2(1 + granularity).
//
// With neither cases nor detections, precision and recall are 1; with only
// one of them, both are 0. Identical annotations count once, as PAN's sets
// do.
func Plagdet(cases, detections []Annotation) PlagdetScore {
	cases, detections = dedupe(cases), dedupe(detections)
	s := PlagdetScore{
		Recall:      macroRecall(cases, detections),
		Precision:   macroRecall(detections, cases),
		Granularity: granularity(cases, detections),
		Cases:       len(cases),
		Detections:  len(detections),
	}
	if s.Precision+s.Recall > 0 {
		s.Plagdet = f1(s.Precision, s.Recall) / math.Log2(1+s.Granularity)
	}
	return s
}

func dedupe(as []Annotation) []Annotation {
	out := slices.Clone(as)
	slices.SortFunc(out, compareAnnotations)
	return slices.Compact(out)
}

func compareAnnotations(a, b Annotation) int {
	return cmp.Or(
		cmp.Compare(a.Suspicious, b.Suspicious),
		cmp.Compare(a.Source, b.Source),
		cmp.Compare(a.SuspiciousOffset, b.SuspiciousOffset),
		cmp.Compare(a.SuspiciousLength, b.SuspiciousLength),
		cmp.Compare(a.SourceOffset, b.SourceOffset),
		cmp.Compare(a.SourceLength, b.SourceLength),
	)
}

// overlaps reports whether b detects a: same documents, both spans overlap.
func overlaps(a, b Annotation) bool {
	return a.Suspicious == b.Suspicious && a.Source == b.Source &&
		b.SuspiciousOffset < a.SuspiciousOffset+a.SuspiciousLength &&
		a.SuspiciousOffset < b.SuspiciousOffset+b.SuspiciousLength &&
		b.SourceOffset < a.SourceOffset+a.SourceLength &&
		a.SourceOffset < b.SourceOffset+b.SourceLength
}

// byPair groups annotations by their document pair; only annotations of the
// same pair can overlap.
func byPair(as []Annotation) map[[2]string][]Annotation {
	m := map[[2]string][]Annotation{}
	for _, a := range as {
		k := [2]string{a.Suspicious, a.Source}
		m[k] = append(m[k], a)
	}
	return m
}

// macroRecall is the mean over xs of the share of each x's characters
// covered by the ys that overlap it. Swapping the arguments gives precision.
func macroRecall(xs, ys []Annotation) float64 {
	if len(xs) == 0 && len(ys) == 0 {
		return 1
	}
	if len(xs) == 0 || len(ys) == 0 {
		return 0
	}
	index := byPair(ys)
	sum := 0.0
	for _, x := range xs {
		var susp, src []span
		for _, y := range index[[2]string{x.Suspicious, x.Source}] {
			if !overlaps(x, y) {
				continue
			}
			susp = append(susp, clip(x.SuspiciousOffset, x.SuspiciousLength, y.SuspiciousOffset, y.SuspiciousLength))
			src = append(src, clip(x.SourceOffset, x.SourceLength, y.SourceOffset, y.SourceLength))
		}
		if size := x.SuspiciousLength + x.SourceLength; size > 0 {
			sum += float64(unionLength(susp)+unionLength(src)) / float64(size)
		}
	}
	return sum / float64(len(xs))
}

func granularity(cases, detections []Annotation) float64 {
	index := byPair(detections)
	detected, total := 0, 0
	for _, c := range cases {
		n := 0
		for _, d := range index[[2]string{c.Suspicious, c.Source}] {
			if overlaps(c, d) {
				n++
			}
		}
		if n > 0 {
			detected++
			total += n
		}
	}
	if detected == 0 {
		return 1
	}
	return float64(total) / float64(detected)
}

type span struct{ lo, hi int }

// clip returns the part of span (yo, yl) inside span (xo, xl).
func clip(xo, xl, yo, yl int) span {
	return span{max(xo, yo), min(xo+xl, yo+yl)}
}

func unionLength(spans []span) int {
	slices.SortFunc(spans, func(a, b span) int { return cmp.Compare(a.lo, b.lo) })
	n, end := 0, math.MinInt
	for _, s := range spans {
		if s.hi <= s.lo {
			continue
		}
		lo := max(s.lo, end)
		if s.hi > lo {
			n += s.hi - lo
			end = s.hi
		}
	}
	return n
}
