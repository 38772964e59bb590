package compile

import (
	"errors"
	"fmt"
	"math/bits"
	"strconv"
	"strings"
)

// A small reference VM for the bytecode, implementing each opcode exactly as its comment in
// opcode.go states. It knows only what the generated test programs use (ints, bools, None,
// strings, lists, tuples, exceptions, functions, a few builtins), and exists to check that the
// compiler's schemes mean what CPython means: tests run the same program here and in python3
// and compare the output.

type (
	vmClass string // an exception class
	vmExc   struct {
		typ  vmClass
		args []any
	}
	vmList  struct{ items []any }
	vmTuple []any
	vmFunc  struct {
		code     *Code
		defaults vmTuple
	}
	vmBuiltin struct {
		name string
		fn   func(m *vm, args []any, kw map[string]any) (any, *vmExc)
	}
	vmIter struct {
		items []any
		i     int
	}
	vmSlice struct{ lo, hi, step any }
	vmBound struct {
		obj  any
		name string
	}
	vmUnbound struct{}
)

var unbound = &vmUnbound{}

// errVMOverflow reports an int64 overflow: the program needs big ints, which this VM lacks,
// so the comparison is skipped.
var errVMOverflow = errors.New("int64 overflow")

// errVMSteps reports a program running too long: a compiler bug (or a generator bug).
var errVMSteps = errors.New("too many steps")

type vm struct {
	prog    *Program
	globals []any
	excInfo *vmExc // the exception being handled
	out     strings.Builder
	steps   int
	depth   int
}

// exception classes and their bases (everything derives from Exception here).
var vmBases = map[vmClass]vmClass{
	"ValueError": "Exception", "KeyError": "LookupError", "IndexError": "LookupError",
	"LookupError": "Exception", "ZeroDivisionError": "ArithmeticError", "ArithmeticError": "Exception",
	"TypeError": "Exception", "AssertionError": "Exception", "NameError": "Exception",
	"UnboundLocalError": "NameError", "RuntimeError": "Exception", "Exception": "BaseException",
}

func newExc(typ vmClass, msg string) *vmExc { return &vmExc{typ: typ, args: []any{msg}} }

func (e *vmExc) isInstance(c vmClass) bool {
	for t := e.typ; t != ""; t = vmBases[t] {
		if t == c {
			return true
		}
	}
	return false
}

// runVM runs a compiled program and returns its output; an uncaught exception ends the
// output with "UNCAUGHT <type>".
func runVM(p *Program) (out string, err error) {
	m := &vm{prog: p, globals: make([]any, len(p.Globals))}
	for i := range m.globals {
		m.globals[i] = unbound
	}
	defer func() {
		if r := recover(); r != nil {
			if e, ok := r.(error); ok && (errors.Is(e, errVMOverflow) || errors.Is(e, errVMSteps)) {
				out, err = m.out.String(), e
				return
			}
			panic(r)
		}
	}()
	if _, exc := m.run(p.Main, nil); exc != nil {
		fmt.Fprintf(&m.out, "UNCAUGHT %s\n", exc.typ)
	}
	return m.out.String(), nil
}

func (m *vm) builtin(name string) (any, bool) {
	if _, ok := vmBases[vmClass(name)]; ok {
		return vmClass(name), true
	}
	switch name {
	case "print":
		return &vmBuiltin{name, func(m *vm, args []any, kw map[string]any) (any, *vmExc) {
			sep, end := " ", "\n"
			if s, ok := kw["sep"].(string); ok {
				sep = s
			}
			if s, ok := kw["end"].(string); ok {
				end = s
			}
			for i, a := range args {
				if i > 0 {
					m.out.WriteString(sep)
				}
				m.out.WriteString(vmStr(a))
			}
			m.out.WriteString(end)
			return nil, nil
		}}, true
	case "range":
		return &vmBuiltin{name, func(m *vm, args []any, kw map[string]any) (any, *vmExc) {
			lo, hi := int64(0), toInt(args[len(args)-1])
			if len(args) == 2 {
				lo = toInt(args[0])
			}
			l := &vmList{}
			for i := lo; i < hi; i++ {
				l.items = append(l.items, i)
			}
			return l, nil
		}}, true
	case "len":
		return &vmBuiltin{name, func(m *vm, args []any, kw map[string]any) (any, *vmExc) {
			switch v := args[0].(type) {
			case *vmList:
				return int64(len(v.items)), nil
			case vmTuple:
				return int64(len(v)), nil
			case string:
				return int64(len(v)), nil
			}
			return nil, newExc("TypeError", "object has no len()")
		}}, true
	case "str":
		return &vmBuiltin{name, func(m *vm, args []any, kw map[string]any) (any, *vmExc) {
			return vmStr(args[0]), nil
		}}, true
	}
	return nil, false
}

