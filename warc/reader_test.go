package warc

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"
	"time"
)

var date = time.Date(2026, 3, 4, 6, 15, 0, 0, time.UTC)

func page(n int) []byte {
	body := fmt.Sprintf("<html><body><p>Story %d.</p></body></html>", n)
	return []byte("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " +
		fmt.Sprint(len(body)) + "\r\n\r\n" + body)
}

// sample writes a request and a response for each of n pages and returns
// the file and the offset where each record starts.
func sample(t testing.TB, n int, compress bool) ([]byte, []int64) {
	t.Helper()
	var buf bytes.Buffer
	w := NewWriter(&buf, compress)
	var offsets []int64
	for i := range n {
		uri := fmt.Sprintf("https://news.example/story/%d", i)
		offsets = append(offsets, int64(buf.Len()))
		if err := w.WriteRequest(uri, date, []byte("GET /story HTTP/1.1\r\nHost: news.example\r\n\r\n")); err != nil {
			t.Fatal(err)
		}
		offsets = append(offsets, int64(buf.Len()))
		if err := w.WriteResponse(uri, date.Add(time.Duration(i)*time.Minute), page(i)); err != nil {
			t.Fatal(err)
		}
	}
	return buf.Bytes(), offsets
}

// event is what one call of Next gave, as text.
func readEvents(t testing.TB, data []byte) []string {
	t.Helper()
	r := NewReader(bytes.NewReader(data))
	var events []string
	for i := 0; ; i++ {
		if i > len(data)+10 {
			t.Fatalf("Next keeps returning after %d calls on %d bytes", i, len(data))
		}
		rec, err := r.Next()
		if err == io.EOF {
			return events
		}
		var re *RecordError
		if errors.As(err, &re) {
			kind := "corrupt"
			if errors.Is(err, ErrTruncated) {
				kind = "truncated"
			}
			events = append(events, fmt.Sprintf("%d %s", re.Offset, kind))
			continue
		}
		if err != nil {
			t.Fatalf("Next: %v", err)
		}
		block, err := io.ReadAll(rec.Block)
		if err != nil {
			if errors.As(err, &re) || errors.Is(err, ErrTruncated) || errors.Is(err, ErrCorrupt) {
				events = append(events, fmt.Sprintf("%d %s block-error", rec.Offset, rec.Type()))
				continue
			}
			t.Fatalf("block: %v", err)
		}
		events = append(events, fmt.Sprintf("%d %s %s %s %d", rec.Offset, rec.Type(), rec.TargetURI(), rec.Date().Format("15:04"), len(block)))
	}
}

func TestReadRoundTrip(t *testing.T) {
	for _, compress := range []bool{false, true} {
		t.Run(fmt.Sprint("compress=", compress), func(t *testing.T) {
			data, offsets := sample(t, 3, compress)
			events := readEvents(t, data)
			if len(events) != 6 {
				t.Fatalf("got %d records, want 6: %q", len(events), events)
			}
			for i, e := range events {
				want := fmt.Sprintf("%d request https://news.example/story/%d 06:15", offsets[i], i/2)
				if i%2 == 1 {
					want = fmt.Sprintf("%d response https://news.example/story/%d 06:%02d %d", offsets[i], i/2, 15+i/2, len(page(i/2)))
				}
				if !strings.HasPrefix(e, want) {
					t.Errorf("record %d: %q, want %q", i, e, want)
				}
			}
			// Each offset is where the record can be read on its own, as
			// a CDX index would use it.
			for i, off := range offsets {
				rec, err := NewReader(bytes.NewReader(data[off:])).Next()
				if err != nil || rec.Offset != 0 || !strings.Contains(rec.TargetURI(), fmt.Sprint(i/2)) {
					t.Errorf("reading at offset %d: %v, %+v", off, err, rec)
				}
			}
		})
	}
}

func TestHTTPResponseOfRecord(t *testing.T) {
	data, _ := sample(t, 1, true)
	r := NewReader(bytes.NewReader(data))
	r.Next() // the request
	rec, err := r.Next()
	if err != nil {
		t.Fatal(err)
	}
	resp, err := HTTPResponse(rec.Block)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/html; charset=utf-8" || string(body) != "<html><body><p>Story 0.</p></body></html>" {
		t.Fatalf("got %d %v %q", resp.StatusCode, resp.Header, body)
	}
}

