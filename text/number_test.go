package text

import "testing"

func TestFigure(t *testing.T) {
	for _, c := range []struct {
		norm string
		v    float64
		ok   bool
	}{
		{"5", 5, true}, {"1,225,000", 1225000, true}, {"3.5", 3.5, true},
		{"five", 5, true}, {"forty", 40, true}, {"billion", 1e9, true},
		{"one", 0, false}, {"pumps", 0, false}, {"", 0, false},
	} {
		if v, ok := Figure(c.norm); v != c.v || ok != c.ok {
			t.Errorf("Figure(%q) = %v, %v; want %v, %v", c.norm, v, ok, c.v, c.ok)
		}
		if tok := Tokenize(c.norm); len(tok) == 1 && IsFigure(tok[0]) != c.ok {
			t.Errorf("IsFigure(%q) = %v, want %v", c.norm, !c.ok, c.ok)
		}
	}
}
