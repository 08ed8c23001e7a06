package server

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/wiretrace/wiretrace/engine"
	"github.com/wiretrace/wiretrace/ingest"
)

// Config tunes a Server. The zero value of each field but Logger and
// Fetch means its default.
type Config struct {
	// Token is the bearer token that writes (adding and deleting
	// articles) need, and reads too when AuthReads. Without a token the
	// server refuses every write (CodeWritesDisabled).
	Token string
	// AuthReads makes reads (check, compare, inspect, reading articles,
	// statistics, metrics and the page) need the token too. Health and
	// readiness probes and the OpenAPI document stay open.
	AuthReads bool
	// Fetch fetches the URLs requests name; nil refuses URL inputs.
	Fetch ingest.Fetcher
	// Logger receives the server's logs; nil discards them.
	Logger *slog.Logger
	// MaxBodyBytes caps a request body other than a streamed batch of
	// articles, whose lines are capped one by one
	// (ingest.MaxArticleBytes). Default 32 MiB: two articles at the cap.
	MaxBodyBytes int64
	// RequestTimeout bounds the work of one check, comparison, inspection
	// or single add, fetching included. Default 30 s.
	RequestTimeout time.Duration
	// MaxInFlight is how many checks, comparisons, inspections and adds
	// the engine works on at once; the others wait for a turn, first come
	// first served, until their timeout. The work is CPU-bound: more at
	// once than there are CPUs only shares them out, and slows the
	// longest checks most. Reading the request and fetching a URL happen
	// before the turn. Default one per CPU.
	MaxInFlight int
	// ShutdownTimeout is how long Serve waits for requests in flight once
	// its context is done. Default 30 s.
	ShutdownTimeout time.Duration
	// BatchIdleTimeout is how long a streamed batch of articles may go
	// without a byte read or written. Default 60 s.
	BatchIdleTimeout time.Duration
	// UpdateTimeout bounds an update of the families (POST
	// /v1/families/update); one cut short keeps what it linked. Default
	// 10 min.
	UpdateTimeout time.Duration
	// UpdateWorkers align articles for an update of the families. It
	// takes no turn among the checks, so it is given half the CPUs and
	// leaves them the rest. Default half the CPUs, at least one.
	UpdateWorkers int
}

