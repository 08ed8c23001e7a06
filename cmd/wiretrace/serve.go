package main

import (
	"errors"
	"fmt"
	"github.com/wiretrace/wiretrace/engine"
	"io"
	"log/slog"
	"net"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/wiretrace/wiretrace/backend"
	"github.com/wiretrace/wiretrace/server"
)

// envToken names the environment variable that may hold serve's token.
const envToken = "WIRETRACE_TOKEN"

func serveCmd(e *env) *cobra.Command {
	var (
		addr, tokenFile, logFormat, logLevel string
		authReads                            bool
		shutdownTimeout, requestTimeout      time.Duration
		maxInFlight                          int
		cachedTexts                          int
	)
	c := &cobra.Command{
		Use:   "serve",
		Short: "Serve the JSON API and the web page over the store",
		Long: `Serve the store named by --db over HTTP: a JSON API under /v1/ (check,
compare, inspect, trace, families and sites, add and delete articles; the
same objects --json prints), its OpenAPI document at /v1/openapi.json,
/healthz, /readyz, Prometheus metrics at /metrics, and a web page at /
where a person pastes an article, a URL or a saved page and sees its
sources side by side, its story (origin, timeline, copy tree), the
store's families and the profiles of sites.
The store is created if needed. docs/server.md describes the API.

Writes (adding and deleting articles, updating the families) need the
token read from --token-file or $` + envToken + `, sent as
"Authorization: Bearer TOKEN"; without a token the server takes no
writes, and it refuses to listen on an address other than loopback. --auth-reads makes reads need the token
too (a browser asks for it as a password). URLs in requests are fetched
behind the same guard as the command line's (--allow-private lifts it).

While it runs, the server holds the store: other wiretrace commands
pointed at it say where the server is. SIGINT or SIGTERM stop it after the
requests in flight finish.` + exitCodes,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			token, err := readToken(tokenFile)
			if err != nil {
				return err
			}
			if token == "" && !server.Loopback(addr) {
				return usageError{fmt.Errorf("refusing to listen on %s without a token: give --token-file or $%s, or listen on loopback (127.0.0.1:PORT)", addr, envToken)}
			}
			if token == "" && authReads {
				return usageError{fmt.Errorf("--auth-reads needs a token: give --token-file or $%s", envToken)}
			}
			logger, err := newLogger(e.stderr, logFormat, logLevel)
			if err != nil {
				return usageError{err}
			}
			if cachedTexts < 0 {
				return usageError{fmt.Errorf("--cached-texts %d: want 0 or more", cachedTexts)}
			}
			opts := engine.Defaults
			opts.CachedTexts = cachedTexts
			e.engineOptions = &opts
			eng, err := e.open(backend.Create)
			if err != nil {
				return err
			}
			defer eng.Store().Close()
			srv, err := server.New(eng, server.Config{
				Token: token, AuthReads: authReads, Fetch: e.fetcher(),
				Logger:          logger.With("component", "server"),
				ShutdownTimeout: shutdownTimeout, RequestTimeout: requestTimeout,
				MaxInFlight: maxInFlight,
			})
			if err != nil {
				return err
			}
			ln, err := net.Listen("tcp", addr)
			if err != nil {
				return err
			}
			url := server.ListenURL(ln.Addr())
			remove, err := server.WriteHolder(e.db, server.Holder{URL: url, PID: os.Getpid(), Started: time.Now().UTC()})
			if err != nil {
				ln.Close()
				return err
			}
			defer remove()
			writes, reads := "writes need the token", "reads are open"
			if token == "" {
				writes = "writes are refused (no token)"
			}
			if authReads {
				reads = "reads need the token"
			}
			logger.Info("listening", "url", url, "store", e.db, "writes", writes, "reads", reads)
			return srv.Serve(ctx, ln)
		},
	}
	c.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "address to listen on, host:port (port 0 picks a free one)")
	c.Flags().StringVar(&tokenFile, "token-file", "", "file holding the token writes need (default $"+envToken+")")
	c.Flags().BoolVar(&authReads, "auth-reads", false, "reads need the token too")
	c.Flags().StringVar(&logFormat, "log-format", "text", "log format: text or json")
	c.Flags().StringVar(&logLevel, "log-level", "info", "log level: debug, info, warn or error")
	c.Flags().DurationVar(&shutdownTimeout, "shutdown-timeout", 30*time.Second, "how long to wait for requests in flight when stopping")
	c.Flags().DurationVar(&requestTimeout, "request-timeout", 30*time.Second, "longest a check, comparison, inspection or single add may take")
	c.Flags().IntVar(&maxInFlight, "max-inflight", 0, "checks, comparisons, inspections and adds worked on at once; others queue (0: one per CPU)")
	c.Flags().IntVar(&cachedTexts, "cached-texts", engine.Defaults.CachedTexts, "prepared stored texts kept in memory for checks, about 60 bytes a word (0: none)")
	return c
}

// readToken reads the token from file, else from $WIRETRACE_TOKEN.
func readToken(file string) (string, error) {
	if file == "" {
		return strings.TrimSpace(os.Getenv(envToken)), nil
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return "", usageError{fmt.Errorf("--token-file: %w", err)}
	}
	token := strings.TrimSpace(string(b))
	if token == "" {
		return "", usageError{fmt.Errorf("--token-file %s is empty", file)}
	}
	return token, nil
}

func newLogger(w io.Writer, format, level string) (*slog.Logger, error) {
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("--log-level: %q: want debug, info, warn or error", level)
	}
	opts := &slog.HandlerOptions{Level: lv}
	switch format {
	case "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, errors.New("--log-format: want text or json")
}
