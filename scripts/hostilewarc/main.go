// Command hostilewarc writes a WARC of hostile HTML pages (see
// internal/synth), for measuring the memory `wiretrace add` takes on them:
//
//	go run ./scripts/hostilewarc -kind attributes -pages 16 -o hostile.warc.gz
//
// Each page is a 200 response with Content-Type text/html.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/wiretrace/wiretrace/internal/synth"
	"github.com/wiretrace/wiretrace/warc"
)

// kinds are the pages the -kind flag names.
var kinds = map[string]func() []byte{
	// A million attributes on one element: about 6 MB.
	"attributes": func() []byte { return synth.ManyAttributesOneElement(1_000_000) },
	// A million attributes over 50,000 elements.
	"attributes-spread": func() []byte { return synth.ManyAttributes(1_000_000, 20) },
	// 400,000 empty elements side by side.
	"elements": func() []byte { return synth.ManyElements(400_000) },
	// 600 <font> tags never closed.
	"unclosed": func() []byte { return synth.Unclosed("font", 600) },
	// 5,000 nested <div>s.
	"nested": func() []byte { return synth.Nested("div", 5000) },
	// Just under the limits of package extract: 95,000 elements with
	// two attributes each, the most costly page that is read.
	"near-limits": func() []byte { return synth.ManyAttributes(190_000, 2) },
}

func main() {
	kind := flag.String("kind", "attributes", "page kind: "+names())
	pages := flag.Int("pages", 16, "pages in the WARC")
	out := flag.String("o", "hostile.warc.gz", "output file (.gz: each record compressed)")
	flag.Parse()
	gen, ok := kinds[*kind]
	if !ok {
		fmt.Fprintf(os.Stderr, "hostilewarc: unknown -kind %q: want one of %s\n", *kind, names())
		os.Exit(2)
	}
	if err := write(*out, gen(), *pages); err != nil {
		fmt.Fprintf(os.Stderr, "hostilewarc: %v\n", err)
		os.Exit(1)
	}
}

func write(path string, page []byte, pages int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(f)
	w := warc.NewWriter(bw, strings.HasSuffix(path, ".gz"))
	date := time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)
	for i := range pages {
		msg := fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n", len(page))
		uri := fmt.Sprintf("https://hostile.example/page/%d", i)
		if err := w.WriteResponse(uri, date.Add(time.Duration(i)*time.Second), append([]byte(msg), page...)); err != nil {
			f.Close()
			return err
		}
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func names() string {
	return strings.Join(slices.Sorted(maps.Keys(kinds)), ", ")
}
