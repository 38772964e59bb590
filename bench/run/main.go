// Command run measures metajit's benchmark workloads beside CPython,
// PyPy, LuaJIT and native Go and prints one Markdown table.
//
//	go run ./bench/run [-quick] [-out bench/results.md] [-svg bench/chart.svg]
//	                   [-engines cpython,go] [-workloads sum_list,nbody]
//
// For each workload (bench.Workloads) and each installed engine it times a
// small run (R1 repetitions) and a large run (R2 repetitions), keeps the
// best of k runs of each, and reports (large - small) / work in between as
// the steady-state time per unit: process start-up, parsing, set-up and JIT
// warm-up are in both runs and cancel. R2 is scaled per engine so that the
// large run takes about -target longer than the small one. Every run's output must equal CPython's
// (or, without CPython, the workload's Expected output); a difference is
// flagged in the table and makes the runner exit with status 1.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/metajit/metajit/bench"
)

// An Engine is one column of the table.
type Engine struct {
	Name string // column header
	Key  string // name for -engines

	// Prog is the executable: a command looked up in PATH, or one of the
	// programs the runner builds itself: buildMetajit (./cmd/metajit) or
	// buildNative (./bench/native/NAME, one binary per workload).
	Prog    string
	Flags   []string // arguments before the script
	Ext     string   // the script the engine runs: workloads/NAME+Ext ("" for native)
	Version []string // arguments that make Prog print its version

	// Resolve, if set, are arguments that make Prog print the path of the
	// real executable, which the runner then runs instead: python3 is
	// often a pyenv shim, a shell script that adds ~100 ms of noise.
	Resolve []string
}

// pyExecutable makes a Python print its real executable.
var pyExecutable = []string{"-c", "import sys; print(sys.executable)"}

const (
	buildMetajit = "<metajit>"
	buildNative  = "<native>"
)

// Engines are the table's columns, in order. CPython is the reference for
// the ratios and the outputs.
var Engines = []Engine{
	{Name: "metajit JIT off", Key: "metajit-off", Prog: buildMetajit, Flags: []string{"-jit=off"}, Ext: ".py"},
	{Name: "metajit JIT on", Key: "metajit", Prog: buildMetajit, Ext: ".py"},
	{Name: "CPython", Key: "cpython", Prog: "python3", Ext: ".py", Version: []string{"--version"}, Resolve: pyExecutable},
	{Name: "PyPy", Key: "pypy", Prog: "pypy3", Ext: ".py", Version: []string{"--version"}, Resolve: pyExecutable},
	{Name: "LuaJIT", Key: "luajit", Prog: "luajit", Ext: ".lua", Version: []string{"-v"}},
	{Name: "Go", Key: "go", Prog: buildNative},
}

const (
	refKey       = "cpython"     // the engine ratios and outputs are relative to
	jitOffKey    = "metajit-off" // the engine of the "JIT off / CPython" column
	runTimeout   = 3 * time.Minute
	maxScaleStep = 1000 // at most this much larger R2 per calibration step
)

// A Cell is one engine's result on one workload.
type Cell struct {
	NA       string  // why there is no number ("not installed", "build failed", "error", ...)
	Ns       float64 // steady-state ns per unit
	R2       int     // the large run's repetitions, after calibration
	Outputs  []string
	Mismatch string // how the output differed from the reference
	Detail   string // error details for the notes
}

type config struct {
	root, tmp  string
	k          int
	target     time.Duration
	metajitBin string
	metajitErr string
	nativeBins map[string]string // workload name -> binary, or "" if the build failed
	nativeErr  map[string]string
	progs      map[string]string // engine key -> installed executable
}

var verbose = flag.Bool("v", false, "log every run and its time")

