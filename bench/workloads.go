// Package bench holds metajit's benchmark workloads: Python-subset
// programs in workloads/ (with Lua twins beside them and native Go twins
// in native/), the table below that says how to run and measure them,
// the runner in run/ and Go benchmarks that drive the interpreter
// through its library API.
package bench

// A Workload is one benchmark program. Every version of it (NAME.py,
// NAME.lua, native/NAME) takes the arguments "N REPS": it sets up a
// problem of size N, solves it REPS times over and prints a checksum that
// depends on N only. Timing a run with few repetitions (R1) and one with
// many (R2) and dividing the difference by the work done in between gives
// the steady-state time per unit: start-up, parsing, list building and
// JIT warm-up happen in both runs and cancel out.
type Workload struct {
	Name   string // file stem: workloads/NAME.py, workloads/NAME.lua, native/NAME
	Unit   string // one unit of work, for "ns per UNIT"
	N      int    // problem size (argv[1])
	R1, R2 int    // repetitions (argv[2]) of the small and the large run

	// UnitsPerRep is the work done by one repetition, in units.
	UnitsPerRep func(n int) float64

	// Expected is what every engine prints for this N.
	Expected string
}

// Workloads is the benchmark suite, in table order. The runner starts from
// R2 and scales it per engine so that the large run takes long enough to
// time; the Go benchmarks use R1 and R2 as written.
var Workloads = []Workload{
	{
		Name: "sum_list", Unit: "element", N: 100000, R1: 5, R2: 300,
		UnitsPerRep: func(n int) float64 { return float64(n) },
		Expected:    "4999950000\n",
	},
	{
		Name: "distance", Unit: "call", N: 20000, R1: 2, R2: 60,
		UnitsPerRep: func(n int) float64 { return float64(n) },
		Expected:    "22241737\n",
	},
	{
		Name: "collatz", Unit: "step", N: 3000, R1: 2, R2: 40,
		UnitsPerRep: func(n int) float64 { return float64(CollatzSteps(n)) },
		Expected:    "215063\n",
	},
	{
		Name: "nbody", Unit: "step", N: 200, R1: 2, R2: 300,
		UnitsPerRep: func(n int) float64 { return float64(n) },
		Expected:    "-169075163\n-169026908\n",
	},
}

// CollatzSteps is the total number of Collatz steps taken from each of
// 1..limit down to 1: the work one repetition of collatz does, and its
// checksum.
func CollatzSteps(limit int) int {
	total := 0
	for k := 1; k <= limit; k++ {
		for n := k; n != 1; total++ {
			if n%2 == 0 {
				n /= 2
			} else {
				n = 3*n + 1
			}
		}
	}
	return total
}

// Find returns the workload with the given name.
func Find(name string) (Workload, bool) {
	for _, w := range Workloads {
		if w.Name == name {
			return w, true
		}
	}
	return Workload{}, false
}
