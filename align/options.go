package align

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// settings names the options a user may set from the command line, to
// measure what each part of the method adds.
var settings = map[string]func(o *Options) any{
	"max_gap":              func(o *Options) any { return &o.MaxGap },
	"min_matched":          func(o *Options) any { return &o.MinMatched },
	"min_matched_short":    func(o *Options) any { return &o.MinMatchedShort },
	"min_matched_brief":    func(o *Options) any { return &o.MinMatchedBrief },
	"brief_words":          func(o *Options) any { return &o.BriefWords },
	"min_density":          func(o *Options) any { return &o.MinDensity },
	"merge_gap":            func(o *Options) any { return &o.MergeGap },
	"max_substitution":     func(o *Options) any { return &o.MaxSubstitution },
	"max_seed_repeats":     func(o *Options) any { return &o.MaxSeedRepeats },
	"derived_coverage":     func(o *Options) any { return &o.DerivedCoverage },
	"partial_coverage":     func(o *Options) any { return &o.PartialCoverage },
	"partial_words":        func(o *Options) any { return &o.PartialWords },
	"copy_exactness":       func(o *Options) any { return &o.CopyExactness },
	"rewritten_kept":       func(o *Options) any { return &o.RewrittenKept },
	"derived_contained":    func(o *Options) any { return &o.DerivedContained },
	"partial_contained":    func(o *Options) any { return &o.PartialContained },
	"related_similarity":   func(o *Options) any { return &o.RelatedSimilarity },
	"immutables":           func(o *Options) any { return &o.Immutables },
	"name_run":             func(o *Options) any { return &o.NameRun },
	"quote_aware":          func(o *Options) any { return &o.QuoteAware },
	"balanced_gaps":        func(o *Options) any { return &o.BalancedGaps },
	"synonyms":             func(o *Options) any { return &o.Synonyms },
	"whole_sentences":      func(o *Options) any { return &o.WholeSentences },
	"sentence_similarity":  func(o *Options) any { return &o.SentenceSimilarity },
	"sentence_subject":     func(o *Options) any { return &o.SentenceSubject },
	"neighbour_similarity": func(o *Options) any { return &o.NeighbourSimilarity },
	"moved_similarity":     func(o *Options) any { return &o.MovedSimilarity },
	"contradictions":       func(o *Options) any { return &o.Contradictions },
	"condense_gap":         func(o *Options) any { return &o.CondenseGap },
	"condense_ratio":       func(o *Options) any { return &o.CondenseRatio },
	"condense_similarity":  func(o *Options) any { return &o.CondenseSimilarity },
	"condense_whole":       func(o *Options) any { return &o.CondenseWhole },
}

// Set changes options from "name=value,name=value", e.g.
// "immutables=false,merge_gap=0". Names are those of the Options fields in
// snake case.
func (o *Options) Set(list string) error {
	for _, kv := range strings.Split(list, ",") {
		kv = strings.TrimSpace(kv)
		if kv == "" {
			continue
		}
		name, value, ok := strings.Cut(kv, "=")
		field, known := settings[strings.TrimSpace(name)]
		if !ok || !known {
			return fmt.Errorf("align option %q: want name=value with name one of %s", kv, settingNames())
		}
		value = strings.TrimSpace(value)
		var err error
		switch p := field(o).(type) {
		case *int:
			*p, err = strconv.Atoi(value)
		case *float64:
			*p, err = strconv.ParseFloat(value, 64)
		case *bool:
			*p, err = strconv.ParseBool(value)
		}
		if err != nil {
			return fmt.Errorf("align option %s: %w", name, err)
		}
	}
	return nil
}

func settingNames() string {
	names := make([]string, 0, len(settings))
	for n := range settings {
		names = append(names, n)
	}
	slices.Sort(names)
	return strings.Join(names, ", ")
}
