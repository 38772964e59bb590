package pynum

import (
	"math"
	"math/big"
	"strings"
	"testing"
)

var negZero = math.Copysign(0, -1)

func TestFormatFloat(t *testing.T) {
	tests := []struct {
		f    float64
		want string
	}{
		{0, "0.0"},
		{negZero, "-0.0"},
		{math.Inf(1), "inf"},
		{math.Inf(-1), "-inf"},
		{math.NaN(), "nan"},
		{2, "2.0"},
		{0.1, "0.1"},
		{0.30000000000000004, "0.30000000000000004"},
		{123456789012345.0, "123456789012345.0"},
		{1234567890123456.0, "1234567890123456.0"},
		{1e16, "1e+16"},
		{12345678901234567.0, "1.2345678901234568e+16"},
		{0.0001, "0.0001"},
		{0.00012, "0.00012"},
		{1e-5, "1e-05"},
		{1.5e300, "1.5e+300"},
		{5e-324, "5e-324"},
		{-2.5, "-2.5"},
		{1e22, "1e+22"},
		{100, "100.0"},
		{1.7976931348623157e308, "1.7976931348623157e+308"},
	}
	for _, tc := range tests {
		if got := FormatFloat(tc.f); got != tc.want {
			t.Errorf("FormatFloat(%v) = %q, want %q", tc.f, got, tc.want)
		}
	}
	if got := string(AppendFloat([]byte("x="), 0.5)); got != "x=0.5" {
		t.Errorf("AppendFloat = %q", got)
	}
}

func FuzzFormatFloat(f *testing.F) {
	for _, x := range []float64{0, 1, 0.1, 1e16, 1e-5, 5e-324, 1.7976931348623157e308, 123456.789} {
		f.Add(x)
	}
	f.Fuzz(func(t *testing.T, x float64) {
		s := FormatFloat(x)
		got, err := ParseFloat(s)
		if err != nil {
			t.Fatalf("ParseFloat(FormatFloat(%v) = %q): %v", x, s, err)
		}
		if !sameFloat(got, x) {
			t.Fatalf("ParseFloat(FormatFloat(%v) = %q) = %v", x, s, got)
		}
		if !math.IsNaN(x) && !math.IsInf(x, 0) && !strings.ContainsAny(s, ".e") {
			t.Fatalf("FormatFloat(%v) = %q has neither a point nor an exponent", x, s)
		}
	})
}

func BenchmarkFormatFloat(b *testing.B) {
	xs := []float64{0.1, 123.456, 1e-7, 2.5e300, 1.0 / 3, 42}
	var buf []byte
	for i := 0; i < b.N; i++ {
		buf = AppendFloat(buf[:0], xs[i%len(xs)])
	}
}

func BenchmarkFormatFloatString(b *testing.B) {
	xs := []float64{0.1, 123.456, 1e-7, 2.5e300, 1.0 / 3, 42}
	n := 0
	for i := 0; i < b.N; i++ {
		n += len(FormatFloat(xs[i%len(xs)]))
	}
}

func TestFloatDivision(t *testing.T) {
	type res struct {
		q, r float64
		err  string
	}
	tests := []struct {
		x, y float64
		want res
	}{
		{7.5, -2, res{-4, -0.5, ""}},
		{-7.5, 2, res{-4, 0.5, ""}},
		{0, -5, res{negZero, negZero, ""}},
		{negZero, 5, res{negZero, 0, ""}},
		{-2, math.Inf(1), res{-1, math.Inf(1), ""}},
		{2, math.Inf(1), res{0, 2, ""}},
		{1, 0, res{0, 0, "ZeroDivisionError"}},
		{1, negZero, res{0, 0, "ZeroDivisionError"}},
	}
	for _, tc := range tests {
		q, err1 := FloorDiv(tc.x, tc.y)
		r, err2 := Mod(tc.x, tc.y)
		dq, dr, err3 := DivMod(tc.x, tc.y)
		if tc.want.err != "" {
			if err1 == nil || err2 == nil || err3 == nil {
				t.Errorf("%v, %v: want errors, got %v %v %v", tc.x, tc.y, err1, err2, err3)
			}
			continue
		}
		if !sameFloat(q, tc.want.q) || !sameFloat(r, tc.want.r) || !sameFloat(dq, q) || !sameFloat(dr, r) {
			t.Errorf("%v // %v = %v, %% = %v, divmod = (%v, %v); want %v, %v", tc.x, tc.y, q, r, dq, dr, tc.want.q, tc.want.r)
		}
	}
	for _, c := range []struct {
		err *Error
		msg string
	}{
		{second(FloorDiv(1, 0)), "float floor division by zero"},
		{second(Mod(1, 0)), "float modulo"},
		{third(DivMod(1, 0)), "float divmod()"},
		{second(TrueDiv(1, 0)), "float division by zero"},
	} {
		if c.err == nil || c.err.Type != ZeroDivisionError || c.err.Msg != c.msg {
			t.Errorf("got %v, want ZeroDivisionError: %s", c.err, c.msg)
		}
	}
}

