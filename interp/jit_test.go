package interp_test

import (
	"bytes"
	"fmt"
	"os/exec"
	"strings"
	"testing"

	"github.com/metajit/metajit/backend/irexec"
	"github.com/metajit/metajit/interp"
	"github.com/metajit/metajit/jit"
)

// runProgram runs src with the given options and returns stdout, stderr, status and JIT stats.
func runProgram(t *testing.T, src string, o interp.Options) (string, string, int, jit.Stats) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	o.Stdout, o.Stderr = &stdout, &stderr
	prog, serr := interp.Compile("prog.py", src)
	if serr != nil {
		t.Fatalf("compile: %s", serr.Report())
	}
	in := interp.New(prog, o)
	status := in.Main()
	return stdout.String(), stderr.String(), status, in.JITStats()
}

func jitOptions(threshold int) interp.Options {
	return interp.Options{JIT: interp.JITOptions{Enabled: true, Threshold: threshold, Backend: irexec.New()}}
}

// checkSameAsInterpreter runs src without the JIT and with it at several thresholds, and
// requires the same stdout, the same stderr (the whole traceback) and the same status. It
// returns the JIT stats of the threshold-1 run.
func checkSameAsInterpreter(t *testing.T, src, wantStdout string) jit.Stats {
	t.Helper()
	out, errOut, status, _ := runProgram(t, src, interp.Options{})
	if out != wantStdout {
		t.Fatalf("interpreter output\n%s\nwant\n%s", out, wantStdout)
	}
	var first jit.Stats
	for _, th := range []int{1, 2, 7, 100} {
		jout, jerr, jstatus, stats := runProgram(t, src, jitOptions(th))
		if jout != out || jerr != errOut || jstatus != status {
			t.Errorf("threshold %d: JIT run differs\nstdout:\n%s\nwant:\n%s\nstderr:\n%s\nwant:\n%s\nstatus %d want %d",
				th, jout, out, jerr, errOut, jstatus, status)
		}
		if th == 1 {
			first = stats
		}
	}
	return first
}

func TestGuardTypeChangesMidLoop(t *testing.T) {
	src := `
def run(n):
    acc = 0
    i = 0
    while i < n:
        if i == 300:
            acc = acc + 0.5
        if i == 600:
            acc = int(acc) * 10 ** 18
        acc = acc + i
        i += 1
    return acc
print(run(200))
print(run(500))
print(run(900))
`
	stats := checkSameAsInterpreter(t, src, "19900\n124750.5\n179700000000000000224850\n" /* CPython 3.11 */)
	if stats.LoopsCompiled == 0 || stats.GuardFailures == 0 {
		t.Errorf("expected a compiled loop whose guards fail: %+v", stats)
	}
}

func TestGuardBranchFlips(t *testing.T) {
	src := `
a = 0
b = 0
for i in range(3000):
    if i % 3 == 0:
        a += i
    else:
        b -= 1
    if i > 1500:
        a += 1
print(a, b)
`
	stats := checkSameAsInterpreter(t, src, "1499999 -2000\n" /* CPython 3.11 */)
	if stats.LoopsCompiled == 0 || stats.GuardFailures == 0 {
		t.Errorf("expected a compiled loop whose guards fail: %+v", stats)
	}
}

func TestGuardListStrategyChanges(t *testing.T) {
	src := `
def total(xs):
    s = 0
    for x in xs:
        s = s + x
    return s
xs = [1, 2, 3] * 100
print(total(xs))
xs[150] = 2.5
print(total(xs))
ys = []
for i in range(500):
    if i == 250:
        ys.append(0.5)
    else:
        ys.append(i)
print(total(ys), len(ys))
zs = [0] * 10
for i in range(1000):
    zs[i % 10] = zs[i % 10] + i
    if i == 700:
        zs[3] = 1.5
print(zs)
`
	var want strings.Builder
	// Expected values computed independently of metajit.
	fmt.Fprintln(&want, 600)
	fmt.Fprintln(&want, 600-1+2.5) // xs[150] was 1
	fmt.Fprintln(&want, 500*499/2-250+0.5, 500)
	want.WriteString(pythonListAfterStrategyChange())
	stats := checkSameAsInterpreter(t, src, want.String())
	if stats.LoopsCompiled == 0 {
		t.Errorf("expected compiled loops: %+v", stats)
	}
}

// pythonListAfterStrategyChange computes the last line of TestGuardListStrategyChanges.
func pythonListAfterStrategyChange() string {
	zs := make([]float64, 10)
	isFloat := make([]bool, 10)
	for i := 0; i < 1000; i++ {
		zs[i%10] += float64(i)
		if i == 700 {
			zs[3] = 1.5
			isFloat[3] = true
		}
	}
	parts := make([]string, 10)
	for i, z := range zs {
		if isFloat[i] {
			parts[i] = fmt.Sprintf("%.1f", z)
		} else {
			parts[i] = fmt.Sprint(int64(z))
		}
	}
	return "[" + strings.Join(parts, ", ") + "]\n"
}

func TestErrorThreeInlinedCallsDeep(t *testing.T) {
	src := `
def c(x, i):
    if i == 1500:
        return x // (i - i)
    return x + 1

def b(x, i):
    return c(x, i) * 2

def a(x, i):
    return b(x, i) - x

total = 0
for i in range(2000):
    total = total + a(i, i)
print(total)
`
	_, errOut, status, _ := runProgram(t, src, interp.Options{})
	wantLines := []string{
		"Traceback (most recent call last):",
		`  File "prog.py", line 15, in <module>`,
		"    total = total + a(i, i)",
		`  File "prog.py", line 11, in a`,
		"    return b(x, i) - x",
		`  File "prog.py", line 8, in b`,
		"    return c(x, i) * 2",
		`  File "prog.py", line 4, in c`,
		"    return x // (i - i)",
		"ZeroDivisionError: integer division or modulo by zero",
	}
	if status != 1 || errOut != strings.Join(wantLines, "\n")+"\n" {
		t.Fatalf("interpreter traceback:\n%s", errOut)
	}
	stats := checkSameAsInterpreter(t, src, "")
	if stats.LoopsCompiled == 0 {
		t.Errorf("the loop with three inlined calls was not compiled: %+v", stats)
	}
}

func TestOverflowPromotionMidTrace(t *testing.T) {
	src := `
def grow(n):
    x = 1
    steps = 0
    while steps < n:
        x = x * 3 + steps
        steps += 1
    return x
print(grow(30))
print(grow(50))
`
	out, _, _, _ := runProgram(t, src, interp.Options{})
	if p, err := exec.LookPath("python3"); err == nil {
		want, _ := exec.Command(p, "-c", src).Output()
		if string(want) != out {
			t.Fatalf("interpreter differs from CPython: %q vs %q", out, want)
		}
	}
	stats := checkSameAsInterpreter(t, src, out)
	if stats.GuardFailures == 0 {
		t.Errorf("expected the overflow guard to fail: %+v", stats)
	}
}
