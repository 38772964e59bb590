package bf

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/metajit/metajit/jit"
)

// program is a testdata program with its input and expected output.
type program struct {
	name      string
	src       string
	input     string
	want      string
	loopHeavy bool // the default threshold compiles loops
}

func loadPrograms(t testing.TB) []program {
	t.Helper()
	files, err := filepath.Glob("testdata/*.b")
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata programs: %v", err)
	}
	var progs []program
	for _, f := range files {
		base := strings.TrimSuffix(f, ".b")
		p := program{name: filepath.Base(base), src: read(t, f), want: read(t, base+".out")}
		if _, err := os.Stat(base + ".in"); err == nil {
			p.input = read(t, base+".in")
		}
		p.loopHeavy = p.name == "heavy" || p.name == "decimal"
		progs = append(progs, p)
	}
	return progs
}

func read(t testing.TB, name string) string {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// run parses and runs src, returning its output, its stats and its error.
func run(t testing.TB, src, input string, fold bool, opts Options) (string, jit.Stats, error) {
	t.Helper()
	parse := Parse
	if !fold {
		parse = ParseUnfolded
	}
	p, err := parse(src)
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	var out bytes.Buffer
	st, err := Run(p, strings.NewReader(input), &out, opts)
	return out.String(), st, err
}

// thresholds are the JIT settings every program is run with: tracing at the first and the
// second back-edge (so that every loop is compiled, and first iterations are recorded), and
// the default.
var thresholds = []int{1, 2, 0}

// TestPrograms runs every testdata program with the JIT off and on, folded and not, and with
// the reference interpreter: all give the expected output.
func TestPrograms(t *testing.T) {
	for _, p := range loadPrograms(t) {
		t.Run(p.name, func(t *testing.T) {
			if p.name == "heavy" && testing.Short() {
				t.Skip("slow")
			}
			if got := reference(t, p.src, p.input); got != p.want {
				t.Fatalf("reference interpreter: got %q, want %q", got, p.want)
			}
			folds := []bool{true, false}
			if p.name == "heavy" {
				folds = folds[:1] // unfolded, it takes seconds per run
			}
			for _, fold := range folds {
				got, _, err := run(t, p.src, p.input, fold, Options{})
				if err != nil || got != p.want {
					t.Fatalf("JIT off, fold=%v: got %q, %v; want %q", fold, got, err, p.want)
				}
				for _, th := range thresholds {
					got, st, err := run(t, p.src, p.input, fold, Options{JIT: true, Threshold: th})
					if err != nil || got != p.want {
						t.Fatalf("JIT on, threshold %d, fold=%v: got %q, %v; want %q", th, fold, got, err, p.want)
					}
					if th == 1 && strings.Contains(p.src, "]") && st.LoopsCompiled == 0 {
						t.Errorf("threshold 1, fold=%v: no loop compiled: %+v", fold, st)
					}
					if th == 0 && fold && p.loopHeavy && (st.LoopsCompiled == 0 || st.LoopEntries == 0) {
						t.Errorf("default threshold: the loops of a loop-heavy program were not compiled and run: %+v", st)
					}
				}
			}
		})
	}
}

// TestTapeGrowth runs programs with a one-cell tape: the tape grows in the interpreter, after
// a trace's bounds guard fails.
func TestTapeGrowth(t *testing.T) {
	for _, p := range loadPrograms(t) {
		if p.name == "heavy" {
			continue
		}
		for _, th := range []int{1, 2} {
			got, st, err := run(t, p.src, p.input, true, Options{JIT: true, Threshold: th, TapeSize: 1})
			if err != nil || got != p.want {
				t.Fatalf("%s, threshold %d, one-cell tape: got %q, %v; want %q", p.name, th, got, err, p.want)
			}
			if p.name == "reverse" && st.GuardFailures == 0 {
				t.Errorf("reverse with a one-cell tape: no guard failed (%+v)", st)
			}
		}
	}
	// A loop walking right grows the tape over and over, each time after its trace exits.
	src := "+[>+]"
	for _, jitOn := range []bool{false, true} {
		_, st, err := run(t, src, "", true, Options{JIT: jitOn, Threshold: 1, TapeSize: 1, MaxTapeSize: 1000})
		var re *RuntimeError
		if !errors.As(err, &re) || !strings.Contains(re.Msg, "past the tape's last cell (1000 cells at most)") || re.Col != 3 {
			t.Errorf("jit=%v: got %v, want the maximum tape size error at 1:3", jitOn, err)
		}
		if jitOn && st.GuardFailures < 5 {
			t.Errorf("the trace of +[>+] should have left through its bounds guard as the tape grew: %+v", st)
		}
	}
}

// TestErrors checks that a program that fails fails the same way with the JIT on, after the
// same output, including when the failure is found by a guard of compiled code.
func TestErrors(t *testing.T) {
	tests := []struct {
		src, want string
	}{
		{"<", "1:1: data pointer moved left of the first cell"},
		{"++++++++[>++++++<-]>>>>>>>>>>>>+[<+.]", "1:34: data pointer moved left of the first cell"},
		{">>>>>>>>>>+[<<+>+]", "1:13: data pointer moved left of the first cell"},
	}
	for _, tt := range tests {
		wantOut, _, err := run(t, tt.src, "", true, Options{})
		if err == nil || err.Error() != tt.want {
			t.Fatalf("%s: got %v, want %s", tt.src, err, tt.want)
		}
		for _, th := range thresholds {
			out, _, err := run(t, tt.src, "", true, Options{JIT: true, Threshold: th})
			if err == nil || err.Error() != tt.want || out != wantOut {
				t.Errorf("%s, threshold %d: got %q, %v; want %q, %s", tt.src, th, out, err, wantOut, tt.want)
			}
		}
	}
}

// failingWriter accepts writes while they fit in n bytes, then fails.
type failingWriter struct {
	n   int
	buf bytes.Buffer
}

var errBroken = errors.New("broken pipe")

func (w *failingWriter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		return 0, errBroken
	}
	w.n -= len(p)
	return w.buf.Write(p)
}

