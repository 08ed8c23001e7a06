package byline

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in    string
		names []string
		org   string
		role  string
		ok    bool
	}{
		{"By Dan Roe and Jon Landa", []string{"Dan Roe", "Jon Landa"}, "", "", true},
		{"By Hanna Obel and Tomas Reyne, Meridian Wire", []string{"Hanna Obel", "Tomas Reyne"}, "Meridian Wire", "", true},
		{"By MARA QUENTIN and DELL OKAFOR", []string{"MARA QUENTIN", "DELL OKAFOR"}, "", "", true},
		{"By Ann Lee, Bo Park and Cy Moss", []string{"Ann Lee", "Bo Park", "Cy Moss"}, "", "", true},
		{"By Nell Atterby, Clarion staff writer", []string{"Nell Atterby"}, "", "Clarion staff writer", true},
		{"By Hattie Crane, PA Political Correspondent", []string{"Hattie Crane"}, "PA", "PA Political Correspondent", true},
		{"By Jana van der Berg", []string{"Jana van der Berg"}, "", "", true},
		{"By Health & Fitness Journal", nil, "Health & Fitness Journal", "", true},
		{"By Reuters", nil, "Reuters", "", true},
		{"By CORA VELLMAN Associated Press", []string{"CORA VELLMAN"}, "Associated Press", "", true},
		{"By Cora Vellman and Idris Pell The Associated Press", []string{"Cora Vellman", "Idris Pell"}, "The Associated Press", "", true},
		{"By Cora Vellman, Associated Press", []string{"Cora Vellman"}, "Associated Press", "", true},
		{"By Reuters Staff", nil, "Reuters", "Reuters Staff", true},
		{"BY THE ASSOCIATED PRESS", nil, "THE ASSOCIATED PRESS", "", true},
		{"By Tuesday evening, most residents had left.", nil, "", "", false},
		{"By the time I got to the door it was already in the kitchen.", nil, "", "", false},
		{"By March 3 the water had gone", nil, "", "", false},
		{"Bystanders watched", nil, "", "", false},
	}
	for _, tt := range tests {
		b, ok := Parse(tt.in)
		if ok != tt.ok {
			t.Errorf("Parse(%q) ok %v, want %v", tt.in, ok, tt.ok)
			continue
		}
		if !ok {
			continue
		}
		part := func(r Range) string { return tt.in[r.Start:r.End] }
		var names []string
		for _, n := range b.Names {
			names = append(names, part(n))
		}
		if strings.Join(names, "|") != strings.Join(tt.names, "|") || part(b.Organisation) != tt.org || part(b.Role) != tt.role {
			t.Errorf("Parse(%q) = names %q org %q role %q, want %q %q %q", tt.in, names,
				part(b.Organisation), part(b.Role), tt.names, tt.org, tt.role)
		}
	}
}

func TestNames(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"Maria Lund", []string{"Maria Lund"}},
		{"By Priya Nair", []string{"Priya Nair"}},
		{"BY  Jane Roe AND John Doe", []string{"Jane Roe", "John Doe"}},
		{"Jane Roe, John Doe & Ana Ruiz", []string{"Jane Roe", "John Doe", "Ana Ruiz"}},
		{"Jane Roe; jane roe | Sam Okafor", []string{"Jane Roe", "Sam Okafor"}},
		{"Alexandra Andersen", []string{"Alexandra Andersen"}},
		{"Jane Roe, Meridian Wire", []string{"Jane Roe"}},
		{"By JANE ROE, AP Business Writer", []string{"JANE ROE"}},
		{"Meridian Wire", nil},
		{"Jane Roe | Staff Writer | Meridian Wire", []string{"Jane Roe"}},
	}
	for _, tc := range tests {
		if got := Names(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("Names(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestPersonNames(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"Jane Roe", true},
		{"JANE ROE", true},
		{"Jana van der Berg", true},
		{"J.R. O'Hara", true},
		{"van Berg", false},
		{"Meridian Wire", false},
		{"Staff Writer", false},
		{"Reuters", false},
		{"One Two Three Four Five Six", false},
		{"Jane Roe 2", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := IsPersonName(tt.in); got != tt.want {
			t.Errorf("IsPersonName(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
	for _, w := range []string{"van", "Van", "bin", "de"} {
		if !IsNameParticle(w) {
			t.Errorf("IsNameParticle(%q) = false", w)
		}
	}
	if IsNameParticle("and") {
		t.Error(`IsNameParticle("and") = true`)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"By Dan Roe and Jon Landa",
		"By Hanna Obel and Tomas Reyne, Meridian Wire",
		"By Ann Lee, Bo Park and Cy Moss",
		"By Hattie Crane, PA Political Correspondent",
		"By Health & Fitness Journal",
		"BY THE ASSOCIATED PRESS",
		"By ", "By A, ", "By A and", "By A & B & C, D E", "by x",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b, ok := Parse(s)
		if !ok {
			return
		}
		for _, r := range append([]Range{b.Organisation, b.Role}, b.Names...) {
			if r.Empty() {
				continue
			}
			if r.Start < 0 || r.End > len(s) {
				t.Fatalf("part [%d:%d] outside %q", r.Start, r.End, s)
			}
			if !utf8.ValidString(s[r.Start:r.End]) && utf8.ValidString(s) {
				t.Fatalf("part [%d:%d] of %q splits a character", r.Start, r.End, s)
			}
		}
		if len(b.Names) == 0 && b.Organisation.Empty() {
			t.Fatalf("byline %q names no one", s)
		}
	})
}
