package pynum

import (
	"bufio"
	"encoding/json"
	"math"
	"math/big"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The golden files in testdata/ were written by testdata/gen.py with CPython
// 3.11. A line is "op operands... = result" or "op operands... ! Type: msg";
// floats are in float.hex() form, ints in decimal.

type golden struct {
	line   int
	op     string
	args   []string
	result string // after "= ", or "" when err is set
	err    string // "Type: message" after "! "
}

func readGolden(t *testing.T, name string) []golden {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []golden
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		if i := strings.Index(line, "  # "); i >= 0 {
			line = line[:i] // a comment, such as what libm's pow says
		}
		g := golden{line: n}
		var head string
		if i := strings.Index(line, " = "); i >= 0 {
			head, g.result = line[:i], line[i+3:]
		} else if i := strings.Index(line, " ! "); i >= 0 {
			head, g.err = line[:i], line[i+3:]
		} else {
			t.Fatalf("%s:%d: malformed line %q", name, n, line)
		}
		fields := strings.Fields(head)
		g.op, g.args = fields[0], fields[1:]
		out = append(out, g)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(out) == 0 {
		t.Fatalf("%s: no test vectors", name)
	}
	return out
}

func hexFloat(t *testing.T, s string) float64 {
	t.Helper()
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("bad float %q: %v", s, err)
	}
	return f
}

func bigInt(t *testing.T, s string) *big.Int {
	t.Helper()
	b, ok := new(big.Int).SetString(s, 10)
	if !ok {
		t.Fatalf("bad int %q", s)
	}
	return b
}

// sameFloat compares bit for bit, except that all nans are equal.
func sameFloat(a, b float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return math.Float64bits(a) == math.Float64bits(b)
}

func errString(e *Error) string {
	if e == nil {
		return ""
	}
	return e.Type + ": " + e.Msg
}

// checkFloat reports a mismatch between a float result and a golden line.
func checkFloat(t *testing.T, g golden, what string, got float64, err *Error) {
	t.Helper()
	if g.err != "" || err != nil {
		if errString(err) != g.err {
			t.Errorf("line %d: %s = %v, %q; want error %q", g.line, what, got, errString(err), g.err)
		}
		return
	}
	want := hexFloat(t, g.result)
	if !sameFloat(got, want) {
		t.Errorf("line %d: %s = %v (%x); want %v (%x)", g.line, what, got, got, want, want)
	}
}

func TestFormatFloatGolden(t *testing.T) {
	for _, g := range readGolden(t, "repr.txt") {
		x := hexFloat(t, g.args[0])
		if got := FormatFloat(x); got != g.result {
			t.Errorf("line %d: FormatFloat(%x) = %q, want %q", g.line, x, got, g.result)
		}
	}
}

func TestPowGolden(t *testing.T) {
	for _, g := range readGolden(t, "pow.txt") {
		x, y := hexFloat(t, g.args[0]), hexFloat(t, g.args[1])
		got, err := Pow(x, y)
		checkFloat(t, g, "Pow("+g.args[0]+", "+g.args[1]+")", got, err)
	}
}

func TestFloatDivGolden(t *testing.T) {
	for _, g := range readGolden(t, "divmod.txt") {
		x, y := hexFloat(t, g.args[0]), hexFloat(t, g.args[1])
		what := g.op + "(" + g.args[0] + ", " + g.args[1] + ")"
		switch g.op {
		case "floordiv":
			got, err := FloorDiv(x, y)
			checkFloat(t, g, what, got, err)
		case "mod":
			got, err := Mod(x, y)
			checkFloat(t, g, what, got, err)
		case "truediv":
			got, err := TrueDiv(x, y)
			checkFloat(t, g, what, got, err)
		case "divmod":
			q, r, err := DivMod(x, y)
			if g.err != "" || err != nil {
				checkFloat(t, g, what, q, err)
				continue
			}
			w := strings.Fields(g.result)
			if !sameFloat(q, hexFloat(t, w[0])) || !sameFloat(r, hexFloat(t, w[1])) {
				t.Errorf("line %d: %s = (%v, %v); want (%s, %s)", g.line, what, q, r, w[0], w[1])
			}
		default:
			t.Fatalf("line %d: unknown op %q", g.line, g.op)
		}
	}
}

