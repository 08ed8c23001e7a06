package corpus

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"iter"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/wiretrace/wiretrace/text"
)

// MeterClass is the METER corpus's document-level label of a newspaper
// story: how much of it derives from the Press Association's wire copy.
type MeterClass string

// The METER classes, from most to least derived.
const (
	MeterWholly    MeterClass = "wholly"
	MeterPartially MeterClass = "partially"
	MeterNon       MeterClass = "non"
)

// MeterClasses lists the classes in the corpus's order.
var MeterClasses = []MeterClass{MeterWholly, MeterPartially, MeterNon}

// MeterStory is one labelled newspaper story of the METER corpus.
type MeterStory struct {
	// Name is the story's path inside the corpus folder, with forward
	// slashes: "newspapers/rawtexts/DOMAIN/DATE/CATCHLINE/FILE.txt".
	Name string
	// Domain is "courts" or "showbiz"; Date and Catchline name the folder
	// that also holds the PA copy the story may derive from.
	Domain, Date, Catchline string
	Class                   MeterClass
	// Text is the file decoded (Windows-1252 files converted, the wire's
	// 0x19 paragraph marks read as spaces), otherwise byte for byte.
	Text string
}

// Topic is the story's DOMAIN/DATE/CATCHLINE: the PA files of the same
// topic are its candidate sources.
func (s MeterStory) Topic() string { return s.Domain + "/" + s.Date + "/" + s.Catchline }

// Paper is the newspaper that ran the story, as its file's name ends
// ("guardian" of ".../beckett255_guardian.txt"); empty when it names none.
func (s MeterStory) Paper() string {
	base := strings.TrimSuffix(path.Base(s.Name), ".txt")
	if i := strings.LastIndexByte(base, '_'); i >= 0 {
		return base[i+1:]
	}
	return ""
}

// MeterSource is one Press Association wire file of the METER corpus.
type MeterSource struct {
	// Name is the file's path inside the corpus folder, with forward
	// slashes: "PA/rawtexts/DOMAIN/DATE/CATCHLINE/FILE.txt".
	Name                    string
	Domain, Date, Catchline string
	// Slug and Filed are what the wire's slug line says of the file
	// ("12:19 18/02/00: Page 1 (HHH) COURTS Saboteur"): the name the story
	// was filed under ("COURTS Saboteur") and when this take of it was
	// filed, the wire's clock read as UTC. Both are empty when the file
	// has no slug line.
	Slug  string
	Filed time.Time
	// Text is the file decoded as a story's is, otherwise byte for byte
	// (the wire's header lines included).
	Text string
}

// Topic is the source's DOMAIN/DATE/CATCHLINE.
func (s MeterSource) Topic() string { return s.Domain + "/" + s.Date + "/" + s.Catchline }

// meterLabelFiles maps the label lists of file_index/DOMAIN/ to classes.
var meterLabelFiles = []struct {
	file  string
	class MeterClass
}{
	{"wholly_derived.txt", MeterWholly},
	{"partially_derived.txt", MeterPartially},
	{"non_derived.txt", MeterNon},
}

// MeterStories reads the labelled newspaper stories of the METER corpus in
// dir, the folder holding file_index/, PA/ and newspapers/. Every domain
// with label lists in file_index/DOMAIN/ is read, domains in name order,
// then wholly, partially and non-derived stories in list order.
//
// The lists name files as "meter_corpus/newspapers/rawtexts/..."; the
// leading "meter_corpus/" and surrounding white space are dropped. A story
// listed twice is an error, and so is a listed file that cannot be read;
// both name the list and the line, and reading goes on.
func MeterStories(dir string) iter.Seq2[MeterStory, error] {
	return func(yield func(MeterStory, error) bool) {
		domains, err := meterDomains(dir)
		if err != nil {
			yield(MeterStory{}, err)
			return
		}
		seen := map[string]string{}
		for _, domain := range domains {
			for _, lf := range meterLabelFiles {
				list := filepath.Join(dir, "file_index", domain, lf.file)
				for name, err := range meterLabelList(list) {
					if err != nil {
						if !yield(MeterStory{}, err) {
							return
						}
						continue
					}
					s, err := meterStory(dir, domain, name, lf.class)
					if err == nil {
						if prev, dup := seen[name]; dup {
							err = fmt.Errorf("listed again, first in %s", prev)
						}
						seen[name] = list
					}
					if err != nil {
						err = fmt.Errorf("meter: %s: %s: %w", list, name, err)
					}
					if !yield(s, err) {
						return
					}
				}
			}
		}
	}
}

