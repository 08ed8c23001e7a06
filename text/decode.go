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

// Errors of Decode.
var (
	ErrEmpty  = errors.New("empty input")
	ErrBinary = errors.New("binary data, not text")
)

// Decode returns raw as a UTF-8 string. Valid UTF-8 is returned unchanged
// (a byte-order mark included, so offsets stay those of the file). Bytes
// that are not valid UTF-8 but read as Windows-1252 text are converted, and
// the returned Encoding says so. Input with NUL bytes or many control bytes
// is ErrBinary; input with no letters or digits at all is ErrEmpty.
func Decode(raw []byte) (string, Encoding, error) {
	if len(bytes.TrimSpace(raw)) == 0 {
		return "", UTF8, ErrEmpty
	}
	if looksBinary(raw) {
		return "", UTF8, ErrBinary
	}
	enc := UTF8
	s := string(raw)
	if !utf8.Valid(raw) {
		// Windows-1252 leaves five bytes undefined; the x/text decoder maps
		// them to U+FFFD rather than failing, which is what a reader wants.
		b, err := charmap.Windows1252.NewDecoder().Bytes(raw)
		if err != nil {
			return "", enc, fmt.Errorf("neither UTF-8 nor Windows-1252: %w", err)
		}
		s, enc = string(b), Windows1252
	}
	if !hasWord(s) {
		return "", enc, ErrEmpty
	}
	return s, enc, nil
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
