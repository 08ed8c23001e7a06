package server

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"time"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/engine"
	"github.com/wiretrace/wiretrace/ingest"
)

// batchTypes are the media types of a batch of articles: JSON Lines, one
// article object a line.
var batchTypes = map[string]bool{
	"application/x-ndjson":    true,
	"application/jsonl":       true,
	"application/x-jsonlines": true,
	"application/json-lines":  true,
}

// addArticles stores one article (a JSON object) or a streamed batch (JSON
// Lines).
func (s *Server) addArticles(w http.ResponseWriter, r *http.Request) error {
	mt := mediaType(r)
	switch {
	case mt == "application/json":
		return s.addOne(w, r)
	case batchTypes[mt]:
		return s.addBatch(w, r)
	}
	return Errorf(http.StatusUnsupportedMediaType, CodeUnsupportedMediaType,
		"send one article as Content-Type: application/json, or a batch as application/x-ndjson (got %q)", r.Header.Get("Content-Type"))
}

// addOne stores one article: 201 when it is new, 200 when the store has
// its text already (a duplicate, maybe recorded as an appearance).
func (s *Server) addOne(w http.ResponseWriter, r *http.Request) error {
	body, err := s.readJSON(w, r)
	if err != nil {
		return err
	}
	var out engine.AddOutcome
	err = s.work(r, func(ctx context.Context) error {
		it, err := s.article(ctx, body, false)
		if err != nil {
			return err
		}
		out = outcomeOf(it)
		out.ID = it.Article.ID
		if out.ID == "" {
			out.ID = engine.ID(it.Article.Text)
		}
		var res []wiretrace.AddResult
		if err := s.turn(ctx, w, func() (err error) {
			res, err = s.eng.Add(ctx, it.Article)
			return err
		}); err != nil {
			return err
		}
		if res[0].Err != nil {
			s.metrics.added.WithLabelValues(engine.StatusError).Inc()
			return res[0].Err
		}
		settle(&out, res[0])
		return nil
	})
	if err != nil {
		return err
	}
	s.metrics.added.WithLabelValues(out.Status).Inc()
	status := http.StatusOK
	if out.Status == engine.StatusAdded {
		status = http.StatusCreated
		w.Header().Set("Location", "/v1/articles/"+url.PathEscape(out.ID))
		s.log.Info("article added", "request_id", requestIDOf(r), "id", out.ID)
	}
	return writeJSON(w, status, out)
}

// addBatch stores a stream of JSON Lines through the engine's loader, a
// store write per batch of lines, and streams back one AddOutcome a line,
// in input order, as the batches are written. A broken line is reported in
// its outcome and the rest go on. Memory stays bounded by a line's cap
// whatever the stream's length; the connection's deadlines move forward
// as long as bytes keep coming.
func (s *Server) addBatch(w http.ResponseWriter, r *http.Request) error {
	rc := http.NewResponseController(w)
	idle := s.cfg.BatchIdleTimeout
	rc.SetWriteDeadline(time.Now().Add(idle))
	body := &deadlineReader{r: r.Body, rc: rc, idle: idle}

	w.Header().Set("Content-Type", "application/x-ndjson; charset=utf-8")
	bw := bufio.NewWriterSize(w, 32<<10)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	var counts [4]int
	emit := func(o engine.AddOutcome) {
		enc.Encode(o)
		s.metrics.added.WithLabelValues(o.Status).Inc()
		switch o.Status {
		case engine.StatusAdded:
			counts[0]++
		case engine.StatusDuplicate:
			counts[1]++
		case engine.StatusError:
			counts[2]++
		default:
			counts[3]++
		}
	}
	flush := func() {
		if bw.Buffered() == 0 {
			return
		}
		rc.SetWriteDeadline(time.Now().Add(idle))
		bw.Flush()
		rc.Flush()
	}

	ctx := r.Context()
	loader := s.eng.Loader()
	err := ingest.ReadStream(ctx, "body", ingest.FormatJSONL, body, ingest.Options{}, func(it ingest.Item) error {
		o := outcomeOf(it)
		if reason := ingest.SkipReason(it.Err); reason != "" {
			o.Status, o.Reason, o.Error = engine.StatusSkipped, reason, it.Err.Error()
			loader.Then(func() { emit(o) })
			return nil
		}
		if it.Err != nil {
			o.Status, o.Error = engine.StatusError, it.Err.Error()
			loader.Then(func() { emit(o) })
			return nil
		}
		o.ID = it.Article.ID
		if o.ID == "" {
			o.ID = engine.ID(it.Article.Text)
		}
		err := loader.Add(ctx, it.Article, func(res wiretrace.AddResult) {
			settle(&o, res)
			emit(o)
		})
		flush()
		return err
	})
	// What was read is stored even when the client went away: its
	// articles were acknowledged by nobody, but they were read whole.
	if ferr := loader.Flush(context.WithoutCancel(ctx)); err == nil {
		err = ferr
	}
	if serr := s.eng.Store().Sync(); err == nil {
		err = serr
	}
	flush()
	s.log.Info("batch added", "request_id", requestIDOf(r), "added", counts[0], "duplicates", counts[1], "errors", counts[2], "skipped", counts[3])
	if err != nil {
		// The status went out with the first line: the failure can only
		// be logged, and the outcomes that did not come say the rest.
		s.report(r, err)
	}
	return nil
}

// deadlineReader moves the connection's read deadline forward at every
// read, so that a long upload that keeps sending is not cut off.
type deadlineReader struct {
	r    io.Reader
	rc   *http.ResponseController
	idle time.Duration
}

func (d *deadlineReader) Read(p []byte) (int, error) {
	d.rc.SetReadDeadline(time.Now().Add(d.idle))
	return d.r.Read(p)
}

// outcomeOf is what adding it will report, before it is stored.
func outcomeOf(it ingest.Item) engine.AddOutcome {
	a := it.Article
	return engine.AddOutcome{
		Input: it.Input,
		URL:   a.URL, Site: a.Site, Title: a.Title,
		Published: a.Published, PublishedFrom: a.PublishedFrom,
		FirstSeen: a.FirstSeen, FirstSeenFrom: a.FirstSeenFrom,
		Page: it.Meta,
	}
}

// settle fills in what the store did with an article, as add --json
// reports it.
func settle(o *engine.AddOutcome, res wiretrace.AddResult) {
	switch {
	case res.Err != nil:
		o.Status, o.Error = engine.StatusError, res.Err.Error()
	case res.Duplicate:
		o.Status, o.DuplicateOf, o.Appeared = engine.StatusDuplicate, res.ID, res.Appeared
	default:
		o.ID, o.Status = res.ID, engine.StatusAdded
	}
}
