package trace

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"unsafe"
)

// The printer. The text format is described in the package documentation (ir.go).

// Symbols names the opaque things a trace refers to, so that its text is readable and can be
// parsed back: descriptors by name, snapshot tags by name, and constant pointers by name.
// Every field may be nil.
type Symbols struct {
	Descrs DescrTable                // descriptors, by name (for parsing; printing uses DescrName)
	Tags   map[string]uint32         // snapshot tags by name, e.g. "int" -> 1
	Ptrs   map[string]unsafe.Pointer // constant pointers by name, printed as ConstPtr(name)
}

// String returns the trace in the text format, with numeric tags and unnamed pointers.
func (t *Trace) String() string { return t.Format(nil) }

// Format returns the trace in the text format, naming what sym names.
func (t *Trace) Format(sym *Symbols) string {
	var b strings.Builder
	t.Print(&b, sym) // a strings.Builder never fails
	return b.String()
}

// Print writes the trace in the text format to w, naming what sym names (sym may be nil).
// It prints any trace, even an invalid one, marking what cannot be printed with '?'.
func (t *Trace) Print(w io.Writer, sym *Symbols) error {
	p := printer{t: t, w: bufio.NewWriter(w)}
	if sym != nil {
		p.tags = invert(sym.Tags)
		p.ptrs = invert(sym.Ptrs)
	}
	p.print()
	return p.w.Flush()
}

// invert turns a name -> value map into value -> name, keeping the smallest name when two
// names share a value, so that printing is deterministic.
func invert[V comparable](m map[string]V) map[V]string {
	if m == nil {
		return nil
	}
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	sort.Strings(names)
	inv := make(map[V]string, len(m))
	for _, n := range names {
		if _, ok := inv[m[n]]; !ok {
			inv[m[n]] = n
		}
	}
	return inv
}

type printer struct {
	t    *Trace
	w    *bufio.Writer
	tags map[uint32]string
	ptrs map[unsafe.Pointer]string
}

// headerInputs returns how many leading ops are inputs that the header line can show: input
// ops at their own position, with a printable type.
func headerInputs(t *Trace) int {
	n := 0
	for n < len(t.Ops) {
		op := &t.Ops[n]
		if op.Opcode != OpInput || op.Imm != int64(n) || op.Type.Prefix() == 0 ||
			op.Snap != -1 || op.Descr != nil || len(op.Args) != 0 {
			break
		}
		n++
	}
	return n
}

func (p *printer) print() {
	t := p.t
	p.w.WriteString("# trace")
	if t.Name != "" {
		p.w.WriteString(" " + oneLine(t.Name))
	}
	p.w.WriteByte('\n')
	n := headerInputs(t)
	p.w.WriteByte('[')
	for i := 0; i < n; i++ {
		if i > 0 {
			p.w.WriteString(", ")
		}
		p.w.WriteString(p.ref(Ref(i)))
	}
	p.w.WriteString("]\n")
	for i := n; i < len(t.Ops); i++ {
		p.op(i)
		if text, ok := t.Debug[i]; ok {
			p.w.WriteString("  # " + oneLine(text))
		}
		p.w.WriteByte('\n')
	}
}

// FormatOp returns one op in the text format (without its Debug comment), e.g. for error
// messages and logs.
func (t *Trace) FormatOp(i int, sym *Symbols) string {
	var b strings.Builder
	p := printer{t: t, w: bufio.NewWriter(&b)}
	if sym != nil {
		p.tags = invert(sym.Tags)
		p.ptrs = invert(sym.Ptrs)
	}
	p.op(i)
	p.w.Flush()
	return b.String()
}

func (p *printer) op(i int) {
	op := &p.t.Ops[i]
	w := p.w
	if op.Type != Void {
		w.WriteString(p.ref(Ref(i)))
		w.WriteString(" = ")
	}
	w.WriteString(op.Opcode.String())
	w.WriteByte('(')
	sep := ""
	for _, a := range op.Args {
		w.WriteString(sep + p.ref(a))
		sep = ", "
	}
	if op.Descr != nil {
		if d, ok := op.Descr.(*DebugDescr); ok {
			w.WriteString(sep + quote(d.Text))
		} else {
			w.WriteString(sep + "descr=<" + op.Descr.DescrName() + ">")
		}
		sep = ", "
	}
	if op.Imm != 0 || op.Opcode == OpInput {
		w.WriteString(sep + "imm=" + strconv.FormatInt(op.Imm, 10))
	}
	w.WriteByte(')')
	if op.Snap >= 0 {
		w.WriteByte(' ')
		if int(op.Snap) < len(p.t.Snaps) {
			p.snapshot(&p.t.Snaps[op.Snap])
		} else {
			fmt.Fprintf(w, "[?snapshot %d]", op.Snap)
		}
	}
}

