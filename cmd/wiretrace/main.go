// Command wiretrace finds where a news article's text came from.
//
// This package only wires: it builds the store, the index and the readers,
// connects them to the command line and maps errors to exit codes. Logic a
// test would want lives in the packages it imports.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := Run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
