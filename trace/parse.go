package trace

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Parse reads a trace in the text format (see text.go), resolving descriptor names through
// descrs and tag names through tagNames (either may be nil; numeric tags need no table).
// Values may be named freely (i5, i_sum, p0...): the parser numbers the ops itself and
// remaps. It checks the syntax and the names, not the semantics: call Validate for that.
//
// For constant pointers by name, use ParseWith.
func Parse(text string, descrs DescrTable, tagNames map[string]uint32) (*Trace, error) {
	return ParseWith(text, &Symbols{Descrs: descrs, Tags: tagNames})
}

// ParseWith reads a trace in the text format, resolving every name through sym (which may be
// nil): descriptors, tags, and constant pointers written ConstPtr(name).
func ParseWith(text string, sym *Symbols) (*Trace, error) {
	if sym == nil {
		sym = &Symbols{}
	}
	p := &parser{t: &Trace{}, sym: sym, names: make(map[string]Ref)}
	sawHeader, sawName := false, false
	for n, line := range strings.Split(text, "\n") {
		p.line = n + 1
		line = strings.ReplaceAll(strings.TrimRight(line, "\r"), "\r", " ") // as the printer's oneLine
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "":
			continue
		case strings.HasPrefix(trimmed, "#"):
			if !sawName && len(p.t.Ops) == 0 && (trimmed == "# trace" || strings.HasPrefix(trimmed, "# trace ")) {
				p.t.Name = strings.TrimPrefix(strings.TrimPrefix(trimmed, "# trace"), " ")
				sawName = true
			}
			continue
		}
		toks, err := lex(trimmed)
		if err != nil {
			return nil, p.errorf("%v", err)
		}
		p.toks, p.pos = toks, 0
		if toks[0].kind == '[' && !sawHeader && len(p.t.Ops) == 0 {
			sawHeader = true
			err = p.header()
		} else {
			err = p.opLine()
		}
		if err != nil {
			return nil, err
		}
	}
	return p.t, nil
}

// ParseError is an error in a trace's text, with its line number.
type ParseError struct {
	Line int
	Msg  string
}

// Error returns "line N: message".
func (e *ParseError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// A token of the text format: a word (kind 'w': names, numbers, opcode names...), a quoted
// string (kind 's', text unquoted), a comment (kind '#', the text after "# "), or one of the
// punctuation characters , ( ) [ ] < > = | : (kind is the character itself).
type token struct {
	kind byte
	text string
}

func lex(line string) ([]token, error) {
	var toks []token
	for i := 0; i < len(line); {
		c := line[i]
		switch {
		case isSpace(rune(c)):
			i++
		case c == '#':
			text := line[i+1:]
			text = strings.TrimPrefix(text, " ")
			toks = append(toks, token{'#', text})
			i = len(line)
		case c == '\'':
			s, n, err := unquote(line[i:])
			if err != nil {
				return nil, err
			}
			toks = append(toks, token{'s', s})
			i += n
		case isDelim(rune(c)):
			toks = append(toks, token{c, string(c)})
			i++
		default:
			j := i
			for j < len(line) && !isSpace(rune(line[j])) && !isDelim(rune(line[j])) {
				j++
			}
			toks = append(toks, token{'w', line[i:j]})
			i = j
		}
	}
	return toks, nil
}

// unquote reads a single-quoted string at the start of s, as quote writes it, and returns
// its value and the number of bytes it took.
func unquote(s string) (string, int, error) {
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		c := s[i]
		switch c {
		case '\'':
			return b.String(), i + 1, nil
		case '\\':
			if i+1 >= len(s) {
				return "", 0, fmt.Errorf("unterminated string")
			}
			i++
			switch s[i] {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case '\\', '\'':
				b.WriteByte(s[i])
			case 'x':
				if i+2 >= len(s) {
					return "", 0, fmt.Errorf("bad \\x escape")
				}
				v, err := strconv.ParseUint(s[i+1:i+3], 16, 8)
				if err != nil {
					return "", 0, fmt.Errorf("bad \\x escape")
				}
				b.WriteByte(byte(v))
				i += 2
			default:
				return "", 0, fmt.Errorf("unknown escape \\%c", s[i])
			}
		default:
			b.WriteByte(c)
		}
	}
	return "", 0, fmt.Errorf("unterminated string")
}

