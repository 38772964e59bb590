package interp

import (
	"fmt"

	"github.com/metajit/metajit/interp/compile"
)

// Exception is a Python exception instance. Go code of the interpreter reports a Python error by
// returning a non-nil *Exception; the eval loop then unwinds to a handler or out of the program.
type Exception struct {
	Type *Type
	Args []Value
	// Traceback lists the frames the exception went through, innermost first, as the eval loop
	// appends them while unwinding.
	Traceback []TraceEntry
	// Context is the exception that was being handled when this one was raised (CPython's
	// __context__), printed as "During handling of the above exception, another exception occurred".
	Context *Exception
	// suggestion is CPython 3.11's ". Did you mean: 'x'?" hint, printed only when uncaught.
	suggestion string
}

// TraceEntry is one frame of a traceback: the code and the line being run.
type TraceEntry struct {
	Code *compile.Code
	Line int
}

// NewException makes an exception of class t whose single argument is the message msg.
func NewException(t *Type, msg string) *Exception {
	return &Exception{Type: t, Args: []Value{NewStr(msg)}}
}

// Errorf makes an exception of class t with a formatted message.
func Errorf(t *Type, format string, args ...any) *Exception {
	return NewException(t, fmt.Sprintf(format, args...))
}

// ExcValue wraps an exception as a value.
func ExcValue(e *Exception) Value { return Value{kind: KindExc, ref: e} }

// Message returns what str(e) gives: the single argument's str, "" for no arguments, the
// args tuple's repr for several, and for KeyError the repr of its key.
func (e *Exception) Message() string {
	switch len(e.Args) {
	case 0:
		return ""
	case 1:
		if e.Type.IsSubtype(KeyErrorType) {
			return Repr(e.Args[0])
		}
		return StrOf(e.Args[0])
	}
	return Repr(Value{kind: KindTuple, ref: &Tuple{Items: e.Args}})
}

// Error implements Go's error interface with the last line of the traceback:
// "ZeroDivisionError: division by zero".
func (e *Exception) Error() string {
	msg := e.Message()
	if msg == "" {
		return e.Type.Name
	}
	return e.Type.Name + ": " + msg
}
