package corpus

import (
	"errors"
	"fmt"
	"iter"
	"os"
	"path/filepath"
	"strings"

	"github.com/wiretrace/wiretrace/text"
)

// BBC reads the articles of the BBC News Summary collection from dir, the
// folder holding articles/SECTION/NNN.txt, in section then file order.
//
// Each file becomes a Doc with ID "bbc-<section>-<NNN>"; its first line is
// the Title and the rest, trimmed, the Text (paragraphs are already separated
// by blank lines). Files that are not UTF-8 are read as Windows-1252, as
// text.Decode does. The collection gives no dates: Published is zero.
func BBC(dir string) iter.Seq2[Doc, error] {
	return func(yield func(Doc, error) bool) {
		root := filepath.Join(dir, "articles")
		files, err := filepath.Glob(filepath.Join(root, "*", "*.txt"))
		if err != nil {
			yield(Doc{}, fmt.Errorf("bbc: %s: %w", root, err))
			return
		}
		if len(files) == 0 {
			if _, err := os.Stat(root); err != nil {
				yield(Doc{}, fmt.Errorf("bbc: %w", err))
			} else {
				yield(Doc{}, fmt.Errorf("bbc: %s: %w (want SECTION/NNN.txt)", root, ErrNoFiles))
			}
			return
		}
		// Glob sorts by the whole path: section first, then file.
		for _, name := range files {
			d, err := bbcFile(name)
			if err != nil {
				err = fmt.Errorf("bbc: %s: %w", name, err)
			}
			if !yield(d, err) {
				return
			}
		}
	}
}

func bbcFile(name string) (Doc, error) {
	raw, err := os.ReadFile(name)
	if err != nil {
		return Doc{}, err
	}
	s, _, err := text.Decode(raw)
	if err != nil {
		return Doc{}, err
	}
	s = strings.ReplaceAll(strings.TrimPrefix(s, "\ufeff"), "\r\n", "\n")
	title, body, _ := strings.Cut(s, "\n")
	body = strings.TrimSpace(body)
	if body == "" {
		return Doc{}, errors.New("headline without text")
	}
	section := filepath.Base(filepath.Dir(name))
	num := strings.TrimSuffix(filepath.Base(name), ".txt")
	return Doc{
		ID:    "bbc-" + section + "-" + num,
		Title: strings.TrimSpace(title),
		Text:  body,
	}, nil
}
