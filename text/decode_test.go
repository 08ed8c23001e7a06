package text

import (
	"errors"
	"testing"
)

func TestDecode(t *testing.T) {
	tests := []struct {
		name    string
		raw     []byte
		want    string
		wantEnc Encoding
		// wantReplaced is how many bytes became U+FFFD, at
		// wantFirst for the first.
		wantReplaced, wantFirst int
		wantErr                 error
	}{
		{
			name:    "ascii",
			raw:     []byte("Harbour dredging starts on Monday."),
			want:    "Harbour dredging starts on Monday.",
			wantEnc: UTF8,
		},
		{
			name:    "utf-8 multibyte kept byte for byte",
			raw:     []byte("The caf\u00e9 on Rue \u00c9mile said \u201cclosed\u201d \u2014 again."),
			want:    "The caf\u00e9 on Rue \u00c9mile said \u201cclosed\u201d \u2014 again.",
			wantEnc: UTF8,
		},
		{
			// The mark stays so that offsets are those of the file.
			name:    "utf-8 byte-order mark kept",
			raw:     []byte("\xef\xbb\xbfCouncil votes on ferry fares"),
			want:    "\ufeffCouncil votes on ferry fares",
			wantEnc: UTF8,
		},
		{
			name:    "utf-8 with carriage returns and tabs",
			raw:     []byte("Line one\r\n\tLine two\r\n"),
			want:    "Line one\r\n\tLine two\r\n",
			wantEnc: UTF8,
		},
		{
			name:    "windows-1252 curly quotes",
			raw:     []byte("The mayor said \x93no comment\x94 twice."),
			want:    "The mayor said \u201cno comment\u201d twice.",
			wantEnc: Windows1252,
		},
		{
			name:    "windows-1252 e acute",
			raw:     []byte("A new caf\xe9 opened near the pier."),
			want:    "A new caf\u00e9 opened near the pier.",
			wantEnc: Windows1252,
		},
		{
			name:    "windows-1252 dash, apostrophe and euro",
			raw:     []byte("Tickets cost \x805 \x96 the council\x92s price."),
			want:    "Tickets cost \u20ac5 \u2013 the council\u2019s price.",
			wantEnc: Windows1252,
		},
		{
			// 0x81 has no character in Windows-1252: the decoder gives
			// the replacement character rather than failing.
			name:    "windows-1252 undefined byte",
			raw:     []byte("Gate \x81 closed"),
			want:    "Gate \ufffd closed",
			wantEnc: Windows1252,
		},
		{
			// One stray byte in a UTF-8 article: replaced where it
			// stands, the accents and quotes around it kept.
			name:         "utf-8 with one stray byte",
			raw:          []byte("The caf\u00e9 said \u201cclosed\u201d\x92 until June."),
			want:         "The caf\u00e9 said \u201cclosed\u201d\ufffd until June.",
			wantEnc:      UTF8,
			wantReplaced: 1,
			wantFirst:    27,
		},
		{
			name:         "utf-8 with a truncated character",
			raw:          []byte("\u00c9mile\xe2\x80 and Zo\u00eb"),
			want:         "\u00c9mile\ufffd\ufffd and Zo\u00eb",
			wantEnc:      UTF8,
			wantReplaced: 2,
			wantFirst:    6,
		},
		{
			// As many invalid bytes as valid characters: still UTF-8.
			name:         "utf-8 and invalid bytes even",
			raw:          []byte("caf\u00e9 caf\xe9"),
			want:         "caf\u00e9 caf\ufffd",
			wantEnc:      UTF8,
			wantReplaced: 1,
			wantFirst:    9,
		},
		{
			// More invalid bytes than valid characters: another
			// encoding, with one sequence that happens to be UTF-8.
			name:    "windows-1252 with an accidental utf-8 pair",
			raw:     []byte("\xc3\xa9 caf\xe9 na\xefve \x93quoted\x94"),
			want:    "\u00c3\u00a9 caf\u00e9 na\u00efve \u201cquoted\u201d",
			wantEnc: Windows1252,
		},
		{
			name:    "nul byte",
			raw:     []byte("Looks like text\x00 but is not"),
			wantErr: ErrBinary,
		},
		{
			name:    "utf-16 is binary",
			raw:     []byte("\xff\xfeH\x00i\x00"),
			wantErr: ErrBinary,
		},
		{
			name:    "many control bytes",
			raw:     []byte("ab\x01\x02\x03\x04cd"),
			wantErr: ErrBinary,
		},
		{
			name:    "nothing",
			raw:     nil,
			wantErr: ErrEmpty,
		},
		{
			name:    "whitespace only",
			raw:     []byte(" \t\r\n\n  "),
			wantErr: ErrEmpty,
		},
		{
			name:    "unicode whitespace only",
			raw:     []byte("\u00a0\u2003\n"),
			wantErr: ErrEmpty,
		},
		{
			name:    "punctuation only",
			raw:     []byte("... -- !? \u201c\u201d ***"),
			wantErr: ErrEmpty,
		},
		{
			name:    "windows-1252 punctuation only",
			raw:     []byte("\x93\x94 \x96"),
			wantErr: ErrEmpty,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, dec, err := Decode(tt.raw)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("Decode(%q) error = %v, want %v", tt.raw, err, tt.wantErr)
				}
				if got != "" {
					t.Errorf("Decode(%q) = %q with an error, want empty text", tt.raw, got)
				}
				return
			}
			if err != nil {
				t.Fatalf("Decode(%q) error = %v", tt.raw, err)
			}
			if got != tt.want {
				t.Errorf("Decode(%q) = %q, want %q", tt.raw, got, tt.want)
			}
			if dec.Encoding != tt.wantEnc {
				t.Errorf("Decode(%q) encoding = %s, want %s", tt.raw, dec.Encoding, tt.wantEnc)
			}
			if dec.Replaced != tt.wantReplaced || tt.wantReplaced > 0 && dec.FirstReplaced != tt.wantFirst {
				t.Errorf("Decode(%q) replaced %d bytes from %d, want %d from %d", tt.raw, dec.Replaced, dec.FirstReplaced, tt.wantReplaced, tt.wantFirst)
			}
		})
	}
}
