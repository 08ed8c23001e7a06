package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/fetch"
	"github.com/wiretrace/wiretrace/index"
	"github.com/wiretrace/wiretrace/ingest"
	"github.com/wiretrace/wiretrace/pebble"
	"github.com/wiretrace/wiretrace/text"
	"golang.org/x/term"
)

// Exit codes, documented in the README.
const (
	exitOK       = 0
	exitFailure  = 1 // the command could not do its job
	exitUsage    = 2 // bad flags or arguments
	exitSomeBad  = 3 // the command ran, but some inputs failed
	exitNotFound = 4 // the named article is not in the store
)

// errSomeInputs reports that a batch went on past failed inputs.
var errSomeInputs = errors.New("some inputs failed")

// usageError marks errors in how the command was called.
type usageError struct{ error }

// env is what every command shares: its streams and the store location.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	db             string
	json           bool
	// allowPrivate lets URL inputs reach loopback and private addresses.
	allowPrivate bool
}

// Run runs the command line args and returns the exit code.
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	root := &cobra.Command{
		Use:           "wiretrace",
		Short:         "Find where a news article's text came from",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.PersistentFlags().StringVar(&e.db, "db", defaultDB(), "store directory (default $WIRETRACE_DB, else $XDG_DATA_HOME/wiretrace/db)")
	root.PersistentFlags().BoolVar(&e.allowPrivate, "allow-private", false, "let URL inputs reach loopback, private and link-local addresses")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(
		compareCmd(e),
		addCmd(e),
		checkCmd(e),
		rmCmd(e),
		showCmd(e),
		demoCmd(e),
		benchCmd(e),
		evalCmd(e),
		inspectCmd(e),
	)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	if !errors.Is(err, errSomeInputs) {
		fmt.Fprintf(stderr, "wiretrace: %v\n", err)
	}
	var ue usageError
	switch {
	case errors.As(err, &ue), isCobraUsage(err):
		return exitUsage
	case errors.Is(err, errSomeInputs):
		return exitSomeBad
	case errors.Is(err, wiretrace.ErrNotFound):
		return exitNotFound
	}
	return exitFailure
}

// isCobraUsage recognises cobra's own argument errors, which it does not type.
func isCobraUsage(err error) bool {
	msg := err.Error()
	for _, p := range []string{"unknown command", "accepts ", "requires at least", "unknown flag", "unknown shorthand", "invalid argument"} {
		if strings.Contains(msg, p) {
			return true
		}
	}
	return false
}

func defaultDB() string {
	if d := os.Getenv("WIRETRACE_DB"); d != "" {
		return d
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "wiretrace", "db")
	}
	if h, err := os.UserHomeDir(); err == nil {
		return filepath.Join(h, ".local", "share", "wiretrace", "db")
	}
	return "wiretrace.db"
}

// openIndex opens the store named by --db and returns the index over it.
func (e *env) openIndex() (*index.Index, wiretrace.Store, error) {
	st, err := pebble.Open(e.db)
	if err != nil {
		return nil, nil, fmt.Errorf("open store %s: %w", e.db, err)
	}
	return index.New(st, index.Defaults), st, nil
}

// readText reads one named input as add reads it and returns the text of
// its article: for an HTML page or a URL, the extracted text that reports'
// offsets refer to. "-" is standard input.
func (e *env) readText(name string) (string, error) {
	it, err := e.readArticle(name)
	return it.Article.Text, err
}

// errSeveral: a command that takes one article was given an input that
// holds several.
var errSeveral = errors.New("holds several articles; name one (a single page, file or line)")

// readArticle reads one named input, of any kind add reads, that must
// hold one article.
func (e *env) readArticle(name string) (ingest.Item, error) {
	return e.readArticleAt(name, "")
}

// readArticleAt is readArticle with site as the site of an article whose
// input names none.
func (e *env) readArticleAt(name, site string) (ingest.Item, error) {
	var got []ingest.Item
	var firstErr error
	stop := errors.New("stop")
	err := ingest.ReadWith(context.Background(), []string{name}, e.stdin, ingest.Options{Workers: 1, Site: site, Fetch: e.fetcher()}, func(it ingest.Item) error {
		if it.Err != nil {
			if firstErr == nil {
				firstErr = fmt.Errorf("%s: %w", it.Input, it.Err)
			}
			return nil
		}
		got = append(got, it)
		if len(got) > 1 {
			return stop
		}
		return nil
	})
	switch {
	case err != nil && err != stop:
		return ingest.Item{}, fmt.Errorf("%s: %w", name, err)
	case len(got) > 1:
		return ingest.Item{}, fmt.Errorf("%s: %w", name, errSeveral)
	case len(got) == 0 && firstErr != nil:
		return ingest.Item{}, firstErr
	case len(got) == 0:
		return ingest.Item{}, fmt.Errorf("%s: %w", name, wiretrace.ErrEmptyText)
	}
	it := got[0]
	if it.Encoding != "" && it.Encoding != text.UTF8 {
		fmt.Fprintf(e.stderr, "wiretrace: %s: not valid UTF-8, read as %s\n", name, it.Encoding)
	}
	return it, nil
}

// fetcher fetches URL inputs, refusing non-public addresses unless
// --allow-private.
func (e *env) fetcher() *fetch.Client {
	return fetch.New(fetch.Options{AllowPrivate: e.allowPrivate})
}

// isTerminal reports whether w is a terminal, for colour and progress.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
