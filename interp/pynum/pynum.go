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
