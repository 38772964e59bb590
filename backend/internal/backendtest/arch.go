// Package backendtest holds the tests every native backend must pass, written once: each
// backend's own test files run them with an Arch that opens up what the tests need of its
// internals (as wazero runs one suite against its compilers for both architectures). The
// reference is always the portable executor, backend/irexec: a native run must leave at the
// same op of the same trace with the same values.
package backendtest

import (
	"sort"
	"strings"
	"testing"
	"unsafe"

	"github.com/metajit/metajit/backend"
	"github.com/metajit/metajit/backend/codemem"
	"github.com/metajit/metajit/backend/irexec"
	"github.com/metajit/metajit/trace"
)

// Native is what the tests need of a native backend's compiled loop.
type Native interface {
	backend.Loop
	backend.Attacher
	backend.HeadAttacher
	backend.Freer
	Disassemble() string
}

// Arch is one native backend, as the tests see it.
type Arch struct {
	// Name is the backend's name (Backend.Name()).
	Name string
	// Backend compiles the tests' traces; the tests share it, as a driver shares its backend.
	Backend backend.Backend
	// WithMemory returns a backend that takes its code memory from mem.
	WithMemory func(mem *codemem.Memory) backend.Backend
	// Pieces returns the loops of l's tree: the root, then the bridges in the order attached.
	Pieces func(l Native) []Native
	// Budget returns where l keeps its back-edge budget, for tests that make it tiny.
	Budget func(l Native) *int64
	// HeadInMemory returns how many of l's live-ins its loop's head keeps in their homes
	// rather than in registers.
	HeadInMemory func(l Native) int
	// IndirectJump is how the disassembly shows the jump through the exit table.
	IndirectJump string
}

// tests are the tests of this package, by name: Run runs them all.
var tests = map[string]func(a *Arch, t *testing.T){
	"BridgeCompletesLoop":             (*Arch).testBridgeCompletesLoop,
	"BridgeOfBridge":                  (*Arch).testBridgeOfBridge,
	"BridgeFloatsAndPointers":         (*Arch).testBridgeFloatsAndPointers,
	"BridgeResidualCalls":             (*Arch).testBridgeResidualCalls,
	"BridgeAttachedDuringRun":         (*Arch).testBridgeAttachedDuringRun,
	"BridgeRestarts":                  (*Arch).testBridgeRestarts,
	"BridgeLoopYields":                (*Arch).testBridgeLoopYields,
	"BridgeConcurrentRuns":            (*Arch).testBridgeConcurrentRuns,
	"AttachErrors":                    (*Arch).testAttachErrors,
	"FreeTree":                        (*Arch).testFreeTree,
	"AttachHead":                      (*Arch).testAttachHead,
	"AttachHeadInvariantsInHomes":     (*Arch).testAttachHeadInvariantsInHomes,
	"AttachHeadErrors":                (*Arch).testAttachHeadErrors,
	"LoadsAndStores":                  (*Arch).testLoadsAndStores,
	"ArrayOfStructFields":             (*Arch).testArrayOfStructFields,
	"SumOverGoSlice":                  (*Arch).testSumOverGoSlice,
	"PointerLoop":                     (*Arch).testPointerLoop,
	"JumpIsAParallelAssignment":       (*Arch).testJumpIsAParallelAssignment,
	"LoopWithoutLabel":                (*Arch).testLoopWithoutLabel,
	"RegisterPressure":                (*Arch).testRegisterPressure,
	"YieldsKeepTheLoopState":          (*Arch).testYieldsKeepTheLoopState,
	"ResidualCalls":                   (*Arch).testResidualCalls,
	"FailingCallWithoutCanFailPanics": (*Arch).testFailingCallWithoutCanFailPanics,
	"NewSurvivesGC":                   (*Arch).testNewSurvivesGC,
	"ReentrantRun":                    (*Arch).testReentrantRun,
	"ConcurrentRuns":                  (*Arch).testConcurrentRuns,
	"ConcurrentCompiles":              (*Arch).testConcurrentCompiles,
	"ExitAccessors":                   (*Arch).testExitAccessors,
	"PureOps":                         (*Arch).testPureOps,
	"ComparisonsFusedWithGuards":      (*Arch).testComparisonsFusedWithGuards,
	"OverflowGuards":                  (*Arch).testOverflowGuards,
	"DivisionByZeroAndMinusOne":       (*Arch).testDivisionByZeroAndMinusOne,
	"FloatToIntSaturates":             (*Arch).testFloatToIntSaturates,
	"GuardValue":                      (*Arch).testGuardValue,
	"RandomTraces":                    (*Arch).testRandomTraces,
	"CompileErrors":                   (*Arch).testCompileErrors,
}

// Run runs every test of the package on a, each as a subtest named for it.
func (a *Arch) Run(t *testing.T) {
	names := make([]string, 0, len(tests))
	for n := range tests {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		t.Run(n, func(t *testing.T) { tests[n](a, t) })
	}
}

// Compile compiles tr with the backend, failing the test on an error.
func (a *Arch) Compile(t testing.TB, tr *trace.Trace) Native {
	t.Helper()
	l, err := a.Backend.Compile(tr)
	if err != nil {
		t.Fatalf("%v\n%s", err, tr)
	}
	return l.(Native)
}

// Parse parses a trace in the text format with the given descriptors.
func Parse(t testing.TB, text string, descrs ...trace.Descr) *trace.Trace {
	t.Helper()
	tr, err := trace.Parse(text, trace.DescrTable{}.Add(descrs...), nil)
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

// ParseObj parses a trace that may use the descriptors of Object.
func ParseObj(t testing.TB, text string, extra ...trace.Descr) *trace.Trace {
	t.Helper()
	return Parse(t, text, append(append([]trace.Descr(nil), objDescrs...), extra...)...)
}

// disassembleTree returns the disassembly of every loop of l's tree.
func (a *Arch) disassembleTree(l Native) string {
	var sb strings.Builder
	for _, p := range a.Pieces(l) {
		sb.WriteString(p.Disassemble())
	}
	return sb.String()
}

// Same runs tr on irexec and on the native loop l with the same inputs and fails unless they
// leave at the same op with the same values (backend.DiffExits). It returns the native exit.
func (a *Arch) Same(t testing.TB, tr *trace.Trace, l backend.Loop, ints []uint64, ptrs []unsafe.Pointer) *backend.Exit {
	t.Helper()
	ref, err := irexec.New().Compile(tr)
	if err != nil {
		t.Fatal(err)
	}
	var want, got backend.Exit
	ref.Run(ints, ptrs, &want)
	l.Run(ints, ptrs, &got)
	if d := backend.DiffExits(&want, &got); d != "" {
		var dis string
		if n, ok := l.(Native); ok {
			dis = n.Disassemble()
		}
		t.Fatalf("irexec and %s differ: %s\ninputs %v %v\n%s\n%s", a.Name, d, ints, ptrs, tr, dis)
	}
	return &got
}