func main() {
	quick := flag.Bool("quick", false, "best of 1 with short runs (about 4x faster, noisier)")
	out := flag.String("out", "", "also write the Markdown report to this file")
	svg := flag.String("svg", "", "write the SVG chart here (default ROOT/bench/chart.svg)")
	k := flag.Int("k", 0, "take the best of k runs (default 3, 1 with -quick)")
	target := flag.Duration("target", 0, "aim for the large run to take this much longer than the small one (default 500ms, 150ms with -quick)")
	onlyEngines := flag.String("engines", "", "comma-separated engine keys to run (default all: "+engineKeys()+")")
	onlyWorkloads := flag.String("workloads", "", "comma-separated workloads to run (default all)")
	flag.Parse()

	cfg := &config{k: 3, target: 500 * time.Millisecond}
	if *quick {
		cfg.k, cfg.target = 1, 150*time.Millisecond
	}
	if *k > 0 {
		cfg.k = *k
	}
	if *target > 0 {
		cfg.target = *target
	}
	root, err := findRoot()
	if err != nil {
		fatal(err)
	}
	cfg.root = root
	if *svg == "" {
		*svg = filepath.Join(root, "bench", "chart.svg")
	}
	engines, err := selectEngines(*onlyEngines)
	if err != nil {
		fatal(err)
	}
	workloads, err := selectWorkloads(*onlyWorkloads)
	if err != nil {
		fatal(err)
	}
	cfg.tmp, err = os.MkdirTemp("", "metajit-bench-")
	if err != nil {
		fatal(err)
	}
	defer os.RemoveAll(cfg.tmp)
	cfg.build(engines, workloads)

	results := map[string]map[string]*Cell{} // workload -> engine key -> cell
	for _, w := range workloads {
		results[w.Name] = map[string]*Cell{}
		for _, e := range engines {
			c := cfg.measure(e, w)
			results[w.Name][e.Key] = c
			if c.NA != "" {
				logf("%-9s %-16s n/a (%s)", w.Name, e.Name, c.NA)
			} else {
				logf("%-9s %-16s %s ns/%s (R1=%d R2=%d)", w.Name, e.Name, fmtNs(c.Ns), w.Unit, w.R1, c.R2)
			}
		}
		checkOutputs(w, engines, results[w.Name])
	}

	report := cfg.report(engines, workloads, results, *quick)
	fmt.Print(report)
	if *out != "" {
		if err := os.WriteFile(*out, []byte(report), 0o644); err != nil {
			fatal(err)
		}
		logf("wrote %s", *out)
	}
	if err := os.WriteFile(*svg, []byte(chart(engines, workloads, results)), 0o644); err != nil {
		fatal(err)
	}
	logf("wrote %s", *svg)
	if n := countMismatches(results); n > 0 {
		logf("!!! %d OUTPUT MISMATCH(ES): see the table", n)
		os.Exit(1)
	}
}

// build finds or builds each engine's executable once.
func (cfg *config) build(engines []Engine, workloads []bench.Workload) {
	cfg.nativeBins = map[string]string{}
	cfg.nativeErr = map[string]string{}
	cfg.progs = map[string]string{}
	for _, e := range engines {
		switch e.Prog {
		default:
			p, err := exec.LookPath(e.Prog)
			if err != nil {
				continue
			}
			if len(e.Resolve) > 0 {
				out, err := exec.Command(p, e.Resolve...).Output()
				if real := strings.TrimSpace(string(out)); err == nil && real != "" {
					p = real
				}
			}
			cfg.progs[e.Key] = p
		case buildMetajit:
			if cfg.metajitBin != "" || cfg.metajitErr != "" {
				continue
			}
			bin := filepath.Join(cfg.tmp, "metajit")
			if msg, err := goBuild(cfg.root, bin, "./cmd/metajit"); err != nil {
				cfg.metajitErr = msg
				logf("metajit: build failed: %s", firstLine(msg))
			} else {
				cfg.metajitBin = bin
			}
		case buildNative:
			for _, w := range workloads {
				if _, done := cfg.nativeBins[w.Name]; done {
					continue
				}
				bin := filepath.Join(cfg.tmp, "native-"+w.Name)
				if msg, err := goBuild(cfg.root, bin, "./bench/native/"+w.Name); err != nil {
					cfg.nativeBins[w.Name] = ""
					cfg.nativeErr[w.Name] = msg
					logf("native %s: build failed: %s", w.Name, firstLine(msg))
				} else {
					cfg.nativeBins[w.Name] = bin
				}
			}
		}
	}
}

func goBuild(root, bin, pkg string) (string, error) {
	cmd := exec.Command("go", "build", "-o", bin, pkg)
	cmd.Dir = root
	out, err := cmd.CombinedOutput()
	if err != nil {
		return strings.TrimSpace(string(out)) + " (" + err.Error() + ")", err
	}
	return "", nil
}