func second[T any](_ T, e *Error) *Error        { return e }
func third[T, U any](_ T, _ U, e *Error) *Error { return e }

func TestIntDivision(t *testing.T) {
	tests := []struct {
		a, b, q, r int64
		ok         bool
	}{
		{7, 2, 3, 1, true},
		{-7, 2, -4, 1, true},
		{7, -2, -4, -1, true},
		{-7, -2, 3, -1, true},
		{6, -3, -2, 0, true},
		{0, -3, 0, 0, true},
		{math.MinInt64, -1, 0, 0, false},
		{math.MinInt64, 1, math.MinInt64, 0, true},
		{math.MinInt64, 2, math.MinInt64 / 2, 0, true},
		{math.MinInt64, 3, -3074457345618258603, 1, true},
		{math.MaxInt64, -1, -math.MaxInt64, 0, true},
		{math.MaxInt64, math.MinInt64, -1, -1, true},
	}
	for _, tc := range tests {
		q, ok, err := IntFloorDiv(tc.a, tc.b)
		if err != nil || ok != tc.ok || (ok && q != tc.q) {
			t.Errorf("IntFloorDiv(%d, %d) = %d, %v, %v; want %d, %v", tc.a, tc.b, q, ok, err, tc.q, tc.ok)
		}
		r, ok2, err := IntMod(tc.a, tc.b)
		if err != nil || !ok2 || r != tc.r {
			t.Errorf("IntMod(%d, %d) = %d, %v, %v; want %d", tc.a, tc.b, r, ok2, err, tc.r)
		}
		dq, dr, ok3, err := IntDivMod(tc.a, tc.b)
		if err != nil || ok3 != tc.ok || (ok3 && (dq != tc.q || dr != tc.r)) {
			t.Errorf("IntDivMod(%d, %d) = %d, %d, %v, %v", tc.a, tc.b, dq, dr, ok3, err)
		}
		// The big versions agree, and handle MinInt64 // -1.
		bq, err := BigFloorDiv(big.NewInt(tc.a), big.NewInt(tc.b))
		wantQ := new(big.Int).SetInt64(tc.q)
		if !tc.ok {
			wantQ.Neg(big.NewInt(tc.a))
		}
		if err != nil || bq.Cmp(wantQ) != 0 {
			t.Errorf("BigFloorDiv(%d, %d) = %v, %v; want %v", tc.a, tc.b, bq, err, wantQ)
		}
		br, err := BigMod(big.NewInt(tc.a), big.NewInt(tc.b))
		if err != nil || br.Int64() != tc.r {
			t.Errorf("BigMod(%d, %d) = %v, %v; want %d", tc.a, tc.b, br, err, tc.r)
		}
	}
	_, _, err := IntFloorDiv(1, 0)
	checkErr(t, "IntFloorDiv(1, 0)", err, "ZeroDivisionError: integer division or modulo by zero")
	_, _, err = IntMod(1, 0)
	checkErr(t, "IntMod(1, 0)", err, "ZeroDivisionError: integer modulo by zero")
	_, _, _, err = IntDivMod(1, 0)
	checkErr(t, "IntDivMod(1, 0)", err, "ZeroDivisionError: integer division or modulo by zero")
	_, err = BigFloorDiv(big.NewInt(1), new(big.Int))
	checkErr(t, "BigFloorDiv(1, 0)", err, "ZeroDivisionError: integer division or modulo by zero")
	_, err = BigMod(big.NewInt(1), new(big.Int))
	checkErr(t, "BigMod(1, 0)", err, "ZeroDivisionError: integer modulo by zero")
	_, _, err = BigDivMod(big.NewInt(1), new(big.Int))
	checkErr(t, "BigDivMod(1, 0)", err, "ZeroDivisionError: integer division or modulo by zero")

	a, _ := new(big.Int).SetString("-100000000000000000000000000001", 10)
	q, r, _ := BigDivMod(a, big.NewInt(7))
	if q.String() != "-14285714285714285714285714286" || r.String() != "1" {
		t.Errorf("BigDivMod = %v, %v", q, r)
	}
}

