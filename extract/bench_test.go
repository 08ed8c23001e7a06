package extract

import (
	"net/url"
	"os"
	"testing"
)

// BenchmarkHTML extracts the JSON-LD fixture, a 3 KB news page.
func BenchmarkHTML(b *testing.B) {
	raw, err := os.ReadFile("testdata/jsonld-article.html")
	if err != nil {
		b.Fatal(err)
	}
	u, _ := url.Parse("https://news.example/story")
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := HTML(raw, "", u); err != nil {
			b.Fatal(err)
		}
	}
}
