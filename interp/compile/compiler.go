package compile

import (
	"fmt"
	"math"
	"math/big"
	"slices"
	"strconv"
	"strings"

	"github.com/metajit/metajit/interp/syntax"
)

// Limits that keep compilation bounded on any input.
const (
	// maxBlocks is CPython's CO_MAXBLOCKS: how deeply loops and try statements may nest.
	maxBlocks = 20
	// maxInstrs bounds the instructions of a whole program. Inlining finally bodies at every
	// exit makes code size grow with the product of nested finally bodies; this stops a
	// pathological program from taking unbounded time and memory.
	maxInstrs = 1 << 20
	// maxNames bounds Code.Names so that CALL_METHOD's packed argument fits in an int32.
	maxNames = 1 << 23
)

// Compile compiles a parsed module to bytecode. Errors are reported as CPython 3.11 reports
// them at compile time (SyntaxError), or as NotImplementedError for constructs outside the
// subset that the parser accepts (closures, imports other than sys, attribute assignment).
func Compile(mod *syntax.Module) (prog *Program, err *syntax.Error) {
	c := &compiler{
		prog:      &Program{Filename: mod.Filename, Source: mod.Source},
		globalIdx: map[string]int{},
		lines:     strings.Split(mod.Source, "\n"),
	}
	defer func() {
		if r := recover(); r != nil {
			ce, ok := r.(compileError)
			if !ok {
				panic(r)
			}
			prog, err = nil, ce.err
		}
	}()
	modScope := c.analyzeModule(mod)
	c.prog.Main = c.compileUnit(modScope, "<module>", 1, mod.Body)
	return c.prog, nil
}

// compileError carries a *syntax.Error out of the recursive compiler by panic; Compile
// recovers it.
type compileError struct{ err *syntax.Error }

// errorAt stops compilation with an error of the given kind at pos (at the current line if
// pos has none).
func (c *compiler) errorAt(pos syntax.Pos, kind, format string, args ...any) {
	if pos.Line < 1 && c.u != nil {
		pos.Line = c.u.line
	}
	text := ""
	if pos.Line >= 1 && pos.Line <= len(c.lines) {
		text = c.lines[pos.Line-1]
	}
	panic(compileError{&syntax.Error{
		Kind:     kind,
		Msg:      fmt.Sprintf(format, args...),
		Filename: c.prog.Filename,
		Line:     pos.Line,
		Col:      pos.Col,
		Text:     text,
	}})
}

// compiler holds the state of one compilation.
type compiler struct {
	prog      *Program
	globalIdx map[string]int
	lines     []string // source lines, for error reports
	total     int      // instructions emitted so far, all units
	u         *unit    // the Code being generated
}

// unit is the state of the Code being generated.
type unit struct {
	code   *Code
	scope  *scope
	instrs []pendingInstr
	labels []labelInfo
	blocks []*fblock
	consts map[constKey]int
	names  map[string]int

	implicitReturn int // index of the implicit `return None` at the end

	depth     int  // stack depth before the next instruction
	reachable bool // whether execution can fall through to the next instruction
	line      int  // source line given to emitted instructions
}

// pendingInstr is an instruction before assembly: jump arguments are label numbers, and it
// remembers the innermost exception handler covering it.
type pendingInstr struct {
	op      Opcode
	arg     int32
	line    int
	handler *handler
}

// label is a position in the code, bound once; jumps refer to labels until assembly.
type label int

type labelInfo struct {
	pc         int // -1 until bound
	depth      int // stack depth at the label, once known
	depthKnown bool
	loopHeader bool
}

// handler is an exception handler: where it starts and the stack depth it unwinds to.
type handler struct {
	label label
	depth int
}

// compileUnit compiles a module or function body to a Code.
func (c *compiler) compileUnit(s *scope, name string, firstLine int, body []syntax.Stmt) *Code {
	code := &Code{
		Name:      name,
		Filename:  c.prog.Filename,
		FirstLine: firstLine,
		IsModule:  !s.isFunction(),
		Locals:    slices.Clone(s.locals), // a def in a finally body is compiled more than once
	}
	if s.isFunction() {
		code.NumParams = len(s.fn.Params)
		for _, p := range s.fn.Params {
			if p.Default != nil {
				code.NumDefaults++
			}
		}
	}
	outer := c.u
	c.u = &unit{
		code:      code,
		scope:     s,
		consts:    map[constKey]int{},
		names:     map[string]int{},
		reachable: true,
		line:      max(firstLine, 1),
	}
	defer func() { c.u = outer }()

	c.stmts(body)
	// Falling off the end returns None. Its line is the line executed last: assemble
	// refines it once the jumps to it are known.
	c.u.implicitReturn = len(c.u.instrs)
	if n := len(c.u.instrs); n > 0 {
		c.u.line = c.u.instrs[n-1].line
	}
	c.loadConst(nil)
	c.emit(RETURN_VALUE, 0)
	c.assemble()
	return code
}

