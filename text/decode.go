package text

import (
	"bytes"
	"errors"
	"fmt"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// Encoding names how Decode read the bytes.
type Encoding string

const (
	UTF8        Encoding = "utf-8"
	Windows1252 Encoding = "windows-1252"
)

// Decoding says how Decode read the bytes of a text.
type Decoding struct {
	Encoding Encoding
	// Replaced counts the bytes of a text read as UTF-8 that were not
	// valid UTF-8; each became U+FFFD where it stood.
	Replaced int
	// FirstReplaced is the offset in the input of the first of them.
	FirstReplaced int
}

// Note says in a few words how a text that was not valid UTF-8 was read,
// or is "" for valid UTF-8.
func (d Decoding) Note() string {
	switch {
	case d.Replaced == 1:
		return fmt.Sprintf("not valid UTF-8: 1 byte (at offset %d) replaced with U+FFFD", d.FirstReplaced)
	case d.Replaced > 1:
		return fmt.Sprintf("not valid UTF-8: %d bytes (the first at offset %d) replaced with U+FFFD", d.Replaced, d.FirstReplaced)
	case d.Encoding != "" && d.Encoding != UTF8:
		return fmt.Sprintf("not valid UTF-8, read as %s", d.Encoding)
	}
	return ""
}

// Errors of Decode.
var (
	ErrEmpty  = errors.New("empty input")
	ErrBinary = errors.New("binary data, not text")
)

// Decode returns raw as a UTF-8 string. Valid UTF-8 is returned unchanged
// (a byte-order mark included, so offsets stay those of the file).
//
// Bytes that are not valid UTF-8 are read one of two ways. In a text that
// is mostly UTF-8 (at least as many valid multi-byte characters as invalid
// bytes) each invalid byte is replaced with U+FFFD where it stands: one
// stray byte in a UTF-8 article must not turn every accent and curly quote
// of it into mojibake. Otherwise the text is read as Windows-1252, the
// encoding of most old non-UTF-8 news text (ASCII is the same in both, so
// an English text with a few Windows-1252 quotes loses nothing). The
// Decoding says which, and how many bytes were replaced.
//
// Input with NUL bytes or many control bytes is ErrBinary; input with no
// letters or digits at all is ErrEmpty.
func Decode(raw []byte) (string, Decoding, error) {
	dec := Decoding{Encoding: UTF8}
	if len(bytes.TrimSpace(raw)) == 0 {
		return "", dec, ErrEmpty
	}
	if looksBinary(raw) {
		return "", dec, ErrBinary
	}
	s := string(raw)
	if !utf8.Valid(raw) {
		if multi, invalid, first := utf8Census(raw); multi >= invalid {
			s = replaceInvalid(raw, invalid)
			dec.Replaced, dec.FirstReplaced = invalid, first
		} else {
			// Windows-1252 leaves five bytes undefined; the x/text
			// decoder maps them to U+FFFD rather than failing, which is
			// what a reader wants.
			b, err := charmap.Windows1252.NewDecoder().Bytes(raw)
			if err != nil {
				return "", dec, fmt.Errorf("neither UTF-8 nor Windows-1252: %w", err)
			}
			s, dec.Encoding = string(b), Windows1252
		}
	}
	if !hasWord(s) {
		return "", dec, ErrEmpty
	}
	return s, dec, nil
}

// ReplaceInvalid returns raw as UTF-8 with each byte that is not valid
// UTF-8 replaced with U+FFFD where it stands, and a Decoding that counts
// them (its Encoding UTF8): for text known or taken to be UTF-8.
func ReplaceInvalid(raw []byte) (string, Decoding) {
	dec := Decoding{Encoding: UTF8}
	if utf8.Valid(raw) {
		return string(raw), dec
	}
	_, invalid, first := utf8Census(raw)
	dec.Replaced, dec.FirstReplaced = invalid, first
	return replaceInvalid(raw, invalid), dec
}

// MostlyUTF8 reports whether raw, not valid UTF-8, has at least as many
// valid multi-byte characters as invalid bytes: text written as UTF-8 and
// damaged here and there, rather than text in another encoding.
func MostlyUTF8(raw []byte) bool {
	multi, invalid, _ := utf8Census(raw)
	return multi >= invalid
}

// utf8Census counts the valid multi-byte characters and the invalid bytes
// of raw, and finds the first invalid byte (-1 if none).
func utf8Census(raw []byte) (multi, invalid, first int) {
	first = -1
	for i := 0; i < len(raw); {
		if raw[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(raw[i:])
		if r == utf8.RuneError && size == 1 {
			if first < 0 {
				first = i
			}
			invalid++
		} else {
			multi++
		}
		i += size
	}
	return multi, invalid, first
}

// replaceInvalid returns raw with each of its invalid bytes (there are
// invalid of them) replaced with U+FFFD.
func replaceInvalid(raw []byte, invalid int) string {
	b := make([]byte, 0, len(raw)+2*invalid)
	for i := 0; i < len(raw); {
		if raw[i] < utf8.RuneSelf {
			b = append(b, raw[i])
			i++
			continue
		}
		r, size := utf8.DecodeRune(raw[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, "\uFFFD"...)
		} else {
			b = append(b, raw[i:i+size]...)
		}
		i += size
	}
	return string(b)
}

// looksBinary reports NUL bytes, or control bytes other than whitespace in
// more than one byte in ten of the first 8 KiB. Text from old wire systems
// carries stray control bytes (0x19 where U+2019 lost its high byte), so a
// few do not make a file binary.
func looksBinary(raw []byte) bool {
	head := raw[:min(len(raw), 8192)]
	if bytes.IndexByte(head, 0) >= 0 {
		return true
	}
	ctrl := 0
	for _, c := range head {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v' {
			ctrl++
		}
	}
	return ctrl*10 > len(head)
}

func hasWord(s string) bool {
	for _, r := range s {
		if isWordRune(r) {
			return true
		}
	}
	return false
}