// command returns the command line that runs workload w with reps
// repetitions on engine e, or a reason why it cannot run.
func (cfg *config) command(e Engine, w bench.Workload, reps int) ([]string, string) {
	args := []string{fmt.Sprint(w.N), fmt.Sprint(reps)}
	var prog string
	switch e.Prog {
	case buildMetajit:
		if cfg.metajitBin == "" {
			return nil, "build failed"
		}
		prog = cfg.metajitBin
	case buildNative:
		bin := cfg.nativeBins[w.Name]
		if bin == "" {
			return nil, "build failed"
		}
		return append([]string{bin}, args...), ""
	default:
		prog = cfg.progs[e.Key]
		if prog == "" {
			return nil, "not installed"
		}
	}
	script := filepath.Join(cfg.root, "bench", "workloads", w.Name+e.Ext)
	if _, err := os.Stat(script); err != nil {
		return nil, "no " + w.Name + e.Ext
	}
	cmd := append([]string{prog}, e.Flags...)
	cmd = append(cmd, script)
	return append(cmd, args...), ""
}

// measure times engine e on workload w.
func (cfg *config) measure(e Engine, w bench.Workload) *Cell {
	c := &Cell{R2: w.R2}
	if _, why := cfg.command(e, w, w.R1); why != "" {
		c.NA = why
		switch {
		case e.Prog == buildMetajit:
			c.Detail = firstLine(cfg.metajitErr)
		case e.Prog == buildNative:
			c.Detail = firstLine(cfg.nativeErr[w.Name])
		}
		return c
	}
	run := func(reps int) (time.Duration, bool) {
		argv, _ := cfg.command(e, w, reps)
		d, stdout, err := timeRun(argv)
		if *verbose {
			logf("  %v %s", d.Round(time.Millisecond), strings.Join(argv, " "))
		}
		c.Outputs = append(c.Outputs, stdout)
		if err != nil {
			c.NA, c.Detail = "error", err.Error()
			return 0, false
		}
		return d, true
	}

	// Calibrate: choose R2 so that the large run takes about cfg.target
	// longer than the small one, from the time per repetition measured so
	// far. A few steps, since the first guess can be far off.
	small, ok := run(w.R1)
	if !ok {
		return c
	}
	large, ok := run(c.R2)
	if !ok {
		return c
	}
	for i := 0; i < 4; i++ {
		perRep := float64(large-small) / float64(c.R2-w.R1)
		if perRep <= 0 {
			perRep = float64(large) / float64(c.R2) // noise: start-up bounds it
		}
		extra := float64(c.R2 - w.R1)
		want := math.Min(float64(cfg.target)/perRep, extra*maxScaleStep)
		if want > 0.6*extra && want < 2*extra {
			break
		}
		// Keep a real difference between the runs.
		c.R2 = w.R1 + max(int(math.Ceil(want)), w.R1, 1)
		if large, ok = run(c.R2); !ok {
			return c
		}
	}

	// Best of k, alternating small and large runs; the calibration's
	// last runs are the first pair.
	bestSmall, bestLarge := small, large
	for i := 1; i < cfg.k; i++ {
		s, ok := run(w.R1)
		if !ok {
			return c
		}
		l, ok := run(c.R2)
		if !ok {
			return c
		}
		bestSmall, bestLarge = min(bestSmall, s), min(bestLarge, l)
	}
	units := float64(c.R2-w.R1) * w.UnitsPerRep(w.N)
	diff := bestLarge - bestSmall
	if diff <= 0 {
		c.NA, c.Detail = "too noisy", fmt.Sprintf("large run (%v) not slower than small run (%v)", bestLarge, bestSmall)
		return c
	}
	c.Ns = float64(diff.Nanoseconds()) / units
	return c
}

// timeRun runs argv and returns its wall-clock time and its stdout.
func timeRun(argv []string) (time.Duration, string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), runTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	d := time.Since(start)
	if ctx.Err() != nil {
		return d, stdout.String(), fmt.Errorf("timed out after %v", runTimeout)
	}
	if err != nil {
		var ee *exec.ExitError
		msg := lastLine(stderr.String())
		if errors.As(err, &ee) && msg != "" {
			return d, stdout.String(), fmt.Errorf("%v: %s", err, msg)
		}
		return d, stdout.String(), err
	}
	return d, stdout.String(), nil
}

