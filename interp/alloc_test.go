package interp_test

import (
	"io"
	"os"
	"runtime"
	"strconv"
	"testing"

	"github.com/metajit/metajit/backend/irexec"
	"github.com/metajit/metajit/interp"
)

// mallocsOf runs the sum_list example with n elements summed reps times and returns the Go
// heap allocations of the whole run.
func mallocsOf(t *testing.T, src string, n, reps int, o interp.Options) uint64 {
	t.Helper()
	o.Stdout, o.Stderr = io.Discard, io.Discard
	o.Args = []string{strconv.Itoa(n), strconv.Itoa(reps)}
	prog, serr := interp.Compile("sum_list.py", src)
	if serr != nil {
		t.Fatal(serr.Report())
	}
	in := interp.New(prog, o)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	if status := in.Main(); status != 0 {
		t.Fatalf("status %d", status)
	}
	runtime.ReadMemStats(&after)
	return after.Mallocs - before.Mallocs
}

// TestSumListLoopDoesNotAllocate checks that the loop `for x in xs: total += x` allocates
// nothing per iteration: 100 more repetitions over 20000 elements (two million more
// iterations) may add only a few allocations per repetition (the call and its iterator).
func TestSumListLoopDoesNotAllocate(t *testing.T) {
	src, err := os.ReadFile("../examples/sum_list/sum_list.py")
	if err != nil {
		t.Fatal(err)
	}
	modes := map[string]interp.Options{
		"interpreter": {},
		"jit-irexec":  {JIT: interp.JITOptions{Enabled: true, Threshold: 100, Backend: irexec.New()}},
	}
	for name, o := range modes {
		t.Run(name, func(t *testing.T) {
			const n = 20000
			small := mallocsOf(t, string(src), n, 2, o)
			large := mallocsOf(t, string(src), n, 102, o)
			extra := int64(large) - int64(small)
			perRep := float64(extra) / 100
			t.Logf("mallocs: %d for 2 repetitions, %d for 102 (%.1f per repetition of %d iterations)", small, large, perRep, n)
			if perRep > 10 {
				t.Errorf("%.1f allocations per repetition of %d iterations: the loop allocates", perRep, n)
			}
		})
	}
}
