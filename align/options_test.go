package align

import "testing"

func TestSet(t *testing.T) {
	o := Defaults
	if err := o.Set("immutables=false, merge_gap=0,min_density=0.5"); err != nil {
		t.Fatal(err)
	}
	if o.Immutables || o.MergeGap != 0 || o.MinDensity != 0.5 {
		t.Fatalf("options not set: %+v", o)
	}
	if !Defaults.Immutables || Defaults.MergeGap == 0 {
		t.Fatal("Set changed Defaults")
	}
	for _, bad := range []string{"nosuch=1", "merge_gap", "merge_gap=x", "immutables=maybe"} {
		if err := o.Set(bad); err == nil {
			t.Errorf("Set(%q) accepted", bad)
		}
	}
}