func checkErr(t *testing.T, what string, err *Error, want string) {
	t.Helper()
	if errString(err) != want {
		t.Errorf("%s: error %q, want %q", what, errString(err), want)
	}
}

func TestIntTrueDiv(t *testing.T) {
	pow := func(b, e int64) *big.Int { return new(big.Int).Exp(big.NewInt(b), big.NewInt(e), nil) }
	tests := []struct {
		a, b *big.Int
		want float64
		err  string
	}{
		{big.NewInt(1), big.NewInt(3), 1.0 / 3, ""},
		{big.NewInt(0), big.NewInt(-5), negZero, ""},
		{new(big.Int).Neg(big.NewInt(0)), pow(10, 30), 0, ""},
		{big.NewInt(7), new(big.Int).Neg(pow(10, 330)), negZero, ""},
		{pow(10, 400), pow(10, 399), 10, ""},
		{big.NewInt(1), big.NewInt(0), 0, "ZeroDivisionError: division by zero"},
		{pow(10, 400), big.NewInt(3), 0, "OverflowError: integer division result too large for a float"},
		{pow(2, 1074), pow(2, 2148), 5e-324, ""},
		{big.NewInt(1), pow(2, 1075), 0, ""},                                     // tie with 0: even
		{big.NewInt(3), pow(2, 1075), 1e-323, ""},                                // 1.5 units: even is 2 units
		{new(big.Int).Add(pow(2, 54), big.NewInt(2)), big.NewInt(1), 0x1p54, ""}, // tie: even
	}
	for _, tc := range tests {
		got, err := IntTrueDiv(tc.a, tc.b)
		if errString(err) != tc.err || (tc.err == "" && !sameFloat(got, tc.want)) {
			t.Errorf("IntTrueDiv(%v, %v) = %v, %q; want %v, %q", tc.a, tc.b, got, errString(err), tc.want, tc.err)
		}
	}
	if got, _ := Int64TrueDiv(1<<62+1, 3); got != 1.5372286728091292e+18 {
		t.Errorf("Int64TrueDiv(2**62+1, 3) = %v", got)
	}
	_, err := Int64TrueDiv(1, 0)
	checkErr(t, "Int64TrueDiv(1, 0)", err, "ZeroDivisionError: division by zero")
}

func TestBigToFloat(t *testing.T) {
	b := new(big.Int).Lsh(big.NewInt(1), 1024)
	_, err := BigToFloat(b)
	checkErr(t, "BigToFloat(2**1024)", err, "OverflowError: int too large to convert to float")
	b.Sub(b, new(big.Int).Lsh(big.NewInt(1), 970)) // rounds up to 2**1024
	_, err = BigToFloat(b)
	checkErr(t, "BigToFloat(2**1024 - 2**970)", err, "OverflowError: int too large to convert to float")
	b.Sub(b, big.NewInt(1))
	if got, err := BigToFloat(b); err != nil || got != math.MaxFloat64 {
		t.Errorf("BigToFloat(2**1024 - 2**970 - 1) = %v, %v", got, err)
	}
	b.Neg(b)
	if got, err := BigToFloat(b); err != nil || got != -math.MaxFloat64 {
		t.Errorf("BigToFloat(-(2**1024 - 2**970 - 1)) = %v, %v", got, err)
	}
}