// failingReader gives n bytes of 'a', then fails.
type failingReader struct{ n int }

func (r *failingReader) Read(p []byte) (int, error) {
	if r.n == 0 {
		return 0, errBroken
	}
	k := min(len(p), r.n)
	for i := range k {
		p[i] = 'a'
	}
	r.n -= k
	return k, nil
}

// TestIOErrors checks that I/O errors stop the program with the same error and the same
// output with the JIT on, where they happen in residual calls that leave the trace.
func TestIOErrors(t *testing.T) {
	// Output: an endless loop printing; the writer fails after 10000 bytes (bufio writes
	// 4096 bytes at a time).
	p, _ := Parse("+[.]")
	for _, opts := range []Options{{}, {JIT: true, Threshold: 1}, {JIT: true}} {
		w := &failingWriter{n: 10000}
		_, err := Run(p, strings.NewReader(""), w, opts)
		if !errors.Is(err, errBroken) || w.buf.Len() != 8192 {
			t.Errorf("%+v: got %v after %d bytes, want %v after 8192", opts, err, w.buf.Len(), errBroken)
		}
	}
	// Input: an endless loop reading; the reader fails after 5000 bytes.
	p, _ = Parse("+[,.]")
	for _, opts := range []Options{{}, {JIT: true, Threshold: 1}, {JIT: true}} {
		var out bytes.Buffer
		_, err := Run(p, &failingReader{n: 5000}, &out, opts)
		if !errors.Is(err, errBroken) || out.String() != strings.Repeat("a", 5000) {
			t.Errorf("%+v: got %v after %d bytes, want %v after 5000", opts, err, out.Len(), errBroken)
		}
	}
}

