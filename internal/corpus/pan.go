package corpus

import (
	"bufio"
	"encoding/xml"
	"errors"
	"fmt"
	"iter"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// PANPair is one suspicious-source document pair of a PAN text-alignment
// corpus, with the plagiarism cases its truth file lists.
type PANPair struct {
	// Part is the folder of the truth file, e.g. "03-random-obfuscation".
	Part string
	// Suspicious and Source are the documents' file names, e.g.
	// "suspicious-document00006.txt"; SuspiciousFile and SourceFile are
	// their paths.
	Suspicious, Source         string
	SuspiciousFile, SourceFile string
	// Cases is empty for pairs without plagiarism.
	Cases []PANCase
}

// PANCase is one plagiarism case: a passage of the suspicious document
// taken from a passage of the source. Offsets and lengths count characters
// (Unicode code points), not bytes.
type PANCase struct {
	// Obfuscation is how the passage was disguised: "none", "random",
	// "translation", "summary".
	Obfuscation string
	// Source names the source document of the case, as the truth file does.
	Source                             string
	SuspiciousOffset, SuspiciousLength int
	SourceOffset, SourceLength         int
}

// PAN reads a PAN text-alignment corpus (the 2013 training and test layout)
// from dir, the folder holding susp/, src/ and one folder per part
// ("01-no-plagiarism", "02-no-obfuscation", ...), each with a "pairs" file
// and one truth XML per pair. If dir has no susp/ but dir/train has, dir/train
// is read. Parts come in name order, pairs in the order of the part's pairs
// file.
//
// Texts are not read: the caller reads them with Texts when it needs them. A pair whose truth file is missing or bad
// yields an error naming it, and reading goes on.
func PAN(dir string) iter.Seq2[PANPair, error] {
	return func(yield func(PANPair, error) bool) {
		if _, err := os.Stat(filepath.Join(dir, "susp")); err != nil {
			if _, err2 := os.Stat(filepath.Join(dir, "train", "susp")); err2 == nil {
				dir = filepath.Join(dir, "train")
			} else {
				yield(PANPair{}, fmt.Errorf("pan: %w", err))
				return
			}
		}
		parts, err := filepath.Glob(filepath.Join(dir, "[0-9][0-9]-*", "pairs"))
		if err == nil && len(parts) == 0 {
			err = errors.New("no part folder NN-NAME/ with a pairs file")
		}
		if err != nil {
			yield(PANPair{}, fmt.Errorf("pan: %s: %w", dir, err))
			return
		}
		for _, pairs := range parts {
			for p, err := range panPart(dir, pairs) {
				if !yield(p, err) {
					return
				}
			}
		}
	}
}

func panPart(dir, pairs string) iter.Seq2[PANPair, error] {
	return func(yield func(PANPair, error) bool) {
		partDir := filepath.Dir(pairs)
		part := filepath.Base(partDir)
		f, err := os.Open(pairs)
		if err != nil {
			yield(PANPair{}, fmt.Errorf("pan: %w", err))
			return
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		line := 0
		for sc.Scan() {
			line++
			fields := strings.Fields(sc.Text())
			if len(fields) == 0 {
				continue
			}
			if len(fields) != 2 {
				if !yield(PANPair{}, fmt.Errorf("pan: %s:%d: want \"SUSPICIOUS SOURCE\"", pairs, line)) {
					return
				}
				continue
			}
			p := PANPair{
				Part:           part,
				Suspicious:     fields[0],
				Source:         fields[1],
				SuspiciousFile: filepath.Join(dir, "susp", fields[0]),
				SourceFile:     filepath.Join(dir, "src", fields[1]),
			}
			truth := filepath.Join(partDir, strings.TrimSuffix(p.Suspicious, ".txt")+"-"+strings.TrimSuffix(p.Source, ".txt")+".xml")
			p.Cases, err = panTruth(truth, p.Suspicious)
			if err != nil {
				p = PANPair{}
				err = fmt.Errorf("pan: %w", err)
			}
			if !yield(p, err) {
				return
			}
		}
		if err := sc.Err(); err != nil {
			yield(PANPair{}, fmt.Errorf("pan: %s: %w", pairs, err))
		}
	}
}

// Texts reads the pair's suspicious and source documents. PAN's offsets
// count the characters of the files as they are, so the texts are returned
// unchanged: they must be UTF-8, and control bytes (some web pages of the
// corpus hold stray ones, even NULs) are kept rather than taken for binary
// data.
func (p PANPair) Texts() (suspicious, source string, err error) {
	suspicious, err = readUTF8(p.SuspiciousFile)
	if err != nil {
		return "", "", err
	}
	source, err = readUTF8(p.SourceFile)
	if err != nil {
		return "", "", err
	}
	return suspicious, source, nil
}

func readUTF8(name string) (string, error) {
	raw, err := os.ReadFile(name)
	if err != nil {
		return "", err
	}
	if !utf8.Valid(raw) {
		return "", fmt.Errorf("%s: not valid UTF-8", name)
	}
	return string(raw), nil
}

type panDocument struct {
	Reference string       `xml:"reference,attr"`
	Features  []panFeature `xml:"feature"`
}

type panFeature struct {
	Name            string `xml:"name,attr"`
	Obfuscation     string `xml:"obfuscation,attr"`
	ThisOffset      *int   `xml:"this_offset,attr"`
	ThisLength      *int   `xml:"this_length,attr"`
	SourceReference string `xml:"source_reference,attr"`
	SourceOffset    *int   `xml:"source_offset,attr"`
	SourceLength    *int   `xml:"source_length,attr"`
}

// panTruth reads the plagiarism cases of one truth file. Features whose
// name ends in "plagiarism" are cases, as in PAN's own evaluation script.
func panTruth(name, suspicious string) ([]PANCase, error) {
	raw, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	return parsePANTruth(raw, name, suspicious)
}

func parsePANTruth(raw []byte, name, suspicious string) ([]PANCase, error) {
	var d panDocument
	if err := xml.Unmarshal(raw, &d); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if d.Reference != suspicious {
		return nil, fmt.Errorf("%s: document reference %q, want %q", name, d.Reference, suspicious)
	}
	var cases []PANCase
	for i, f := range d.Features {
		if !strings.HasSuffix(f.Name, "plagiarism") {
			continue
		}
		if f.ThisOffset == nil || f.ThisLength == nil || f.SourceOffset == nil || f.SourceLength == nil || f.SourceReference == "" {
			return nil, fmt.Errorf("%s: feature %d: want this_offset, this_length, source_reference, source_offset and source_length", name, i+1)
		}
		c := PANCase{
			Obfuscation:      f.Obfuscation,
			Source:           f.SourceReference,
			SuspiciousOffset: *f.ThisOffset, SuspiciousLength: *f.ThisLength,
			SourceOffset: *f.SourceOffset, SourceLength: *f.SourceLength,
		}
		if c.SuspiciousOffset < 0 || c.SuspiciousLength <= 0 || c.SourceOffset < 0 || c.SourceLength <= 0 {
			return nil, fmt.Errorf("%s: feature %d: negative offset or empty span", name, i+1)
		}
		cases = append(cases, c)
	}
	return cases, nil
}