// ---- Emitting instructions ----

// setLine makes line the line of the instructions emitted next and returns the previous one.
// Nodes without a position (line 0) keep the current line.
func (c *compiler) setLine(line int) int {
	old := c.u.line
	if line > 0 {
		c.u.line = line
	}
	return old
}

// emit appends an instruction and tracks the stack depth of the fall-through path.
func (c *compiler) emit(op Opcode, arg int32) {
	if op.IsJump() {
		panic("compile: emit of a jump; use emitJump")
	}
	c.append(op, arg)
	c.u.depth += c.effect(op, arg, false)
}

func (c *compiler) append(op Opcode, arg int32) {
	u := c.u
	c.total++
	if c.total > maxInstrs {
		c.errorAt(syntax.Pos{Line: u.line}, "NotImplementedError", "program too large to compile")
	}
	u.instrs = append(u.instrs, pendingInstr{op: op, arg: arg, line: u.line, handler: c.currentHandler()})
	u.reachable = !op.IsTerminal()
}

// effect is StackEffect, exact for MAKE_FUNCTION of the current unit.
func (c *compiler) effect(op Opcode, arg int32, jump bool) int {
	if op == MAKE_FUNCTION {
		if fn := c.u.code.Consts[arg].(*Code); fn.NumDefaults > 0 {
			return 0
		}
	}
	return StackEffect(op, arg, jump)
}

// newLabel makes an unbound label.
func (c *compiler) newLabel() label {
	c.u.labels = append(c.u.labels, labelInfo{pc: -1})
	return label(len(c.u.labels) - 1)
}

// bind places l at the next instruction. Code after an unconditional transfer is reachable
// only through its label, so the depth known at the label becomes the current depth.
func (c *compiler) bind(l label) {
	u := c.u
	info := &u.labels[l]
	if info.pc >= 0 {
		panic("compile: label bound twice")
	}
	info.pc = len(u.instrs)
	switch {
	case !info.depthKnown:
		info.depth, info.depthKnown = u.depth, true
	case !u.reachable:
		u.depth = info.depth
	case info.depth != u.depth:
		panic(fmt.Sprintf("compile: stack depth %d at label, %d falling through", info.depth, u.depth))
	}
	u.reachable = true
}

// bindHandler places a handler's label; the handler starts with depth+1 values on the stack
// (the values below the try statement and the exception).
func (c *compiler) bindHandler(h *handler) {
	u := c.u
	u.labels[h.label] = labelInfo{pc: len(u.instrs), depth: h.depth + 1, depthKnown: true}
	u.depth = h.depth + 1
	u.reachable = true
}

// emitJump appends a jump to l. Only loop back-edges jump backwards, always with
// JUMP_BACKWARD to a loop header.
func (c *compiler) emitJump(op Opcode, l label) {
	u := c.u
	info := &u.labels[l]
	if (info.pc >= 0) != (op == JUMP_BACKWARD) || (op == JUMP_BACKWARD && !info.loopHeader) {
		panic(fmt.Sprintf("compile: %v to a label that is not a loop header ahead/behind as required", op))
	}
	d := u.depth + StackEffect(op, 0, true)
	if !info.depthKnown {
		info.depth, info.depthKnown = d, true
	} else if info.depth != d {
		panic(fmt.Sprintf("compile: %v to a label with depth %d from depth %d", op, info.depth, d))
	}
	c.append(op, int32(l))
	u.depth += StackEffect(op, 0, false)
}

// bindLoopHeader places the header of a loop, the only target of its JUMP_BACKWARDs.
func (c *compiler) bindLoopHeader(l label) {
	c.bind(l)
	c.u.labels[l].loopHeader = true
}

// ---- Constants, names ----

// constKey identifies a constant for deduplication: the kind keeps 1, 1.0 and True apart,
// and floats compare by bit pattern so that 0.0 and -0.0 stay distinct.
type constKey struct {
	kind byte
	val  string
}

