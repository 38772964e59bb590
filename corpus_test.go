package metajit_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/metajit/metajit/backend"
	"github.com/metajit/metajit/backend/irexec"
	"github.com/metajit/metajit/backend/native"
	"github.com/metajit/metajit/interp"
	"github.com/metajit/metajit/jit"
	"github.com/metajit/metajit/opt"
)

// corpusDirs are the folders of test programs. Each NAME.py comes with NAME.out (CPython 3.11's
// stdout), NAME.err (the last line of its stderr, empty when none) and NAME.rc (its exit status).
// ../shared/pysubset is read directly when it exists, so new shared cases are picked up.
var corpusDirs = []string{"testdata/pysubset", "testdata/programs", "../shared/pysubset"}

type corpusCase struct {
	name, path string
	want       []byte
	wantErr    string
	wantStatus int
}

func loadCorpus(t testing.TB) []corpusCase {
	var cases []corpusCase
	for _, dir := range corpusDirs {
		files, _ := filepath.Glob(filepath.Join(dir, "*.py"))
		sort.Strings(files)
		for _, py := range files {
			base := strings.TrimSuffix(py, ".py")
			out, err := os.ReadFile(base + ".out")
			if err != nil {
				t.Fatalf("%s: no expected output: %v", py, err)
			}
			errLine, _ := os.ReadFile(base + ".err")
			rcText, err := os.ReadFile(base + ".rc")
			if err != nil {
				t.Fatalf("%s: no expected status: %v", py, err)
			}
			rc, err := strconv.Atoi(strings.TrimSpace(string(rcText)))
			if err != nil {
				t.Fatalf("%s: bad .rc: %v", py, err)
			}
			cases = append(cases, corpusCase{
				name: filepath.Base(dir) + "/" + filepath.Base(py), path: py,
				want: out, wantErr: strings.TrimSpace(string(errLine)), wantStatus: rc,
			})
		}
	}
	if len(cases) == 0 {
		t.Fatal("no corpus programs found")
	}
	return cases
}

// lastLine returns the last non-empty line of s.
func lastLine(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}

// runCorpus runs every corpus program with opts and compares stdout, exit status and the last
// line of stderr with CPython's. It returns how many programs compiled at least one loop.
func runCorpus(t *testing.T, opts interp.Options) (withLoops int) {
	for _, c := range loadCorpus(t) {
		t.Run(c.name, func(t *testing.T) {
			src, err := os.ReadFile(c.path)
			if err != nil {
				t.Fatal(err)
			}
			var stdout, stderr bytes.Buffer
			o := opts
			o.Stdout, o.Stderr = &stdout, &stderr
			status := 1
			if prog, serr := interp.Compile(c.path, string(src)); serr != nil {
				stderr.WriteString(serr.Report())
			} else {
				in := interp.New(prog, o)
				status = in.Main()
				if in.JITStats().LoopsCompiled > 0 {
					withLoops++
				}
			}
			if !bytes.Equal(stdout.Bytes(), c.want) {
				t.Errorf("stdout differs\n--- got\n%s\n--- want\n%s", stdout.String(), c.want)
			}
			if status != c.wantStatus {
				t.Errorf("exit status %d, want %d; stderr:\n%s", status, c.wantStatus, stderr.String())
			}
			if got := lastLine(stderr.String()); got != c.wantErr {
				t.Errorf("last stderr line\n got: %s\nwant: %s\nfull stderr:\n%s", got, c.wantErr, stderr.String())
			}
		})
	}
	return withLoops
}

func TestCorpusInterpreter(t *testing.T) {
	runCorpus(t, interp.Options{})
}