func toInt(v any) int64 {
	switch v := v.(type) {
	case int64:
		return v
	case bool:
		if v {
			return 1
		}
		return 0
	}
	panic(fmt.Sprintf("vm: not an int: %T", v))
}

func isInt(v any) bool {
	switch v.(type) {
	case int64, bool:
		return true
	}
	return false
}

func truthy(v any) bool {
	switch v := v.(type) {
	case nil:
		return false
	case bool:
		return v
	case int64:
		return v != 0
	case string:
		return v != ""
	case *vmList:
		return len(v.items) > 0
	case vmTuple:
		return len(v) > 0
	}
	return true
}

func vmStr(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case *vmExc:
		switch len(v.args) {
		case 0:
			return ""
		case 1:
			if v.typ == "KeyError" {
				return vmRepr(v.args[0])
			}
			return vmStr(v.args[0])
		}
		return vmRepr(vmTuple(v.args))
	}
	return vmRepr(v)
}

func vmRepr(v any) string {
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
	case string:
		return strRepr(v)
	case *vmList:
		parts := make([]string, len(v.items))
		for i, x := range v.items {
			parts[i] = vmRepr(x)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case vmTuple:
		parts := make([]string, len(v))
		for i, x := range v {
			parts[i] = vmRepr(x)
		}
		if len(v) == 1 {
			return "(" + parts[0] + ",)"
		}
		return "(" + strings.Join(parts, ", ") + ")"
	case vmClass:
		return "<class '" + string(v) + "'>"
	case *vmExc:
		return string(v.typ) + vmRepr(vmTuple(v.args))
	}
	return fmt.Sprintf("<%T>", v)
}

func vmEq(a, b any) bool {
	if isInt(a) && isInt(b) {
		return toInt(a) == toInt(b)
	}
	switch a := a.(type) {
	case nil:
		return b == nil
	case string:
		s, ok := b.(string)
		return ok && a == s
	case *vmList:
		l, ok := b.(*vmList)
		return ok && vmSeqEq(a.items, l.items)
	case vmTuple:
		t, ok := b.(vmTuple)
		return ok && vmSeqEq(a, t)
	}
	return a == b
}

func vmSeqEq(a, b []any) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !vmEq(a[i], b[i]) {
			return false
		}
	}
	return true
}

func typeErr(op string, a, b any) *vmExc {
	return newExc("TypeError", fmt.Sprintf("unsupported operand types for %s: %T and %T", op, a, b))
}

func checked(r int64, overflow bool) int64 {
	if overflow {
		panic(errVMOverflow)
	}
	return r
}