func TestCorruptGzipMember(t *testing.T) {
	data, offsets := sample(t, 3, true)
	// Garble the middle of the second page's response member.
	start, end := offsets[3], offsets[4]
	for i := start + (end-start)/2; i < start+(end-start)/2+8; i++ {
		data[i] ^= 0x5a
	}
	events := readEvents(t, data)
	wantPrefix := []string{
		fmt.Sprintf("%d request", offsets[0]),
		fmt.Sprintf("%d response", offsets[1]),
		fmt.Sprintf("%d request", offsets[2]),
		"", // the garbled record: an error naming its offset
		fmt.Sprintf("%d request", offsets[4]),
		fmt.Sprintf("%d response", offsets[5]),
	}
	if len(events) != len(wantPrefix) {
		t.Fatalf("events %q", events)
	}
	for i, w := range wantPrefix {
		if w == "" {
			if !strings.HasPrefix(events[i], fmt.Sprint(offsets[3])) || !strings.Contains(events[i], "corrupt") && !strings.Contains(events[i], "error") {
				t.Errorf("event %d = %q, want an error at offset %d", i, events[i], offsets[3])
			}
			continue
		}
		if !strings.HasPrefix(events[i], w) {
			t.Errorf("event %d = %q, want %q...", i, events[i], w)
		}
	}
}

func TestTruncatedFile(t *testing.T) {
	for _, compress := range []bool{false, true} {
		t.Run(fmt.Sprint("compress=", compress), func(t *testing.T) {
			data, offsets := sample(t, 2, compress)
			last := offsets[3]
			cut := data[:last+(int64(len(data))-last)/2]
			events := readEvents(t, cut)
			if len(events) != 4 {
				t.Fatalf("events %q", events)
			}
			if e := events[3]; !strings.HasPrefix(e, fmt.Sprint(last)) || !strings.Contains(e, "truncated") && !strings.Contains(e, "block-error") {
				t.Errorf("last event %q, want truncation at %d", e, last)
			}
		})
	}
}

func TestPlainCorruptHeaderAndJunk(t *testing.T) {
	data, offsets := sample(t, 3, false)
	// Break the second request's Content-Length, and put junk before the
	// last record.
	s := string(data)
	i := strings.Index(s[offsets[2]:], "Content-Length: ") + int(offsets[2])
	s = s[:i] + "Content-Length: lots" + s[i+len("Content-Length: 45"):]
	shift := int64(len("Content-Length: lots") - len("Content-Length: 45"))
	s = s[:offsets[5]+shift] + "garbage line\r\n" + s[offsets[5]+shift:]
	events := readEvents(t, []byte(s))
	want := []string{
		fmt.Sprintf("%d request", offsets[0]),
		fmt.Sprintf("%d response", offsets[1]),
		fmt.Sprintf("%d corrupt", offsets[2]),
		fmt.Sprintf("%d response", offsets[3]+shift),
		fmt.Sprintf("%d request", offsets[4]+shift),
		fmt.Sprintf("%d corrupt", offsets[5]+shift),
		fmt.Sprintf("%d response", offsets[5]+shift+int64(len("garbage line\r\n"))),
	}
	if len(events) != len(want) {
		t.Fatalf("events %q\nwant %q", events, want)
	}
	for i := range want {
		if !strings.HasPrefix(events[i], want[i]) {
			t.Errorf("event %d = %q, want %q...", i, events[i], want[i])
		}
	}
}

// A whole file compressed as one gzip stream, as `gzip file.warc` makes:
// records are read, all at the offset of the one member.
func TestWholeFileGzip(t *testing.T) {
	data, _ := sample(t, 2, false)
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(data)
	zw.Close()
	events := readEvents(t, buf.Bytes())
	if len(events) != 4 {
		t.Fatalf("events %q", events)
	}
	for _, e := range events {
		if !strings.HasPrefix(e, "0 ") {
			t.Errorf("event %q not at offset 0", e)
		}
	}
}