type parser struct {
	t     *Trace
	sym   *Symbols
	names map[string]Ref // value name in the text -> Ref
	line  int
	toks  []token
	pos   int
}

func (p *parser) errorf(format string, args ...any) error {
	return &ParseError{Line: p.line, Msg: fmt.Sprintf(format, args...)}
}

func (p *parser) peek() token {
	if p.pos < len(p.toks) {
		return p.toks[p.pos]
	}
	return token{kind: 0, text: "end of line"}
}

func (p *parser) next() token {
	tok := p.peek()
	if p.pos < len(p.toks) {
		p.pos++
	}
	return tok
}

func (p *parser) expect(kind byte) (token, error) {
	tok := p.next()
	if tok.kind != kind {
		return tok, p.errorf("expected %q, found %q", string(kind), tok.text)
	}
	return tok, nil
}

// header reads the input line [p0, i1, f2].
func (p *parser) header() error {
	p.next() // [
	for p.peek().kind != ']' {
		tok, err := p.expect('w')
		if err != nil {
			return err
		}
		typ, err := p.nameType(tok.text)
		if err != nil {
			return err
		}
		if err := p.define(tok.text, p.t.Input(typ)); err != nil {
			return err
		}
		if p.peek().kind == ',' {
			p.next()
		} else if p.peek().kind != ']' {
			return p.errorf("expected ',' or ']' in the input list, found %q", p.peek().text)
		}
	}
	p.next() // ]
	if p.peek().kind != 0 {
		return p.errorf("unexpected %q after the input list", p.peek().text)
	}
	return nil
}

// nameType returns the type a value name's first letter gives it.
func (p *parser) nameType(name string) (Type, error) {
	if isValueName(name) {
		switch name[0] {
		case 'i':
			return Int, nil
		case 'f':
			return Float, nil
		case 'p':
			return Ptr, nil
		}
	}
	return Void, p.errorf("bad value name %q: names are i, f or p followed by letters, digits or _", name)
}

