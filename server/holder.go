package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

// HolderFile is the file a server writes into the store directory it
// holds, naming where it listens: the embedded store admits one process,
// and a command that finds it locked reads this to say where to send the
// request instead. The server removes it when it stops; one left behind
// by a killed server is ignored, since nothing answers at its address.
const HolderFile = "wiretrace-serve.json"

// Holder is what HolderFile says.
type Holder struct {
	// URL is where the server answers: its page at URL/, its API at
	// URL/v1/.
	URL     string    `json:"url"`
	PID     int       `json:"pid"`
	Started time.Time `json:"started"`
}

// WriteHolder writes h into the store directory dir, atomically, and
// returns the function that removes it. A store that is not a directory
// (a database URL) gets no file, and remove does nothing.
func WriteHolder(dir string, h Holder) (remove func() error, err error) {
	noop := func() error { return nil }
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return noop, nil
	}
	b, err := json.MarshalIndent(h, "", "  ")
	if err != nil {
		return noop, err
	}
	path := filepath.Join(dir, HolderFile)
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, append(b, '\n'), 0o644); err != nil {
		return noop, fmt.Errorf("holder file: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return noop, fmt.Errorf("holder file: %w", err)
	}
	return func() error {
		if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
		return nil
	}, nil
}

// HeldBy reads the holder file of the store directory dir and reports the
// server it names when that server answers its health probe.
func HeldBy(ctx context.Context, dir string) (Holder, bool) {
	var h Holder
	b, err := os.ReadFile(filepath.Join(dir, HolderFile))
	if err != nil || json.Unmarshal(b, &h) != nil || h.URL == "" {
		return h, false
	}
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, h.URL+"/healthz", nil)
	if err != nil {
		return h, false
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return h, false
	}
	resp.Body.Close()
	return h, resp.StatusCode == http.StatusOK
}

// ListenURL is the URL a client on this machine reaches a listener at: an
// unspecified address (0.0.0.0, ::) is reached on 127.0.0.1.
func ListenURL(addr net.Addr) string {
	tcp, ok := addr.(*net.TCPAddr)
	if !ok {
		return "http://" + addr.String()
	}
	ip := tcp.IP
	if ip == nil || ip.IsUnspecified() {
		// A dual-stack listener on "::" takes IPv4 too.
		ip = net.IPv4(127, 0, 0, 1)
	}
	return "http://" + net.JoinHostPort(ip.String(), strconv.Itoa(tcp.Port))
}

// Loopback reports whether a listen address ("host:port") only takes
// connections from this machine.
func Loopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
