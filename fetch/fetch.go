// Package fetch downloads a web page for wiretrace to read, safely enough
// to be pointed at any URL a user pastes: with a timeout, a size cap, a
// User-Agent that says who is asking, and a guard against server-side
// request forgery.
//
// The guard refuses connections to loopback, private, link-local,
// multicast, unspecified and other non-public addresses. Without a proxy
// it is checked in the dialer, after DNS resolution, on every connection
// the client makes, redirects included: a public name that resolves to
// 127.0.0.1, or a public page that redirects to a private address, is
// refused as surely as a literal private address. AllowPrivate turns it
// off.
//
// A proxy named by HTTPS_PROXY or HTTP_PROXY (and not waived by NO_PROXY)
// is used as net/http uses it. The client then dials the proxy, not the
// page's server, so the guard checks each request's host instead, before
// the request leaves: a literal address as it is, a name by resolving it
// here, every address it resolves to. What remains is documented in
// docs/reliability.md: the proxy resolves the name again and may get
// another answer (DNS rebinding), and it reaches whatever its own network
// reaches; a proxy should enforce its own egress rules.
//
// It does not parse what it fetches.
package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
	"time"

	"golang.org/x/net/http/httpproxy"
)

// Defaults.
const (
	DefaultTimeout   = 20 * time.Second
	DefaultMaxBytes  = 8 << 20
	DefaultUserAgent = "wiretrace/1 (news provenance checker; +https://github.com/wiretrace/wiretrace)"
	MaxRedirects     = 10
)

var (
	// ErrForbiddenAddress: the URL leads to an address the guard refuses.
	ErrForbiddenAddress = errors.New("refusing to connect to a non-public address (use --allow-private to permit)")
	// ErrTooLarge: the response is longer than MaxBytes.
	ErrTooLarge = errors.New("response too large")
	// ErrScheme: the URL, or a redirect, is not http or https.
	ErrScheme = errors.New("unsupported URL scheme")
	// ErrTooManyRedirects: more than MaxRedirects redirects.
	ErrTooManyRedirects = errors.New("too many redirects")
)

// StatusError is a response other than 200 OK.
type StatusError struct {
	URL    string
	Status string
}

func (e *StatusError) Error() string { return fmt.Sprintf("%s: HTTP %s", e.URL, e.Status) }

// Client fetches pages. The zero value is not usable: call New.
type Client struct {
	// MaxBytes caps a response body.
	MaxBytes  int64
	UserAgent string
	http      *http.Client
}

// Options configure New.
type Options struct {
	Timeout   time.Duration // DefaultTimeout when zero
	MaxBytes  int64         // DefaultMaxBytes when zero
	UserAgent string        // DefaultUserAgent when empty
	// AllowPrivate lets the client connect to loopback, private and other
	// non-public addresses.
	AllowPrivate bool
	// Proxy returns the proxy for a request's URL, or nil for none. When
	// nil, the HTTPS_PROXY, HTTP_PROXY and NO_PROXY environment variables
	// (and their lower-case forms) decide, as read when New is called.
	Proxy func(*url.URL) (*url.URL, error)
	// allow, when set, decides instead of the guard; tests use it to
	// tell two local servers apart.
	allow func(netip.AddrPort) bool
	// lookup, when set, resolves host names for the guard of proxied
	// requests instead of the system resolver.
	lookup func(ctx context.Context, host string) ([]netip.Addr, error)
}

