// Command wiretrace finds where a news article's text came from.
//
// This package only wires: it builds the store, the engine and the
// readers, connects them to the command line and maps errors to exit
// codes. Logic a test would want lives in the packages it imports.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	os.Exit(runMain(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// stopGrace is how long a command may take to stop after SIGINT or
// SIGTERM before the process exits anyway. Commands stop at the next
// article or batch; what they cannot interrupt (a read of standard input,
// a store waiting on its disk) must not keep the process alive.
const stopGrace = 5 * time.Second

// runMain runs the command line as the process does: SIGINT and SIGTERM
// cancel the command, and a second signal, or stopGrace without the
// command stopping, ends the process with exit code 1. Acknowledged writes
// are on disk when acknowledged: ending then loses none of them.
func runMain(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	signals := make(chan os.Signal, 2)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(signals)
	done := make(chan struct{})
	defer close(done)
	go func() {
		var sig os.Signal
		select {
		case sig = <-signals:
		case <-done:
			return
		}
		cancel()
		select {
		case <-done:
			return
		case <-signals:
			fmt.Fprintf(stderr, "wiretrace: %s again: stopping now\n", sig)
		case <-time.After(stopGrace):
			fmt.Fprintf(stderr, "wiretrace: %s: not stopped after %s, stopping now\n", sig, stopGrace)
		}
		os.Exit(exitFailure)
	}()
	return Run(ctx, args, stdin, stdout, stderr)
}
