// Command metajit runs a Python-subset program, as `python prog.py args...` does: the same
// output, the same traceback on stderr, the same exit status.
//
//	metajit [flags] prog.py [args...]
//
// Flags:
//
//	-jit=on|off             use the tracing JIT (on by default)
//	-threshold=N            loop back-edges before a loop is traced
//	-bridge-threshold=N     guard failures before a bridge is traced from the guard (-1: no bridges)
//	-code-limit=BYTES       cap on compiled code alive at once; reaching it flushes every trace
//	-backend=native|irexec  where traces run: machine code, or the portable IR executor
//	-stats=FILE             write run statistics as JSON to FILE ("-" for stderr)
//	-log=CATS               trace logs on stderr, comma-separated categories named like
//	                        PYPYLOG's (jit-log-noopt, jit-log-opt, jit-abort, jit-backend-dump,
//	                        jit-invalidate, jit-summary)
//	-disable-passes=NAMES   switch optimizer passes off (comma-separated names, or all)
//	-cpuprofile=FILE        write a Go CPU profile of the run (compiled code: runtime._ExternalCode)
//	-dis                    print the bytecode and exit
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"

	"github.com/metajit/metajit/backend"
	"github.com/metajit/metajit/backend/irexec"
	"github.com/metajit/metajit/backend/native"
	"github.com/metajit/metajit/interp"
	jitpkg "github.com/metajit/metajit/jit"
	"github.com/metajit/metajit/opt"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// stats is what -stats writes: the JIT's counters (zero with the JIT off), and the run's.
type stats struct {
	jitpkg.Stats
	Backend    string `json:"backend"`
	JIT        bool   `json:"jit"`
	Mallocs    uint64 `json:"mallocs"`
	ExitStatus int    `json:"exit_status"`
}

func run(argv []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("metajit", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: metajit [flags] prog.py [args...]")
		fs.PrintDefaults()
	}
	jit := fs.String("jit", "on", "use the tracing JIT: on or off")
	threshold := fs.Int("threshold", jitpkg.DefaultThreshold, "loop back-edges before a loop is traced")
	bridgeThreshold := fs.Int("bridge-threshold", jitpkg.DefaultBridgeThreshold, "guard failures before a bridge is traced from the guard (-1: no bridges)")
	codeLimit := fs.Int("code-limit", 0, "cap in bytes on compiled code alive at once; reaching it flushes every trace (0: no cap)")
	backend := fs.String("backend", defaultBackend(), "where traces run: native or irexec")
	statsFile := fs.String("stats", "", "write run statistics as JSON to this file (- for stderr)")
	logCats := fs.String("log", "", "comma-separated trace log categories, printed on stderr")
	dis := fs.Bool("dis", false, "print the bytecode and exit")
	cpuProfile := fs.String("cpuprofile", "", "write a Go CPU profile of the run to this file (compiled code shows as runtime._ExternalCode)")
	noPasses := fs.String("disable-passes", "", "comma-separated optimizer passes to switch off (fold, guards, heap, virtualize, unroll, exits, dce), or all")
	if err := fs.Parse(argv); err != nil {
		return 2
	}
	if *jit != "on" && *jit != "off" {
		fmt.Fprintf(stderr, "metajit: -jit must be on or off, not %q\n", *jit)
		return 2
	}
	if *backend != "native" && *backend != "irexec" {
		fmt.Fprintf(stderr, "metajit: -backend must be native or irexec, not %q\n", *backend)
		return 2
	}
	if *threshold < 1 {
		fmt.Fprintln(stderr, "metajit: -threshold must be at least 1")
		return 2
	}
	if *bridgeThreshold == 0 || *bridgeThreshold < -1 {
		fmt.Fprintln(stderr, "metajit: -bridge-threshold must be at least 1, or -1")
		return 2
	}
	if *codeLimit < 0 {
		fmt.Fprintln(stderr, "metajit: -code-limit must not be negative")
		return 2
	}
	if fs.NArg() < 1 {
		fs.Usage()
		return 2
	}
	filename := fs.Arg(0)
	src, err := os.ReadFile(filename)
	if err != nil {
		fmt.Fprintf(stderr, "metajit: can't open file '%s': %v\n", filename, err)
		return 2
	}

	if *dis {
		prog, serr := interp.Compile(filename, string(src))
		if serr != nil {
			fmt.Fprint(stderr, serr.Report())
			return 1
		}
		prog.Disassemble(stdout)
		return 0
	}

	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			fmt.Fprintf(stderr, "metajit: %v\n", err)
			return 2
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintf(stderr, "metajit: %v\n", err)
			return 2
		}
		defer pprof.StopCPUProfile()
	}
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	if *noPasses != "all" {
		if _, err := opt.ParseDisabled(*noPasses); err != nil {
			fmt.Fprintf(stderr, "metajit: %v\n", err)
			return 2
		}
	}
	opts := interp.Options{
		Stdout: stdout,
		Stderr: stderr,
		Args:   fs.Args()[1:],
		JIT: interp.JITOptions{
			Enabled:         *jit == "on",
			Threshold:       *threshold,
			BridgeThreshold: *bridgeThreshold,
			CodeLimit:       *codeLimit,
			Backend:         backendFor(*backend),
			DisablePasses:   *noPasses,
			Log:             stderr,
			LogCategories:   *logCats,
		},
	}
	var status int
	var in *interp.Interp
	prog, serr := interp.Compile(filename, string(src))
	if serr != nil {
		fmt.Fprint(stderr, serr.Report())
		status = 1
	} else {
		in = interp.New(prog, opts)
		status = in.Main()
	}
	if *statsFile != "" {
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		s := stats{
			JIT:        *jit == "on",
			Mallocs:    after.Mallocs - before.Mallocs,
			ExitStatus: status,
		}
		if in != nil && *jit == "on" {
			s.Stats = in.JITStats()
			s.Backend = in.JITBackend()
		}
		if err := writeStats(*statsFile, s, stderr); err != nil {
			fmt.Fprintf(stderr, "metajit: writing stats: %v\n", err)
			if status == 0 {
				status = 2
			}
		}
	}
	return status
}

func writeStats(name string, s stats, stderr io.Writer) error {
	data, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return err
	}
	data = append(data, '\n')
	if name == "-" {
		_, err = stderr.Write(data)
		return err
	}
	return os.WriteFile(name, data, 0o644)
}

// backendFor returns the backend named by -backend: native is machine code for this machine
// (the portable executor where metajit has no native backend; the stats name the one used).
func backendFor(name string) backend.Backend {
	if name == "native" {
		return native.New()
	}
	return irexec.New()
}

// defaultBackend is native machine code where metajit has a backend, the portable executor
// elsewhere.
func defaultBackend() string {
	switch runtime.GOARCH {
	case "amd64", "arm64":
		return "native"
	}
	return "irexec"
}
