package interp_test

import (
	"strings"
	"testing"

	"github.com/metajit/metajit/backend"
	"github.com/metajit/metajit/backend/irexec"
	"github.com/metajit/metajit/backend/native"
	"github.com/metajit/metajit/interp"
	"github.com/metajit/metajit/jit"
)

// The tests of bridges, trace trees, invalidation and flushes (the long-run behaviour of the
// JIT). Each runs a program with the JIT off and on, on the portable executor and on the
// native backend, requires the same output, and checks in the stats that the machinery under
// test did its job.

// backends are the backends the tests run on.
func backends() map[string]func() backend.Backend {
	return map[string]func() backend.Backend{
		"irexec": func() backend.Backend { return irexec.New() },
		"native": func() backend.Backend { return native.New() },
	}
}

// runBoth runs src with the JIT off, then with o's JIT options on every backend, requires the
// same stdout, stderr and status (and want, CPython 3.11's stdout), and calls check with each
// JIT run's stats.
func runBoth(t *testing.T, src, want string, o interp.JITOptions, check func(t *testing.T, s jit.Stats)) {
	t.Helper()
	out, errOut, status, _ := runProgram(t, src, interp.Options{})
	if out != want {
		t.Fatalf("interpreter output\n%s\nwant\n%s", out, want)
	}
	for name, newBackend := range backends() {
		t.Run(name, func(t *testing.T) {
			o := o
			o.Enabled, o.Backend = true, newBackend()
			jout, jerr, jstatus, stats := runProgram(t, src, interp.Options{JIT: o})
			if jout != out || jerr != errOut || jstatus != status {
				t.Fatalf("JIT run differs\nstdout:\n%s\nwant:\n%s\nstderr:\n%s\nwant:\n%s\nstatus %d want %d",
					jout, out, jerr, errOut, jstatus, status)
			}
			check(t, stats)
		})
	}
}

// TestBridgeAttachedAndUsed: a loop whose branch goes each way half the time. The loop is
// traced along one side; the guard on the branch fails every other iteration, gets a bridge
// for the other side, and from then on the whole loop runs compiled: the interpreter sees
// only the few exits before the bridge existed and the loop's end.
func TestBridgeAttachedAndUsed(t *testing.T) {
	src := `
def run(n):
    evens = 0
    odds = 0
    for i in range(n):
        if i % 2 == 0:
            evens += i
        else:
            odds += 3 * i
    return evens, odds
print(run(100000))
`
	const n = 100000
	runBoth(t, src, "(2499950000, 7500000000)\n", interp.JITOptions{Threshold: 50, BridgeThreshold: 20}, func(t *testing.T, s jit.Stats) {
		if s.LoopsCompiled != 1 || s.BridgesCompiled < 1 {
			t.Errorf("want one loop and a bridge: %+v", s)
		}
		if s.GuardFailures > 100 {
			t.Errorf("%d exits to the interpreter in %d iterations: the bridge is not used", s.GuardFailures, n)
		}
	})
}

// TestBridgeIntoAnotherLoop: the exit of a first loop leads to a second one. The first loop's
// exit guard gets hot (the function is called many times); its bridge runs the code between
// the loops and ends at the second loop's header, entering that loop's trace.
func TestBridgeIntoAnotherLoop(t *testing.T) {
	src := `
def two_loops(n):
    a = 0
    i = 0
    while i < n:
        a += i
        i += 1
    b = a % 7
    j = 0
    while j < n:
        b += j * 2
        j += 1
    return b
total = 0
for k in range(400):
    total += two_loops(60)
print(total)
`
	runBoth(t, src, "1418400\n", interp.JITOptions{Threshold: 30, BridgeThreshold: 10}, func(t *testing.T, s jit.Stats) {
		if s.BridgeLinks < 1 {
			t.Errorf("no bridge leads to another loop: %+v", s)
		}
	})
}