// New returns a Client.
func New(o Options) *Client {
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.UserAgent == "" {
		o.UserAgent = DefaultUserAgent
	}
	allow := o.allow
	if allow == nil {
		allow = func(ap netip.AddrPort) bool { return o.AllowPrivate || Public(ap.Addr()) }
	}
	dialer := &net.Dialer{
		Timeout: o.Timeout,
		Control: func(network, address string, _ syscall.RawConn) error {
			ap, err := netip.ParseAddrPort(address)
			if err != nil {
				return fmt.Errorf("%w: %s", ErrForbiddenAddress, address)
			}
			if !allow(ap) {
				return fmt.Errorf("%w: %s", ErrForbiddenAddress, ap.Addr())
			}
			return nil
		},
	}
	proxy := o.Proxy
	if proxy == nil {
		proxy = httpproxy.FromEnvironment().ProxyFunc()
	}
	lookup := o.lookup
	if lookup == nil {
		lookup = func(ctx context.Context, host string) ([]netip.Addr, error) {
			return net.DefaultResolver.LookupNetIP(ctx, "ip", host)
		}
	}
	transport := func(dial func(ctx context.Context, network, addr string) (net.Conn, error), proxy func(*http.Request) (*url.URL, error)) *http.Transport {
		return &http.Transport{
			Proxy:                 proxy,
			DialContext:           dial,
			TLSHandshakeTimeout:   o.Timeout,
			ResponseHeaderTimeout: o.Timeout,
			MaxIdleConnsPerHost:   2,
			IdleConnTimeout:       30 * time.Second,
			ForceAttemptHTTP2:     true,
		}
	}
	rt := &router{
		// Straight to the server: the dialer checks the address.
		direct: transport(dialer.DialContext, nil),
		// Through the proxy: the dialer only ever reaches the proxy,
		// which the user named; the router checks the request's host.
		proxied: transport((&net.Dialer{Timeout: o.Timeout}).DialContext, func(req *http.Request) (*url.URL, error) {
			u, err := proxy(req.URL)
			if err == nil && u == nil {
				// Never dial a server directly from this transport.
				err = errNoProxy
			}
			return u, err
		}),
		proxy: proxy,
		guard: func(ctx context.Context, host string) error {
			if o.AllowPrivate && o.allow == nil {
				return nil
			}
			return checkHost(ctx, host, lookup, allow)
		},
	}
	return &Client{
		MaxBytes:  o.MaxBytes,
		UserAgent: o.UserAgent,
		http: &http.Client{
			Transport: rt,
			Timeout:   o.Timeout,
			CheckRedirect: func(req *http.Request, via []*http.Request) error {
				if len(via) >= MaxRedirects {
					return ErrTooManyRedirects
				}
				if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
					return fmt.Errorf("%w: redirect to %s", ErrScheme, req.URL.Redacted())
				}
				return nil
			},
		},
	}
}

var errNoProxy = errors.New("no proxy for this URL")

// router sends a request straight to its server or through the proxy the
// environment names for its URL. Every request passes here, redirects
// included, so a proxied redirect to a private address is refused too.
type router struct {
	direct, proxied http.RoundTripper
	proxy           func(*url.URL) (*url.URL, error)
	guard           func(ctx context.Context, host string) error
}

func (r *router) RoundTrip(req *http.Request) (*http.Response, error) {
	p, err := r.proxy(req.URL)
	if err != nil {
		return nil, fmt.Errorf("proxy: %w", err)
	}
	if p == nil {
		return r.direct.RoundTrip(req)
	}
	if err := r.guard(req.Context(), req.URL.Hostname()); err != nil {
		return nil, err
	}
	return r.proxied.RoundTrip(req)
}

// checkHost is the guard for a request sent through a proxy: host, a
// literal address or a name, must be allowed, and so must every address
// the name resolves to. A name that does not resolve here is refused:
// nothing could be checked.
func checkHost(ctx context.Context, host string, lookup func(context.Context, string) ([]netip.Addr, error), allow func(netip.AddrPort) bool) error {
	if a, err := netip.ParseAddr(host); err == nil {
		if !allow(netip.AddrPortFrom(a, 0)) {
			return fmt.Errorf("%w: %s", ErrForbiddenAddress, a)
		}
		return nil
	}
	addrs, err := lookup(ctx, host)
	if err != nil || len(addrs) == 0 {
		return fmt.Errorf("%w: %s does not resolve here, so its address cannot be checked before asking the proxy (%v)", ErrForbiddenAddress, host, err)
	}
	for _, a := range addrs {
		if !allow(netip.AddrPortFrom(a, 0)) {
			return fmt.Errorf("%w: %s resolves to %s", ErrForbiddenAddress, host, a)
		}
	}
	return nil
}