// TestRandomPrograms runs random terminating programs with nested loops, I/O and moves both
// ways with the JIT off and on, against the reference interpreter: the traces' guards fail
// at every kind of place (inner loops running a different number of times, bounds, brackets
// skipped or entered), and the interpreter must always resume exactly.
func TestRandomPrograms(t *testing.T) {
	n := 300
	if testing.Short() {
		n = 50
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var total jit.Stats
	for i := 0; i < n; i++ {
		src := randomProgram(rng)
		input := make([]byte, 64)
		for k := range input {
			input[k] = byte(rng.IntN(256))
		}
		want, ok := referenceLimited(src, string(input), 200000)
		if !ok {
			i-- // too long: draw another
			continue
		}
		for _, fold := range []bool{true, false} {
			for _, opts := range []Options{
				{}, {JIT: true, Threshold: 1}, {JIT: true, Threshold: 2}, {JIT: true, Threshold: 3, TapeSize: 1},
			} {
				got, st, err := run(t, src, string(input), fold, opts)
				if err != nil || got != want {
					t.Fatalf("program %d, fold=%v, %+v:\n%s\ngot %q, %v\nwant %q", i, fold, opts, src, got, err, want)
				}
				total.LoopsCompiled += st.LoopsCompiled
				total.GuardFailures += st.GuardFailures
				total.Aborts += st.Aborts
			}
		}
	}
	if total.LoopsCompiled == 0 || total.GuardFailures == 0 || total.Aborts == 0 {
		t.Errorf("the random programs should compile loops, fail guards and abort some recordings: %+v", total)
	}
}

// randomProgram returns a random program that terminates: every loop is a counting loop
// [body-] whose body returns to the loop's cell and never touches it (nor the cells of
// the loops around it), so it runs as many times as its cell's value; [-] clears a cell.
// The pointer stays on cells 0..7.
func randomProgram(rng *rand.Rand) string {
	var b strings.Builder
	pos := 0
	moveTo := func(c int) {
		for ; pos < c; pos++ {
			b.WriteByte('>')
		}
		for ; pos > c; pos-- {
			b.WriteByte('<')
		}
	}
	var block func(depth int, busy map[int]bool)
	block = func(depth int, busy map[int]bool) {
		for n := rng.IntN(8) + 1; n > 0; n-- {
			c := rng.IntN(8)
			if busy[c] {
				continue
			}
			moveTo(c)
			switch k := rng.IntN(10); {
			case k < 4:
				ch := "+-"[rng.IntN(2)]
				b.WriteString(strings.Repeat(string(ch), rng.IntN(5)+1))
			case k == 4:
				b.WriteByte('.')
			case k == 5:
				b.WriteByte(',')
			case k == 6:
				b.WriteString("[-]")
			default:
				if depth >= 3 {
					b.WriteByte('+')
					continue
				}
				inner := map[int]bool{c: true}
				for k := range busy {
					inner[k] = true
				}
				b.WriteByte('[')
				block(depth+1, inner)
				moveTo(c)
				b.WriteString("-]")
			}
		}
	}
	for c := range 8 { // most cells start non-zero, so that most loops run
		moveTo(c)
		b.WriteString(strings.Repeat("+", rng.IntN(8)))
	}
	block(0, map[int]bool{})
	return b.String()
}

// reference is a naive Brainfuck interpreter, one command at a time, written separately from
// the package's to check its semantics: a tape growing to the right, byte cells, EOF leaves
// the cell unchanged.
func reference(t *testing.T, src, input string) string {
	t.Helper()
	out, ok := referenceLimited(src, input, -1)
	if !ok {
		t.Fatal("reference interpreter failed")
	}
	return out
}

// referenceLimited runs src for at most limit commands (no limit when negative) and reports
// whether it ended in time, without error.
func referenceLimited(src, input string, limit int) (string, bool) {
	tape := make([]byte, 1)
	pos, in := 0, 0
	var out strings.Builder
	for pc := 0; pc < len(src); pc++ {
		if limit == 0 {
			return out.String(), false
		}
		limit--
		switch src[pc] {
		case '+':
			tape[pos]++
		case '-':
			tape[pos]--
		case '>':
			pos++
			if pos == len(tape) {
				tape = append(tape, 0)
			}
		case '<':
			if pos--; pos < 0 {
				return out.String(), false
			}
		case '.':
			out.WriteByte(tape[pos])
		case ',':
			if in < len(input) {
				tape[pos] = input[in]
				in++
			}
		case '[':
			if tape[pos] == 0 {
				for depth := 1; depth > 0; {
					pc++
					depth += bracket(src[pc])
				}
			}
		case ']':
			if tape[pos] != 0 {
				for depth := 1; depth > 0; {
					pc--
					depth -= bracket(src[pc])
				}
			}
		}
	}
	return out.String(), true
}

// bracket returns 1 for [, -1 for ] and 0 for anything else.
func bracket(c byte) int {
	switch c {
	case '[':
		return 1
	case ']':
		return -1
	}
	return 0
}

// TestTrace pins the trace of a small loop, as -log=jit-log-noopt prints it (the README shows
// one): one iteration of the loop, the position as i1 carried by the jump, each cell loaded
// once and stored after each change, a bounds guard per move to a new offset.
func TestTrace(t *testing.T) {
	p, _ := Parse("++++[>+>+++<<-]")
	var log strings.Builder
	if _, err := Run(p, strings.NewReader(""), &bytes.Buffer{}, Options{JIT: true, Threshold: 1, Log: &log, LogCategories: "jit-log-noopt"}); err != nil {
		t.Fatal(err)
	}
	want := `[jit] {jit-log-noopt
# trace bf loop at 1:5
[p0, i1, i2]
debug_merge_point('#2 >1')  # ++++[_>_+>+++<<-]
i4 = int_add(i1, 1)
i5 = uint_lt(i4, i2)
guard_true(i5) [f0@2: 0=i1:pos]
debug_merge_point('#3 +1')  # ++++[>_+_>+++<<-]
i8 = getarrayitem_i(p0, i4, descr=<Tape.cell>)
i9 = int_add(i8, 1)
setarrayitem(p0, i4, i9, descr=<Tape.cell>)
debug_merge_point('#4 >1')  # ++++[>+_>_+++<<-]
i12 = int_add(i1, 2)
i13 = uint_lt(i12, i2)
guard_true(i13) [f0@4: 0=i4:pos]
debug_merge_point('#5 +3')  # ++++[>+>_+++_<<-]
i16 = getarrayitem_i(p0, i12, descr=<Tape.cell>)
i17 = int_add(i16, 3)
setarrayitem(p0, i12, i17, descr=<Tape.cell>)
debug_merge_point('#6 <2')  # ++++[>+>+++_<<_-]
debug_merge_point('#7 -1')  # +++[>+>+++<<_-_]
i21 = getarrayitem_i(p0, i1, descr=<Tape.cell>)
i22 = int_sub(i21, 1)
setarrayitem(p0, i1, i22, descr=<Tape.cell>)
debug_merge_point('#8 ]')  # ++[>+>+++<<-_]_
i25 = int_and(i22, 255)
guard_true(i25) [f0@8: 0=i1:pos]
jump(p0, i1, i2)
[jit] jit-log-noopt}
`
	if log.String() != want {
		t.Errorf("got\n%s\nwant\n%s", log.String(), want)
	}
}

// TestParse checks folding, bracket matching and syntax errors.
func TestParse(t *testing.T) {
	p, err := Parse("++ comment +-->><<<[-]x.,")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, in := range p.Instrs {
		got = append(got, in.String())
	}
	if s := strings.Join(got, " "); s != "+1 <1 [ -1 ] . ," {
		t.Errorf("folded: got %s", s)
	}
	if p.Instrs[2].Match != 4 || p.Instrs[4].Match != 2 {
		t.Errorf("brackets not matched: %+v", p.Instrs)
	}
	p, _ = Parse(strings.Repeat("+", 300) + strings.Repeat("-", 600))
	if len(p.Instrs) != 1 || p.Instrs[0].N != int(int8(-300%256)) {
		t.Errorf("long runs fold mod 256: %+v", p.Instrs)
	}
	p, _ = ParseUnfolded("++>")
	if len(p.Instrs) != 3 {
		t.Errorf("unfolded: %+v", p.Instrs)
	}
	for src, want := range map[string]string{
		"[":          "1:1: unmatched [",
		"[]]":        "1:3: unmatched ]",
		"+\n  [[]":   "2:3: unmatched [",
		"ab\ncd ]\n": "2:4: unmatched ]",
	} {
		_, err := Parse(src)
		var se *SyntaxError
		if !errors.As(err, &se) || err.Error() != want {
			t.Errorf("Parse(%q): got %v, want %s", src, err, want)
		}
	}
}

// TestNoInterpDependency checks that the bf JIT comes from the generic packages only: the
// package depends on nothing under interp/.
func TestNoInterpDependency(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	cmd := exec.Command("go", "list", "-deps", "github.com/metajit/metajit/examples/bf/...")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.String())
	}
	deps := strings.Fields(string(out))
	var jitDeps []string
	for _, dep := range deps {
		if dep == "github.com/metajit/metajit/interp" || strings.HasPrefix(dep, "github.com/metajit/metajit/interp/") {
			t.Errorf("examples/bf depends on %s", dep)
		}
		if strings.HasPrefix(dep, "github.com/metajit/metajit/") {
			jitDeps = append(jitDeps, dep)
		}
	}
	if !strings.Contains(fmt.Sprint(jitDeps), "github.com/metajit/metajit/jit") {
		t.Errorf("examples/bf does not use the jit package: %v", jitDeps)
	}
}