// TestNestedHotLoops: the inner loop is compiled first; the bridge from its exit guard runs
// the rest of the outer loop's body and comes back to the inner loop's header, so the whole
// nest runs compiled (a trace tree rooted at the inner loop).
func TestNestedHotLoops(t *testing.T) {
	src := `
def nest(n, m):
    total = 0
    for i in range(n):
        row = 0
        for j in range(m):
            row += i * j
        total += row % 1000
    return total
print(nest(3000, 20))
`
	runBoth(t, src, "1485000\n", interp.JITOptions{Threshold: 45, BridgeThreshold: 20}, func(t *testing.T, s jit.Stats) {
		if s.LoopsCompiled < 1 || s.BridgesCompiled < 1 {
			t.Errorf("want a loop and a bridge: %+v", s)
		}
		if s.GuardFailures > 300 {
			t.Errorf("%d exits to the interpreter for 3000 outer iterations: the outer loop does not run compiled", s.GuardFailures)
		}
	})
}

// TestHotLoopInRecursiveFunction: a hot loop in a function that calls itself from inside the
// loop. Each activation enters the compiled loop with its own frame; the recursive call is
// not inlined forever (the recorder's depth limit and abort), and no wrong code results.
func TestHotLoopInRecursiveFunction(t *testing.T) {
	src := `
def tree(depth):
    if depth == 0:
        return 1
    s = 0
    for i in range(60):
        s += i % 5
        if i % 20 == 0:
            s += tree(depth - 1)
    return s
print(tree(5))
`
	runBoth(t, src, "14763\n", interp.JITOptions{Threshold: 25, BridgeThreshold: 10}, func(t *testing.T, s jit.Stats) {
		if s.LoopsCompiled < 1 {
			t.Errorf("the loop was never compiled: %+v", s)
		}
	})
}

// TestGlobalReboundInvalidates: a loop calls a global function, which its trace inlines; half
// way, a call rebinds the global. The new function is called from the next iteration on, and
// the loop whose trace inlined the old one is invalidated and traced again.
func TestGlobalReboundInvalidates(t *testing.T) {
	src := `
def f(x):
    return x + 1

def g(x):
    return x * 2

def swap():
    global f
    f = g

def run(n):
    t = 0
    for i in range(n):
        if i == n // 2:
            swap()
        t += f(i)
    return t

print(run(10000))
print(run(10000))
`
	runBoth(t, src, "87497500\n99990000\n", interp.JITOptions{Threshold: 100}, func(t *testing.T, s jit.Stats) {
		if s.Invalidations < 1 {
			t.Errorf("no loop was invalidated: %+v", s)
		}
		if s.LoopsCompiled < 2 {
			t.Errorf("the invalidated loop was not traced again: %+v", s)
		}
	})
}

// TestCodeLimitFlushes: several hot loops with a code limit that holds about one trace: the
// JIT flushes all its code again and again, and the program's output does not change.
func TestCodeLimitFlushes(t *testing.T) {
	src := `
def add(n):
    t = 0
    for i in range(n):
        t += i
    return t

def double(n):
    t = 0
    i = 0
    while i < n:
        t += i * 2
        i += 1
    return t

def xor(n):
    t = 0
    for i in range(n):
        if i % 3 == 0:
            t ^= i
        else:
            t += 1
    return t

out = []
for rep in range(6):
    out.append(add(2000))
    out.append(double(2000))
    out.append(xor(2000))
print(sum(out), out[:3])
`
	want := "35982036 [1999000, 3998000, 6]\n"
	out, _, _, _ := runProgram(t, src, interp.Options{})
	if out != want {
		t.Fatalf("interpreter output\n%s\nwant\n%s", out, want)
	}
	for name, newBackend := range backends() {
		t.Run(name, func(t *testing.T) {
			o := interp.JITOptions{Enabled: true, Threshold: 50, BridgeThreshold: 20, Backend: newBackend()}
			_, _, _, all := runProgram(t, src, interp.Options{JIT: o})
			// A limit of a third of the code the run compiles, so that flushes must happen.
			o.CodeLimit, o.Backend = all.CodeBytes/3, newBackend()
			jout, jerr, status, s := runProgram(t, src, interp.Options{JIT: o})
			if jout != want || jerr != "" || status != 0 {
				t.Fatalf("with a code limit of %d bytes: stdout\n%s\nstderr\n%s\nstatus %d", o.CodeLimit, jout, jerr, status)
			}
			if s.Flushes < 3 || s.LiveCodeBytes >= s.CodeBytes {
				t.Errorf("%d flushes with a code limit of %d bytes (of %d compiled): %+v", s.Flushes, o.CodeLimit, all.CodeBytes, s)
			}
		})
	}
}