func TestRoundGolden(t *testing.T) {
	for _, g := range readGolden(t, "round.txt") {
		x := hexFloat(t, g.args[0])
		switch {
		case g.op == "round" && g.args[1] != "-":
			n, _ := strconv.Atoi(g.args[1])
			got, err := Round(x, n)
			checkFloat(t, g, "Round("+g.args[0]+", "+g.args[1]+")", got, err)
		case g.op == "round":
			small, b, err := RoundToInt(x)
			checkInt(t, g, "RoundToInt("+g.args[0]+")", small, b, err)
		case g.op == "int":
			small, b, err := FloatToInt(x)
			checkInt(t, g, "FloatToInt("+g.args[0]+")", small, b, err)
		default:
			t.Fatalf("line %d: unknown op %q", g.line, g.op)
		}
	}
}

// checkInt checks a (small, big) int result against a golden line.
func checkInt(t *testing.T, g golden, what string, small int64, b *big.Int, err *Error) {
	t.Helper()
	if g.err != "" || err != nil {
		if errString(err) != g.err {
			t.Errorf("line %d: %s error %q; want %q", g.line, what, errString(err), g.err)
		}
		return
	}
	got := strconv.FormatInt(small, 10)
	if b != nil {
		if b.IsInt64() {
			t.Errorf("line %d: %s returned a big.Int that fits in int64", g.line, what)
		}
		got = b.String()
	}
	if got != g.result {
		t.Errorf("line %d: %s = %s; want %s", g.line, what, got, g.result)
	}
}

func TestIntsGolden(t *testing.T) {
	for _, g := range readGolden(t, "ints.txt") {
		a := bigInt(t, g.args[0])
		switch g.op {
		case "truediv":
			b := bigInt(t, g.args[1])
			got, err := IntTrueDiv(a, b)
			checkFloat(t, g, "IntTrueDiv("+g.args[0]+", "+g.args[1]+")", got, err)
			if a.IsInt64() && b.IsInt64() {
				got, err := Int64TrueDiv(a.Int64(), b.Int64())
				checkFloat(t, g, "Int64TrueDiv("+g.args[0]+", "+g.args[1]+")", got, err)
			}
		case "float":
			got, err := BigToFloat(a)
			checkFloat(t, g, "BigToFloat("+g.args[0]+")", got, err)
		case "cmp":
			f := hexFloat(t, g.args[1])
			c, unordered := CompareIntFloat(a, f)
			got := strconv.Itoa(c)
			if unordered {
				got = "nan"
			}
			if got != g.result {
				t.Errorf("line %d: CompareIntFloat(%s, %v) = %s; want %s", g.line, g.args[0], f, got, g.result)
			}
			if a.IsInt64() {
				c, unordered := CompareInt64Float(a.Int64(), f)
				got := strconv.Itoa(c)
				if unordered {
					got = "nan"
				}
				if got != g.result {
					t.Errorf("line %d: CompareInt64Float(%s, %v) = %s; want %s", g.line, g.args[0], f, got, g.result)
				}
			}
		default:
			t.Fatalf("line %d: unknown op %q", g.line, g.op)
		}
	}
}

func TestParseGolden(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "parse.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	n := 0
	for sc.Scan() {
		n++
		if strings.HasPrefix(sc.Text(), "#") {
			continue
		}
		var rec struct{ Op, S, Ok, Err string }
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatalf("line %d: %v", n, err)
		}
		g := golden{line: n, result: rec.Ok, err: rec.Err}
		short := rec.S
		if len(short) > 40 {
			short = short[:40] + "..."
		}
		switch rec.Op {
		case "float":
			got, err := ParseFloat(rec.S)
			checkFloat(t, g, "ParseFloat("+strconv.Quote(short)+")", got, err)
		case "int":
			small, b, err := ParseInt(rec.S)
			checkInt(t, g, "ParseInt("+strconv.Quote(short)+")", small, b, err)
		case "str":
			v, _ := new(big.Int).SetString(rec.S, 16)
			err := CheckIntStrDigits(v)
			if rec.Ok != "" {
				if err != nil {
					t.Errorf("line %d: CheckIntStrDigits = %v, want nil", n, err)
				}
			} else if errString(err) != rec.Err {
				t.Errorf("line %d: CheckIntStrDigits = %q, want %q", n, errString(err), rec.Err)
			}
		default:
			t.Fatalf("line %d: unknown op %q", n, rec.Op)
		}
	}
	if n == 0 {
		t.Fatal("no test vectors")
	}
}