func (c Config) withDefaults() Config {
	if c.MaxBodyBytes <= 0 {
		c.MaxBodyBytes = 32 << 20
	}
	if c.RequestTimeout <= 0 {
		c.RequestTimeout = 30 * time.Second
	}
	if c.MaxInFlight <= 0 {
		c.MaxInFlight = runtime.GOMAXPROCS(0)
	}
	if c.ShutdownTimeout <= 0 {
		c.ShutdownTimeout = 30 * time.Second
	}
	if c.BatchIdleTimeout <= 0 {
		c.BatchIdleTimeout = 60 * time.Second
	}
	if c.UpdateTimeout <= 0 {
		c.UpdateTimeout = 10 * time.Minute
	}
	if c.UpdateWorkers <= 0 {
		c.UpdateWorkers = max(1, runtime.GOMAXPROCS(0)/2)
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	return c
}

// Timeouts of the HTTP server. A streamed batch of articles moves its own
// deadlines forward as it reads and writes (Config.BatchIdleTimeout).
const (
	readHeaderTimeout = 10 * time.Second
	readTimeout       = 60 * time.Second
	writeTimeout      = 90 * time.Second
	idleTimeout       = 120 * time.Second
)

// Access says who may call a route.
type Access int

const (
	// Open routes answer anyone: probes and the API's description.
	Open Access = iota
	// Read routes answer anyone unless Config.AuthReads.
	Read
	// Write routes need the token.
	Write
)

// HandlerFunc handles a request and returns the error to send, if any:
// a plain error is classified into a status and an error code (an *Error
// is sent as it is), and only internal errors are logged.
type HandlerFunc func(w http.ResponseWriter, r *http.Request) error

// Server serves the API and the page over one engine. It is safe for
// concurrent use; routes are added (Handle) before it serves.
type Server struct {
	eng      *engine.Engine
	cfg      Config
	log      *slog.Logger
	mux      *chi.Mux
	metrics  *metrics
	pages    *pages
	tokenSum [sha256.Size]byte
	inFlight chan struct{}
	draining atomic.Bool
	// updating is held by the one update of the families that may run.
	updating sync.Mutex
	// beforeUpdate, when set, is called once an update holds updating:
	// tests hold an update there.
	beforeUpdate func()
}

// New returns a server over eng, whose store it reads and writes.
func New(eng *engine.Engine, cfg Config) (*Server, error) {
	if eng == nil || eng.Store() == nil {
		return nil, errors.New("server: an engine with a store is needed")
	}
	cfg = cfg.withDefaults()
	s := &Server{
		eng:      eng,
		cfg:      cfg,
		log:      cfg.Logger,
		mux:      chi.NewMux(),
		inFlight: make(chan struct{}, cfg.MaxInFlight),
		tokenSum: sha256.Sum256([]byte(cfg.Token)),
	}
	var err error
	if s.pages, err = newPages(); err != nil {
		return nil, err
	}
	s.metrics = newMetrics(eng.Store())
	s.mux.Use(s.recoverer, s.requestID, s.observe)
	s.mux.NotFound(s.notFound)
	s.mux.MethodNotAllowed(s.methodNotAllowed)
	s.routes()
	return s, nil
}

// Handle adds a route of the JSON API: its errors are sent as ErrorBody,
// it answers only as access allows, and it is counted and logged as the
// others are. pattern is a chi pattern ("/v1/articles/{id}"). Call Handle
// before the server serves; the OpenAPI document must describe the route
// (a test checks that every route is described).
func (s *Server) Handle(method, pattern string, access Access, h HandlerFunc) {
	s.mux.With(s.allow(access, false), apiHeaders).Method(method, pattern, s.api(h))
}

// handlePage adds a route of the web page: its errors are sent as an HTML
// page.
func (s *Server) handlePage(method, pattern string, access Access, h HandlerFunc) {
	s.mux.With(s.allow(access, true), pageHeaders).Method(method, pattern, s.page(h))
}

// ServeHTTP serves one request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }

// Serve serves on ln until ctx is done, then stops taking requests, says
// it is not ready (/readyz), and waits up to Config.ShutdownTimeout for
// the requests in flight to finish. It does not close the store.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
		// Requests in flight finish after ctx is done: their context is
		// not ctx's.
		BaseContext: func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	s.draining.Store(true)
	s.log.Info("shutting down: finishing requests in flight", "timeout", s.cfg.ShutdownTimeout)
	sctx, cancel := context.WithTimeout(context.Background(), s.cfg.ShutdownTimeout)
	defer cancel()
	err := srv.Shutdown(sctx)
	if err != nil {
		srv.Close()
		err = fmt.Errorf("shutdown: %w", err)
	}
	if serr := <-served; !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = serr
	}
	return err
}

// api turns a HandlerFunc into a handler that sends its error as JSON.
func (s *Server) api(h HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			s.sendError(w, r, err)
		}
	})
}