// checkOutputs compares every run's output on workload w with the
// reference: CPython's output, or the workload's Expected output if
// CPython did not run.
func checkOutputs(w bench.Workload, engines []Engine, cells map[string]*Cell) {
	ref, refName := w.Expected, "Expected in bench/workloads.go"
	if c := cells[refKey]; c != nil && c.NA == "" && len(c.Outputs) > 0 {
		ref, refName = c.Outputs[0], "CPython's output"
		if ref != w.Expected {
			logf("note: %s: CPython prints %q but bench/workloads.go expects %q (is Expected stale?)", w.Name, ref, w.Expected)
		}
	}
	for _, e := range engines {
		c := cells[e.Key]
		if c.NA == "error" {
			continue // a failed run is reported as an error, not a mismatch
		}
		for _, out := range c.Outputs {
			if out != ref && c.Mismatch == "" {
				c.Mismatch = fmt.Sprintf("printed %q, expected %q (%s)", out, ref, refName)
			}
		}
	}
}

func countMismatches(results map[string]map[string]*Cell) int {
	n := 0
	for _, cells := range results {
		for _, c := range cells {
			if c.Mismatch != "" {
				n++
			}
		}
	}
	return n
}

// report renders the Markdown report: the table, then how it was measured
// and notes on missing or failing engines.
func (cfg *config) report(engines []Engine, workloads []bench.Workload, results map[string]map[string]*Cell, quick bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "| workload (ns per unit) |")
	for _, e := range engines {
		fmt.Fprintf(&b, " %s |", e.Name)
	}
	fmt.Fprintf(&b, " metajit JIT off / CPython |\n|---|")
	for range engines {
		b.WriteString("---:|")
	}
	b.WriteString("---:|\n")
	for _, w := range workloads {
		cells := results[w.Name]
		ref := cells[refKey]
		fmt.Fprintf(&b, "| %s (per %s) |", w.Name, w.Unit)
		for _, e := range engines {
			fmt.Fprintf(&b, " %s |", cellText(cells[e.Key], ref))
		}
		off := cells[jitOffKey]
		if off != nil && ref != nil && off.NA == "" && ref.NA == "" {
			fmt.Fprintf(&b, " %s |\n", fmtRatio(off.Ns/ref.Ns))
		} else {
			b.WriteString(" n/a |\n")
		}
	}

	b.WriteString("\nSteady-state time per unit of work: (best large run - best small run) / units in between;" +
		" ratio = time / CPython's time in the same run (lower is faster).\n")
	mode := "full"
	if quick {
		mode = "quick"
	}
	fmt.Fprintf(&b, "Mode %s: best of %d, R2 calibrated per engine so that large - small is about %v. %s, %s/%s, %d CPUs, %s.\n",
		mode, cfg.k, cfg.target, cpuModel(), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), time.Now().Format("2006-01-02"))
	b.WriteString("Sizes:")
	for i, w := range workloads {
		sep := ";"
		if i == len(workloads)-1 {
			sep = "."
		}
		fmt.Fprintf(&b, " %s N=%d, R1=%d%s", w.Name, w.N, w.R1, sep)
	}
	b.WriteString(" R2 per engine:")
	for _, w := range workloads {
		var parts []string
		for _, e := range engines {
			if c := results[w.Name][e.Key]; c.NA == "" {
				parts = append(parts, fmt.Sprintf("%s %d", e.Key, c.R2))
			}
		}
		if len(parts) > 0 {
			fmt.Fprintf(&b, " %s (%s)", w.Name, strings.Join(parts, ", "))
		}
	}
	b.WriteString(".\n")
	if v := cfg.versions(engines); v != "" {
		fmt.Fprintf(&b, "Versions: %s.\n", v)
	}

	// Notes: mismatches, then failures (one line for a failure that is
	// the same on several workloads, such as a failed build).
	var notes, failures []string
	failedOn := map[string][]string{}
	for _, w := range workloads {
		for _, e := range engines {
			c := results[w.Name][e.Key]
			if c.Mismatch != "" {
				notes = append(notes, fmt.Sprintf("- **⚠ OUTPUT MISMATCH** %s on %s: %s", w.Name, e.Name, c.Mismatch))
			}
			if c.NA != "" && c.NA != "not installed" && c.Detail != "" {
				key := fmt.Sprintf("%s: %s: %s", e.Name, c.NA, c.Detail)
				if failedOn[key] == nil {
					failures = append(failures, key)
				}
				failedOn[key] = append(failedOn[key], w.Name)
			}
		}
	}
	for _, key := range failures {
		notes = append(notes, fmt.Sprintf("- %s (%s)", key, strings.Join(failedOn[key], ", ")))
	}
	if len(notes) > 0 {
		b.WriteString("\n" + strings.Join(notes, "\n") + "\n")
	}
	return b.String()
}

