package interp

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// arKnownDifferences lists the table's calls where metajit knowingly differs from CPython,
// with what metajit gives instead (none at the moment).
var arKnownDifferences = map[string]string{}

// TestBuiltinsTable calls the builtins as testdata/builtins_table.txt says and compares the
// results, errors and printed output with CPython's.
func TestBuiltinsTable(t *testing.T) {
	data, err := os.ReadFile("testdata/builtins_table.txt")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for lineNo, line := range strings.Split(string(data), "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		src, want, ok := strings.Cut(line, " => ")
		if !ok {
			t.Fatalf("line %d: bad line %q", lineNo+1, line)
		}
		wantOut := ""
		if i := strings.LastIndex(want, " ; stdout "); i >= 0 {
			var out bytes.Buffer
			v, err := arMustEval(t, arInterp(&out), want[i+len(" ; stdout "):])
			if err != nil || v.kind != KindStr {
				t.Fatalf("line %d: bad stdout in %q", lineNo+1, line)
			}
			want, wantOut = want[:i], strObj(v).S
		}
		if d, ok := arKnownDifferences[src]; ok {
			want = d
		}
		var out bytes.Buffer
		in := arInterp(&out)
		v, exc := arMustEval(t, in, src)
		got := arShow(in, v, exc)
		in.Stdout.Flush()
		if got != want {
			t.Errorf("line %d: %s: got %s, want %s", lineNo+1, src, got, want)
		}
		if out.String() != wantOut {
			t.Errorf("line %d: %s printed %q, want %q", lineNo+1, src, out.String(), wantOut)
		}
		n++
	}
	if n < 500 {
		t.Fatalf("only %d cases read", n)
	}
}

// TestBuiltinsNamespace checks that every builtin of the subset is there, and that each call
// of Builtins gives a map of its own.
func TestBuiltinsNamespace(t *testing.T) {
	b := Builtins()
	for _, name := range strings.Fields("print len range abs min max sum int float str bool list " +
		"tuple dict isinstance round enumerate zip sorted reversed type repr divmod pow hash chr " +
		"ord any all iter next object MemoryError") {
		if _, ok := b[name]; !ok {
			t.Errorf("builtin %s is missing", name)
		}
	}
	for _, et := range ExceptionTypes {
		v, ok := b[et.Name]
		if !ok || v.kind != KindType || v.ref.(*Type) != et {
			t.Errorf("exception class %s is missing", et.Name)
		}
		if et.New == nil {
			t.Errorf("exception class %s cannot be called", et.Name)
		}
	}
	delete(b, "len")
	if _, ok := Builtins()["len"]; !ok {
		t.Error("deleting from one Builtins() map changed the next")
	}
}

// TestExceptionArgsAreCopied checks that an exception keeps its own copy of the arguments,
// which may live on the caller's value stack.
func TestExceptionArgsAreCopied(t *testing.T) {
	args := []Value{NewStr("bad"), Int(2)}
	v, err := ValueErrorType.New(nil, args, nil)
	if err != nil {
		t.Fatal(err)
	}
	args[0] = Int(0)
	e := v.ref.(*Exception)
	if e.Type != ValueErrorType || e.Message() != "('bad', 2)" {
		t.Errorf("ValueError('bad', 2) is %s %q", e.Type.Name, e.Message())
	}
}

// TestSumIntListDoesNotAllocate checks sum's unboxed path over an int-strategy list.
func TestSumIntListDoesNotAllocate(t *testing.T) {
	xs := make([]int64, 1000)
	for i := range xs {
		xs[i] = int64(i)
	}
	l := NewListInts(xs)
	var r Value
	allocs := testing.AllocsPerRun(50, func() { r, _ = Sum(nil, l, Int(0)) })
	if allocs != 0 || Repr(r) != "499500" {
		t.Errorf("sum = %s with %v allocations", Repr(r), allocs)
	}
	fl := NewListFloats([]float64{0.1, 0.2, 0.3})
	allocs = testing.AllocsPerRun(50, func() { r, _ = Sum(nil, fl, Float(0)) })
	if allocs != 0 || Repr(r) != "0.6000000000000001" {
		t.Errorf("sum = %s with %v allocations", Repr(r), allocs)
	}
}

// TestSumOverflowsToBigInt checks the switch from the unboxed total to a big int and on.
func TestSumOverflowsToBigInt(t *testing.T) {
	l := NewListInts([]int64{1 << 62, 1 << 62, 1 << 62, -(1 << 62), -(1 << 62), 5})
	r, err := Sum(nil, l, Int(0))
	if err != nil || r.kind != KindInt || r.Int() != 1<<62+5 {
		t.Errorf("sum = %s, %v", Repr(r), err)
	}
	r, err = Sum(nil, NewListInts([]int64{1 << 62, 1 << 62, 1}), Float(0.5))
	if err != nil || Repr(r) != "9.223372036854776e+18" {
		t.Errorf("sum = %s, %v", Repr(r), err)
	}
}

func BenchmarkSumIntList(b *testing.B) {
	xs := make([]int64, 1000)
	for i := range xs {
		xs[i] = int64(i)
	}
	l := NewListInts(xs)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		_, _ = Sum(nil, l, Int(0))
	}
}
