package eval

import (
	"math"
	"testing"
)

func TestCluster(t *testing.T) {
	gold := []string{"a", "a", "a", "b", "b", "c"}
	cases := []struct {
		name      string
		predicted []string
		ari       float64
		p, r      float64
	}{
		{"same clusters, other names", []string{"x", "x", "x", "y", "y", "z"}, 1, 1, 1},
		{"all alone", []string{"1", "2", "3", "4", "5", "6"}, 0, 1, 0},
		{"one cluster", []string{"x", "x", "x", "x", "x", "x"}, 0, 4.0 / 15, 1},
		// Hubert and Arabie's index worked by hand: pairs together in
		// both 1+1+0 = 2 of 4 gold pairs and of 4 predicted pairs, 15
		// pairs in all: expected 16/15, max 4, (2-16/15)/(4-16/15).
		{"one member misplaced", []string{"x", "x", "y", "y", "y", "z"}, (2 - 16.0/15) / (4 - 16.0/15), 0.5, 0.5},
	}
	for _, c := range cases {
		got := Cluster(gold, c.predicted)
		if math.Abs(got.ARI-c.ari) > 1e-9 || math.Abs(got.Precision()-c.p) > 1e-9 || math.Abs(got.Recall()-c.r) > 1e-9 {
			t.Errorf("%s: ARI %.4f P %.4f R %.4f, want %.4f %.4f %.4f", c.name, got.ARI, got.Precision(), got.Recall(), c.ari, c.p, c.r)
		}
	}
}

func TestMinHashFamilies(t *testing.T) {
	base := "the harbour authority said on tuesday that the new ferry terminal would open in june after two years of delays caused by flooding and a dispute with the builders over the cost of the pier"
	docs := []baselineDoc{
		{id: "a", text: base},
		{id: "b", text: base + " officials added"},
		{id: "c", text: "a regional orchestra announced a winter season of nine concerts with three premieres and a new conductor from the capital who trained in vienna and oslo"},
	}
	r := minHashFamilies(docs, 0.5)
	if r.label[0] != r.label[1] || r.label[0] == r.label[2] {
		t.Errorf("labels %v: a and b together, c apart", r.label)
	}
	if r.origin[r.label[0]] != "b" || r.parent[0] != "b" {
		t.Errorf("without times the longer text is the origin: origin %s, parent of a %s", r.origin[r.label[0]], r.parent[0])
	}
}
