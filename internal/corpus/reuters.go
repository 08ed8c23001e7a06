package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"iter"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// ErrNoFiles: the folder given to a reader holds none of the corpus's files.
var ErrNoFiles = errors.New("no corpus files found")

// Reuters reads the Reuters-21578 collection from dir, the folder holding
// reut2-000.sgm to reut2-021.sgm, in file order and then story order.
//
// Each story with a BODY becomes a Doc with ID "reuters-<NEWID>", the TITLE,
// the DATELINE (trimmed, without the trailing dash) and the DATE read as UTC
// (the collection does not give a zone). Stories without a BODY (briefs
// that are only a headline, and unprocessed ones) are skipped. SGML entities
// are decoded, control characters dropped, and the "Reuter" sign-off that
// ends most bodies removed. The collection wraps lines at about 70
// characters and starts a paragraph with an indented line; Text rejoins the
// wrapped lines, so each paragraph is one line and paragraphs are separated
// by a blank line, as in the other corpora.
func Reuters(dir string) iter.Seq2[Doc, error] {
	return func(yield func(Doc, error) bool) {
		files, err := filepath.Glob(filepath.Join(dir, "reut2-*.sgm"))
		if err != nil {
			yield(Doc{}, fmt.Errorf("reuters: %s: %w", dir, err))
			return
		}
		if len(files) == 0 {
			if _, err := os.Stat(dir); err != nil {
				yield(Doc{}, fmt.Errorf("reuters: %w", err))
			} else {
				yield(Doc{}, fmt.Errorf("reuters: %s: %w (want reut2-NNN.sgm)", dir, ErrNoFiles))
			}
			return
		}
		for _, name := range files {
			raw, err := os.ReadFile(name)
			if err != nil {
				if !yield(Doc{}, fmt.Errorf("reuters: %w", err)) {
					return
				}
				continue
			}
			for d, err := range reutersFile(raw) {
				if err != nil {
					err = fmt.Errorf("reuters: %s: %w", name, err)
				}
				if !yield(d, err) {
					return
				}
			}
		}
	}
}

// reutersFile yields the stories with a body of one SGM file.
func reutersFile(raw []byte) iter.Seq2[Doc, error] {
	return func(yield func(Doc, error) bool) {
		latin1 := !utf8.Valid(raw)
		rest := raw
		offset := 0
		for {
			start := bytes.Index(rest, []byte("<REUTERS"))
			if start < 0 {
				return
			}
			end := bytes.Index(rest[start:], []byte("</REUTERS>"))
			if end < 0 {
				yield(Doc{}, fmt.Errorf("byte %d: story without </REUTERS>", offset+start))
				return
			}
			rec := rest[start : start+end]
			d, ok, err := reutersStory(rec, latin1)
			if err != nil {
				err = fmt.Errorf("byte %d: %w", offset+start, err)
			}
			if (ok || err != nil) && !yield(d, err) {
				return
			}
			next := start + end + len("</REUTERS>")
			offset += next
			rest = rest[next:]
		}
	}
}

// reutersStory parses one <REUTERS ...>...</REUTERS> record (end tag not
// included). ok is false for a story without a body.
func reutersStory(rec []byte, latin1 bool) (d Doc, ok bool, err error) {
	tagEnd := bytes.IndexByte(rec, '>')
	if tagEnd < 0 {
		return Doc{}, false, errors.New("unterminated REUTERS tag")
	}
	id, found := attr(rec[:tagEnd], "NEWID")
	if !found {
		return Doc{}, false, errors.New("REUTERS tag without NEWID")
	}
	if _, err := strconv.Atoi(id); err != nil {
		return Doc{}, false, fmt.Errorf("NEWID %q is not a number", id)
	}
	body, found := element(rec, "BODY")
	if !found {
		return Doc{}, false, nil
	}
	d = Doc{ID: "reuters-" + id, Text: reutersBody(unescape(body, latin1))}
	if d.Text == "" {
		return Doc{}, false, nil
	}
	if t, found := element(rec, "TITLE"); found {
		d.Title = strings.Join(strings.Fields(unescape(t, latin1)), " ")
	}
	if t, found := element(rec, "DATELINE"); found {
		d.Dateline = strings.TrimRight(strings.TrimSpace(unescape(t, latin1)), " -")
	}
	if t, found := element(rec, "DATE"); found {
		d.Published = reutersDate(unescape(t, latin1))
	}
	return d, true, nil
}

