// Command bf runs a Brainfuck program, with metajit's tracing JIT (package bf):
//
//	go run ./examples/bf/cmd/bf [flags] prog.b
//
// Input for ',' comes from stdin, '.' writes to stdout. Flags:
//
//	-jit=on|off     trace hot loops and run them compiled (on by default)
//	-threshold=N    loop back-edges before a loop is traced
//	-log=CATS       JIT logs on stderr, comma-separated categories named like PYPYLOG's:
//	                jit-log-noopt (the recorded traces), jit-abort, jit-summary
//	-stats          print the JIT's statistics on stderr at the end
//	-tape=N         initial number of tape cells (the tape grows to the right as needed)
package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/metajit/metajit/examples/bf"
	"github.com/metajit/metajit/jit"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(argv []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("bf", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: bf [flags] prog.b")
		fs.PrintDefaults()
	}
	jitFlag := fs.String("jit", "on", "trace hot loops and run them compiled: on or off")
	threshold := fs.Int("threshold", jit.DefaultThreshold, "loop back-edges before a loop is traced")
	logCats := fs.String("log", "", "comma-separated JIT log categories, printed on stderr")
	stats := fs.Bool("stats", false, "print the JIT's statistics on stderr")
	tape := fs.Int("tape", bf.DefaultTapeSize, "initial number of tape cells")
	if err := fs.Parse(argv); err != nil {
		return 2
	}
	if *jitFlag != "on" && *jitFlag != "off" {
		fmt.Fprintf(stderr, "bf: -jit must be on or off, not %q\n", *jitFlag)
		return 2
	}
	if *threshold < 1 || *tape < 1 {
		fmt.Fprintln(stderr, "bf: -threshold and -tape must be at least 1")
		return 2
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return 2
	}
	src, err := os.ReadFile(fs.Arg(0))
	if err != nil {
		fmt.Fprintf(stderr, "bf: %v\n", err)
		return 2
	}
	prog, err := bf.Parse(string(src))
	if err != nil {
		fmt.Fprintf(stderr, "%s:%v\n", fs.Arg(0), err)
		return 1
	}
	st, err := bf.Run(prog, stdin, stdout, bf.Options{
		JIT:           *jitFlag == "on",
		Threshold:     *threshold,
		Log:           stderr,
		LogCategories: *logCats,
		TapeSize:      *tape,
	})
	if *stats {
		fmt.Fprintf(stderr, "jit: %s\nloops compiled: %d\nloop entries: %d\nguard failures: %d\naborts: %d (blacklisted loops: %d) %v\n",
			*jitFlag, st.LoopsCompiled, st.LoopEntries, st.GuardFailures, st.Aborts, st.Blacklisted, st.AbortReasons)
	}
	if err != nil {
		fmt.Fprintf(stderr, "%s:%v\n", fs.Arg(0), err)
		return 1
	}
	return 0
}
