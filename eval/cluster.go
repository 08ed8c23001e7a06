package eval

// Measures of a clustering against gold clusters: the adjusted Rand index
// (Hubert and Arabie 1985) and pairwise precision and recall, the measures
// used for families of reproduced news (Silcock et al. 2023, NEWS-COPY).

// Clustering compares predicted cluster labels with gold ones, item by
// item: gold[i] and predicted[i] label item i.
type Clustering struct {
	// Pairs counts the item pairs that share a gold cluster (Gold), a
	// predicted one (Predicted), and both (Both).
	Gold, Predicted, Both int64
	ARI                   float64
}

// Cluster measures predicted against gold; both have one label per item.
func Cluster(gold, predicted []string) Clustering {
	type cell struct{ g, p string }
	cells := map[cell]int64{}
	gs := map[string]int64{}
	ps := map[string]int64{}
	for i := range gold {
		cells[cell{gold[i], predicted[i]}]++
		gs[gold[i]]++
		ps[predicted[i]]++
	}
	pairs := func(n int64) int64 { return n * (n - 1) / 2 }
	var c Clustering
	for _, n := range cells {
		c.Both += pairs(n)
	}
	for _, n := range gs {
		c.Gold += pairs(n)
	}
	for _, n := range ps {
		c.Predicted += pairs(n)
	}
	total := pairs(int64(len(gold)))
	if total == 0 {
		c.ARI = 1
		return c
	}
	expected := float64(c.Gold) * float64(c.Predicted) / float64(total)
	maximum := (float64(c.Gold) + float64(c.Predicted)) / 2
	if maximum == expected {
		// Both clusterings are all singletons, or both one cluster.
		c.ARI = 1
		return c
	}
	c.ARI = (float64(c.Both) - expected) / (maximum - expected)
	return c
}

// Precision is the share of predicted same-cluster pairs that gold puts
// together; 1 when none are predicted.
func (c Clustering) Precision() float64 {
	if c.Predicted == 0 {
		return 1
	}
	return float64(c.Both) / float64(c.Predicted)
}

// Recall is the share of gold same-cluster pairs that are predicted
// together; 1 when gold has none.
func (c Clustering) Recall() float64 {
	if c.Gold == 0 {
		return 1
	}
	return float64(c.Both) / float64(c.Gold)
}

// F1 is the harmonic mean of pairwise precision and recall.
func (c Clustering) F1() float64 { return f1(c.Precision(), c.Recall()) }
