package warc

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"
)

// BenchmarkReader reads every record and block of a WARC of 1,000 pages of
// about 6 KB, plain and gzip-compressed per record.
func BenchmarkReader(b *testing.B) {
	for _, compress := range []bool{false, true} {
		var buf bytes.Buffer
		w := NewWriter(&buf, compress)
		body := strings.Repeat("<p>The harbour master said the new quay would open in May.</p>\n", 100)
		for i := range 1000 {
			msg := "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + body
			w.WriteResponse(fmt.Sprintf("https://news.example/%d", i), time.Unix(0, 0), []byte(msg))
		}
		data := buf.Bytes()
		b.Run(fmt.Sprint("compress=", compress), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				r := NewReader(bytes.NewReader(data))
				for {
					rec, err := r.Next()
					if err == io.EOF {
						break
					}
					if err != nil {
						b.Fatal(err)
					}
					io.Copy(io.Discard, rec.Block)
				}
			}
		})
	}
}