// TestBridgeKnowsCleanSlots: the locals a loop carries (n and total) are in every snapshot of
// its trace, so a bridge from the branch's guard gets them in registers; their kinds, which the
// loop had checked, reach the bridge's optimizer as record_known_field hints, so the bridge
// (and the copy of the loop's preamble it takes in) neither reloads them nor checks their
// kinds again, and writes them back without checking what it overwrites. (On the native
// backend, whose bridges go into the loop's body with that copy of its preamble.)
func TestBridgeKnowsCleanSlots(t *testing.T) {
	src := `
def steps(limit):
    total = 0
    for k in range(1, limit):
        n = k
        while n != 1:
            if n % 2 == 0:
                n = n // 2
            else:
                n = 3 * n + 1
            total += 1
    return total
print(steps(300))
`
	log := runWithBridgeLog(t, src, "14151\n", native.New()) // CPython 3.11's output
	bridges := 0
	for _, tr := range strings.Split(log, "# trace ")[1:] {
		if !strings.HasPrefix(tr, "bridge from op") || !strings.Contains(tr, "int_mul_ovf") {
			continue // only the bridges of the odd branch
		}
		bridges++
		for _, slot := range []string{"slot1", "slot3"} { // total and n
			if strings.Contains(tr, "descr=<"+slot+".kind>") || strings.Contains(tr, "getfield_i(p0, descr=<"+slot+".bits>)") {
				t.Errorf("the bridge reloads or rechecks %s:\n%s", slot, tr)
			}
		}
	}
	if bridges == 0 {
		t.Errorf("no bridge for the odd branch in the log:\n%s", log)
	}
}

// TestRangeIterOneCall: `for x in range(...)` in a bridge (a nested loop's range, made
// anew at each outer iteration) is one residual call, range_iter, that gives the iterator;
// the GET_ITER after it records nothing.
func TestRangeIterOneCall(t *testing.T) {
	src := `
def nest(n):
    total = 0
    for i in range(n):
        for j in range(i, n):
            total += j
    return total
print(nest(400))
`
	log := runWithBridgeLog(t, src, "21333200\n", irexec.New()) // CPython 3.11's output
	if !strings.Contains(log, "descr=<range_iter.") {
		t.Errorf("no range_iter call in the traces:\n%s", log)
	}
	if strings.Contains(log, "descr=<get_iter.range") || strings.Contains(log, "descr=<range.") {
		t.Errorf("range() and GET_ITER recorded as two calls:\n%s", log)
	}
}

// runWithBridgeLog runs src with the JIT on b (threshold 50, bridges after 10 failures),
// requires the output want and at least one bridge, and returns the optimized traces' log.
func runWithBridgeLog(t *testing.T, src, want string, b backend.Backend) string {
	t.Helper()
	var log strings.Builder
	o := interp.JITOptions{Enabled: true, Threshold: 50, BridgeThreshold: 10, Backend: b,
		Log: &log, LogCategories: "jit-log-opt"}
	out, _, _, stats := runProgram(t, src, interp.Options{JIT: o})
	if out != want {
		t.Fatalf("output %q, want %q", out, want)
	}
	if stats.BridgesCompiled < 1 {
		t.Fatalf("no bridge: %+v", stats)
	}
	return log.String()
}
