package syntax

import (
	"fmt"
	"strings"
)

// Error is a compile-time error reported as CPython reports it:
//
//	  File "prog.py", line 3
//	    x = = 1
//	        ^
//	SyntaxError: invalid syntax
//
// Kind is "SyntaxError", "IndentationError" or, for a construct outside the subset,
// "NotImplementedError". The bytecode compiler reports its errors with this type too.
type Error struct {
	Kind     string
	Msg      string
	Filename string
	Line     int // 1-based
	Col      int // 0-based column of the caret, -1 for none
	Text     string
}

// Error returns the last line of the report, e.g. "SyntaxError: invalid syntax".
func (e *Error) Error() string { return e.Kind + ": " + e.Msg }

// Report renders the full multi-line report as CPython prints it on stderr.
func (e *Error) Report() string {
	var b strings.Builder
	fmt.Fprintf(&b, "  File \"%s\", line %d\n", e.Filename, e.Line)
	if t := strings.TrimRight(e.Text, "\r\n"); strings.TrimSpace(t) != "" {
		trimmed := strings.TrimLeft(t, " \t")
		fmt.Fprintf(&b, "    %s\n", trimmed)
		if col := e.Col - (len(t) - len(trimmed)); e.Col >= 0 && col >= 0 {
			fmt.Fprintf(&b, "    %s^\n", strings.Repeat(" ", col))
		}
	}
	b.WriteString(e.Error())
	b.WriteString("\n")
	return b.String()
}
