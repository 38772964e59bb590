package opt

import (
	"os"
	"regexp"
	"strings"
	"testing"
	"unsafe"

	"github.com/metajit/metajit/trace"
)

// Traces the interpreter recorded, as its jit-log-noopt log prints them, go through the
// optimizer here: they must stay valid, through the pipeline and each pass alone. (opt may not
// import interp, so the traces are stored as text: testdata/recorded.traces, made with
//
//	metajit -log=jit-log-noopt -threshold=2 -disable-passes=all prog.py
//
// over the corpus programs and examples. Running the programs with the optimizer on is the
// corpus test's job, at the root of the module.)
//
// The log names descriptors and pointers the interpreter made; parseRecorded makes stand-ins
// from the way the trace uses them (a getfield_i's descriptor is an int field, a call's
// descriptor takes the types of its arguments...). The stand-ins are never run: pointers
// are fake, calls do nothing.

var (
	reDescrUse = regexp.MustCompile(`^(?:\w+ = )?(\w+)\((.*?)(?:, )?descr=<([^>]*)>\)( \[)?`)
	reConstPtr = regexp.MustCompile(`ConstPtr\((0x[0-9a-f]+)\)`)
	reTag      = regexp.MustCompile(`=[^ \]|]+?:([A-Za-z_]\w*)`)
)

// argType is the type of a value as the text format writes it.
func argType(s string) trace.Type {
	switch {
	case strings.HasPrefix(s, "ConstPtr("), strings.HasPrefix(s, "p"):
		return trace.Ptr
	case strings.HasPrefix(s, "f"), strings.ContainsAny(s, ".e"), strings.HasPrefix(s, "inf"),
		strings.HasPrefix(s, "-inf"), strings.HasPrefix(s, "nan"):
		return trace.Float
	}
	return trace.Int
}

var opLetterType = map[byte]trace.Type{'i': trace.Int, 'f': trace.Float, 'r': trace.Ptr, 'n': trace.Void}

// parseRecorded parses a trace from a log, with stand-ins for its descriptors, tags and
// pointers.
func parseRecorded(t *testing.T, text string) *trace.Trace {
	t.Helper()
	sym := &trace.Symbols{Descrs: trace.DescrTable{}, Tags: map[string]uint32{}, Ptrs: map[string]unsafe.Pointer{}}
	text = reConstPtr.ReplaceAllStringFunc(text, func(m string) string {
		name := "k" + reConstPtr.FindStringSubmatch(m)[1][2:]
		if _, ok := sym.Ptrs[name]; !ok {
			sym.Ptrs[name] = unsafe.Pointer(new(int64))
		}
		return "ConstPtr(" + name + ")"
	})
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		for _, m := range reTag.FindAllStringSubmatch(line, -1) {
			if _, ok := sym.Tags[m[1]]; !ok {
				sym.Tags[m[1]] = uint32(len(sym.Tags) + 1)
			}
		}
		m := reDescrUse.FindStringSubmatch(line)
		if m == nil || sym.Descrs[m[3]] != nil {
			continue
		}
		opname, name := m[1], m[3]
		var args []string
		if m[2] != "" {
			args = strings.Split(m[2], ", ")
		}
		letter := opname[len(opname)-1]
		switch {
		case strings.HasPrefix(opname, "getfield_"):
			sym.Descrs[name] = &trace.FieldDescr{Name: name, Size: 8, Type: opLetterType[letter], Signed: true}
		case opname == "setfield":
			sym.Descrs[name] = &trace.FieldDescr{Name: name, Size: 8, Type: argType(args[1]), Signed: true}
		case strings.HasPrefix(opname, "getarrayitem_"):
			sym.Descrs[name] = &trace.ArrayDescr{Name: name, ItemSize: 8, Type: opLetterType[letter], Signed: true}
		case opname == "setarrayitem":
			sym.Descrs[name] = &trace.ArrayDescr{Name: name, ItemSize: 8, Type: argType(args[2]), Signed: true}
		case strings.HasPrefix(opname, "call_"):
			d := &trace.CallDescr{Name: name, Result: opLetterType[letter], CanFail: m[4] != "",
				Fn: func(*trace.CallArgs) bool { return true }}
			for _, a := range args {
				d.ArgTypes = append(d.ArgTypes, argType(a))
			}
			sym.Descrs[name] = d
		case opname == "new":
			sym.Descrs[name] = &trace.AllocDescr{Name: name, Size: 8, New: func() unsafe.Pointer { return unsafe.Pointer(new(int64)) }}
		}
	}
	tr, err := trace.ParseWith(text, sym)
	if err != nil {
		t.Fatalf("%v\n%s", err, text)
	}
	if err := trace.Validate(tr); err != nil {
		t.Fatalf("the recorded trace is not valid: %v\n%s", err, text)
	}
	return tr
}

// recordedTraces returns the texts of the stored recorded traces.
func recordedTraces(t *testing.T) []string {
	data, err := os.ReadFile("testdata/recorded.traces")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, part := range strings.Split(string(data), "\n# trace ") {
		if part = strings.TrimSpace(part); part != "" {
			if !strings.HasPrefix(part, "# trace ") {
				part = "# trace " + part
			}
			out = append(out, part)
		}
	}
	return out
}

func TestRecordedTraces(t *testing.T) {
	texts := recordedTraces(t)
	if len(texts) < 10 {
		t.Fatalf("only %d recorded traces", len(texts))
	}
	opsBefore, opsAfter, guardsBefore, guardsAfter := 0, 0, 0, 0
	countGuards := func(tr *trace.Trace) int {
		n := 0
		for i := range tr.Ops {
			if tr.Ops[i].Opcode.IsGuard() {
				n++
			}
		}
		return n
	}
	for _, text := range texts {
		tr := parseRecorded(t, text)
		for _, v := range optVariants(nil) {
			orig := tr.Clone()
			out, err := v.run(tr)
			if err != nil {
				t.Fatalf("%s: %s: %v", tr.Name, v.name, err)
			}
			if d := trace.Diff(tr, orig); d != "" {
				t.Fatalf("%s: %s modified its input: %s", tr.Name, v.name, d)
			}
			if err := trace.Validate(out); err != nil {
				t.Fatalf("%s: %s made an invalid trace: %v\n%s\n--- after\n%s", tr.Name, v.name, err, text, out)
			}
			if v.name == "pipeline" {
				opsBefore += len(tr.Ops)
				opsAfter += len(out.Ops)
				guardsBefore += countGuards(tr)
				guardsAfter += countGuards(out)
			}
		}
	}
	t.Logf("%d recorded traces: %d ops and %d guards before the pipeline, %d ops and %d guards after",
		len(texts), opsBefore, guardsBefore, opsAfter, guardsAfter)
}