// Skipping a record's block reads it in pieces: a huge record costs no
// more memory than a small one.
func TestLargeBlockStreams(t *testing.T) {
	const size = 256 << 20
	header := fmt.Sprintf("WARC/1.1\r\nWARC-Type: resource\r\nContent-Length: %d\r\n\r\n", size)
	tail := "\r\n\r\nWARC/1.1\r\nWARC-Type: metadata\r\nContent-Length: 0\r\n\r\n\r\n\r\n"
	src := io.MultiReader(strings.NewReader(header), io.LimitReader(zeros{}, size), strings.NewReader(tail))
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	r := NewReader(src)
	var types []string
	for {
		rec, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		types = append(types, rec.Type())
	}
	runtime.ReadMemStats(&after)
	if strings.Join(types, " ") != "resource metadata" {
		t.Fatalf("records %q", types)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 4<<20 {
		t.Errorf("reading a %d MiB record allocated %d KiB", size>>20, alloc>>10)
	}
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

func TestHTTPResponse(t *testing.T) {
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte("<p>zipped</p>"))
	zw.Close()
	tests := []struct {
		name, in string
		code     int
		body     string
		err      error
	}{
		{"plain", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>hi</p>", 200, "<p>hi</p>", nil},
		{"content-length ignored", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n<p>longer</p>", 200, "<p>longer</p>", nil},
		{"chunked", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n<p>a\r\n5\r\nb</p>\r\n0\r\n\r\n", 200, "<p>ab</p>", nil},
		{"gzip", "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n" + gz.String(), 200, "<p>zipped</p>", nil},
		{"redirect", "HTTP/1.1 301 Moved Permanently\r\nLocation: /x\r\n\r\n", 301, "", nil},
		{"no reason phrase", "HTTP/1.0 404\r\n\r\n", 404, "", nil},
		{"brotli", "HTTP/1.1 200 OK\r\nContent-Encoding: br\r\n\r\n\x0b", 200, "", ErrContentEncoding},
		{"not http", "GET / HTTP/1.1\r\n\r\n", 0, "", ErrHTTP},
		{"empty", "", 0, "", ErrHTTP},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := HTTPResponse(strings.NewReader(tt.in))
			if !errors.Is(err, tt.err) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			if err != nil {
				return
			}
			body, err := io.ReadAll(resp.Body)
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != tt.code || string(body) != tt.body {
				t.Errorf("got %d %q, want %d %q", resp.StatusCode, body, tt.code, tt.body)
			}
		})
	}
}

// IsHTTPResponse knows an HTTP response by its status line alone.
func TestIsHTTPResponse(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want bool
	}{
		{"HTTP/1.1 200 OK\r\n", true},
		{"HTTP/1.0 404\r\n", true},
		{"HTTP/2 301 \r\n", true},
		{"HTTP/1.1 200", true},
		{"HTTP/1.1 20", false},
		{"HTTP/x 200 OK", false},
		{"HTTP/1.1200 OK", false},
		{"GET / HTTP/1.1\r\n", false},
		{"<!doctype html><html>", false},
		{"http/1.1 200 OK", false},
		{"", false},
	} {
		br := bufio.NewReader(strings.NewReader(tt.in))
		if got := IsHTTPResponse(br); got != tt.want {
			t.Errorf("IsHTTPResponse(%q) = %v, want %v", tt.in, got, tt.want)
		}
		// Nothing is consumed.
		if rest, _ := io.ReadAll(br); string(rest) != tt.in {
			t.Errorf("IsHTTPResponse(%q) consumed input, left %q", tt.in, rest)
		}
	}
}

func FuzzReader(f *testing.F) {
	plain, _ := sample(f, 2, false)
	zipped, _ := sample(f, 2, true)
	f.Add(plain)
	f.Add(zipped)
	f.Add(plain[:len(plain)/2])
	f.Add(zipped[:len(zipped)-30])
	f.Add([]byte("WARC/1.0\r\nContent-Length: 99999999999999999999\r\n\r\n"))
	f.Add([]byte("WARC/1.0\r\n continued\r\nX:\r\n\tmore\r\nContent-Length: 1\r\n\r\nx\r\n\r\nWARC/1.1\r\n"))
	f.Add([]byte{0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff, 0x1f, 0x8b, 0x08})
	f.Fuzz(func(t *testing.T, data []byte) {
		r := NewReader(bytes.NewReader(data))
		last := int64(-1)
		for i := 0; ; i++ {
			if i > len(data)+10 {
				t.Fatalf("no progress after %d calls", i)
			}
			rec, err := r.Next()
			if err == io.EOF {
				return
			}
			var re *RecordError
			var off int64
			switch {
			case errors.As(err, &re):
				off = re.Offset
			case err != nil:
				t.Fatalf("Next: %v", err)
			default:
				off = rec.Offset
				if _, err := io.Copy(io.Discard, rec.Block); err != nil && !errors.Is(err, ErrTruncated) && !errors.Is(err, ErrCorrupt) {
					t.Fatalf("block: %v", err)
				}
				block := bufio.NewReader(rec.Block)
				IsHTTPResponse(block)
				if resp, err := HTTPResponse(block); err == nil && resp.Body != nil {
					io.Copy(io.Discard, resp.Body)
				}
			}
			if off < last || off > int64(len(data)) {
				t.Fatalf("offset %d after %d in %d bytes", off, last, len(data))
			}
			last = off
		}
	})
}

// Wherever a member is garbled, the records after it are read: broken
// compressed data that runs on into the next member is searched for that
// member's header.
func TestCorruptMemberAnywhere(t *testing.T) {
	clean, offsets := sample(t, 3, true)
	start, end := offsets[3], offsets[4]
	for at := start + 10; at < end; at += 7 {
		data := bytes.Clone(clean)
		for i := at; i < min(at+4, end); i++ {
			data[i] ^= 0xff
		}
		events := readEvents(t, data)
		var tail []string
		for _, e := range events {
			var off int64
			fmt.Sscan(e, &off)
			if off >= offsets[4] {
				tail = append(tail, e)
			}
		}
		if len(tail) != 2 || !strings.Contains(tail[0], "request") || !strings.Contains(tail[1], "response") {
			t.Errorf("garbled at %d: records after the broken one: %q (all: %q)", at, tail, events)
		}
	}
}
