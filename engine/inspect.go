package engine

import (
	"context"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/anatomy"
	"github.com/wiretrace/wiretrace/integrity"
)

// InspectOptions tune Inspect.
type InspectOptions struct {
	// Index asks the store where it has seen the byline's names, and
	// flags a name seen only under other sites than Site.
	Index bool
	// Site is the article's site, for Index; its own when empty.
	Site string
}

// Inspect reads the anatomy of an article with the integrity flags it
// raises on its own, given what its page says of itself (meta), and with
// o.Index those the store's bylines raise.
func (e *Engine) Inspect(ctx context.Context, a wiretrace.Article, meta anatomy.Metadata, o InspectOptions) (*integrity.Inspection, error) {
	an := integrity.InspectWith(a.Text, meta)
	if !o.Index {
		return an, nil
	}
	if e.store == nil {
		return nil, errNoStore
	}
	site := o.Site
	if site == "" {
		site = a.Site
	}
	if err := an.CheckBylines(ctx, e.store, site, a.Byline...); err != nil {
		return nil, err
	}
	return an, nil
}