func cellText(c, ref *Cell) string {
	var s string
	switch {
	case c.NA != "":
		s = "n/a (" + c.NA + ")"
	case ref != nil && ref.NA == "":
		s = fmt.Sprintf("%s ns (%s)", fmtNs(c.Ns), fmtRatio(c.Ns/ref.Ns))
	default:
		s = fmtNs(c.Ns) + " ns"
	}
	if c.Mismatch != "" {
		s = "**⚠ MISMATCH** " + s
	}
	return s
}

// versions lists the installed engines' versions.
func (cfg *config) versions(engines []Engine) string {
	var parts []string
	for _, e := range engines {
		var argv []string
		switch {
		case e.Prog == buildNative:
			argv = []string{"go", "version"}
		case len(e.Version) > 0:
			argv = append([]string{e.Prog}, e.Version...)
		default:
			continue
		}
		if _, err := exec.LookPath(argv[0]); err != nil {
			continue
		}
		out, err := exec.Command(argv[0], argv[1:]...).CombinedOutput()
		if err != nil {
			continue
		}
		parts = append(parts, e.Name+": "+strings.TrimSpace(firstLine(string(out))))
	}
	return strings.Join(parts, "; ")
}

func cpuModel() string {
	data, err := os.ReadFile("/proc/cpuinfo")
	if err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if name, ok := strings.CutPrefix(line, "model name"); ok {
				return strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(name), ":"))
			}
		}
	}
	return "unknown CPU"
}

// fmtNs prints three significant digits without an exponent.
func fmtNs(ns float64) string {
	switch {
	case ns < 10:
		return fmt.Sprintf("%.2f", ns)
	case ns < 100:
		return fmt.Sprintf("%.1f", ns)
	default:
		return fmt.Sprintf("%.0f", ns)
	}
}

func fmtRatio(r float64) string {
	switch {
	case r < 0.1:
		return fmt.Sprintf("%.3fx", r)
	case r < 10:
		return fmt.Sprintf("%.2fx", r)
	default:
		return fmt.Sprintf("%.1fx", r)
	}
}

func selectEngines(list string) ([]Engine, error) {
	if list == "" {
		return Engines, nil
	}
	var out []Engine
	for _, key := range strings.Split(list, ",") {
		found := false
		for _, e := range Engines {
			if e.Key == strings.TrimSpace(key) {
				out, found = append(out, e), true
			}
		}
		if !found {
			return nil, fmt.Errorf("unknown engine %q (have %s)", key, engineKeys())
		}
	}
	return out, nil
}

func selectWorkloads(list string) ([]bench.Workload, error) {
	if list == "" {
		return bench.Workloads, nil
	}
	var out []bench.Workload
	for _, name := range strings.Split(list, ",") {
		w, ok := bench.Find(strings.TrimSpace(name))
		if !ok {
			return nil, fmt.Errorf("unknown workload %q", name)
		}
		out = append(out, w)
	}
	return out, nil
}

func engineKeys() string {
	var keys []string
	for _, e := range Engines {
		keys = append(keys, e.Key)
	}
	return strings.Join(keys, ",")
}

// findRoot returns the module's root directory, searching up from the
// working directory, so the runner works from anywhere in the repository.
func findRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		data, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err == nil && strings.Contains(string(data), "module github.com/metajit/metajit\n") {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("run this inside the metajit repository")
		}
		dir = parent
	}
}

// firstLine returns the first line of s that is not a "# package" header
// of go build's output.
func firstLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	for _, line := range lines {
		if !strings.HasPrefix(line, "# ") {
			return line
		}
	}
	return lines[0]
}

func lastLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		return s[i+1:]
	}
	return s
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, format+"\n", args...)
}

func fatal(err error) {
	logf("bench/run: %v", err)
	os.Exit(2)
}
