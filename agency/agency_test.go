package agency

import (
	"slices"
	"testing"
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