func vmBinary(op Opcode, a, b any) (any, *vmExc) {
	if op == INPLACE_ADD {
		if l, ok := a.(*vmList); ok {
			if r, ok := b.(*vmList); ok {
				l.items = append(l.items, r.items...)
				return l, nil
			}
		}
		op = BINARY_ADD
	}
	if op == INPLACE_MUL {
		op = BINARY_MUL
	}
	if isInt(a) && isInt(b) {
		x, y := toInt(a), toInt(b)
		switch op {
		case BINARY_ADD:
			s := x + y
			return checked(s, (x > 0 && y > 0 && s < 0) || (x < 0 && y < 0 && s >= 0)), nil
		case BINARY_SUB:
			s := x - y
			return checked(s, (x >= 0 && y < 0 && s < 0) || (x < 0 && y > 0 && s >= 0)), nil
		case BINARY_MUL:
			hi, lo := bits.Mul64(uint64(abs64(x)), uint64(abs64(y)))
			if hi != 0 || lo > 1<<62 {
				panic(errVMOverflow)
			}
			return x * y, nil
		case BINARY_FLOORDIV, BINARY_MOD:
			if y == 0 {
				if op == BINARY_MOD {
					return nil, newExc("ZeroDivisionError", "integer modulo by zero")
				}
				return nil, newExc("ZeroDivisionError", "integer division or modulo by zero")
			}
			q, r := x/y, x%y
			if r != 0 && (r < 0) != (y < 0) {
				q--
				r += y
			}
			if op == BINARY_MOD {
				return r, nil
			}
			return q, nil
		}
	}
	if s, ok := a.(string); ok && op == BINARY_ADD {
		if t, ok := b.(string); ok {
			return s + t, nil
		}
	}
	if l, ok := a.(*vmList); ok && op == BINARY_ADD {
		if r, ok := b.(*vmList); ok {
			return &vmList{items: append(append([]any{}, l.items...), r.items...)}, nil
		}
	}
	return nil, typeErr(op.String(), a, b)
}

func abs64(x int64) int64 {
	if x < 0 {
		if x == -1<<63 {
			panic(errVMOverflow)
		}
		return -x
	}
	return x
}

func vmCompare(op Opcode, a, b any) (any, *vmExc) {
	switch op {
	case COMPARE_EQ:
		return vmEq(a, b), nil
	case COMPARE_NE:
		return !vmEq(a, b), nil
	case IS_OP:
		return vmIs(a, b), nil
	case IS_NOT_OP:
		return !vmIs(a, b), nil
	case CONTAINS_OP, NOT_IN_OP:
		var items []any
		switch c := b.(type) {
		case *vmList:
			items = c.items
		case vmTuple:
			items = c
		default:
			return nil, newExc("TypeError", "argument is not iterable")
		}
		found := false
		for _, x := range items {
			if vmEq(a, x) {
				found = true
			}
		}
		return found == (op == CONTAINS_OP), nil
	}
	var c int
	switch {
	case isInt(a) && isInt(b):
		x, y := toInt(a), toInt(b)
		c = map[bool]int{true: -1, false: 0}[x < y] + map[bool]int{true: 1, false: 0}[x > y]
	default:
		s, ok1 := a.(string)
		t, ok2 := b.(string)
		if !ok1 || !ok2 {
			return nil, typeErr(op.String(), a, b)
		}
		c = strings.Compare(s, t)
	}
	switch op {
	case COMPARE_LT:
		return c < 0, nil
	case COMPARE_LE:
		return c <= 0, nil
	case COMPARE_GT:
		return c > 0, nil
	}
	return c >= 0, nil
}

func vmIs(a, b any) bool {
	switch a.(type) {
	case nil, bool:
		return a == b
	case int64:
		return vmEq(a, b) && !isBool(b) // small ints are cached in CPython
	}
	return a == b
}

func isBool(v any) bool { _, ok := v.(bool); return ok }

