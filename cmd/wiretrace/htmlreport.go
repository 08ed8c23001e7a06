package main

import (
	"bytes"
	"fmt"
	"os"
	"time"

	"github.com/wiretrace/wiretrace/align"
	"github.com/wiretrace/wiretrace/ingest"
	"github.com/wiretrace/wiretrace/server"
)

// htmlReport is a check's or a comparison's --html FILE: the result of one
// suspect as a page that stands alone. The page is written whole or not
// at all (a temporary file renamed over FILE).
type htmlReport struct {
	path string
	// written is true once a suspect's report is out: a run of several
	// suspects has one FILE for one of them only, and says so.
	written bool
}

// write writes the report of r, made now, aligning with opts.
func (h *htmlReport) write(r server.Report, opts align.Options) error {
	if h.written {
		// The report of the first alone would pass for the run's: the
		// run leaves none.
		if err := os.Remove(h.path); err != nil {
			return fmt.Errorf("--html: %w", err)
		}
		return usageError{fmt.Errorf("--html %s: a report holds one suspect, and this run has more", h.path)}
	}
	h.written = true
	r.Made = time.Now()
	var buf bytes.Buffer
	if err := server.WriteReport(&buf, r, opts); err != nil {
		return err
	}
	tmp := h.path + ".tmp"
	if err := os.WriteFile(tmp, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("--html: %w", err)
	}
	if err := os.Rename(tmp, h.path); err != nil {
		return fmt.Errorf("--html: %w", err)
	}
	return nil
}

// reportArticle is how a report names an article read from an input.
func reportArticle(it ingest.Item) server.ReportArticle {
	return server.ReportArticle{Input: it.Input, Title: it.Article.Title, Site: it.Article.Site, Extracted: it.Meta != nil}
}