// addConst returns the index of v in the current Code's constants, adding it if new.
// *Code constants are never shared.
func (c *compiler) addConst(v any) int32 {
	u := c.u
	var key constKey
	switch v := v.(type) {
	case nil:
		key = constKey{'N', ""}
	case bool:
		key = constKey{'b', strconv.FormatBool(v)}
	case int64:
		key = constKey{'i', strconv.FormatInt(v, 10)}
	case *big.Int:
		key = constKey{'i', v.String()}
	case float64:
		key = constKey{'f', strconv.FormatUint(math.Float64bits(v), 16)}
	case string:
		key = constKey{'s', v}
	case Tuple:
		var b strings.Builder
		for _, x := range v {
			b.WriteString(strconv.Quote(x.(string)))
		}
		key = constKey{'t', b.String()}
	case *Code:
		u.code.Consts = append(u.code.Consts, v)
		return int32(len(u.code.Consts) - 1)
	default:
		panic(fmt.Sprintf("compile: constant of type %T", v))
	}
	if i, ok := u.consts[key]; ok {
		return int32(i)
	}
	u.consts[key] = len(u.code.Consts)
	u.code.Consts = append(u.code.Consts, v)
	return int32(len(u.code.Consts) - 1)
}

func (c *compiler) loadConst(v any) { c.emit(LOAD_CONST, c.addConst(v)) }

// intConst converts an integer literal to its constant: int64 when it fits.
func intConst(v *big.Int) any {
	if v == nil {
		return int64(0)
	}
	if v.IsInt64() {
		return v.Int64()
	}
	return new(big.Int).Set(v)
}

// nameIndex returns the index of an attribute, method or module name in Code.Names.
func (c *compiler) nameIndex(name string) int32 {
	u := c.u
	if i, ok := u.names[name]; ok {
		return int32(i)
	}
	if len(u.code.Names) >= maxNames {
		c.errorAt(syntax.Pos{Line: u.line}, "NotImplementedError", "too many attribute names in one function")
	}
	u.names[name] = len(u.code.Names)
	u.code.Names = append(u.code.Names, name)
	return int32(len(u.code.Names) - 1)
}

// globalIndex returns the index of a global (or builtin) name in Program.Globals.
func (c *compiler) globalIndex(name string) int32 {
	if i, ok := c.globalIdx[name]; ok {
		return int32(i)
	}
	c.globalIdx[name] = len(c.prog.Globals)
	c.prog.Globals = append(c.prog.Globals, name)
	return int32(len(c.prog.Globals) - 1)
}

// nameOp emits the load, store or delete of a variable, as its scope dictates.
func (c *compiler) nameOp(name string, pos syntax.Pos, fast, global Opcode) {
	kind, idx := c.u.scope.resolve(name)
	switch kind {
	case nameFast:
		c.emit(fast, int32(idx))
	case nameGlobal:
		c.emit(global, c.globalIndex(name))
	case nameFree:
		c.errorAt(pos, "NotImplementedError",
			"closures (free variable '%s' of an enclosing function) are not supported: "+
				"a nested function may use only its own locals and globals", name)
	}
}

func (c *compiler) loadName(name string, pos syntax.Pos) { c.nameOp(name, pos, LOAD_FAST, LOAD_GLOBAL) }
func (c *compiler) storeName(name string, pos syntax.Pos) {
	c.nameOp(name, pos, STORE_FAST, STORE_GLOBAL)
}
func (c *compiler) deleteName(name string, pos syntax.Pos) {
	c.nameOp(name, pos, DELETE_FAST, DELETE_GLOBAL)
}

// ---- Statements ----

func (c *compiler) stmts(body []syntax.Stmt) {
	for _, s := range body {
		c.stmt(s)
	}
}

func (c *compiler) stmt(s syntax.Stmt) {
	defer c.setLine(c.setLine(s.Position().Line))
	switch s := s.(type) {
	case *syntax.ExprStmt:
		c.expr(s.X)
		c.emit(POP_TOP, 0)
	case *syntax.Assign:
		c.expr(s.Value)
		for i, t := range s.Targets {
			if i < len(s.Targets)-1 {
				c.emit(DUP_TOP, 0)
			}
			c.store(t)
		}
	case *syntax.AugAssign:
		c.augAssign(s)
	case *syntax.If:
		c.ifStmt(s)
	case *syntax.While:
		c.whileStmt(s)
	case *syntax.For:
		c.forStmt(s)
	case *syntax.Break:
		c.breakStmt(s)
	case *syntax.Continue:
		c.continueStmt(s)
	case *syntax.Pass, *syntax.Global:
		// No code: `global` only affects scope analysis.
	case *syntax.FuncDef:
		c.funcDef(s)
	case *syntax.Return:
		c.returnStmt(s)
	case *syntax.Import:
		c.importStmt(s)
	case *syntax.Try:
		c.tryStmt(s)
	case *syntax.Raise:
		c.raiseStmt(s)
	case *syntax.Assert:
		c.assertStmt(s)
	default:
		panic(fmt.Sprintf("compile: unexpected statement %T", s))
	}
}

