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
		wantErr error
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
			got, enc, err := Decode(tt.raw)
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
			if enc != tt.wantEnc {
				t.Errorf("Decode(%q) encoding = %s, want %s", tt.raw, enc, tt.wantEnc)
			}
		})
	}
}