// Page is a fetched response.
type Page struct {
	// URL is where the page was found, after redirects.
	URL         string
	ContentType string
	Body        []byte
	// LastModified is the Last-Modified header, zero when absent.
	LastModified time.Time
}

// MediaType returns the page's media type in lower case, without
// parameters: "text/html", "application/rss+xml".
func (p *Page) MediaType() string {
	mt, _, err := mime.ParseMediaType(p.ContentType)
	if err != nil {
		return strings.ToLower(strings.TrimSpace(strings.Split(p.ContentType, ";")[0]))
	}
	return mt
}

// Get fetches rawURL. It fails with ErrScheme, ErrForbiddenAddress,
// ErrTooLarge, ErrTooManyRedirects, a *StatusError or a network error.
func (c *Client) Get(ctx context.Context, rawURL string) (*Page, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("fetch: %w", err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("fetch %s: %w %q (only http and https are fetched)", u.Redacted(), ErrScheme, u.Scheme)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("fetch: %w", err)
	}
	req.Header.Set("User-Agent", c.UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,text/plain;q=0.9,*/*;q=0.5")
	resp, err := c.http.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, fmt.Errorf("fetch %s: %w", u.Redacted(), err)
	}
	defer resp.Body.Close()
	final := resp.Request.URL.String()
	if resp.StatusCode != http.StatusOK {
		return nil, &StatusError{URL: final, Status: resp.Status}
	}
	if resp.ContentLength > c.MaxBytes {
		return nil, fmt.Errorf("fetch %s: %w: %d bytes, limit %d", final, ErrTooLarge, resp.ContentLength, c.MaxBytes)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, c.MaxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("fetch %s: read: %w", final, err)
	}
	if int64(len(body)) > c.MaxBytes {
		return nil, fmt.Errorf("fetch %s: %w: more than %d bytes", final, ErrTooLarge, c.MaxBytes)
	}
	p := &Page{URL: final, ContentType: resp.Header.Get("Content-Type"), Body: body}
	if lm, err := http.ParseTime(resp.Header.Get("Last-Modified")); err == nil {
		p.LastModified = lm.UTC()
	}
	return p, nil
}

// Public reports whether a is an address on the public internet: not
// loopback, private (RFC 1918, unique local), link-local, multicast,
// unspecified, shared (carrier-grade NAT), benchmarking, documentation or
// reserved. IPv4 addresses written as IPv6 are judged as IPv4.
func Public(a netip.Addr) bool {
	a = a.Unmap()
	if !a.IsValid() || a.IsLoopback() || a.IsPrivate() || a.IsUnspecified() ||
		a.IsLinkLocalUnicast() || a.IsLinkLocalMulticast() || a.IsInterfaceLocalMulticast() || a.IsMulticast() {
		return false
	}
	for _, p := range nonPublic {
		if p.Contains(a) {
			return false
		}
	}
	return true
}

var nonPublic = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),       // "this network"
	netip.MustParsePrefix("100.64.0.0/10"),   // shared address space (carrier-grade NAT)
	netip.MustParsePrefix("192.0.0.0/24"),    // IETF protocol assignments
	netip.MustParsePrefix("192.0.2.0/24"),    // documentation
	netip.MustParsePrefix("198.18.0.0/15"),   // benchmarking
	netip.MustParsePrefix("198.51.100.0/24"), // documentation
	netip.MustParsePrefix("203.0.113.0/24"),  // documentation
	netip.MustParsePrefix("240.0.0.0/4"),     // reserved, and broadcast
	netip.MustParsePrefix("64:ff9b::/96"),    // NAT64: an IPv4 address in disguise
	netip.MustParsePrefix("64:ff9b:1::/48"),  // local-use NAT64
	netip.MustParsePrefix("2001:db8::/32"),   // documentation
	netip.MustParsePrefix("::/128"),
	netip.MustParsePrefix("2002::/16"), // 6to4: embeds an IPv4 address
}