// attr returns the value of name="value" in a start tag.
func attr(tag []byte, name string) (string, bool) {
	key := []byte(" " + name + `="`)
	i := bytes.Index(tag, key)
	if i < 0 {
		return "", false
	}
	v := tag[i+len(key):]
	j := bytes.IndexByte(v, '"')
	if j < 0 {
		return "", false
	}
	return string(v[:j]), true
}

// element returns the content of the first <name>...</name> in rec.
func element(rec []byte, name string) ([]byte, bool) {
	open, close := []byte("<"+name+">"), []byte("</"+name+">")
	i := bytes.Index(rec, open)
	if i < 0 {
		return nil, false
	}
	content := rec[i+len(open):]
	j := bytes.Index(content, close)
	if j < 0 {
		return nil, false
	}
	return content[:j], true
}

// unescape decodes the entities the collection uses (&lt; &gt; &amp; &quot;
// and numeric ones), drops control characters other than newline and tab,
// turns CR LF into LF, and reads bytes as Latin-1 when the file is not
// UTF-8.
func unescape(b []byte, latin1 bool) string {
	var sb strings.Builder
	sb.Grow(len(b))
	keep := func(r rune) {
		if r == '\n' || r == '\t' || (r >= 0x20 && r != 0x7f && !(r >= 0x80 && r < 0xa0)) {
			sb.WriteRune(r)
		}
	}
	for i := 0; i < len(b); {
		c := b[i]
		if c == '&' {
			if r, n, ok := entity(b[i:]); ok {
				keep(r)
				i += n
				continue
			}
		}
		if c < utf8.RuneSelf {
			if c == '\r' && i+1 < len(b) && b[i+1] == '\n' {
				i++
				continue
			}
			if c == '\r' {
				c = '\n'
			}
			keep(rune(c))
			i++
			continue
		}
		if latin1 {
			keep(rune(c))
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		keep(r)
		i += n
	}
	return sb.String()
}

// entity decodes the entity at the start of b.
func entity(b []byte) (rune, int, bool) {
	semi := bytes.IndexByte(b[:min(len(b), 10)], ';')
	if semi < 2 {
		return 0, 0, false
	}
	name := string(b[1:semi])
	switch name {
	case "lt":
		return '<', semi + 1, true
	case "gt":
		return '>', semi + 1, true
	case "amp":
		return '&', semi + 1, true
	case "quot":
		return '"', semi + 1, true
	}
	if name[0] == '#' {
		n, err := strconv.ParseUint(name[1:], 10, 21)
		if err == nil && utf8.ValidRune(rune(n)) {
			return rune(n), semi + 1, true
		}
	}
	return 0, 0, false
}

// reutersBody rejoins wrapped lines into paragraphs and drops the sign-off.
func reutersBody(s string) string {
	lines := strings.Split(s, "\n")
	for len(lines) > 0 {
		last := strings.TrimSpace(lines[len(lines)-1])
		if last == "" || isSignOff(last) {
			lines = lines[:len(lines)-1]
			continue
		}
		// Some stories run the sign-off on at the end of the last line;
		// there only the bare word counts, so "told Reuters." stays.
		if i := strings.LastIndexAny(last, " \t"); i >= 0 && strings.EqualFold(strings.TrimRight(last[i+1:], "."), "reuter") {
			lines[len(lines)-1] = last[:i]
		}
		break
	}
	var paras []string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			paras = append(paras, strings.Join(cur, " "))
			cur = cur[:0]
		}
	}
	for _, line := range lines {
		trimmed := strings.Join(strings.Fields(line), " ")
		if trimmed == "" {
			flush()
			continue
		}
		if line[0] == ' ' || line[0] == '\t' {
			flush()
		}
		cur = append(cur, trimmed)
	}
	flush()
	return strings.Join(paras, "\n\n")
}

// isSignOff recognises the agency's closing line: "Reuter", "REUTER...".
func isSignOff(line string) bool {
	w := strings.TrimRight(line, ".")
	return strings.EqualFold(w, "reuter") || strings.EqualFold(w, "reuters")
}

// reutersDate reads "26-FEB-1987 15:01:01.79", with the stray spaces and
// trailing codes some stories carry; the zero time when it cannot.
func reutersDate(s string) time.Time {
	f := strings.Fields(s)
	if len(f) < 2 {
		return time.Time{}
	}
	clock := f[1]
	if i := strings.IndexFunc(clock, func(r rune) bool { return r != ':' && r != '.' && (r < '0' || r > '9') }); i >= 0 {
		clock = clock[:i]
	}
	// Time.Parse accepts a fractional second the layout does not name.
	t, err := time.Parse("2-Jan-2006 15:04:05", f[0]+" "+clock)
	if err != nil {
		return time.Time{}
	}
	return t
}
