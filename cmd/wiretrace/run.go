package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/backend"
	"github.com/wiretrace/wiretrace/engine"
	"github.com/wiretrace/wiretrace/fetch"
	"github.com/wiretrace/wiretrace/ingest"
	"github.com/wiretrace/wiretrace/postgres"
	"github.com/wiretrace/wiretrace/server"
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
	// engineOptions, when set, are the engine's options instead of
	// engine.Defaults.
	engineOptions *engine.Options
}

// exitCodes is the help text's table of exit codes.
const exitCodes = `

Exit codes: 0 done; 1 the command failed (unreadable input, store error);
2 bad flags or arguments; 3 the command ran but some inputs failed (each
is reported); 4 the named article is not in the store.`

// Run runs the command line args and returns the exit code.
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	root := &cobra.Command{
		Use:   "wiretrace",
		Short: "Find where a news article's text came from",
		Long: `wiretrace finds where a news article's text came from: which stored
articles it derives from, which passages, how much, and how the copy was
disguised (copied, spun, rewritten, partly reused), or that it is independent
coverage of the same story.

Start with "wiretrace demo", then "wiretrace add" your articles and
"wiretrace check" a suspect. Articles are kept in the store named by --db.` + exitCodes,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.PersistentFlags().StringVar(&e.db, "db", "", "the store: a directory, or a postgres:// URL of a database shared by many processes (default $"+backend.EnvDB+", else $XDG_DATA_HOME/wiretrace/db, else ~/.local/share/wiretrace/db)")
	root.PersistentPreRun = func(*cobra.Command, []string) {
		if e.db == "" {
			e.db = backend.DefaultLocation()
		}
	}
	root.PersistentFlags().BoolVar(&e.allowPrivate, "allow-private", false, "let URL inputs reach loopback, private and link-local addresses")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(
		compareCmd(e),
		addCmd(e),
		checkCmd(e),
		rmCmd(e),
		showCmd(e),
		statsCmd(e),
		verifyCmd(e),
		repairCmd(e),
		demoCmd(e),
		benchCmd(e),
		copyCmd(e),
		evalCmd(e),
		inspectCmd(e),
		traceCmd(e),
		familiesCmd(e),
		sitesCmd(e),
		serveCmd(e),
	)
	err := execute(ctx, root)
	if err == nil {
		return exitOK
	}
	var q quiet
	if !errors.Is(err, errSomeInputs) && !errors.As(err, &q) {
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

// execute runs the command, turning a panic into an error: a fault is an
// error that names what failed (exit 1), never a crash that exits 2, the
// code of bad usage.
func execute(ctx context.Context, root *cobra.Command) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error: %v (if the store is damaged, wiretrace verify says where)", r)
		}
	}()
	return root.ExecuteContext(ctx)
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

// open opens the engine over the store named by --db. Commands that only
// read pass backend.Existing: a store that is not there is an error, not
// an empty store that finds nothing.
func (e *env) open(mode backend.Mode) (*engine.Engine, error) {
	st, err := backend.Open(e.db, mode, backend.Options{})
	switch {
	case errors.Is(err, wiretrace.ErrNoStore):
		return nil, fmt.Errorf("no store at %s: add articles first (wiretrace add), or name the store with --db or $%s", backend.Display(e.db), backend.EnvDB)
	case errors.Is(err, wiretrace.ErrLocked):
		if h, ok := server.HeldBy(context.Background(), e.db); ok {
			return nil, fmt.Errorf("store %s is held by wiretrace serve at %s (pid %d): send the request there, to its API under %s/v1/ or its page at %s/", backend.Display(e.db), h.URL, h.PID, h.URL, h.URL)
		}
		return nil, fmt.Errorf("store %s is in use by another wiretrace process; wait for it to finish, or if it is a server, send it the request", backend.Display(e.db))
	case errors.Is(err, wiretrace.ErrScheme):
		return nil, fmt.Errorf("%w: this build cannot use it", err)
	case errors.Is(err, wiretrace.ErrCorrupt):
		return nil, fmt.Errorf("%w; nothing was changed%s", err, repairHint(e.db))
	case err != nil:
		return nil, err
	}
	opts := engine.Defaults
	if e.engineOptions != nil {
		opts = *e.engineOptions
	}
	return engine.New(st, opts), nil
}