// TestCorpusJIT runs the corpus with the tracing JIT, on the portable executor and on the
// native backend of this machine, at thresholds 1 and 2 (every loop is traced at once, guards
// fail all the time, and every guard that fails gets a bridge at its first or second failure)
// and at the defaults, with the optimizer off, on, and with each of its passes switched off in
// turn; then without bridges, and with a code limit so small that traces are flushed again and
// again.
func TestCorpusJIT(t *testing.T) {
	type mode struct {
		backend   string
		threshold int
		disabled  string
		bridges   int // the bridge threshold: the loop threshold when 0
		codeLimit int
	}
	var modes []mode
	for _, b := range []string{"irexec", "native"} {
		for _, th := range []int{1, 2, 0} {
			modes = append(modes, mode{backend: b, threshold: th, disabled: "all"}, mode{backend: b, threshold: th})
		}
		modes = append(modes, mode{backend: b, threshold: 1, bridges: -1}, mode{backend: b, threshold: 20, codeLimit: 3000})
	}
	for _, p := range opt.Passes() {
		modes = append(modes, mode{backend: "irexec", threshold: 1, disabled: p.Name}, mode{backend: "native", threshold: 1, disabled: p.Name})
	}
	if testing.Short() {
		// -short (CI's arm64 run under qemu, ten times slower): every program still runs on
		// the native backend at thresholds 1, 2 and the default, with and without the
		// optimizer, and with a code limit.
		modes = []mode{{backend: "native", threshold: 1}, {backend: "native", threshold: 2}, {backend: "native"},
			{backend: "native", threshold: 1, disabled: "all"}, {backend: "native", threshold: 20, codeLimit: 3000}}
	}
	for _, m := range modes {
		if m.bridges == 0 {
			m.bridges = m.threshold
		}
		name := fmt.Sprintf("%s/threshold=%d/disabled=%s/bridges=%d/codelimit=%d", m.backend, m.threshold, m.disabled, m.bridges, m.codeLimit)
		t.Run(name, func(t *testing.T) {
			var b backend.Backend = irexec.New()
			if m.backend == "native" {
				b = native.New()
			}
			opts := interp.Options{JIT: interp.JITOptions{Enabled: true, Threshold: m.threshold,
				BridgeThreshold: m.bridges, CodeLimit: m.codeLimit, Backend: b, DisablePasses: m.disabled}}
			withLoops := runCorpus(t, opts)
			// Most programs have hot loops the recorder can compile; a drop here means the
			// JIT silently stopped compiling (every abort falls back to the interpreter).
			if min := len(loadCorpus(t)) * 2 / 5; m.threshold != 0 && withLoops < min {
				t.Errorf("only %d programs compiled a loop, want at least %d", withLoops, min)
			}
		})
	}
}

// TestCorpusSameStatsOnBackends: the native backend compiles what irexec compiles. Both run
// every program at thresholds 1 and 2, without bridges, and must record, compile and abort
// the same loops and take the same exits (the traces are the same; only where they run
// differs). With bridges the trees differ by design: a native bridge goes into its loop's
// body with a copy of the loop's preamble, whose guards grow bridges of their own.
func TestCorpusSameStatsOnBackends(t *testing.T) {
	run := func(path string, src []byte, b backend.Backend, th int) jit.Stats {
		prog, serr := interp.Compile(path, string(src))
		if serr != nil {
			return jit.Stats{}
		}
		var out bytes.Buffer
		in := interp.New(prog, interp.Options{Stdout: &out, Stderr: &out,
			JIT: interp.JITOptions{Enabled: true, Threshold: th, BridgeThreshold: -1, Backend: b}})
		in.Main()
		return in.JITStats()
	}
	for _, c := range loadCorpus(t) {
		src, err := os.ReadFile(c.path)
		if err != nil {
			t.Fatal(err)
		}
		for _, th := range []int{1, 2} {
			a, b := run(c.path, src, irexec.New(), th), run(c.path, src, native.New(), th)
			if a.LoopsCompiled != b.LoopsCompiled || a.Aborts != b.Aborts || a.GuardFailures != b.GuardFailures {
				t.Errorf("%s at threshold %d: irexec compiled %d loops (%d aborts, %d exits), native %d (%d, %d)",
					c.name, th, a.LoopsCompiled, a.Aborts, a.GuardFailures, b.LoopsCompiled, b.Aborts, b.GuardFailures)
			}
		}
	}
}