func TestCompareIntFloat(t *testing.T) {
	e19, _ := new(big.Int).SetString("10000000000000000000", 10)
	tests := []struct {
		i         *big.Int
		f         float64
		cmp       int
		unordered bool
	}{
		{e19, 1e19, 0, false},
		{new(big.Int).Add(e19, big.NewInt(1)), 1e19, 1, false},
		{big.NewInt(1<<53 + 1), 1 << 53, 1, false},
		{big.NewInt(1), math.NaN(), 0, true},
		{big.NewInt(0), negZero, 0, false},
		{new(big.Int).Lsh(big.NewInt(1), 2000), math.Inf(1), -1, false},
		{new(big.Int).Lsh(big.NewInt(1), 2000), math.MaxFloat64, 1, false},
		{big.NewInt(math.MaxInt64), 0x1p63, -1, false},
		{big.NewInt(math.MinInt64), -0x1p63, 0, false},
		{big.NewInt(1<<60 + 1), 1<<60 + 0.0, 1, false},
		{big.NewInt(-3), -2.5, -1, false},
	}
	for _, tc := range tests {
		c, u := CompareIntFloat(tc.i, tc.f)
		if c != tc.cmp || u != tc.unordered {
			t.Errorf("CompareIntFloat(%v, %v) = %d, %v; want %d, %v", tc.i, tc.f, c, u, tc.cmp, tc.unordered)
		}
	}
}

func TestFloatToInt(t *testing.T) {
	if s, b, err := FloatToInt(-2.9); s != -2 || b != nil || err != nil {
		t.Errorf("FloatToInt(-2.9) = %d, %v, %v", s, b, err)
	}
	if s, b, err := FloatToInt(-0x1p63); s != math.MinInt64 || b != nil || err != nil {
		t.Errorf("FloatToInt(-2**63) = %d, %v, %v", s, b, err)
	}
	if _, b, err := FloatToInt(0x1p63); err != nil || b == nil || b.String() != "9223372036854775808" {
		t.Errorf("FloatToInt(2**63) = %v, %v", b, err)
	}
	if _, b, err := FloatToInt(-1e20); err != nil || b == nil || b.String() != "-100000000000000000000" {
		t.Errorf("FloatToInt(-1e20) = %v, %v", b, err)
	}
	_, _, err := FloatToInt(math.NaN())
	checkErr(t, "FloatToInt(nan)", err, "ValueError: cannot convert float NaN to integer")
	_, _, err = FloatToInt(math.Inf(-1))
	checkErr(t, "FloatToInt(-inf)", err, "OverflowError: cannot convert float infinity to integer")
	_, _, err = RoundToInt(math.Inf(1))
	checkErr(t, "RoundToInt(inf)", err, "OverflowError: cannot convert float infinity to integer")
}

func TestRound(t *testing.T) {
	tests := []struct {
		x    float64
		n    int
		want float64
	}{
		{2.675, 2, 2.67},
		{0.125, 2, 0.12},
		{0.375, 2, 0.38},
		{2.5, 0, 2},
		{-2.5, 0, -2},
		{-0.4, 0, negZero},
		{1250, -2, 1200},
		{1350, -2, 1400},
		{-1250, -2, -1200},
		{5, -1, 0},
		{15, -1, 20},
		{1e22, -22, 1e22},
		{5e-324, 323, 0},
		{5e-324, 324, 5e-324},
		{123.456, 400, 123.456},
		{123.456, -400, 0},
		{-123.456, -400, negZero},
		{1.5e-300, 300, 2e-300},
		{math.Inf(-1), -3, math.Inf(-1)},
	}
	for _, tc := range tests {
		got, err := Round(tc.x, tc.n)
		if err != nil || !sameFloat(got, tc.want) {
			t.Errorf("Round(%v, %d) = %v, %v; want %v", tc.x, tc.n, got, err, tc.want)
		}
	}
	_, err := Round(1.7976931348623157e308, -308)
	checkErr(t, "Round(max, -308)", err, "OverflowError: rounded value too large to represent")
	for _, c := range []struct {
		x    float64
		want int64
	}{{0.5, 0}, {1.5, 2}, {2.5, 2}, {-0.5, 0}, {-1.5, -2}, {-4.5000001, -5}, {4503599627370495.5, 4503599627370496}} {
		if got, _, err := RoundToInt(c.x); err != nil || got != c.want {
			t.Errorf("RoundToInt(%v) = %d, %v; want %d", c.x, got, err, c.want)
		}
	}
}

