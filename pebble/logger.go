package pebble

import (
	"context"
	"fmt"
	"log/slog"
)

// pebbleLogger adapts pebble's logger to slog. Without a slog logger it
// discards pebble's messages: by default pebble writes every flush and
// compaction to stderr, which the command line must not show.
type pebbleLogger struct {
	l *slog.Logger // nil discards
}

func (p pebbleLogger) Infof(format string, args ...any) {
	p.log(slog.LevelDebug, format, args)
}

func (p pebbleLogger) Errorf(format string, args ...any) {
	p.log(slog.LevelError, format, args)
}

// Fatalf is called by pebble on a broken invariant, after which it cannot
// go on. pebble's own logger exits the process; this one panics instead,
// so that deferred calls run and the stack is shown.
func (p pebbleLogger) Fatalf(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if p.l != nil {
		p.l.Error(msg)
	}
	panic("pebble: fatal: " + msg)
}

func (p pebbleLogger) log(level slog.Level, format string, args []any) {
	if p.l == nil || !p.l.Enabled(context.Background(), level) {
		return
	}
	p.l.Log(context.Background(), level, fmt.Sprintf(format, args...))
}
