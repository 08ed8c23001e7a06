package agency

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"
)

func TestKey(t *testing.T) {
	tests := []struct{ in, key, known string }{
		{"REUTERS", "reuters", "Reuters"},
		{"Thomson Reuters", "reuters", "Reuters"},
		{"The Associated Press", "ap", "AP"},
		{"AFP via Getty", "afp via getty", ""},
		{"Agence France-Presse", "afp", "AFP"},
		{"Bloomberg L.P.", "bloomberg", "Bloomberg"},
		{"Health & Fitness Journal", "health fitness journal", ""},
		{"  The Cobb's Ferry Clarion ", "cobb s ferry clarion", ""},
		{"", "", ""},
	}
	for _, tt := range tests {
		if got := Key(tt.in); got != tt.key {
			t.Errorf("Key(%q) = %q, want %q", tt.in, got, tt.key)
		}
		if got, _ := Known(tt.in); got != tt.known {
			t.Errorf("Known(%q) = %q, want %q", tt.in, got, tt.known)
		}
	}
	if got := Aliases("thomson reuters"); !slices.Contains(got, "Reuters News") {
		t.Errorf("Aliases(thomson reuters) = %q", got)
	}
	if got := Aliases("Meridian Wire"); got != nil {
		t.Errorf("Aliases(Meridian Wire) = %q, want none", got)
	}
}

func TestOrganisations(t *testing.T) {
	tests := []struct {
		in           string
		organisation bool
		photoLibrary bool
	}{
		{"Meridian Wire", true, false},
		{"Health & Fitness Journal", true, false},
		{"AP", true, false},
		{"Getty Images", true, true},
		{"Shutterstock", true, true},
		{"Jane Roe", false, false},
		{"daily news", false, false},
		{"", false, false},
	}
	for _, tt := range tests {
		if got := LooksLikeOrganisation(tt.in); got != tt.organisation {
			t.Errorf("LooksLikeOrganisation(%q) = %v, want %v", tt.in, got, tt.organisation)
		}
		if got := IsPhotoLibrary(tt.in); got != tt.photoLibrary {
			t.Errorf("IsPhotoLibrary(%q) = %v, want %v", tt.in, got, tt.photoLibrary)
		}
	}
}

func TestNamedAndSame(t *testing.T) {
	named := []struct {
		in   string
		want []string
	}{
		{"JILL COLVIN Associated Press", []string{"AP"}},
		{"Anton Sorel/TASS via Getty Images", []string{"TASS", "Getty Images"}},
		{"Thomson Reuters Foundation", []string{"Reuters"}},
		{"Agence France-Presse", []string{"AFP"}},
		{"Health & Fitness Journal", nil},
		{"", nil},
	}
	for _, tt := range named {
		if got := Named(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Named(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	same := []struct {
		a, b string
		want bool
	}{
		{"AP", "The Associated Press", true},
		{"AP", "JILL COLVIN Associated Press", true},
		{"Anton Sorel/TASS via Getty Images", "Getty Images", true},
		{"REUTERS", "Thomson Reuters", true},
		{"Meridian Wire", "meridian wire", true},
		{"Reuters", "Health & Fitness Journal", false},
		{"AP", "AFP", false},
		{"", "", false},
	}
	for _, tt := range same {
		if got := Same(tt.a, tt.b); got != tt.want {
			t.Errorf("Same(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestNewsOutlets(t *testing.T) {
	for in, want := range map[string]bool{
		"Reuters": true, "The Associated Press": true, "Health & Fitness Journal": true, "Coastal Times": true,
		"World Bank": false, "Acme Group": false, "Getty Images": false, "Saturday": false, "Jane Roe": false, "": false,
	} {
		if got := LooksLikeNewsOutlet(in); got != want {
			t.Errorf("LooksLikeNewsOutlet(%q) = %v, want %v", in, got, want)
		}
	}
}

// foldByRunes is Fold as first written, rune by rune over the lower-cased
// string: Fold's byte path for ASCII must give what it gives.
func foldByRunes(s string) string {
	var b strings.Builder
	space := true
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			space = false
		} else if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	return strings.TrimPrefix(strings.TrimSpace(b.String()), "the ")
}

func TestFold(t *testing.T) {
	cases := []string{
		"", " ", "The", "the ", "The Associated Press", "  THE  Associated--Press!! ",
		"Agence France-Presse", "Deutsche Presse-Agentur", "Jill Colvin/Associated Press",
		"Ærø Tidende", "İstanbul Haber", "ТАСС", "新华社", "Reuters\u00a0News", "the the Reuters",
		"A\xffB", "théâtre", "EPA-EFE", "Health & Fitness Journal", "3COM Corp.",
	}
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []rune("aZ 9-.'&éÉßİıΣς\u00a0\u2019新\xff")
	for range 2000 {
		var b strings.Builder
		for range r.IntN(30) {
			b.WriteRune(alphabet[r.IntN(len(alphabet))])
		}
		cases = append(cases, b.String())
	}
	for _, s := range cases {
		if got, want := Fold(s), foldByRunes(s); got != want {
			t.Errorf("Fold(%q) = %q, want %q", s, got, want)
		}
	}
}

// A wire is known by its name when no list knows it; a paper, a site or a
// government's agency is not one.
func TestLooksLikeWire(t *testing.T) {
	for s, want := range map[string]bool{
		"Reuters": true, "Associated Press": true, "North Wire": true, "Meridian Press Agency": true,
		"Coastline News Service": true, "Press Trust of India": true, "Mercia News Agency": true,
		"Getty Images": false, "Harbour Ledger": false, "Detroit Free Press": false, "Daily Digest Hub": false,
		"Environment Agency": false, "Secret Service": false, "news agency": false, "": false,
	} {
		if got := LooksLikeWire(s); got != want {
			t.Errorf("LooksLikeWire(%q) = %v, want %v", s, got, want)
		}
	}
}
