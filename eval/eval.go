package eval

import (
	"io"

	"github.com/wiretrace/wiretrace/engine"
)

// Options configure an evaluation.
type Options struct {
	// Workers is how many comparisons run at once; 0 uses every core.
	Workers int
	// Engine configures the engine; nil means engine.Defaults, what
	// wiretrace runs. Its Compare also serves the pair corpora, so an
	// ablation changes one place.
	Engine *engine.Options
}

func (o Options) engine() engine.Options {
	if o.Engine != nil {
		return *o.Engine
	}
	return engine.Defaults
}

// Result is what every corpus evaluation returns.
type Result interface {
	// Corpus names the corpus: "meter", "pan", "clough", "msrp".
	Corpus() string
	// Figures are the measures by name, the names --min floors use.
	Figures() map[string]float64
	// WriteText writes a table for people; details adds one line per item.
	WriteText(w io.Writer, details bool) error
	// JSON returns the value to encode for machines: corpus, metrics and
	// the breakdowns, with the items when details is set.
	JSON(details bool) any
}
