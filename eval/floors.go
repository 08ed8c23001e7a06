package eval

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Floor is the least value a figure may take: a regression guard for CI.
type Floor struct {
	Metric string
	Min    float64
}

// ErrUnknownMetric: a floor names a figure the evaluation does not report.
var ErrUnknownMetric = errors.New("unknown metric")

// ParseFloors reads floors written "metric=value,metric=value", e.g.
// "macro_f1=0.70,binary_macro_f1=0.8". An empty string is no floors.
func ParseFloors(s string) ([]Floor, error) {
	var floors []Floor
	for item := range strings.SplitSeq(s, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		name, value, ok := strings.Cut(item, "=")
		name = strings.TrimSpace(name)
		if !ok || name == "" {
			return nil, fmt.Errorf("floor %q: want metric=value", item)
		}
		v, err := strconv.ParseFloat(strings.TrimSpace(value), 64)
		if err != nil {
			return nil, fmt.Errorf("floor %q: %w", item, err)
		}
		floors = append(floors, Floor{Metric: name, Min: v})
	}
	return floors, nil
}

// BelowFloorError lists the figures that fell below their floors.
type BelowFloorError struct {
	Below []FloorMiss
}

// FloorMiss is one figure under its floor.
type FloorMiss struct {
	Floor
	Value float64
}

func (e *BelowFloorError) Error() string {
	var b strings.Builder
	b.WriteString("below floor:")
	for i, m := range e.Below {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, " %s = %.4f < %.4f", m.Metric, m.Value, m.Min)
	}
	return b.String()
}

// CheckFloors returns a *BelowFloorError naming every figure under its
// floor, an error wrapping ErrUnknownMetric when a floor names a figure
// not in figures, or nil.
func CheckFloors(figures map[string]float64, floors []Floor) error {
	var below []FloorMiss
	for _, f := range floors {
		v, ok := figures[f.Metric]
		if !ok {
			names := make([]string, 0, len(figures))
			for k := range figures {
				names = append(names, k)
			}
			slices.Sort(names)
			return fmt.Errorf("floor %s: %w (have %s)", f.Metric, ErrUnknownMetric, strings.Join(names, ", "))
		}
		if v < f.Min {
			below = append(below, FloorMiss{Floor: f, Value: v})
		}
	}
	if len(below) > 0 {
		return &BelowFloorError{Below: below}
	}
	return nil
}
