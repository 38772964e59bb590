package bench

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/metajit/metajit/interp"
)

// Each benchmark runs one workload through the library API, as the
// runner runs it through the metajit binary: a small run (R1 repetitions)
// and a large run (R2) per iteration, reporting the steady-state time per
// unit of work, (large - small) / units in between, and likewise the Go
// heap allocations per unit (the JIT should bring distance's to ~0).
//
//	go test -tags metajit_api -run '^$' -bench . ./bench/

func BenchmarkSumList(b *testing.B)  { benchWorkload(b, "sum_list") }
func BenchmarkDistance(b *testing.B) { benchWorkload(b, "distance") }
func BenchmarkCollatz(b *testing.B)  { benchWorkload(b, "collatz") }
func BenchmarkNbody(b *testing.B)    { benchWorkload(b, "nbody") }

func benchWorkload(b *testing.B, name string) {
	w, ok := Find(name)
	if !ok {
		b.Fatalf("no workload %q", name)
	}
	filename := filepath.Join("workloads", name+".py")
	src, err := os.ReadFile(filename)
	if err != nil {
		b.Fatal(err)
	}
	var elapsed time.Duration
	var mallocs uint64
	for i := 0; i < b.N; i++ {
		smallT, smallM := runOnce(b, w, filename, string(src), w.R1)
		largeT, largeM := runOnce(b, w, filename, string(src), w.R2)
		elapsed += largeT - smallT
		if largeM > smallM {
			mallocs += largeM - smallM
		}
	}
	units := float64(b.N) * float64(w.R2-w.R1) * w.UnitsPerRep(w.N)
	b.ReportMetric(float64(elapsed.Nanoseconds())/units, "ns/"+w.Unit)
	b.ReportMetric(float64(mallocs)/units, "mallocs/"+w.Unit)
}

// runOnce runs the workload with reps repetitions and returns its time and
// the number of Go heap allocations it made; it fails the benchmark if
// the program fails or prints anything but the expected checksum.
func runOnce(b *testing.B, w Workload, filename, src string, reps int) (time.Duration, uint64) {
	var stdout, stderr bytes.Buffer
	opts := interp.Options{
		Stdout: &stdout,
		Stderr: &stderr,
		Args:   []string{strconv.Itoa(w.N), strconv.Itoa(reps)},
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	status := interp.Run(filename, src, opts)
	d := time.Since(start)
	runtime.ReadMemStats(&after)
	if status != 0 {
		b.Fatalf("%s %v: exit status %d\n%s", filename, opts.Args, status, stderr.String())
	}
	if got := stdout.String(); got != w.Expected {
		b.Fatalf("%s %v printed %q, want %q", filename, opts.Args, got, w.Expected)
	}
	return d, after.Mallocs - before.Mallocs
}