func TestParse(t *testing.T) {
	floats := []struct {
		s    string
		want float64
		err  string
	}{
		{" 1.5\n", 1.5, ""},
		{"1_000.5", 1000.5, ""},
		{"-Infinity", math.Inf(-1), ""},
		{"١٢٣", 123, ""},
		{"1e400", math.Inf(1), ""},
		{"abc", 0, `ValueError: could not convert string to float: 'abc'`},
		{"it's", 0, `ValueError: could not convert string to float: "it's"`},
		{"1__0", 0, `ValueError: could not convert string to float: '1__0'`},
		{"0x10", 0, `ValueError: could not convert string to float: '0x10'`},
		{"\x1c1", 0, `ValueError: could not convert string to float: '\x1c1'`},
	}
	for _, tc := range floats {
		got, err := ParseFloat(tc.s)
		if errString(err) != tc.err || (tc.err == "" && !sameFloat(got, tc.want)) {
			t.Errorf("ParseFloat(%q) = %v, %q; want %v, %q", tc.s, got, errString(err), tc.want, tc.err)
		}
	}
	ints := []struct {
		s    string
		want string
		err  string
	}{
		{" -12 ", "-12", ""},
		{"1_000", "1000", ""},
		{"007", "7", ""},
		{"\u3000 12 ", "12", ""},
		{"9223372036854775808", "9223372036854775808", ""},
		{"-9223372036854775808", "-9223372036854775808", ""},
		{"x", "", "ValueError: invalid literal for int() with base 10: 'x'"},
		{"1.5", "", "ValueError: invalid literal for int() with base 10: '1.5'"},
		{"_1", "", "ValueError: invalid literal for int() with base 10: '_1'"},
		{"- 1", "", "ValueError: invalid literal for int() with base 10: '- 1'"},
		{strings.Repeat("1", 4301), "", "ValueError: Exceeds the limit (4300 digits) for integer string conversion: " +
			"value has 4301 digits; use sys.set_int_max_str_digits() to increase the limit"},
		{strings.Repeat("a", 300), "", "ValueError: invalid literal for int() with base 10: '" + strings.Repeat("a", 199)},
	}
	for _, tc := range ints {
		small, b, err := ParseInt(tc.s)
		got := ""
		if err == nil {
			got = big.NewInt(small).String()
			if b != nil {
				got = b.String()
			}
		}
		if errString(err) != tc.err || got != tc.want {
			t.Errorf("ParseInt(%.20q) = %s, %q; want %s, %q", tc.s, got, errString(err), tc.want, tc.err)
		}
	}
}

func TestCheckIntStrDigits(t *testing.T) {
	lim := new(big.Int).Exp(big.NewInt(10), big.NewInt(4300), nil)
	if err := CheckIntStrDigits(new(big.Int).Sub(lim, big.NewInt(1))); err != nil {
		t.Errorf("10**4300 - 1: %v", err)
	}
	checkErr(t, "-10**4300", CheckIntStrDigits(new(big.Int).Neg(lim)),
		"ValueError: Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit")
}

func TestPyRepr(t *testing.T) {
	tests := []struct{ s, want string }{
		{"abc", `'abc'`},
		{"it's", `"it's"`},
		{`"'`, `'"\''`},
		{"a\\b\t\n\r\x00\x7f", `'a\\b\t\n\r\x00\x7f'`},
		{"é\u00ad\u2028😀", "'é\\xad\\u2028😀'"},
	}
	for _, tc := range tests {
		if got := PyRepr(tc.s); got != tc.want {
			t.Errorf("PyRepr(%q) = %s, want %s", tc.s, got, tc.want)
		}
	}
}

func FuzzParseFloat(f *testing.F) {
	for _, s := range []string{"1.5", " -inf ", "1_0e1_0", "١٢٣", "nan", "", "1e", "0x1p3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ParseFloat(s) // must not panic
		ParseInt(s)
	})
}

func FuzzRound(f *testing.F) {
	f.Add(2.675, 2)
	f.Add(1250.0, -2)
	f.Add(5e-324, 323)
	f.Fuzz(func(t *testing.T, x float64, n int) {
		got, err := Round(x, n)
		if err != nil || math.IsNaN(x) {
			return
		}
		// Rounding never moves a value by more than half a unit in the last
		// kept place (plus the final conversion), and never flips its sign.
		if math.Signbit(got) != math.Signbit(x) {
			t.Errorf("Round(%v, %d) = %v changed sign", x, n, got)
		}
		if n >= 0 && n <= 300 && !math.IsInf(x, 0) {
			// Allow for the representation error of the decimal result.
			slack := 4 * (math.Nextafter(math.Abs(x), math.Inf(1)) - math.Abs(x))
			if d := math.Abs(got - x); d > 0.5*math.Pow(10, -float64(n))+slack {
				t.Errorf("Round(%v, %d) = %v is too far away", x, n, got)
			}
		}
	})
}
