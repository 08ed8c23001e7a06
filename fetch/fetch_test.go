package fetch

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestPublic(t *testing.T) {
	for _, tt := range []struct {
		addr   string
		public bool
	}{
		{"93.184.216.34", true},
		{"2a00:1450:4001:80b::200e", true},
		{"127.0.0.1", false},
		{"127.8.9.10", false},
		{"::1", false},
		{"10.1.2.3", false},
		{"172.16.0.1", false},
		{"172.31.255.255", false},
		{"172.32.0.1", true},
		{"192.168.1.1", false},
		{"169.254.169.254", false}, // cloud metadata
		{"fe80::1", false},
		{"fc00::1", false},
		{"fd12:3456::1", false},
		{"224.0.0.1", false},
		{"ff02::1", false},
		{"0.0.0.0", false},
		{"::", false},
		{"100.64.0.1", false},
		{"255.255.255.255", false},
		{"::ffff:127.0.0.1", false}, // IPv4-mapped loopback
		{"::ffff:10.0.0.1", false},
		{"64:ff9b::7f00:1", false}, // NAT64 of 127.0.0.1
	} {
		if got := Public(netip.MustParseAddr(tt.addr)); got != tt.public {
			t.Errorf("Public(%s) = %v, want %v", tt.addr, got, tt.public)
		}
	}
}

const pageHTML = "<html><body><p>Harbour reopens.</p></body></html>"

func server(t *testing.T, h http.HandlerFunc) *httptest.Server {
	t.Helper()
	s := httptest.NewServer(h)
	t.Cleanup(s.Close)
	return s
}

func TestGetRefusesLoopbackWithoutAllowPrivate(t *testing.T) {
	hits := 0
	s := server(t, func(w http.ResponseWriter, r *http.Request) { hits++; w.Write([]byte(pageHTML)) })
	u, _ := url.Parse(s.URL)
	// By address, and by a name that resolves to loopback: the check
	// is on the address dialled, after resolution.
	for _, target := range []string{s.URL, "http://localhost:" + u.Port() + "/story"} {
		_, err := New(Options{}).Get(context.Background(), target)
		if !errors.Is(err, ErrForbiddenAddress) {
			t.Errorf("Get(%s) = %v, want ErrForbiddenAddress", target, err)
		}
	}
	if hits != 0 {
		t.Errorf("the server was reached %d times", hits)
	}
}

func TestGetWithAllowPrivate(t *testing.T) {
	var ua string
	s := server(t, func(w http.ResponseWriter, r *http.Request) {
		ua = r.UserAgent()
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Last-Modified", "Wed, 04 Mar 2026 06:15:00 GMT")
		w.Write([]byte(pageHTML))
	})
	p, err := New(Options{AllowPrivate: true}).Get(context.Background(), s.URL+"/story")
	if err != nil {
		t.Fatal(err)
	}
	if string(p.Body) != pageHTML || p.MediaType() != "text/html" || p.URL != s.URL+"/story" {
		t.Errorf("page %+v", p)
	}
	if !p.LastModified.Equal(time.Date(2026, 3, 4, 6, 15, 0, 0, time.UTC)) {
		t.Errorf("LastModified %v", p.LastModified)
	}
	if !strings.HasPrefix(ua, "wiretrace/") {
		t.Errorf("User-Agent %q", ua)
	}
}

// A redirect is checked like the first request: an allowed server that
// redirects to a refused one gets nothing from it.
func TestGetChecksEveryRedirect(t *testing.T) {
	inner := 0
	private := server(t, func(w http.ResponseWriter, r *http.Request) { inner++; w.Write([]byte(pageHTML)) })
	public := server(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, private.URL+"/secret", http.StatusFound)
	})
	publicPort := netip.MustParseAddrPort(strings.TrimPrefix(public.URL, "http://")).Port()
	c := New(Options{allow: func(ap netip.AddrPort) bool { return ap.Port() == publicPort }})
	_, err := c.Get(context.Background(), public.URL)
	if !errors.Is(err, ErrForbiddenAddress) {
		t.Fatalf("Get through a redirect to a refused address = %v, want ErrForbiddenAddress", err)
	}
	if inner != 0 {
		t.Fatal("the refused server was reached")
	}
	// The same redirect, allowed, is followed, and the final URL reported.
	p, err := New(Options{AllowPrivate: true}).Get(context.Background(), public.URL)
	if err != nil || p.URL != private.URL+"/secret" {
		t.Fatalf("allowed redirect: %v, %+v", err, p)
	}
}