// meterDomains returns the domains of file_index/ that have label lists.
func meterDomains(dir string) ([]string, error) {
	root := filepath.Join(dir, "file_index")
	entries, err := os.ReadDir(root)
	if err != nil {
		return nil, fmt.Errorf("meter: %w", err)
	}
	var domains []string
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		if _, err := os.Stat(filepath.Join(root, e.Name(), meterLabelFiles[0].file)); err == nil {
			domains = append(domains, e.Name())
		}
	}
	if len(domains) == 0 {
		return nil, fmt.Errorf("meter: %s: no DOMAIN/%s label list", root, meterLabelFiles[0].file)
	}
	slices.Sort(domains)
	return domains, nil
}

// meterLabelList yields the story names of one label list, in order. A
// missing list yields one error; the other lists of the domain still count.
func meterLabelList(list string) iter.Seq2[string, error] {
	return func(yield func(string, error) bool) {
		f, err := os.Open(list)
		if err != nil {
			yield("", fmt.Errorf("meter: %w", err))
			return
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			line := strings.TrimSpace(sc.Text())
			if line == "" {
				continue
			}
			if !yield(path.Clean(strings.TrimPrefix(line, "meter_corpus/")), nil) {
				return
			}
		}
		if err := sc.Err(); err != nil {
			yield("", fmt.Errorf("meter: %s: %w", list, err))
		}
	}
}

func meterStory(dir, domain, name string, class MeterClass) (MeterStory, error) {
	// newspapers/rawtexts/DOMAIN/DATE/CATCHLINE/FILE
	parts := strings.Split(name, "/")
	if len(parts) != 6 || parts[0] != "newspapers" || parts[1] != "rawtexts" || parts[2] != domain {
		return MeterStory{}, fmt.Errorf("want newspapers/rawtexts/%s/DATE/CATCHLINE/FILE", domain)
	}
	t, err := readMeterText(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		return MeterStory{}, err
	}
	return MeterStory{
		Name: name, Domain: domain, Date: parts[3], Catchline: parts[4],
		Class: class, Text: t,
	}, nil
}

// MeterSources reads the Press Association files of the METER corpus in dir:
// every file in a PA/rawtexts/DOMAIN/DATE/CATCHLINE/ folder (most end in
// .txt, one in .sub), in path order. The read-me files above the catchline
// folders are not wire copy and are left out, and so are hidden files. A
// file that cannot be read yields an error naming it.
func MeterSources(dir string) iter.Seq2[MeterSource, error] {
	return func(yield func(MeterSource, error) bool) {
		root := filepath.Join(dir, "PA", "rawtexts")
		files, err := filepath.Glob(filepath.Join(root, "*", "*", "*", "[^.]*"))
		files = slices.DeleteFunc(files, func(f string) bool {
			fi, err := os.Stat(f)
			return err != nil || !fi.Mode().IsRegular()
		})
		if err == nil && len(files) == 0 {
			if _, err = os.Stat(root); err == nil {
				err = errors.New("no DOMAIN/DATE/CATCHLINE/ files")
			}
		}
		if err != nil {
			yield(MeterSource{}, fmt.Errorf("meter: %s: %w", root, err))
			return
		}
		for _, f := range files {
			rel, _ := filepath.Rel(dir, f)
			name := filepath.ToSlash(rel)
			parts := strings.Split(name, "/")
			s := MeterSource{Name: name, Domain: parts[2], Date: parts[3], Catchline: parts[4]}
			s.Text, err = readMeterText(f)
			if err != nil {
				err = fmt.Errorf("meter: %w", err)
				s = MeterSource{}
			} else {
				s.Slug, s.Filed = filed(s.Text)
				s.Text = wireText(s.Text)
			}
			if !yield(s, err) {
				return
			}
		}
	}
}