func (p *printer) snapshot(s *Snapshot) {
	w := p.w
	w.WriteByte('[')
	sep := ""
	for _, f := range s.Frames {
		w.WriteString(sep)
		sep = " | "
		fmt.Fprintf(w, "f%d@%d", f.Code, f.PC)
		if f.Inlined {
			w.WriteByte('*')
		}
		if len(f.Slots) > 0 {
			w.WriteByte(':')
		}
		for _, sl := range f.Slots {
			eq := "="
			if sl.Clean {
				eq = "=="
			}
			fmt.Fprintf(w, " %d%s%s%s", sl.Index, eq, p.ref(sl.Ref), p.tag(sl.Tag))
		}
	}
	for k, v := range s.Virtuals {
		w.WriteString(sep)
		sep = " | "
		name := "?"
		if v.Alloc != nil {
			name = v.Alloc.Name
		}
		fmt.Fprintf(w, "v%d=new(%s", k, name)
		for _, f := range v.Fields {
			fname := "?"
			if f.Descr != nil {
				fname = f.Descr.Name
			}
			fmt.Fprintf(w, ", %s=%s%s", fname, p.ref(f.Ref), p.tag(f.Tag))
		}
		w.WriteString(")" + p.tag(v.Tag))
	}
	w.WriteByte(']')
}

func (p *printer) tag(tag uint32) string {
	if tag == 0 {
		return ""
	}
	if name, ok := p.tags[tag]; ok {
		return ":" + name
	}
	return ":" + strconv.FormatUint(uint64(tag), 10)
}

// ref returns the text of a value: a name, a constant, a virtual, or something marked with ?.
func (p *printer) ref(r Ref) string {
	t := p.t
	switch {
	case r >= 0 && int(r) < len(t.Ops):
		if c := t.Ops[r].Type.Prefix(); c != 0 {
			return string(c) + strconv.Itoa(int(r))
		}
		return "?" + strconv.Itoa(int(r))
	case t.IsConst(r):
		return p.constant(t.Consts[r.ConstIndex()])
	case r.IsVirtual():
		return "v" + strconv.Itoa(r.VirtualIndex())
	case r == NoRef:
		return "?NoRef"
	}
	return "?" + strconv.Itoa(int(r))
}

func (p *printer) constant(c Const) string {
	switch c.Type {
	case Int:
		return strconv.FormatInt(int64(c.Bits), 10)
	case Float:
		return FormatFloat(c.Bits)
	case Ptr:
		if c.Ptr == nil {
			return "ConstPtr(null)"
		}
		if name, ok := p.ptrs[c.Ptr]; ok {
			return "ConstPtr(" + name + ")"
		}
		return fmt.Sprintf("ConstPtr(%#x)", uintptr(c.Ptr))
	}
	return fmt.Sprintf("?const(%v, %#x)", c.Type, c.Bits)
}

// canonicalNaN is the NaN printed as plain "nan": Go's math.NaN().
var canonicalNaN = math.Float64bits(math.NaN())

// FormatFloat returns the text of a float constant given by its bits: the shortest decimal
// that reads back to the same bits, always with a '.' or an exponent so that it cannot be
// taken for an int (1.0, -0.0, 1.5e-07), or inf, -inf, nan, nan(0x7ff0000000000001).
func FormatFloat(bits uint64) string {
	f := math.Float64frombits(bits)
	switch {
	case math.IsNaN(f):
		if bits == canonicalNaN {
			return "nan"
		}
		return fmt.Sprintf("nan(%#x)", bits)
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	}
	s := strconv.FormatFloat(f, 'g', -1, 64)
	if !strings.ContainsAny(s, ".e") {
		s += ".0"
	}
	return s
}

// quote writes s as a single-quoted string, as PyPy's logs show debug_merge_point texts:
// backslash escapes for \ ' and control characters; everything else as is.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('\'')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' || c == '\'':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c == '\n':
			b.WriteString(`\n`)
		case c == '\t':
			b.WriteString(`\t`)
		case c < 0x20 || c == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, c)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('\'')
	return b.String()
}

// oneLine replaces line breaks so that a name or comment stays on its line.
func oneLine(s string) string {
	return strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(s)
}

// isSpace reports whether c separates tokens.
func isSpace(c rune) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// isDelim reports whether c is punctuation of the text format, which ends a word.
func isDelim(c rune) bool { return strings.ContainsRune(",()[]<>=|:'#", c) }