// run executes one Code to completion: its return value or the exception escaping it.
func (m *vm) run(code *Code, args []any) (any, *vmExc) {
	m.depth++
	defer func() { m.depth-- }()
	if m.depth > 100 {
		return nil, newExc("RecursionError", "maximum recursion depth exceeded")
	}
	locals := make([]any, len(code.Locals))
	for i := range locals {
		locals[i] = unbound
	}
	copy(locals, args)
	stack := make([]any, 0, code.MaxStack)
	push := func(v any) {
		if len(stack) >= code.MaxStack {
			panic(fmt.Sprintf("vm: %s exceeds MaxStack %d", code.Name, code.MaxStack))
		}
		stack = append(stack, v)
	}
	pop := func() any {
		v := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		return v
	}
	top := func(i int) any { return stack[len(stack)-i] }
	var kwnames vmTuple
	pc := 0
	for {
		m.steps++
		if m.steps > 2_000_000 {
			panic(errVMSteps)
		}
		in := code.Instrs[pc]
		pc++
		var exc *vmExc
		switch in.Op {
		case NOP:
		case POP_TOP:
			pop()
		case DUP_TOP:
			push(top(1))
		case DUP_TOP_TWO:
			a, b := top(2), top(1)
			push(a)
			push(b)
		case ROT_TWO:
			n := len(stack)
			stack[n-1], stack[n-2] = stack[n-2], stack[n-1]
		case ROT_THREE: // a b c -> c a b
			n := len(stack)
			stack[n-3], stack[n-2], stack[n-1] = stack[n-1], stack[n-3], stack[n-2]
		case ROT_FOUR:
			n := len(stack)
			stack[n-4], stack[n-3], stack[n-2], stack[n-1] = stack[n-1], stack[n-4], stack[n-3], stack[n-2]
		case LOAD_CONST:
			switch k := code.Consts[in.Arg].(type) {
			case Tuple:
				push(vmTuple(k))
			default:
				push(k)
			}
		case LOAD_FAST:
			if v := locals[in.Arg]; v == unbound {
				exc = newExc("UnboundLocalError", fmt.Sprintf("cannot access local variable '%s' where it is not associated with a value", code.Locals[in.Arg]))
			} else {
				push(v)
			}
		case STORE_FAST:
			locals[in.Arg] = pop()
		case DELETE_FAST: // raises on an unbound name, as CPython's does
			if locals[in.Arg] == unbound {
				exc = newExc("UnboundLocalError", fmt.Sprintf("cannot access local variable '%s' where it is not associated with a value", code.Locals[in.Arg]))
			}
			locals[in.Arg] = unbound
		case LOAD_GLOBAL:
			if v := m.globals[in.Arg]; v != unbound {
				push(v)
			} else if b, ok := m.builtin(m.prog.Globals[in.Arg]); ok {
				push(b)
			} else {
				exc = newExc("NameError", fmt.Sprintf("name '%s' is not defined", m.prog.Globals[in.Arg]))
			}
		case STORE_GLOBAL:
			m.globals[in.Arg] = pop()
		case DELETE_GLOBAL:
			if m.globals[in.Arg] == unbound {
				exc = newExc("NameError", fmt.Sprintf("name '%s' is not defined", m.prog.Globals[in.Arg]))
			}
			m.globals[in.Arg] = unbound
		case LOAD_ATTR:
			push(&vmBound{obj: pop(), name: code.Names[in.Arg]})
		case BINARY_ADD, BINARY_SUB, BINARY_MUL, BINARY_TRUEDIV, BINARY_FLOORDIV, BINARY_MOD,
			BINARY_POW, BINARY_LSHIFT, BINARY_RSHIFT, BINARY_AND, BINARY_OR, BINARY_XOR,
			INPLACE_ADD, INPLACE_MUL:
			b := pop()
			a := pop()
			var r any
			if r, exc = vmBinary(in.Op, a, b); exc == nil {
				push(r)
			}
		case UNARY_NEG:
			v := pop()
			if !isInt(v) {
				exc = newExc("TypeError", "bad operand type for unary -")
			} else {
				push(checked(-toInt(v), toInt(v) == -1<<63))
			}
		case UNARY_POS:
			push(toInt(pop()))
		case UNARY_NOT:
			push(!truthy(pop()))
		case UNARY_INVERT:
			push(^toInt(pop()))
		case COMPARE_EQ, COMPARE_NE, COMPARE_LT, COMPARE_LE, COMPARE_GT, COMPARE_GE,
			IS_OP, IS_NOT_OP, CONTAINS_OP, NOT_IN_OP:
			b := pop()
			a := pop()
			var r any
			if r, exc = vmCompare(in.Op, a, b); exc == nil {
				push(r)
			}
		case JUMP, JUMP_BACKWARD:
			pc = int(in.Arg)
		case POP_JUMP_IF_FALSE:
			if !truthy(pop()) {
				pc = int(in.Arg)
			}
		case POP_JUMP_IF_TRUE:
			if truthy(pop()) {
				pc = int(in.Arg)
			}
		case JUMP_IF_FALSE_OR_POP:
			if !truthy(top(1)) {
				pc = int(in.Arg)
			} else {
				pop()
			}
		case JUMP_IF_TRUE_OR_POP:
			if truthy(top(1)) {
				pc = int(in.Arg)
			} else {
				pop()
			}
		case GET_ITER:
			switch v := pop().(type) {
			case *vmList:
				push(&vmIter{items: append([]any{}, v.items...)})
			case vmTuple:
				push(&vmIter{items: v})
			default:
				exc = newExc("TypeError", "object is not iterable")
			}
		case FOR_ITER:
			it := top(1).(*vmIter)
			if it.i < len(it.items) {
				push(it.items[it.i])
				it.i++
			} else {
				pop()
				pc = int(in.Arg)
			}
		case BUILD_TUPLE, BUILD_LIST:
			items := append([]any{}, stack[len(stack)-int(in.Arg):]...)
			stack = stack[:len(stack)-int(in.Arg)]
			if in.Op == BUILD_TUPLE {
				push(vmTuple(items))
			} else {
				push(&vmList{items: items})
			}
		case BUILD_SLICE:
			s := &vmSlice{}
			if in.Arg == 3 {
				s.step = pop()
			}
			s.hi = pop()
			s.lo = pop()
			push(s)
		case UNPACK_SEQUENCE:
			var items []any
			switch v := pop().(type) {
			case *vmList:
				items = v.items
			case vmTuple:
				items = v
			}
			if len(items) != int(in.Arg) {
				exc = newExc("ValueError", "wrong number of values to unpack")
				break
			}
			for i := len(items) - 1; i >= 0; i-- {
				push(items[i])
			}
		case BINARY_SUBSCR:
			key := pop()
			obj := pop()
			var r any
			if r, exc = vmIndex(obj, key, nil, false); exc == nil {
				push(r)
			}
		case STORE_SUBSCR:
			key := pop()
			obj := pop()
			v := pop()
			_, exc = vmIndex(obj, key, v, true)
		case MAKE_FUNCTION:
			fn := &vmFunc{code: code.Consts[in.Arg].(*Code)}
			if fn.code.NumDefaults > 0 {
				fn.defaults = pop().(vmTuple)
			}
			push(fn)
		case KW_NAMES:
			kwnames = vmTuple(code.Consts[in.Arg].(Tuple))
			if next := code.Instrs[pc].Op; next != CALL && next != CALL_METHOD {
				panic("vm: KW_NAMES not before a call")
			}
		case CALL, CALL_METHOD:
			n := int(in.Arg)
			if in.Op == CALL_METHOD {
				n &= 0xff
			}
			args := append([]any{}, stack[len(stack)-n:]...)
			stack = stack[:len(stack)-n]
			f := pop()
			if in.Op == CALL_METHOD {
				f = &vmBound{obj: f, name: code.Names[in.Arg>>8]}
			}
			kw := map[string]any{}
			for i, name := range kwnames {
				kw[name.(string)] = args[len(args)-len(kwnames)+i]
			}
			args = args[:len(args)-len(kwnames)]
			kwnames = nil
			var r any
			if r, exc = m.call(f, args, kw); exc == nil {
				push(r)
			}
		case RETURN_VALUE:
			if kwnames != nil {
				panic("vm: dangling KW_NAMES")
			}
			return pop(), nil
		case PUSH_EXC_INFO:
			e := pop()
			if m.excInfo == nil {
				push(nil)
			} else {
				push(m.excInfo)
			}
			push(e)
			m.excInfo = e.(*vmExc)
		case POP_EXCEPT:
			prev := pop()
			if prev == nil {
				m.excInfo = nil
			} else {
				m.excInfo = prev.(*vmExc)
			}
		case CHECK_EXC_MATCH:
			typ := pop()
			e := top(1).(*vmExc)
			match := false
			switch t := typ.(type) {
			case vmClass:
				match = e.isInstance(t)
			case vmTuple:
				for _, x := range t {
					match = match || e.isInstance(x.(vmClass))
				}
			}
			push(match)
		case RERAISE:
			exc = pop().(*vmExc)
		case RAISE_VARARGS:
			if in.Arg == 0 {
				if m.excInfo == nil {
					exc = newExc("RuntimeError", "No active exception to reraise")
				} else {
					exc = m.excInfo
				}
				break
			}
			switch v := pop().(type) {
			case vmClass:
				exc = &vmExc{typ: v}
			case *vmExc:
				exc = v
			default:
				exc = newExc("TypeError", "exceptions must derive from BaseException")
			}
		case LOAD_ASSERTION_ERROR:
			push(vmClass("AssertionError"))
		default:
			panic(fmt.Sprintf("vm: opcode %v not implemented", in.Op))
		}
		if exc != nil {
			kwnames = nil
			e := code.handlerAt(pc - 1)
			if e == nil {
				return nil, exc
			}
			if len(stack) < int(e.Depth) {
				panic(fmt.Sprintf("vm: %s: stack depth %d below handler depth %d at %d", code.Name, len(stack), e.Depth, pc-1))
			}
			stack = stack[:e.Depth]
			push(exc)
			pc = int(e.Handler)
		}
	}
}

