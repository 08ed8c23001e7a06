package corpus

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"path/filepath"
	"strings"
)

// CloughCategory is how an answer of the Clough-Stevenson corpus was written
// from its task's Wikipedia source.
type CloughCategory string

// The Clough-Stevenson categories, from most to least reuse.
const (
	// CloughCut: cut and paste from the source.
	CloughCut CloughCategory = "cut"
	// CloughLight: light revision, words substituted, order kept.
	CloughLight CloughCategory = "light"
	// CloughHeavy: heavy revision, rephrased and restructured.
	CloughHeavy CloughCategory = "heavy"
	// CloughNon: written independently from other material.
	CloughNon CloughCategory = "non"
)

// CloughCategories lists the categories in the corpus's order.
var CloughCategories = []CloughCategory{CloughCut, CloughLight, CloughHeavy, CloughNon}

// CloughAnswer is one short answer of the Corpus of Plagiarised Short
// Answers, with the source text of its task.
type CloughAnswer struct {
	// File is the answer's file name, e.g. "g0pA_taska.txt"; Task is the
	// task letter, a to e.
	File, Task string
	Category   CloughCategory
	// Text and Source are the answer and orig_taskX.txt, decoded
	// (Windows-1252 files converted), otherwise byte for byte.
	Text, Source string
}

// Clough reads the Clough-Stevenson corpus in dir, the folder holding
// file_information.csv, the answers and orig_task[a-e].txt, in the order of
// file_information.csv. The source rows ("orig") are not answers and are
// left out. A row that is malformed or names a file that cannot be read
// yields an error naming it, and reading goes on.
func Clough(dir string) iter.Seq2[CloughAnswer, error] {
	return func(yield func(CloughAnswer, error) bool) {
		index := filepath.Join(dir, "file_information.csv")
		f, err := os.Open(index)
		if err != nil {
			yield(CloughAnswer{}, fmt.Errorf("clough: %w", err))
			return
		}
		defer f.Close()
		r := csv.NewReader(f)
		r.FieldsPerRecord = -1
		sources := map[string]string{}
		for row := 1; ; row++ {
			rec, err := r.Read()
			if errors.Is(err, io.EOF) {
				return
			}
			if err != nil {
				yield(CloughAnswer{}, fmt.Errorf("clough: %s: %w", index, err))
				return
			}
			for i := range rec {
				rec[i] = strings.TrimSpace(strings.TrimPrefix(rec[i], "\ufeff"))
			}
			if row == 1 && len(rec) > 0 && strings.EqualFold(rec[0], "File") {
				continue
			}
			a, err := cloughAnswer(dir, rec, sources)
			if errors.Is(err, errCloughSource) {
				continue
			}
			if err != nil {
				err = fmt.Errorf("clough: %s: row %d: %w", index, row, err)
			}
			if !yield(a, err) {
				return
			}
		}
	}
}

// errCloughSource marks the rows that list the sources themselves.
var errCloughSource = errors.New("source row")

func cloughAnswer(dir string, rec []string, sources map[string]string) (CloughAnswer, error) {
	if len(rec) != 3 {
		return CloughAnswer{}, fmt.Errorf("%d fields, want File,Task,Category", len(rec))
	}
	a := CloughAnswer{File: rec[0], Task: rec[1], Category: CloughCategory(rec[2])}
	if a.Category == "orig" {
		return CloughAnswer{}, errCloughSource
	}
	switch a.Category {
	case CloughCut, CloughLight, CloughHeavy, CloughNon:
	default:
		return CloughAnswer{}, fmt.Errorf("%s: unknown category %q", a.File, a.Category)
	}
	if len(a.Task) != 1 || a.Task[0] < 'a' || a.Task[0] > 'z' || strings.ContainsAny(a.File, `/\`) {
		return CloughAnswer{}, fmt.Errorf("bad file %q or task %q", a.File, a.Task)
	}
	src, ok := sources[a.Task]
	if !ok {
		var err error
		src, err = ReadText(filepath.Join(dir, "orig_task"+a.Task+".txt"))
		if err != nil {
			return CloughAnswer{}, err
		}
		sources[a.Task] = src
	}
	a.Source = src
	t, err := ReadText(filepath.Join(dir, a.File))
	if err != nil {
		return CloughAnswer{}, err
	}
	a.Text = t
	return a, nil
}