// repairHint is what an error about a damaged store at db adds: how
// wiretrace repair rebuilds it, for the embedded store, the one it
// repairs.
func repairHint(db string) string {
	if postgres.IsLocation(db) {
		return ""
	}
	return fmt.Sprintf(": wiretrace repair --db %s rebuilds the store from what can be read, keeping the damaged one beside it", db)
}

// notFound is the error of a command given an ID the store does not hold.
func (e *env) notFound(id string) error {
	return fmt.Errorf("no article %q in %s (wiretrace stats says what it holds): %w", id, backend.Display(e.db), wiretrace.ErrNotFound)
}

// readOptions are the options of ingest for commands reading articles.
func (e *env) readOptions(site string) ingest.Options {
	return ingest.Options{Site: site, Fetch: e.fetcher()}
}

// readArticle reads one named input, of any kind add reads, that must
// hold one article; site is the site of an article whose input names none.
func (e *env) readArticle(ctx context.Context, name, site string) (ingest.Item, error) {
	it, err := ingest.One(ctx, name, e.stdin, e.readOptions(site))
	if err != nil {
		return it, err
	}
	e.noteEncoding(it)
	return it, nil
}

// noteEncoding says on stderr when an input was not valid UTF-8.
func (e *env) noteEncoding(it ingest.Item) {
	if note := encodingNote(it); note != "" {
		fmt.Fprintf(e.stderr, "wiretrace: %s: %s\n", it.Input, note)
	}
}

// encodingNote says how an input that was not valid UTF-8 was read.
func encodingNote(it ingest.Item) string {
	if it.Err != nil {
		return ""
	}
	return it.Decoding.Note()
}

// addNote is what add says of an article it read without failing: how it
// was decoded when it was not valid UTF-8, and that its script is not
// split into words when it is not.
func addNote(it ingest.Item) string {
	notes := encodingNote(it)
	if it.Err == nil && it.Unsegmented != nil {
		if notes != "" {
			notes += "; "
		}
		notes += it.Unsegmented.Error()
	}
	return notes
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

// writeJSON prints v as indented JSON. Article text is data: "&", "<" and
// ">" are written as they are, so that grep finds them.
func writeJSON(e *env, v any) error {
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// lineWriter prints the results of a command that takes many articles: a
// run that reads one article prints its result as the command always has
// (indented JSON, or the report), a run that reads several prints JSON
// Lines with --json, one result a line, or the reports one after another.
type lineWriter struct {
	e     *env
	print func(w io.Writer, v any, header string)
	// first holds the first result until a second shows the run has
	// several.
	first       any
	firstHeader string
	n           int
}

func (l *lineWriter) write(v any, header string) error {
	l.n++
	switch l.n {
	case 1:
		l.first, l.firstHeader = v, header
		return nil
	case 2:
		if err := l.line(l.first, l.firstHeader); err != nil {
			return err
		}
	}
	return l.line(v, header)
}

func (l *lineWriter) line(v any, header string) error {
	if l.e.json {
		enc := json.NewEncoder(l.e.stdout)
		enc.SetEscapeHTML(false)
		return enc.Encode(v)
	}
	l.print(l.e.stdout, v, header)
	return nil
}

// close prints the result of a run that read one article.
func (l *lineWriter) close() error {
	if l.n != 1 {
		return nil
	}
	if l.e.json {
		return writeJSON(l.e, l.first)
	}
	l.print(l.e.stdout, l.first, "")
	return nil
}
