package interp_test

import (
	"io"
	"os"
	"runtime"
	"strconv"
	"testing"

	"github.com/metajit/metajit/backend"
	"github.com/metajit/metajit/backend/irexec"
	"github.com/metajit/metajit/backend/native"
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

// TestDistanceTuplesAreNeverAllocated checks allocation removal on examples/distance: each call
// builds three tuples of floats, and with the JIT on (optimizer on) none is allocated, on the
// portable executor and on the native backend.
func TestDistanceTuplesAreNeverAllocated(t *testing.T) {
	src, err := os.ReadFile("../examples/distance/distance.py")
	if err != nil {
		t.Fatal(err)
	}
	run := func(o interp.Options, calls int) uint64 {
		o.Stdout, o.Stderr = io.Discard, io.Discard
		o.Args = []string{strconv.Itoa(calls)}
		prog, serr := interp.Compile("distance.py", string(src))
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
	for name, b := range map[string]backend.Backend{"irexec": irexec.New(), "native": native.New()} {
		t.Run(name, func(t *testing.T) {
			o := interp.Options{JIT: interp.JITOptions{Enabled: true, Backend: b}}
			small, large := run(o, 20000), run(o, 220000)
			t.Logf("mallocs: %d for 20000 calls, %d for 220000", small, large)
			if extra := int64(large) - int64(small); extra > 1000 {
				t.Errorf("%d more mallocs for 200000 more calls: the tuples are allocated", extra)
			}
			// Without the optimizer each call allocates its tuples: the test can fail.
			o.JIT.DisablePasses = "all"
			if unopt := run(o, 220000); unopt < 200000 {
				t.Errorf("without the optimizer only %d mallocs: the workload no longer builds tuples", unopt)
			}
		})
	}
}
