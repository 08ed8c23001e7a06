// Package corpus reads the public news and text-reuse corpora that
// wiretrace is measured on into plain documents.
//
// Readers stream: they yield one Doc at a time and never hold a whole corpus
// in memory. A reader that meets a bad file or record yields an error naming
// it, with a zero Doc, and goes on with the next one unless the caller stops.
//
// The corpora are not part of the repository and must never be copied into
// it: their owners allow research use only. Code reads them from a data
// folder beside the repository (see DataDir). The package reads files only;
// it does not index, align or store anything, and imports nothing of the
// project above the root package and text.
package corpus

import (
	"os"
	"path/filepath"
	"time"

	"github.com/wiretrace/wiretrace"
)

// Doc is one document of a corpus.
type Doc struct {
	// ID is unique within all corpora: the corpus name and the document's
	// own identifier, e.g. "reuters-1234" or "bbc-business-001".
	ID    string
	Title string
	// Dateline is the place (and date) line of a wire story, as printed,
	// when the corpus keeps it apart from the text.
	Dateline string
	// Published is the publication time, zero when the corpus does not say.
	Published time.Time
	// Text is the body, UTF-8, paragraphs separated by a blank line.
	Text string
}

// Article returns d as an article to index, its ID kept.
func (d Doc) Article() wiretrace.Article {
	return wiretrace.Article{ID: d.ID, Title: d.Title, Published: d.Published, Text: d.Text}
}

// EnvDataDir names the environment variable that overrides DataDir.
const EnvDataDir = "WIRETRACE_DATA"

// DataDir returns the folder holding the corpora: $WIRETRACE_DATA when set,
// else "shared/data" beside the repository, found by walking up from the
// working directory to the module root (the folder with go.mod). Outside a
// module it returns "../shared/data". The folder may not exist; callers
// check.
func DataDir() string {
	if d := os.Getenv(EnvDataDir); d != "" {
		return d
	}
	dir, err := os.Getwd()
	if err != nil {
		return filepath.Join("..", "shared", "data")
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(filepath.Dir(dir), "shared", "data")
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return filepath.Join("..", "shared", "data")
		}
		dir = parent
	}
}
