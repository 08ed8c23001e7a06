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
	"github.com/wiretrace/wiretrace/index"
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

// readText reads and decodes one named input; "-" is standard input.
func (e *env) readText(name string) (string, error) {
	var raw []byte
	var err error
	if name == "-" {
		raw, err = io.ReadAll(io.LimitReader(e.stdin, maxInputBytes+1))
	} else {
		raw, err = readFileCapped(name)
	}
	if err != nil {
		return "", fmt.Errorf("%s: %w", name, err)
	}
	if len(raw) > maxInputBytes {
		return "", fmt.Errorf("%s: input too large: more than %d bytes", name, maxInputBytes)
	}
	s, enc, err := text.Decode(raw)
	if err != nil {
		return "", fmt.Errorf("%s: %w", name, err)
	}
	if enc != text.UTF8 {
		fmt.Fprintf(e.stderr, "wiretrace: %s: not valid UTF-8, read as %s\n", name, enc)
	}
	return s, nil
}

const maxInputBytes = 8 << 20

func readFileCapped(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, maxInputBytes+1))
}

// isTerminal reports whether w is a terminal, for colour and progress.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
