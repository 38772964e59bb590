package bench

import (
	"strconv"
	"testing"
)

// The collatz checksum is the work it does, computed in Go here and by
// every engine in the runner: the two must agree.
func TestCollatzSteps(t *testing.T) {
	w, ok := Find("collatz")
	if !ok {
		t.Fatal("no collatz workload")
	}
	if got := strconv.Itoa(CollatzSteps(w.N)) + "\n"; got != w.Expected {
		t.Errorf("CollatzSteps(%d) = %q, Expected says %q", w.N, got, w.Expected)
	}
	if got := CollatzSteps(10); got != 0+1+7+2+5+8+16+3+19+6 {
		t.Errorf("CollatzSteps(10) = %d", got)
	}
}

func TestWorkloadTable(t *testing.T) {
	for _, w := range Workloads {
		if w.R2 <= w.R1 || w.R1 < 1 || w.N < 1 || w.UnitsPerRep(w.N) <= 0 || w.Expected == "" {
			t.Errorf("%s: bad sizes or expectation: %+v", w.Name, w)
		}
	}
}