// readMeterText reads a METER file. The PA wire marks paragraphs with the
// control byte 0x19, up to one in thirty bytes of a file, which text.Decode
// would take for binary data; it becomes a space, so byte offsets stay
// those of the file.
func readMeterText(name string) (string, error) {
	raw, err := os.ReadFile(name)
	if err != nil {
		return "", err
	}
	raw = bytes.ReplaceAll(raw, []byte{0x19}, []byte{' '})
	s, _, err := text.Decode(raw)
	if err != nil {
		return "", fmt.Errorf("%s: %w", name, err)
	}
	return s, nil
}

// wireText lays out a PA file as the article it carries, keeping every
// byte offset: the wire's envelope (the rules of dashes around it and the
// slug line, "12:19 18/02/00: Page 1 (HHH) COURTS Saboteur") becomes
// spaces, a paragraph mark ("<" at the end of a line) a paragraph break,
// and the line breaks that wrap a paragraph at 80 columns spaces. Read as
// it was sent, a file is one paragraph of lines after four of rules, and
// no headline or byline ("By Stephen Howard, PA News") can be told in it.
func wireText(s string) string {
	lines := strings.SplitAfter(s, "\n")
	var b strings.Builder
	b.Grow(len(s))
	for i, line := range lines {
		body := strings.TrimRight(line, "\n")
		nl := line[len(body):]
		trimmed := strings.TrimSpace(body)
		switch {
		case envelope(trimmed):
			b.WriteString(strings.Repeat(" ", len(body)))
			b.WriteString(nl)
		case strings.HasSuffix(body, "<"):
			b.WriteString(body[:len(body)-1])
			if nl == "" {
				b.WriteString(" ")
			} else {
				b.WriteString("\n\n")
			}
		case trimmed != "" && nl != "" && i+1 < len(lines) && strings.TrimSpace(lines[i+1]) != "" && !envelope(strings.TrimSpace(lines[i+1])):
			b.WriteString(body)
			b.WriteString(" ")
		default:
			b.WriteString(line)
		}
	}
	return b.String()
}

// envelope reports whether a PA file's line, trimmed, is part of the
// wire's envelope: a rule of dashes or the slug line with the time filed.
func envelope(line string) bool {
	if line != "" && strings.Trim(line, "-") == "" {
		return true
	}
	return slugLine.MatchString(line)
}

// slugLine is the slug line, in parts: the time filed, then the take
// ("Page 2") and its priority code, which the slug follows.
var slugLine = regexp.MustCompile(`^(\d\d:\d\d \d\d/\d\d/\d\d): (?:Page \d+ \(\w+\) )?(.*)$`)

// filed returns the slug and the time filed that a PA file's slug line
// gives, if it has one.
func filed(s string) (string, time.Time) {
	for line := range strings.Lines(s) {
		m := slugLine.FindStringSubmatch(strings.TrimSpace(line))
		if m == nil {
			continue
		}
		t, err := time.Parse("15:04 02/01/06", m[1])
		if err != nil {
			return "", time.Time{}
		}
		return strings.TrimSpace(m[2]), t
	}
	return "", time.Time{}
}

// ReadText reads a corpus file as text: UTF-8 as it is, other bytes as
// Windows-1252 (see text.Decode). Nothing else is changed, so offsets into
// the returned text are those of the file for UTF-8 files. Errors name the
// file.
func ReadText(name string) (string, error) {
	raw, err := os.ReadFile(name)
	if err != nil {
		return "", err
	}
	s, _, err := text.Decode(raw)
	if err != nil {
		return "", fmt.Errorf("%s: %w", name, err)
	}
	return s, nil
}