// store assigns the value on top of the stack to a target, popping it.
func (c *compiler) store(t syntax.Expr) {
	defer c.setLine(c.setLine(t.Position().Line))
	switch t := t.(type) {
	case *syntax.Name:
		c.storeName(t.Id, t.Pos)
	case *syntax.Subscript:
		c.expr(t.X)
		c.expr(t.Index)
		c.emit(STORE_SUBSCR, 0)
	case *syntax.TupleLit:
		c.unpack(t.Elts)
	case *syntax.ListLit:
		c.unpack(t.Elts)
	case *syntax.Attribute:
		c.errorAt(t.Pos, "NotImplementedError", "assignment to an attribute ('.%s') is not supported", t.Name)
	default:
		c.errorAt(t.Position(), "SyntaxError", "cannot assign to %s", describeExpr(t))
	}
}

// unpack takes apart the sequence on top of the stack into targets.
func (c *compiler) unpack(targets []syntax.Expr) {
	c.emit(UNPACK_SEQUENCE, int32(len(targets)))
	for _, t := range targets {
		c.store(t)
	}
}

// describeExpr names an expression that cannot be assigned to, as CPython's messages do.
func describeExpr(e syntax.Expr) string {
	switch e := e.(type) {
	case *syntax.IntLit, *syntax.FloatLit, *syntax.StrLit:
		return "literal"
	case *syntax.BoolLit:
		if e.Value {
			return "True"
		}
		return "False"
	case *syntax.NoneLit:
		return "None"
	case *syntax.Call:
		return "function call"
	case *syntax.Compare:
		return "comparison"
	case *syntax.IfExp:
		return "conditional expression"
	case *syntax.DictLit:
		return "dict literal"
	}
	return "expression"
}

// augAssign compiles `target op= value`, evaluating the target's object and index once.
func (c *compiler) augAssign(s *syntax.AugAssign) {
	op, ok := augOps[s.Op]
	if !ok {
		c.errorAt(s.Pos, "NotImplementedError", "augmented assignment operator '%s=' is not supported", s.Op)
	}
	switch t := s.Target.(type) {
	case *syntax.Name:
		old := c.setLine(t.Line)
		c.loadName(t.Id, t.Pos)
		c.setLine(old)
		c.expr(s.Value)
		c.emit(op, AugmentedArg)
		c.store(t)
	case *syntax.Subscript:
		old := c.setLine(t.Line)
		c.expr(t.X)
		c.expr(t.Index)
		c.emit(DUP_TOP_TWO, 0)
		c.emit(BINARY_SUBSCR, 0)
		c.setLine(old)
		c.expr(s.Value)
		c.emit(op, AugmentedArg)
		c.setLine(t.Line)
		c.emit(ROT_THREE, 0)
		c.emit(STORE_SUBSCR, 0)
		c.setLine(old)
	case *syntax.Attribute:
		c.errorAt(t.Pos, "NotImplementedError", "assignment to an attribute ('.%s') is not supported", t.Name)
	case *syntax.TupleLit:
		c.errorAt(t.Pos, "SyntaxError", "'tuple' is an illegal expression for augmented assignment")
	case *syntax.ListLit:
		c.errorAt(t.Pos, "SyntaxError", "'list' is an illegal expression for augmented assignment")
	default:
		c.errorAt(t.Position(), "SyntaxError", "'%s' is an illegal expression for augmented assignment", describeExpr(t))
	}
}

// augOps maps an augmented assignment operator to its opcode: in-place forms for + and *,
// the binary forms otherwise.
var augOps = map[string]Opcode{
	"+": INPLACE_ADD, "-": BINARY_SUB, "*": INPLACE_MUL, "/": BINARY_TRUEDIV,
	"//": BINARY_FLOORDIV, "%": BINARY_MOD, "**": BINARY_POW, "&": BINARY_AND,
	"|": BINARY_OR, "^": BINARY_XOR, "<<": BINARY_LSHIFT, ">>": BINARY_RSHIFT,
}

func (c *compiler) ifStmt(s *syntax.If) {
	end := c.newLabel()
	if len(s.Else) == 0 {
		c.jumpIf(s.Cond, false, end)
		c.stmts(s.Body)
	} else {
		orElse := c.newLabel()
		c.jumpIf(s.Cond, false, orElse)
		c.stmts(s.Body)
		c.emitJump(JUMP, end)
		c.bind(orElse)
		c.stmts(s.Else)
	}
	c.bind(end)
}

