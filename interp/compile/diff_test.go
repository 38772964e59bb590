package compile

import (
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/metajit/metajit/interp/syntax"
)

// pyDriver runs each program of its input (separated by progSep) in a fresh namespace and
// prints its output, ending with "UNCAUGHT <type>" if an exception escapes, as runVM does.
const pyDriver = `
import sys, io, contextlib
progs = sys.stdin.read().split("\n#====\n")
outs = []
for src in progs:
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        try:
            exec(compile(src, "gen.py", "exec"), {"__name__": "__main__"})
        except BaseException as e:
            print("UNCAUGHT", type(e).__name__)
    outs.append(buf.getvalue())
sys.stdout.write("\n#====\n".join(outs))
`

const progSep = "\n#====\n"

// runPython runs programs in python3 and returns their outputs, or skips the test if python3
// is not available.
func runPython(t *testing.T, srcs []string) []string {
	t.Helper()
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not found")
	}
	cmd := exec.Command(py, "-c", pyDriver)
	cmd.Stdin = strings.NewReader(strings.Join(srcs, progSep))
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python3: %v", err)
	}
	outs := strings.Split(string(out), progSep)
	if len(outs) != len(srcs) {
		t.Fatalf("python3 returned %d outputs for %d programs", len(outs), len(srcs))
	}
	return outs
}

// TestDifferentialRandomPrograms compiles random programs, runs them on the reference VM and
// compares the output with CPython's: the compile schemes (loops, unwinding through finally
// and except handlers, exception table, chained comparisons, and/or) must mean what CPython
// means.
func TestDifferentialRandomPrograms(t *testing.T) {
	n := 400
	if testing.Short() {
		n = 60
	}
	if s := os.Getenv("COMPILE_DIFF_PROGRAMS"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	var srcs []string
	var progs []*Program
	for seed := range n {
		mod := genProgram(int64(seed))
		src := pySource(mod)
		srcs = append(srcs, src)
		p := compileOK(t, mod)
		progs = append(progs, p)

		checkParsesSame(t, src, p)
	}
	want := runPython(t, srcs)
	skipped := 0
	for i, p := range progs {
		got, err := runVM(p)
		if err == errVMOverflow {
			skipped++
			continue
		}
		if err != nil {
			t.Fatalf("program %d: %v\n%s", i, err, srcs[i])
		}
		if got != want[i] {
			t.Fatalf("program %d: output differs from CPython\n--- source\n%s\n--- python3\n%s\n--- vm\n%s\n--- bytecode\n%s",
				i, srcs[i], want[i], got, dis(p))
		}
	}
	t.Logf("%d programs, %d skipped for int overflow", n, skipped)
	if skipped > n/4 {
		t.Errorf("%d of %d programs skipped for int overflow", skipped, n)
	}
}

// checkParsesSame checks that the parser builds the tree the source was printed from: the
// parsed source compiles to the same code as the tree did (p).
func checkParsesSame(t *testing.T, src string, p *Program) {
	t.Helper()
	parsed, perr := syntax.Parse(p.Filename, src)
	if perr != nil {
		t.Fatalf("source does not parse: %s\n%s", perr.Report(), src)
	}
	if got, want := dis(compileOK(t, parsed)), dis(p); got != want {
		t.Fatalf("parsed source compiles differently\n--- source\n%s\n--- from the parser\n%s\n--- from the tree\n%s", src, got, want)
	}
}
