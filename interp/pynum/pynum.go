// Package pynum gives the interpreter CPython 3.11's exact numeric semantics
// as small pure functions.
//
// Python's numbers have many corners that a straightforward Go translation gets
// subtly wrong: float ** float must be correctly rounded, float // and % follow
// CPython's own algorithms (including signed zeros), round() rounds half to
// even on the exact binary value, int / int is correctly rounded even for
// huge ints, and repr(float) prints the shortest digits that round-trip.
// Every function here is pure: it never panics and reports Python exceptions
// as an *Error value that the interpreter turns into a real exception.
//
// Where to look:
//
//   - format.go: FormatFloat (repr and str of a float).
//   - pow.go, powcore.go, dd.go, bigmath.go: Pow, correctly rounded. A fast
//     double-double evaluation of 2**(y*log2(x)) decides the rounding
//     almost always; big.Float (bigmath.go) settles the rare close calls,
//     and exact halfway cases are detected with integer arithmetic.
//   - divmod.go: float and int //, %, divmod and /.
//   - convert.go: int / int, float(int), int vs float comparison, int(float).
//   - round.go: round(x, n) and round(x).
//   - parse.go: float(str), int(str), the 4300-digit limit, repr of a str.
//
// Deliberate differences from CPython 3.11:
//
//   - A negative float raised to a non-integer power is a complex number in
//     CPython; Pow raises ValueError "math domain error" instead.
//   - Pow is correctly rounded in every case. CPython uses the C library's
//     pow, which (glibc) is within about 0.52 ulp: on rare inputs, and on
//     some results that lie exactly halfway between two floats such as
//     float(s*s) ** 1.5, it returns the other neighbour (testdata/pow.txt
//     marks the cases seen).
//   - Unicode digits, spaces and printable characters come from Go's
//     unicode tables, which may be a newer Unicode version than CPython
//     3.11's.
//
// The golden test vectors in testdata/ were produced once by CPython 3.11
// (see testdata/gen.py); the tests do not need Python to run.
package pynum

// Error describes a Python exception raised by a numeric operation.
// Type is the exception class name ("ZeroDivisionError", "OverflowError" or
// "ValueError") and Msg is the exact message CPython 3.11 uses.
type Error struct {
	Type string
	Msg  string
}

// Error formats the exception the way Python's traceback prints its last line.
func (e *Error) Error() string { return e.Type + ": " + e.Msg }

// Exception class names used in Error.Type.
const (
	ZeroDivisionError = "ZeroDivisionError"
	OverflowError     = "OverflowError"
	ValueError        = "ValueError"
)

func zeroDiv(msg string) *Error  { return &Error{Type: ZeroDivisionError, Msg: msg} }
func overflow(msg string) *Error { return &Error{Type: OverflowError, Msg: msg} }
func valueErr(msg string) *Error { return &Error{Type: ValueError, Msg: msg} }
