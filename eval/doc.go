// Package eval measures the engine on labelled text-reuse corpora with each
// field's own measures: METER's document classes, PAN's plagdet, the
// Clough-Stevenson categories and MSRP paraphrase judgements.
//
// It runs the engine the way a user would: for METER it indexes the wire
// copy in a store and checks each newspaper story against it; for the pair
// corpora it compares each given pair as wiretrace compare does. Results are
// deterministic: comparisons run in parallel, but are collected and scored
// in the corpus's order.
//
// Figures that carry over: where a corpus has labels for the engine's
// relations (METER, Clough-Stevenson), the thresholds the relation is
// decided on (align.Options.Decide) are refitted on one half of the corpus
// and the other half is judged with them, then the reverse; the headline
// figures count every item as judged by thresholds fitted without it. The
// figures of the shipped thresholds are reported beside them.
//
// The package reads corpora through internal/corpus and must not decide
// anything about reuse itself: no features of its own and no rule but the
// engine's (the length anchor of METER is reported as an anchor, never as
// the engine's figure), so that what it measures is the engine. It opens no
// store; the caller passes one.
package eval
