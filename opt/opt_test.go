package opt

import (
	"strings"
	"testing"
	"unsafe"

	"github.com/metajit/metajit/trace"
)

// The optimizer's tests are written in PyPy's style (optimizeopt/test/test_optimizebasic.py):
// a trace before, as text, and the trace expected after one pass, as text, compared with
// trace.Diff. The helpers and the fake descriptors they share are here.

// testObj is the Go object the fake field descriptors describe.
type testObj struct {
	i   int64
	f   float64
	p   unsafe.Pointer
	b   uint8
	h   int16
	u32 uint32
}

var (
	descrI   = &trace.FieldDescr{Name: "Obj.i", Offset: unsafe.Offsetof(testObj{}.i), Size: 8, Type: trace.Int, Signed: true}
	descrF   = &trace.FieldDescr{Name: "Obj.f", Offset: unsafe.Offsetof(testObj{}.f), Size: 8, Type: trace.Float}
	descrP   = &trace.FieldDescr{Name: "Obj.p", Offset: unsafe.Offsetof(testObj{}.p), Size: 8, Type: trace.Ptr}
	descrB   = &trace.FieldDescr{Name: "Obj.b", Offset: unsafe.Offsetof(testObj{}.b), Size: 1, Type: trace.Int}
	descrH   = &trace.FieldDescr{Name: "Obj.h", Offset: unsafe.Offsetof(testObj{}.h), Size: 2, Type: trace.Int, Signed: true}
	descrU32 = &trace.FieldDescr{Name: "Obj.u32", Offset: unsafe.Offsetof(testObj{}.u32), Size: 4, Type: trace.Int}

	descrIntArray   = &trace.ArrayDescr{Name: "IntArray", ItemSize: 8, Type: trace.Int, Signed: true}
	descrByteArray  = &trace.ArrayDescr{Name: "ByteArray", ItemSize: 1, Type: trace.Int}
	descrFloatArray = &trace.ArrayDescr{Name: "FloatArray", ItemSize: 8, Type: trace.Float}

	descrObj = &trace.AllocDescr{Name: "Obj", Size: unsafe.Sizeof(testObj{}),
		New: func() unsafe.Pointer { return unsafe.Pointer(&testObj{}) }}

	// pure2 is a pure call (a, b) -> a*10 + b; pureF a pure float call; effect has a side
	// effect; maybe can fail; impure returns an int but has an effect.
	descrPure2 = &trace.CallDescr{Name: "pure2", ArgTypes: []trace.Type{trace.Int, trace.Int}, Result: trace.Int, Pure: true,
		Fn: func(a *trace.CallArgs) bool { a.SetInt(a.Int(0)*10 + a.Int(1)); return true }}
	descrPureF = &trace.CallDescr{Name: "pureF", ArgTypes: []trace.Type{trace.Float}, Result: trace.Float, Pure: true,
		Fn: func(a *trace.CallArgs) bool { a.SetFloat(a.Float(0) * 3); return true }}
	descrEffect = &trace.CallDescr{Name: "effect", ArgTypes: []trace.Type{trace.Int}, Result: trace.Void,
		Fn: func(a *trace.CallArgs) bool { return true }}
	descrMaybe = &trace.CallDescr{Name: "maybe", ArgTypes: []trace.Type{trace.Int}, Result: trace.Int, CanFail: true,
		Fn: func(a *trace.CallArgs) bool { a.SetInt(a.Int(0)); return a.Int(0) >= 0 }}
	descrImpure = &trace.CallDescr{Name: "impure", ArgTypes: []trace.Type{trace.Int}, Result: trace.Int,
		Fn: func(a *trace.CallArgs) bool { a.SetInt(a.Int(0)); return true }}
	descrPurePure = &trace.CallDescr{Name: "pureCanFail", ArgTypes: []trace.Type{trace.Int}, Result: trace.Int, Pure: true, CanFail: true,
		Fn: func(a *trace.CallArgs) bool { a.SetInt(a.Int(0)); return true }}

	// testObject is a live object for constant pointers in test traces.
	testObject = unsafe.Pointer(&testObj{})
)

// testSymbols names everything test traces use.
func testSymbols() *trace.Symbols {
	return &trace.Symbols{
		Descrs: trace.DescrTable{}.Add(descrI, descrF, descrP, descrB, descrH, descrU32,
			descrIntArray, descrByteArray, descrFloatArray, descrObj,
			descrPure2, descrPureF, descrEffect, descrMaybe, descrImpure, descrPurePure),
		Tags: map[string]uint32{"int": 1, "float": 2, "ptr": 3},
		Ptrs: map[string]unsafe.Pointer{"obj": testObject},
	}
}

// parseTest parses a test trace and checks that it is valid.
func parseTest(t *testing.T, what, text string) *trace.Trace {
	t.Helper()
	tr, err := trace.ParseWith(text, testSymbols())
	if err != nil {
		t.Fatalf("%s: %v\n%s", what, err, text)
	}
	if err := trace.Validate(tr); err != nil {
		t.Fatalf("%s is not a valid trace: %v\n%s", what, err, text)
	}
	return tr
}

// checkPass parses before and after, runs pass on before, and checks that the result is valid,
// equals after (trace.Diff), and that the pass left its input alone.
func checkPass(t *testing.T, pass func(*trace.Trace) (*trace.Trace, error), before, after string) *trace.Trace {
	t.Helper()
	sym := testSymbols()
	in := parseTest(t, "before", before)
	want := parseTest(t, "after", after)
	orig := in.Clone()
	got, err := pass(in)
	if err != nil {
		t.Fatalf("pass failed: %v", err)
	}
	if d := trace.Diff(in, orig); d != "" {
		t.Errorf("the pass modified its input: %s", d)
	}
	if err := trace.Validate(got); err != nil {
		t.Fatalf("the pass made an invalid trace: %v\n%s", err, got.Format(sym))
	}
	if d := trace.Diff(got, want); d != "" {
		t.Errorf("%s\n--- before\n%s\n--- got\n%s\n--- want\n%s", d, strings.TrimSpace(before), got.Format(sym), want.Format(sym))
	}
	return got
}

// checkUnchanged checks that the pass leaves the trace as it is.
func checkUnchanged(t *testing.T, pass func(*trace.Trace) (*trace.Trace, error), text string) {
	t.Helper()
	checkPass(t, pass, text, text)
}

// passCase is one before/after case of a table-driven pass test; after == "" means the pass
// must leave the trace unchanged.
type passCase struct {
	name, before, after string
}

// passChecker checks one case: checkPass, or checkMem (which also runs both traces).
type passChecker func(t *testing.T, pass func(*trace.Trace) (*trace.Trace, error), before, after string) *trace.Trace

// runCases runs a table of cases as subtests, each checked by checkPass.
func runCases(t *testing.T, pass func(*trace.Trace) (*trace.Trace, error), cases []passCase) {
	t.Helper()
	runCasesWith(t, pass, cases, checkPass)
}

// runCasesWith runs a table of cases as subtests, each checked by check.
func runCasesWith(t *testing.T, pass func(*trace.Trace) (*trace.Trace, error), cases []passCase, check passChecker) {
	t.Helper()
	seen := map[string]bool{}
	for _, c := range cases {
		if seen[c.name] {
			t.Errorf("two cases named %q", c.name)
		}
		seen[c.name] = true
		t.Run(c.name, func(t *testing.T) {
			after := c.after
			if after == "" {
				after = c.before
			}
			check(t, pass, c.before, after)
		})
	}
}
