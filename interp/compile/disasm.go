package compile

import (
	"fmt"
	"io"
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode"
)

// Disassemble prints every Code of the program in the format of CPython's dis module: the
// module's code first, then each function (depth first, in constant order) under a
// "Disassembly of" header. Each instruction shows its line (where a new line starts), ">>" if
// it is a jump target, its index, its opcode name, its argument and, in parentheses, what the
// argument means: a constant, a variable, a name or a jump target. The exception table
// follows each Code, as dis prints it (end inclusive, handler, depth).
func (p *Program) Disassemble(w io.Writer) {
	var visit func(c *Code, header bool)
	visit = func(c *Code, header bool) {
		if header {
			fmt.Fprintf(w, "\nDisassembly of %s:\n", codeRepr(c))
		}
		c.disassemble(w, p.Globals)
		for _, k := range c.Consts {
			if fn, ok := k.(*Code); ok {
				visit(fn, true)
			}
		}
	}
	if p.Main != nil {
		visit(p.Main, false)
	}
}

// Disassemble prints one Code as Program.Disassemble does, without its nested functions.
// globals is the program's global table (Program.Globals), used to name global variables.
func (c *Code) Disassemble(w io.Writer, globals []string) { c.disassemble(w, globals) }

func (c *Code) disassemble(w io.Writer, globals []string) {
	targets := map[int]bool{}
	for _, in := range c.Instrs {
		if in.Op.IsJump() {
			targets[int(in.Arg)] = true
		}
	}
	for _, e := range c.ExcTable {
		targets[int(e.Handler)] = true
	}
	lineWidth := max(3, len(strconv.Itoa(maxLine(c.Lines))))
	offsetWidth := max(4, len(strconv.Itoa(len(c.Instrs))))
	lastLine := int32(-1)
	for pc, in := range c.Instrs {
		var b strings.Builder
		line := int32(0)
		if pc < len(c.Lines) {
			line = c.Lines[pc]
		}
		if line != lastLine {
			if pc > 0 {
				b.WriteString("\n")
			}
			fmt.Fprintf(&b, "%*d", lineWidth, line)
			lastLine = line
		} else {
			b.WriteString(strings.Repeat(" ", lineWidth))
		}
		b.WriteString("     ")
		if targets[pc] {
			b.WriteString(">>")
		} else {
			b.WriteString("  ")
		}
		fmt.Fprintf(&b, " %*d %-20s", offsetWidth, pc, in.Op)
		if in.Op.hasArg() {
			fmt.Fprintf(&b, " %5d", in.Arg)
			if s := c.argRepr(in, globals); s != "" {
				b.WriteString(" (" + s + ")")
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
	if len(c.ExcTable) > 0 {
		fmt.Fprintln(w, "ExceptionTable:")
		for _, e := range c.ExcTable {
			fmt.Fprintf(w, "  %d to %d -> %d [%d]\n", e.Start, e.End-1, e.Handler, e.Depth)
		}
	}
}

func maxLine(lines []int32) int {
	m := 0
	for _, l := range lines {
		m = max(m, int(l))
	}
	return m
}

// hasArg reports whether the opcode uses its argument.
func (op Opcode) hasArg() bool {
	switch op {
	case LOAD_CONST, LOAD_FAST, STORE_FAST, DELETE_FAST, LOAD_GLOBAL, STORE_GLOBAL, DELETE_GLOBAL,
		LOAD_ATTR, IMPORT_NAME, BUILD_TUPLE, BUILD_LIST, BUILD_MAP, BUILD_SLICE, UNPACK_SEQUENCE,
		MAKE_FUNCTION, KW_NAMES, CALL, CALL_METHOD, RAISE_VARARGS:
		return true
	}
	return op.IsJump()
}

// argRepr explains an instruction's argument; out-of-range arguments show as "?".
func (c *Code) argRepr(in Instr, globals []string) string {
	idx := func(n int) (int, bool) { i := int(in.Arg); return i, i >= 0 && i < n }
	switch in.Op {
	case LOAD_CONST, KW_NAMES, MAKE_FUNCTION:
		if i, ok := idx(len(c.Consts)); ok {
			return constRepr(c.Consts[i])
		}
	case LOAD_FAST, STORE_FAST, DELETE_FAST:
		if i, ok := idx(len(c.Locals)); ok {
			return c.Locals[i]
		}
	case LOAD_GLOBAL, STORE_GLOBAL, DELETE_GLOBAL:
		if i, ok := idx(len(globals)); ok {
			return globals[i]
		}
	case LOAD_ATTR, IMPORT_NAME:
		if i, ok := idx(len(c.Names)); ok {
			return c.Names[i]
		}
	case CALL_METHOD:
		name := "?"
		if i := int(in.Arg >> 8); i >= 0 && i < len(c.Names) {
			name = c.Names[i]
		}
		return fmt.Sprintf("%s, %d args", name, in.Arg&0xff)
	default:
		if in.Op.IsJump() {
			return fmt.Sprintf("to %d", in.Arg)
		}
		return ""
	}
	return "?"
}

func codeRepr(c *Code) string {
	return fmt.Sprintf("<code object %s, file %q, line %d>", c.Name, c.Filename, c.FirstLine)
}

// constRepr shows a constant as Python's repr does.
func constRepr(v any) string {
	switch v := v.(type) {
	case nil:
		return "None"
	case bool:
		if v {
			return "True"
		}
		return "False"
	case int64:
		return strconv.FormatInt(v, 10)
	case *big.Int:
		return v.String()
	case float64:
		return floatRepr(v)
	case string:
		return strRepr(v)
	case Tuple:
		parts := make([]string, len(v))
		for i, x := range v {
			parts[i] = constRepr(x)
		}
		if len(parts) == 1 {
			return "(" + parts[0] + ",)"
		}
		return "(" + strings.Join(parts, ", ") + ")"
	case *Code:
		return codeRepr(v)
	}
	return fmt.Sprintf("<%T>", v)
}

// floatRepr formats a float as Python's repr: the shortest digits that round-trip, in
// positional notation for exponents from -4 to 15, otherwise scientific.
func floatRepr(f float64) string {
	switch {
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	case math.IsNaN(f):
		return "nan"
	}
	exp := 0
	if f != 0 {
		sci := strconv.FormatFloat(f, 'e', -1, 64)
		exp, _ = strconv.Atoi(sci[strings.IndexByte(sci, 'e')+1:])
	}
	if exp < -4 || exp >= 16 {
		return strconv.FormatFloat(f, 'e', -1, 64)
	}
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if !strings.ContainsRune(s, '.') {
		s += ".0"
	}
	return s
}

// strRepr quotes a string as Python's repr: single quotes unless the string contains a single
// quote and no double quote; escapes for backslash, the quote, \t \n \r and unprintable
// characters.
func strRepr(s string) string {
	quote := byte('\'')
	if strings.ContainsRune(s, '\'') && !strings.ContainsRune(s, '"') {
		quote = '"'
	}
	var b strings.Builder
	b.WriteByte(quote)
	for _, r := range s {
		switch {
		case r == rune(quote) || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			fmt.Fprintf(&b, `\x%02x`, r)
		case !unicode.IsPrint(r) && r != ' ':
			if r <= 0xffff {
				fmt.Fprintf(&b, `\u%04x`, r)
			} else {
				fmt.Fprintf(&b, `\U%08x`, r)
			}
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte(quote)
	return b.String()
}