func vmIndex(obj, key, v any, store bool) (any, *vmExc) {
	var items []any
	switch o := obj.(type) {
	case *vmList:
		items = o.items
	case vmTuple:
		if store {
			return nil, newExc("TypeError", "'tuple' object does not support item assignment")
		}
		items = o
	default:
		return nil, newExc("TypeError", "object is not subscriptable")
	}
	if !isInt(key) {
		return nil, newExc("TypeError", "indices must be integers")
	}
	i := toInt(key)
	if i < 0 {
		i += int64(len(items))
	}
	if i < 0 || i >= int64(len(items)) {
		return nil, newExc("IndexError", "index out of range")
	}
	if store {
		items[i] = v
		return nil, nil
	}
	return items[i], nil
}

func (m *vm) call(f any, args []any, kw map[string]any) (any, *vmExc) {
	switch f := f.(type) {
	case *vmBuiltin:
		return f.fn(m, args, kw)
	case vmClass:
		return &vmExc{typ: f, args: args}, nil
	case *vmBound:
		if l, ok := f.obj.(*vmList); ok && f.name == "append" {
			l.items = append(l.items, args[0])
			return nil, nil
		}
		return nil, newExc("AttributeError", "no attribute "+f.name)
	case *vmFunc:
		c := f.code
		if len(args) > c.NumParams {
			return nil, newExc("TypeError", "too many arguments")
		}
		bound := make([]any, c.NumParams)
		for i := range bound {
			bound[i] = unbound
		}
		copy(bound, args)
		for name, v := range kw {
			found := false
			for i := range c.NumParams {
				if c.Locals[i] == name {
					bound[i], found = v, true
				}
			}
			if !found {
				return nil, newExc("TypeError", "unexpected keyword argument")
			}
		}
		for i := range bound {
			if bound[i] == unbound {
				if d := i - (c.NumParams - c.NumDefaults); d >= 0 {
					bound[i] = f.defaults[d]
				} else {
					return nil, newExc("TypeError", "missing argument")
				}
			}
		}
		return m.run(c, bound)
	}
	return nil, newExc("TypeError", "object is not callable")
}

// handlerAt returns, as the interpreter finds it, the exception-table entry that handles an exception raised at pc, or nil.
func (c *Code) handlerAt(pc int) *ExcEntry {
	for i := range c.ExcTable {
		e := &c.ExcTable[i]
		if int(e.Start) <= pc && pc < int(e.End) {
			return e
		}
	}
	return nil
}
