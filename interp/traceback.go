package interp

import (
	"fmt"
	"strings"
)

// FormatException renders an uncaught exception as CPython 3.11 prints it: the chain of
// exceptions it was raised while handling, each with its traceback (outermost frame first,
// with the source line of each frame; runs of identical frames collapsed as
// "[Previous line repeated N more times]"), ending with "Type: message" and, for NameError and
// AttributeError, CPython's ". Did you mean: 'x'?".
func (in *Interp) FormatException(e *Exception) string {
	var b strings.Builder
	in.formatChain(&b, e, 0)
	return b.String()
}

func (in *Interp) formatChain(b *strings.Builder, e *Exception, depth int) {
	if e.Context != nil && depth < 100 {
		in.formatChain(b, e.Context, depth+1)
		b.WriteString("\nDuring handling of the above exception, another exception occurred:\n\n")
	}
	if len(e.Traceback) > 0 {
		b.WriteString("Traceback (most recent call last):\n")
		var last TraceEntry
		repeats := 0
		flush := func() {
			if repeats > 3 {
				n := repeats - 3
				s := "s"
				if n == 1 {
					s = ""
				}
				fmt.Fprintf(b, "  [Previous line repeated %d more time%s]\n", n, s)
			}
		}
		for i := len(e.Traceback) - 1; i >= 0; i-- {
			t := e.Traceback[i]
			if i < len(e.Traceback)-1 && t == last {
				repeats++
				if repeats > 3 {
					continue
				}
			} else {
				flush()
				repeats = 1
			}
			last = t
			fmt.Fprintf(b, "  File \"%s\", line %d, in %s\n", t.Code.Filename, t.Line, t.Code.Name)
			if src := in.sourceLine(t.Line); src != "" {
				fmt.Fprintf(b, "    %s\n", src)
			}
		}
		flush()
	}
	b.WriteString(e.Error())
	if e.suggestion != "" {
		fmt.Fprintf(b, ". Did you mean: '%s'?", e.suggestion)
	}
	b.WriteString("\n")
}

// sourceLine returns line n of the program's source, without indentation.
func (in *Interp) sourceLine(n int) string {
	if in.lines == nil {
		in.lines = strings.Split(in.prog.Source, "\n")
	}
	if n < 1 || n > len(in.lines) {
		return ""
	}
	return strings.TrimSpace(in.lines[n-1])
}