// whileStmt compiles
//
//	header: <cond>; POP_JUMP_IF_FALSE else
//	        <body>; JUMP_BACKWARD header
//	else:   <else body>
//	exit:
func (c *compiler) whileStmt(s *syntax.While) {
	header, exit := c.newLabel(), c.newLabel()
	orElse := exit
	if len(s.Else) > 0 {
		orElse = c.newLabel()
	}
	c.bindLoopHeader(header)
	c.jumpIf(s.Cond, false, orElse)
	c.pushBlock(&fblock{kind: fbWhileLoop, header: header, exit: exit}, s.Pos)
	c.stmts(s.Body)
	c.popBlock()
	c.setLine(s.Line)
	c.emitJump(JUMP_BACKWARD, header)
	if len(s.Else) > 0 {
		c.bind(orElse)
		c.stmts(s.Else)
	}
	c.bind(exit)
}

// forStmt compiles
//
//	        <iter>; GET_ITER
//	header: FOR_ITER else
//	        <store target>; <body>; JUMP_BACKWARD header
//	else:   <else body>        (FOR_ITER popped the iterator)
//	exit:
func (c *compiler) forStmt(s *syntax.For) {
	header, exit := c.newLabel(), c.newLabel()
	orElse := exit
	if len(s.Else) > 0 {
		orElse = c.newLabel()
	}
	c.expr(s.Iter)
	c.setLine(s.Line)
	c.emit(GET_ITER, 0)
	c.bindLoopHeader(header)
	c.emitJump(FOR_ITER, orElse)
	c.pushBlock(&fblock{kind: fbForLoop, header: header, exit: exit}, s.Pos)
	c.store(s.Target)
	c.stmts(s.Body)
	c.popBlock()
	c.setLine(s.Line)
	c.emitJump(JUMP_BACKWARD, header)
	if len(s.Else) > 0 {
		c.bind(orElse)
		c.stmts(s.Else)
	}
	c.bind(exit)
}

func (c *compiler) breakStmt(s *syntax.Break) {
	if !c.unwind(unwindBreak, false, func(loop *fblock) { c.emitJump(JUMP, loop.exit) }) {
		c.errorAt(s.Pos, "SyntaxError", "'break' outside loop")
	}
}

func (c *compiler) continueStmt(s *syntax.Continue) {
	if !c.unwind(unwindContinue, false, func(loop *fblock) { c.emitJump(JUMP_BACKWARD, loop.header) }) {
		c.errorAt(s.Pos, "SyntaxError", "'continue' not properly in loop")
	}
}

func (c *compiler) returnStmt(s *syntax.Return) {
	if !c.u.scope.isFunction() {
		c.errorAt(s.Pos, "SyntaxError", "'return' outside function")
	}
	depth := c.u.depth
	defer func() { c.u.depth = depth }() // the code that follows is dead
	if s.Value != nil {
		c.expr(s.Value)
	}
	c.unwind(unwindReturn, s.Value != nil, func(*fblock) {
		c.setLine(s.Line)
		if s.Value == nil {
			c.loadConst(nil)
		}
		c.emit(RETURN_VALUE, 0)
	})
}

// funcDef compiles `def`: the defaults, evaluated now into a tuple, then MAKE_FUNCTION and the
// store of the function's name.
func (c *compiler) funcDef(s *syntax.FuncDef) {
	ndefaults := 0
	for _, p := range s.Params {
		if p.Default != nil {
			c.expr(p.Default)
			ndefaults++
		}
	}
	if ndefaults > 0 {
		c.emit(BUILD_TUPLE, int32(ndefaults))
	}
	fnScope := c.u.scope.children[s]
	code := c.compileUnit(fnScope, s.Name, max(s.Line, 1), s.Body)
	c.emit(MAKE_FUNCTION, c.addConst(code))
	c.storeName(s.Name, s.Pos)
}

// importStmt compiles `import sys`. Only sys exists in the subset; CPython would accept other
// imports and fail (or not) at run time, but rejecting them at compile time is clearer.
func (c *compiler) importStmt(s *syntax.Import) {
	for _, name := range s.Names {
		if name != "sys" {
			c.errorAt(s.Pos, "NotImplementedError",
				"import of module '%s' is not supported (only 'import sys' is)", name)
		}
		c.emit(IMPORT_NAME, c.nameIndex(name))
		c.storeName(name, s.Pos)
	}
}