// sendError sends err as an ErrorBody, logging it when it is the server's
// fault.
func (s *Server) sendError(w http.ResponseWriter, r *http.Request, err error) {
	e := s.report(r, err)
	if e.Status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="wiretrace"`)
	}
	if e.Status == http.StatusServiceUnavailable {
		w.Header().Set("Retry-After", "1")
	}
	writeJSON(w, e.Status, ErrorBody{Error: ErrorDetail{Code: e.Code, Message: e.Message, RequestID: requestIDOf(r)}})
}

// report classifies err and logs it if it is internal.
func (s *Server) report(r *http.Request, err error) *Error {
	e := classify(err)
	if e.Code == CodeInternal {
		s.log.Error("request failed", "request_id", requestIDOf(r), "method", r.Method, "path", r.URL.Path, "err", err)
	}
	return e
}

// writeJSON sends v as JSON. Article text is data: "&", "<" and ">" are
// sent as they are, as the command line prints them; nosniff keeps
// browsers from reading the body as anything but JSON.
func writeJSON(w http.ResponseWriter, status int, v any) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// The policies sent with every response. Pages load their script and
// style from /static/ only; nothing inline runs.
const (
	apiCSP  = "default-src 'none'; frame-ancestors 'none'"
	pageCSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)

func apiHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", apiCSP)
		w.Header().Set("Cache-Control", "no-store")
		next.ServeHTTP(w, r)
	})
}

func pageHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", pageCSP)
		w.Header().Set("X-Frame-Options", "DENY")
		next.ServeHTTP(w, r)
	})
}

// allow refuses requests that access does not let through.
func (s *Server) allow(access Access, page bool) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			err := s.permit(access, r)
			switch {
			case err == nil:
				next.ServeHTTP(w, r)
			case page && err.Status == http.StatusUnauthorized:
				// A browser asks for the token as a password.
				w.Header().Set("WWW-Authenticate", `Basic realm="wiretrace", charset="UTF-8"`)
				s.sendPageError(w, r, err)
			case page:
				s.sendPageError(w, r, err)
			default:
				s.sendError(w, r, err)
			}
		})
	}
}

func (s *Server) permit(access Access, r *http.Request) *Error {
	switch {
	case access == Open, access == Read && !s.cfg.AuthReads:
		return nil
	case access == Write && s.cfg.Token == "":
		return Errorf(http.StatusForbidden, CodeWritesDisabled, "this server takes no writes: start it with a token (--token-file or $WIRETRACE_TOKEN)")
	case s.tokenOK(r):
		return nil
	}
	return Errorf(http.StatusUnauthorized, CodeUnauthorized, "send the server's token: Authorization: Bearer TOKEN")
}

// tokenOK reports whether r carries the token: as a bearer token, or as
// the password of HTTP Basic authentication, which is how a browser sends
// it. Sums are compared in constant time.
func (s *Server) tokenOK(r *http.Request) bool {
	if s.cfg.Token == "" {
		return false
	}
	var given string
	if _, pass, ok := r.BasicAuth(); ok {
		given = pass
	} else if scheme, tok, ok := strings.Cut(r.Header.Get("Authorization"), " "); ok && strings.EqualFold(scheme, "Bearer") {
		given = strings.TrimSpace(tok)
	}
	if given == "" {
		return false
	}
	sum := sha256.Sum256([]byte(given))
	return subtle.ConstantTimeCompare(sum[:], s.tokenSum[:]) == 1
}

// acquire waits for a turn among the MaxInFlight requests the engine
// works on. Waiters queue on the channel in order of arrival.
func (s *Server) acquire(ctx context.Context) (release func(), err error) {
	select {
	case s.inFlight <- struct{}{}:
		return func() { <-s.inFlight }, nil
	default:
	}
	select {
	case s.inFlight <- struct{}{}:
		return func() { <-s.inFlight }, nil
	case <-ctx.Done():
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return nil, &Error{Status: http.StatusServiceUnavailable, Code: CodeOverloaded, Message: "too many requests at once; retry later", Err: ctx.Err()}
		}
		return nil, ctx.Err()
	}
}

// work runs fn within the request's time limit.
func (s *Server) work(r *http.Request, fn func(ctx context.Context) error) error {
	ctx, cancel := context.WithTimeout(r.Context(), s.cfg.RequestTimeout)
	defer cancel()
	return fn(ctx)
}

// turn runs the engine's work fn once it has a turn, and says in the
// response's Server-Timing header how long the request waited for its
// turn (queue) and how long the work took (engine), in milliseconds: what
// a client's latency is made of beyond the network and the encoding.
func (s *Server) turn(ctx context.Context, w http.ResponseWriter, fn func() error) error {
	start := time.Now()
	release, err := s.acquire(ctx)
	if err != nil {
		return err
	}
	defer release()
	got := time.Now()
	err = fn()
	w.Header().Set("Server-Timing", fmt.Sprintf("queue;dur=%.2f, engine;dur=%.2f",
		float64(got.Sub(start).Microseconds())/1000, float64(time.Since(got).Microseconds())/1000))
	return err
}

type ctxKey int

const requestIDKey ctxKey = 0

func requestIDOf(r *http.Request) string {
	id, _ := r.Context().Value(requestIDKey).(string)
	return id
}

// requestID names each request: the caller's X-Request-Id when it is a
// short token, else a random one. Responses and log lines carry it. It
// also sets the headers every response has: no content sniffing, no
// referrer.
func (s *Server) requestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Referrer-Policy", "no-referrer")
		id := r.Header.Get("X-Request-Id")
		if !validRequestID(id) {
			var b [8]byte
			rand.Read(b[:])
			id = hex.EncodeToString(b[:])
		}
		w.Header().Set("X-Request-Id", id)
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), requestIDKey, id)))
	})
}

func validRequestID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for _, c := range id {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return true
}

// recoverer turns a panic into an internal error, logged with its stack.
func (s *Server) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			v := recover()
			if v == nil {
				return
			}
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.log.Error("panic", "request_id", requestIDOf(r), "path", r.URL.Path, "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
			writeJSON(w, http.StatusInternalServerError, ErrorBody{Error: ErrorDetail{Code: CodeInternal, Message: "internal error", RequestID: requestIDOf(r)}})
		}()
		next.ServeHTTP(w, r)
	})
}

// statusWriter remembers the status and size of a response. Unwrap lets
// http.ResponseController reach the connection (flushes, deadlines).
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

func (w *statusWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// observe counts and times every request by route and status, and logs
// it.
func (s *Server) observe(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		s.metrics.inFlight.Inc()
		defer func() {
			s.metrics.inFlight.Dec()
			if sw.status == 0 {
				sw.status = http.StatusOK
			}
			route := chi.RouteContext(r.Context()).RoutePattern()
			if route == "" {
				route = "unmatched"
			}
			elapsed := time.Since(start)
			s.metrics.observe(route, r.Method, sw.status, elapsed)
			level := slog.LevelInfo
			switch route {
			case "/healthz", "/readyz", "/metrics", "/static/*":
				level = slog.LevelDebug
			}
			s.log.Log(r.Context(), level, "request", "request_id", requestIDOf(r), "method", r.Method, "route", route,
				"path", r.URL.Path, "status", sw.status, "bytes", sw.bytes, "ms", float64(elapsed.Microseconds())/1000)
		}()
		next.ServeHTTP(sw, r)
	})
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	err := Errorf(http.StatusNotFound, CodeNotFound, "no route %s %s", r.Method, r.URL.Path)
	if strings.HasPrefix(r.URL.Path, "/v1/") {
		w.Header().Set("Content-Security-Policy", apiCSP)
		s.sendError(w, r, err)
		return
	}
	w.Header().Set("Content-Security-Policy", pageCSP)
	s.sendPageError(w, r, err)
}

func (s *Server) methodNotAllowed(w http.ResponseWriter, r *http.Request) {
	var allowed []string
	for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodDelete, http.MethodPut, http.MethodPatch} {
		if s.mux.Match(chi.NewRouteContext(), m, r.URL.Path) {
			allowed = append(allowed, m)
		}
	}
	w.Header().Set("Allow", strings.Join(allowed, ", "))
	err := Errorf(http.StatusMethodNotAllowed, CodeMethodNotAllowed, "%s %s: allowed: %s", r.Method, r.URL.Path, strings.Join(allowed, ", "))
	if strings.HasPrefix(r.URL.Path, "/v1/") {
		w.Header().Set("Content-Security-Policy", apiCSP)
		s.sendError(w, r, err)
		return
	}
	w.Header().Set("Content-Security-Policy", pageCSP)
	s.sendPageError(w, r, err)
}