func TestGetFailures(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(strings.Repeat("x", 2000))) })
	mux.HandleFunc("/big-declared", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "5000")
		w.Write([]byte(strings.Repeat("x", 5000)))
	})
	mux.HandleFunc("/gone", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "gone", http.StatusGone) })
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) })
	mux.HandleFunc("/to-file", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}
	})
	s := server(t, mux.ServeHTTP)
	c := New(Options{AllowPrivate: true, MaxBytes: 1000, Timeout: 300 * time.Millisecond})
	var se *StatusError
	for _, tt := range []struct {
		path string
		is   func(error) bool
	}{
		{"/big", func(err error) bool { return errors.Is(err, ErrTooLarge) }},
		{"/big-declared", func(err error) bool { return errors.Is(err, ErrTooLarge) }},
		{"/gone", func(err error) bool { return errors.As(err, &se) && strings.Contains(se.Status, "410") }},
		{"/loop", func(err error) bool { return errors.Is(err, ErrTooManyRedirects) }},
		{"/to-file", func(err error) bool { return errors.Is(err, ErrScheme) }},
		{"/slow", func(err error) bool {
			// The client's deadline or the transport's wait for
			// headers, whichever fires first.
			msg := strings.ToLower(fmt.Sprint(err))
			return strings.Contains(msg, "timeout") || strings.Contains(msg, "deadline")
		}},
	} {
		_, err := c.Get(context.Background(), s.URL+tt.path)
		if err == nil || !tt.is(err) {
			t.Errorf("Get %s = %v", tt.path, err)
		}
	}
	if _, err := c.Get(context.Background(), "ftp://example.org/x"); !errors.Is(err, ErrScheme) {
		t.Errorf("ftp URL: %v", err)
	}
}

// proxyServer is a forward proxy stand-in: it answers every request itself
// and records what it was asked. No request goes further.
func proxyServer(t *testing.T) (*httptest.Server, *[]string) {
	t.Helper()
	var asked []string
	s := server(t, func(w http.ResponseWriter, r *http.Request) {
		asked = append(asked, r.Method+" "+r.RequestURI)
		if r.Method == http.MethodConnect {
			http.Error(w, "tunnels refused here", http.StatusForbidden)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte(pageHTML))
	})
	return s, &asked
}

// The proxy that HTTP_PROXY and HTTPS_PROXY name is used, NO_PROXY waives
// it, and the guard still refuses private targets, by address or by a
// name that resolves to one, before the proxy is asked. The stand-in
// proxy answers for the public targets, and names resolve through a fake
// resolver: nothing leaves the machine.
func TestGetThroughProxy(t *testing.T) {
	proxy, asked := proxyServer(t)
	t.Setenv("HTTP_PROXY", proxy.URL)
	t.Setenv("HTTPS_PROXY", proxy.URL)
	t.Setenv("NO_PROXY", "93.184.216.35")
	for _, k := range []string{"http_proxy", "https_proxy", "no_proxy", "REQUEST_METHOD"} {
		t.Setenv(k, "")
	}
	lookup := func(_ context.Context, host string) ([]netip.Addr, error) {
		switch host {
		case "intranet.example":
			return []netip.Addr{netip.MustParseAddr("93.184.216.40"), netip.MustParseAddr("10.0.0.9")}, nil
		case "news.example":
			return []netip.Addr{netip.MustParseAddr("93.184.216.41")}, nil
		}
		return nil, errors.New("no such host")
	}
	// The dialer refuses every address but the proxy's: a request that
	// went straight to its server would fail, not leave the machine. The
	// guard of proxied requests asks about addresses without a port.
	proxyPort := netip.MustParseAddrPort(strings.TrimPrefix(proxy.URL, "http://")).Port()
	c := New(Options{lookup: lookup, allow: func(ap netip.AddrPort) bool {
		if ap.Port() == 0 {
			return Public(ap.Addr())
		}
		return ap.Port() == proxyPort
	}})

	p, err := c.Get(context.Background(), "http://93.184.216.34/story")
	if err != nil || string(p.Body) != pageHTML {
		t.Fatalf("Get through the proxy: %v", err)
	}
	if _, err := c.Get(context.Background(), "http://news.example/story"); err != nil {
		t.Fatalf("Get of a public name through the proxy: %v", err)
	}
	// HTTPS goes through the proxy as a tunnel.
	if _, err := c.Get(context.Background(), "https://93.184.216.34/story"); err == nil {
		t.Fatal("the stand-in proxy refuses tunnels, but the Get succeeded")
	}
	want := []string{"GET http://93.184.216.34/story", "GET http://news.example/story", "CONNECT 93.184.216.34:443"}
	if !slices.Equal(*asked, want) {
		t.Fatalf("proxy asked %q, want %q", *asked, want)
	}

	for _, target := range []string{"http://10.1.2.3/admin", "http://169.254.169.254/latest/meta-data", "http://intranet.example/", "http://unresolvable.example/"} {
		if _, err := c.Get(context.Background(), target); !errors.Is(err, ErrForbiddenAddress) {
			t.Errorf("Get %s through the proxy = %v, want ErrForbiddenAddress", target, err)
		}
	}
	// NO_PROXY: straight to the server, where the dialer's guard (here,
	// one refusing that address) applies.
	if _, err := c.Get(context.Background(), "http://93.184.216.35/story"); !errors.Is(err, ErrForbiddenAddress) {
		t.Errorf("Get of a NO_PROXY host = %v, want the dialer's refusal", err)
	}
	if len(*asked) != len(want) {
		t.Errorf("the proxy was asked for refused targets: %q", (*asked)[len(want):])
	}
}
