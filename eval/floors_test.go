package eval

import (
	"errors"
	"strings"
	"testing"
)

func TestFloors(t *testing.T) {
	fl, err := ParseFloors(" macro_f1=0.70, binary_macro_f1 = 0.8,,03-random-obfuscation.plagdet=0.6")
	if err != nil {
		t.Fatal(err)
	}
	want := []Floor{{"macro_f1", 0.7}, {"binary_macro_f1", 0.8}, {"03-random-obfuscation.plagdet", 0.6}}
	if len(fl) != len(want) {
		t.Fatalf("floors %+v, want %+v", fl, want)
	}
	for i := range want {
		if fl[i] != want[i] {
			t.Errorf("floor %d = %+v, want %+v", i, fl[i], want[i])
		}
	}
	figures := map[string]float64{"macro_f1": 0.72, "binary_macro_f1": 0.79, "03-random-obfuscation.plagdet": 0.5}
	err = CheckFloors(figures, fl)
	var below *BelowFloorError
	if !errors.As(err, &below) || len(below.Below) != 2 {
		t.Fatalf("CheckFloors = %v, want two figures below", err)
	}
	if msg := err.Error(); !strings.Contains(msg, "binary_macro_f1 = 0.7900 < 0.8000") || !strings.Contains(msg, "03-random-obfuscation.plagdet = 0.5000 < 0.6000") {
		t.Errorf("message %q does not name the metrics and values", msg)
	}
	if err := CheckFloors(figures, fl[:1]); err != nil {
		t.Errorf("macro_f1 above its floor: %v", err)
	}
	if err := CheckFloors(figures, []Floor{{"macro_f2", 0.1}}); !errors.Is(err, ErrUnknownMetric) || !strings.Contains(err.Error(), "binary_macro_f1") {
		t.Errorf("unknown metric: %v, want ErrUnknownMetric listing the known ones", err)
	}
	if fl, err := ParseFloors(""); err != nil || fl != nil {
		t.Errorf("empty floors: %v, %v", fl, err)
	}
	for _, bad := range []string{"macro_f1", "=0.5", "macro_f1=high"} {
		if _, err := ParseFloors(bad); err == nil {
			t.Errorf("ParseFloors(%q) accepted", bad)
		}
	}
}
