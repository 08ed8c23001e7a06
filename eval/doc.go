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
// The package reads corpora through internal/corpus and must not decide
// anything about reuse itself: no thresholds or features of its own, so that
// what it measures is the engine. It opens no store; the caller passes one.
package eval