// isValueName reports whether s can name a value: a type letter then letters, digits or _.
func isValueName(s string) bool {
	if s == "" || !strings.ContainsRune("ifp", rune(s[0])) || s == "inf" {
		return false
	}
	for _, c := range s[1:] {
		if !(c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

func (p *parser) define(name string, r Ref) error {
	if _, dup := p.names[name]; dup {
		return p.errorf("value %s is defined twice", name)
	}
	p.names[name] = r
	return nil
}

// opLine reads [name =] opname(args) [snapshot] [# comment].
func (p *parser) opLine() error {
	var result string
	if len(p.toks) >= 2 && p.toks[1].kind == '=' {
		result = p.next().text
		p.next()
	}
	nameTok, err := p.expect('w')
	if err != nil {
		return err
	}
	opcode, ok := OpcodeByName(nameTok.text)
	if !ok {
		return p.errorf("unknown operation %q", nameTok.text)
	}
	info := opcode.Info()
	op := Op{Opcode: opcode, Type: info.Result, Snap: -1}
	if result != "" {
		typ, err := p.nameType(result)
		if err != nil {
			return err
		}
		switch {
		case info.Result == Any:
			op.Type = typ
		case info.Result == Void:
			return p.errorf("%s has no result to name %s", opcode, result)
		case info.Result != typ:
			return p.errorf("%s = %s: %s gives a %s, so its name must start with %c", result, opcode, opcode, info.Result, info.Result.Prefix())
		}
	} else if info.Result != Void {
		return p.errorf("%s has a result: name it (e.g. %c%d = %s(...))", opcode, prefixOr(info.Result), len(p.t.Ops), opcode)
	}
	if _, err := p.expect('('); err != nil {
		return err
	}
	if err := p.args(&op); err != nil {
		return err
	}
	if p.peek().kind == '[' {
		p.next()
		s, err := p.snapshot()
		if err != nil {
			return err
		}
		op.Snap = p.t.AddSnapshot(s)
	}
	var comment *token
	if p.peek().kind == '#' {
		tok := p.next()
		comment = &tok
	}
	if p.peek().kind != 0 {
		return p.errorf("unexpected %q at the end of the line", p.peek().text)
	}
	p.t.Ops = append(p.t.Ops, op)
	r := Ref(len(p.t.Ops) - 1)
	if result != "" {
		if err := p.define(result, r); err != nil {
			return err
		}
	}
	if comment != nil {
		p.t.SetDebug(r, comment.text)
	}
	return nil
}

func prefixOr(t Type) byte {
	if c := t.Prefix(); c != 0 {
		return c
	}
	return 'i'
}

// args reads the arguments up to and including the closing parenthesis.
func (p *parser) args(op *Op) error {
	var args []Ref
	for p.peek().kind != ')' {
		tok := p.peek()
		switch {
		case tok.kind == 'w' && tok.text == "descr" && p.at(1, '='):
			p.next()
			p.next()
			if _, err := p.expect('<'); err != nil {
				return err
			}
			name, err := p.expect('w')
			if err != nil {
				return err
			}
			if _, err := p.expect('>'); err != nil {
				return err
			}
			d, ok := p.sym.Descrs[name.text]
			if !ok {
				return p.errorf("unknown descr <%s>", name.text)
			}
			op.Descr = d
		case tok.kind == 'w' && tok.text == "imm" && p.at(1, '='):
			p.next()
			p.next()
			v, err := p.expect('w')
			if err != nil {
				return err
			}
			op.Imm, err = strconv.ParseInt(v.text, 10, 64)
			if err != nil {
				return p.errorf("bad imm %q", v.text)
			}
		case tok.kind == 's':
			p.next()
			op.Descr = &DebugDescr{Text: tok.text}
		default:
			r, err := p.value(false)
			if err != nil {
				return err
			}
			args = append(args, r)
		}
		if p.peek().kind == ',' {
			p.next()
		} else if p.peek().kind != ')' {
			return p.errorf("expected ',' or ')', found %q", p.peek().text)
		}
	}
	p.next() // )
	op.Args = args
	return nil
}

// at reports whether the token k places ahead has the given kind.
func (p *parser) at(k int, kind byte) bool {
	return p.pos+k < len(p.toks) && p.toks[p.pos+k].kind == kind
}

// value reads a value: a name, a constant, or (in snapshots) a virtual v<k>.
func (p *parser) value(inSnapshot bool) (Ref, error) {
	tok, err := p.expect('w')
	if err != nil {
		return NoRef, err
	}
	w := tok.text
	switch {
	case w == "ConstPtr":
		if _, err := p.expect('('); err != nil {
			return NoRef, err
		}
		name, err := p.expect('w')
		if err != nil {
			return NoRef, err
		}
		if _, err := p.expect(')'); err != nil {
			return NoRef, err
		}
		if name.text == "null" || name.text == "0x0" {
			return p.t.ConstPtr(nil), nil
		}
		ptr, ok := p.sym.Ptrs[name.text]
		if !ok {
			if strings.HasPrefix(name.text, "0x") {
				return NoRef, p.errorf("ConstPtr(%s): an address cannot be parsed back into a Go pointer; name it in Symbols.Ptrs", name.text)
			}
			return NoRef, p.errorf("unknown pointer ConstPtr(%s)", name.text)
		}
		return p.t.ConstPtr(ptr), nil
	case w == "nan" && p.peek().kind == '(':
		p.next()
		bits, err := p.expect('w')
		if err != nil {
			return NoRef, err
		}
		if _, err := p.expect(')'); err != nil {
			return NoRef, err
		}
		v, err := strconv.ParseUint(strings.TrimPrefix(bits.text, "0x"), 16, 64)
		if err != nil || !strings.HasPrefix(bits.text, "0x") {
			return NoRef, p.errorf("bad NaN payload %q", bits.text)
		}
		return p.t.constant(Const{Type: Float, Bits: v}), nil
	}
	if v, err := strconv.ParseInt(w, 10, 64); err == nil {
		return p.t.ConstInt(v), nil
	}
	if bits, ok := parseFloat(w); ok {
		return p.t.constant(Const{Type: Float, Bits: bits}), nil
	}
	if inSnapshot && len(w) > 1 && w[0] == 'v' {
		if k, err := strconv.Atoi(w[1:]); err == nil && k >= 0 && k < MaxVirtuals {
			return VirtualRef(k), nil
		}
	}
	if r, ok := p.names[w]; ok {
		return r, nil
	}
	if isValueName(w) {
		return NoRef, p.errorf("value %s is not defined (before this line)", w)
	}
	return NoRef, p.errorf("bad value %q", w)
}

// parseFloat reads a float constant as FormatFloat writes it and returns its bits.
func parseFloat(w string) (uint64, bool) {
	switch w {
	case "nan":
		return canonicalNaN, true
	case "inf", "+inf":
		return 0x7ff0000000000000, true
	case "-inf":
		return 0xfff0000000000000, true
	}
	body := strings.TrimLeft(w, "+-")
	if body == "" || !(body[0] >= '0' && body[0] <= '9' || body[0] == '.') ||
		!strings.ContainsAny(body, ".eE") || strings.ContainsAny(body, "xXpP_") {
		return 0, false
	}
	f, err := strconv.ParseFloat(w, 64)
	if err != nil {
		return 0, false
	}
	return math.Float64bits(f), true
}

// tag reads a snapshot tag: a number or a name from Symbols.Tags.
func (p *parser) tag() (uint32, error) {
	tok, err := p.expect('w')
	if err != nil {
		return 0, err
	}
	if v, err := strconv.ParseUint(tok.text, 10, 32); err == nil {
		return uint32(v), nil
	}
	v, ok := p.sym.Tags[tok.text]
	if !ok {
		return 0, p.errorf("unknown tag %q", tok.text)
	}
	return v, nil
}

// optTag reads ":tag" if present.
func (p *parser) optTag() (uint32, error) {
	if p.peek().kind != ':' {
		return 0, nil
	}
	p.next()
	return p.tag()
}

// snapshot reads a snapshot after its opening bracket, up to and including the closing one.
func (p *parser) snapshot() (Snapshot, error) {
	var s Snapshot
	if p.peek().kind == ']' {
		p.next()
		return s, nil
	}
	for {
		tok, err := p.expect('w')
		if err != nil {
			return s, err
		}
		if f, ok := parseFrameHead(tok.text); ok {
			if len(s.Virtuals) > 0 {
				return s, p.errorf("frame %s after the virtuals: frames come first", tok.text)
			}
			if p.peek().kind == ':' {
				p.next()
				for p.peek().kind == 'w' {
					sl, err := p.slot()
					if err != nil {
						return s, err
					}
					f.Slots = append(f.Slots, sl)
				}
			}
			s.Frames = append(s.Frames, f)
		} else if k, err := strconv.Atoi(strings.TrimPrefix(tok.text, "v")); err == nil && tok.text[0] == 'v' {
			if k != len(s.Virtuals) {
				return s, p.errorf("virtual %s out of order: expected v%d", tok.text, len(s.Virtuals))
			}
			v, err := p.virtual()
			if err != nil {
				return s, err
			}
			s.Virtuals = append(s.Virtuals, v)
		} else {
			return s, p.errorf("expected a frame f<code>@<pc> or a virtual v<k>=new(...) in the snapshot, found %q", tok.text)
		}
		switch p.next().kind {
		case '|':
		case ']':
			return s, p.checkVirtualRefs(&s)
		default:
			return s, p.errorf("expected '|' or ']' in the snapshot")
		}
	}
}

// checkVirtualRefs checks that every v<k> a snapshot names is one it describes.
func (p *parser) checkVirtualRefs(s *Snapshot) error {
	check := func(r Ref) error {
		if r.IsVirtual() && r.VirtualIndex() >= len(s.Virtuals) {
			return p.errorf("the snapshot names v%d but describes %d virtuals", r.VirtualIndex(), len(s.Virtuals))
		}
		return nil
	}
	for _, f := range s.Frames {
		for _, sl := range f.Slots {
			if err := check(sl.Ref); err != nil {
				return err
			}
		}
	}
	for _, v := range s.Virtuals {
		for _, f := range v.Fields {
			if err := check(f.Ref); err != nil {
				return err
			}
		}
	}
	return nil
}

// parseFrameHead reads f<code>@<pc>, with a trailing * for an inlined frame.
func parseFrameHead(w string) (SnapFrame, bool) {
	var f SnapFrame
	if !strings.HasPrefix(w, "f") {
		return f, false
	}
	w = w[1:]
	if strings.HasSuffix(w, "*") {
		f.Inlined = true
		w = w[:len(w)-1]
	}
	code, pc, ok := strings.Cut(w, "@")
	if !ok {
		return f, false
	}
	c, err1 := strconv.ParseInt(code, 10, 32)
	n, err2 := strconv.ParseInt(pc, 10, 32)
	if err1 != nil || err2 != nil {
		return f, false
	}
	f.Code, f.PC = int32(c), int32(n)
	return f, true
}

// slot reads index=value[:tag], or index==value[:tag] for a clean slot.
func (p *parser) slot() (SnapSlot, error) {
	var sl SnapSlot
	idx := p.next()
	n, err := strconv.ParseInt(idx.text, 10, 32)
	if err != nil {
		return sl, p.errorf("bad slot index %q", idx.text)
	}
	sl.Index = int32(n)
	if _, err := p.expect('='); err != nil {
		return sl, err
	}
	if p.peek().kind == '=' {
		p.next()
		sl.Clean = true
	}
	if sl.Ref, err = p.value(true); err != nil {
		return sl, err
	}
	sl.Tag, err = p.optTag()
	return sl, err
}

// virtual reads =new(Alloc, Field=value:tag, ...)[:tag] after v<k>.
func (p *parser) virtual() (SnapVirtual, error) {
	var v SnapVirtual
	if _, err := p.expect('='); err != nil {
		return v, err
	}
	if tok, err := p.expect('w'); err != nil || tok.text != "new" {
		return v, p.errorf("expected new(...) for a virtual")
	}
	if _, err := p.expect('('); err != nil {
		return v, err
	}
	name, err := p.expect('w')
	if err != nil {
		return v, err
	}
	alloc, ok := p.sym.Descrs[name.text].(*AllocDescr)
	if !ok {
		return v, p.errorf("unknown alloc descr %q", name.text)
	}
	v.Alloc = alloc
	for p.peek().kind == ',' {
		p.next()
		fname, err := p.expect('w')
		if err != nil {
			return v, err
		}
		fd, ok := p.sym.Descrs[fname.text].(*FieldDescr)
		if !ok {
			return v, p.errorf("unknown field descr %q", fname.text)
		}
		if _, err := p.expect('='); err != nil {
			return v, err
		}
		f := VirtualField{Descr: fd}
		if f.Ref, err = p.value(true); err != nil {
			return v, err
		}
		if f.Tag, err = p.optTag(); err != nil {
			return v, err
		}
		v.Fields = append(v.Fields, f)
	}
	if _, err := p.expect(')'); err != nil {
		return v, err
	}
	v.Tag, err = p.optTag()
	return v, err
}
