package interp

import (
	"math"
	"math/bits"
	"strings"

	"github.com/metajit/metajit/interp/compile"
)

// eval runs frame f until its code returns or raises.
//
// The loop keeps pc and sp in Go locals and handles the common cases of the hottest opcodes
// inline (small-int and float arithmetic, list and range iteration, list indexing); everything
// else goes through the general functions of arith.go, compare.go and subscript.go, which hold
// the full Python semantics. A fast path never decides anything the general function would
// decide differently: it only skips work.
//
// When an instruction raises, control reaches the `fail` label: the traceback gets this frame's
// line, the exception table is searched for a handler, and either execution continues at the
// handler or the exception is returned to the caller.
func (in *Interp) eval(f *Frame) (Value, *Exception) {
	info := f.info
	code := info.code
	regs := f.regs
	consts := info.consts
	globals := in.globals
	pc, sp := f.pc, f.sp
	var kwnames []string // set by KW_NAMES for the next call
	var err *Exception
	reraise := false // the failing instruction re-raises: the traceback already has this line
	rec := in.rec    // the recorder, while a trace is being recorded (see record.go)
	// pending is an exception raised by a callee that a JIT exit rebuilt (see resume in
	// jit.go): it is raised here, at the call instruction before pc.
	pending := f.pending
	f.pending = nil
	// The instructions run: the quickened ones (with superinstructions, quicken.go), or, while
	// recording or with an exception pending, an array of opHook, so that every instruction
	// first goes through the hook below. This is how LuaJIT records: it switches the
	// interpreter's dispatch to a hook, so the plain interpreter pays nothing for it.
	instrs := info.quick
	if rec != nil || pending != nil {
		instrs = info.hooked
	}
	var ins compile.Instr

	for {
		ins = instrs[pc]
		pc++
	dispatch:
		switch ins.Op {
		case opHook:
			if pending != nil {
				err, pending = pending, nil
				if rec == nil {
					instrs = info.quick
				}
				goto fail
			}
			if rec != nil {
				// Recording: the recorder sees each instruction before it executes.
				f.pc, f.sp = pc-1, sp
				if !rec.step(f) {
					in.finishRecording(rec)
					rec = nil
					instrs = info.quick
				}
			}
			ins = code.Instrs[pc-1]
			goto dispatch
		case compile.NOP:

		case compile.POP_TOP:
			sp--
		case compile.DUP_TOP:
			regs[sp] = regs[sp-1]
			sp++
		case compile.DUP_TOP_TWO:
			regs[sp] = regs[sp-2]
			regs[sp+1] = regs[sp-1]
			sp += 2
		case compile.ROT_TWO:
			regs[sp-1], regs[sp-2] = regs[sp-2], regs[sp-1]
		case compile.ROT_THREE:
			top := regs[sp-1]
			regs[sp-1] = regs[sp-2]
			regs[sp-2] = regs[sp-3]
			regs[sp-3] = top
		case compile.ROT_FOUR:
			top := regs[sp-1]
			regs[sp-1] = regs[sp-2]
			regs[sp-2] = regs[sp-3]
			regs[sp-3] = regs[sp-4]
			regs[sp-4] = top

		case compile.LOAD_CONST:
			regs[sp] = consts[ins.Arg]
			sp++
		case compile.LOAD_FAST:
			v := regs[ins.Arg]
			if v.kind == KindUnbound {
				err = Errorf(UnboundLocalErrorType,
					"cannot access local variable '%s' where it is not associated with a value",
					code.Locals[ins.Arg])
				goto fail
			}
			regs[sp] = v
			sp++
		case compile.STORE_FAST:
			sp--
			regs[ins.Arg] = regs[sp]
		case compile.DELETE_FAST:
			regs[ins.Arg] = Value{}
		case compile.LOAD_GLOBAL:
			v := globals[ins.Arg]
			if v.kind == KindUnbound {
				err = in.nameError(code, int(ins.Arg))
				goto fail
			}
			regs[sp] = v
			sp++
		case compile.STORE_GLOBAL:
			sp--
			in.setGlobal(int(ins.Arg), regs[sp])
			regs[sp] = Value{}
		case compile.DELETE_GLOBAL:
			in.deleteGlobal(int(ins.Arg))
		case compile.LOAD_ATTR:
			v, e := in.getAttr(regs[sp-1], code.Names[ins.Arg])
			if e != nil {
				err = e
				goto fail
			}
			regs[sp-1] = v
		case compile.IMPORT_NAME:
			m, e := in.importModule(code.Names[ins.Arg])
			if e != nil {
				err = e
				goto fail
			}
			regs[sp] = m
			sp++

		case compile.BINARY_ADD, compile.INPLACE_ADD:
			a, b := regs[sp-2], regs[sp-1]
			if a.kind == KindInt && b.kind == KindInt {
				x, y := int64(a.n), int64(b.n)
				s := x + y
				if (s > x) == (y > 0) {
					regs[sp-2] = Value{kind: KindInt, n: uint64(s)}
					sp--
					continue
				}
			} else if a.kind == KindFloat && b.kind == KindFloat {
				regs[sp-2] = Float(a.Float() + b.Float())
				sp--
				continue
			}
			if err = in.binarySlow(ins, regs, sp); err != nil {
				goto fail
			}
			sp--
			regs[sp] = Value{}
		case compile.BINARY_SUB:
			a, b := regs[sp-2], regs[sp-1]
			if a.kind == KindInt && b.kind == KindInt {
				x, y := int64(a.n), int64(b.n)
				s := x - y
				if (s < x) == (y > 0) {
					regs[sp-2] = Value{kind: KindInt, n: uint64(s)}
					sp--
					continue
				}
			} else if a.kind == KindFloat && b.kind == KindFloat {
				regs[sp-2] = Float(a.Float() - b.Float())
				sp--
				continue
			}
			if err = in.binarySlow(ins, regs, sp); err != nil {
				goto fail
			}
			sp--
			regs[sp] = Value{}
		case compile.BINARY_MUL, compile.INPLACE_MUL:
			a, b := regs[sp-2], regs[sp-1]
			if a.kind == KindInt && b.kind == KindInt {
				if p, ok := mulInt64(int64(a.n), int64(b.n)); ok {
					regs[sp-2] = Value{kind: KindInt, n: uint64(p)}
					sp--
					continue
				}
			} else if a.kind == KindFloat && b.kind == KindFloat {
				regs[sp-2] = Float(a.Float() * b.Float())
				sp--
				continue
			}
			if err = in.binarySlow(ins, regs, sp); err != nil {
				goto fail
			}
			sp--
			regs[sp] = Value{}
		case compile.BINARY_MOD:
			a, b := regs[sp-2], regs[sp-1]
			if a.kind == KindInt && b.kind == KindInt && int64(b.n) > 0 && int64(a.n) >= 0 {
				regs[sp-2] = Value{kind: KindInt, n: uint64(int64(a.n) % int64(b.n))}
				sp--
				continue
			}
			if err = in.binarySlow(ins, regs, sp); err != nil {
				goto fail
			}
			sp--
			regs[sp] = Value{}
		case compile.BINARY_POW:
			// x ** 0.5 is the square root for every float x > 0 (+inf included): pynum.Pow
			// is correctly rounded, and so is math.Sqrt (the recorder makes it float_sqrt).
			a, b := regs[sp-2], regs[sp-1]
			if a.kind == KindFloat && b.kind == KindFloat && b.n == half && a.Float() > 0 {
				regs[sp-2] = Float(math.Sqrt(a.Float()))
				sp--
				regs[sp] = Value{}
				continue
			}
			if err = in.binarySlow(ins, regs, sp); err != nil {
				goto fail
			}
			sp--
			regs[sp] = Value{}
		case compile.BINARY_TRUEDIV, compile.BINARY_FLOORDIV,
			compile.BINARY_LSHIFT, compile.BINARY_RSHIFT, compile.BINARY_AND,
			compile.BINARY_OR, compile.BINARY_XOR:
			if err = in.binarySlow(ins, regs, sp); err != nil {
				goto fail
			}
			sp--
			regs[sp] = Value{}

		case compile.UNARY_NEG:
			v, e := Neg(in, regs[sp-1])
			if e != nil {
				err = e
				goto fail
			}
			regs[sp-1] = v
		case compile.UNARY_POS:
			v, e := Pos(in, regs[sp-1])
			if e != nil {
				err = e
				goto fail
			}
			regs[sp-1] = v
		case compile.UNARY_INVERT:
			v, e := Invert(in, regs[sp-1])
			if e != nil {
				err = e
				goto fail
			}
			regs[sp-1] = v
		case compile.UNARY_NOT:
			regs[sp-1] = Bool(!Truthy(regs[sp-1]))

		case compile.COMPARE_EQ, compile.COMPARE_NE, compile.COMPARE_LT,
			compile.COMPARE_LE, compile.COMPARE_GT, compile.COMPARE_GE:
			a, b := regs[sp-2], regs[sp-1]
			var r Value
			if a.kind == KindInt && b.kind == KindInt {
				r = Bool(compareInts(ins.Op, int64(a.n), int64(b.n)))
			} else {
				v, e := Compare(in, ins.Op, a, b)
				if e != nil {
					err = e
					goto fail
				}
				r = v
			}
			sp--
			regs[sp-1] = r
		case compile.IS_OP, compile.IS_NOT_OP:
			same := Is(regs[sp-2], regs[sp-1])
			sp--
			regs[sp] = Value{}
			regs[sp-1] = Bool(same == (ins.Op == compile.IS_OP))
		case compile.CONTAINS_OP, compile.NOT_IN_OP:
			found, e := Contains(in, regs[sp-1], regs[sp-2])
			if e != nil {
				err = e
				goto fail
			}
			sp--
			regs[sp] = Value{}
			regs[sp-1] = Bool(found == (ins.Op == compile.CONTAINS_OP))

		case compile.JUMP:
			pc = int(ins.Arg)
		case compile.JUMP_BACKWARD:
			// A loop back-edge: count it under the loop's green key (code, header pc).
			pc = int(ins.Arg)
			info.backEdges[pc]++
			if in.jit != nil && in.rec == nil {
				f.pc, f.sp = pc, sp
				e := in.backEdge(f)
				if rec = in.rec; rec != nil {
					instrs = info.hooked
				}
				pc, sp = f.pc, f.sp
				if e != nil {
					// Raised by a frame the trace exit rebuilt: it surfaces at the call
					// instruction before pc, as it would have without the JIT.
					err = e
					goto fail
				}
			}
		case compile.POP_JUMP_IF_FALSE:
			sp--
			v := regs[sp]
			if v.kind == KindBool {
				if v.n == 0 {
					pc = int(ins.Arg)
				}
			} else if !Truthy(v) {
				pc = int(ins.Arg)
			}
		case compile.POP_JUMP_IF_TRUE:
			sp--
			v := regs[sp]
			if v.kind == KindBool {
				if v.n != 0 {
					pc = int(ins.Arg)
				}
			} else if Truthy(v) {
				pc = int(ins.Arg)
			}
		case compile.JUMP_IF_FALSE_OR_POP:
			if !Truthy(regs[sp-1]) {
				pc = int(ins.Arg)
			} else {
				sp--
				regs[sp] = Value{}
			}
		case compile.JUMP_IF_TRUE_OR_POP:
			if Truthy(regs[sp-1]) {
				pc = int(ins.Arg)
			} else {
				sp--
				regs[sp] = Value{}
			}

		case compile.GET_ITER:
			it, e := GetIter(in, regs[sp-1])
			if e != nil {
				err = e
				goto fail
			}
			regs[sp-1] = it
		case compile.FOR_ITER:
			var item Value
			var ok bool
			switch it := regs[sp-1].ref.(type) {
			case *ListIter:
				l := it.List
				if ok = it.Index < l.Len(); ok {
					switch l.Strategy {
					case ListInts:
						item = Value{kind: KindInt, n: uint64(l.Ints[it.Index])}
					case ListFloats:
						item = Float(l.Floats[it.Index])
					default:
						item = l.Objs[it.Index]
					}
					it.Index++
				}
			case *RangeIter:
				if it.Step > 0 {
					ok = it.Cur < it.Stop
				} else {
					ok = it.Cur > it.Stop
				}
				if ok {
					item = Value{kind: KindInt, n: uint64(it.Cur)}
					it.Cur += it.Step
				}
			default:
				v, more, e := IterNext(in, regs[sp-1])
				if e != nil {
					err = e
					goto fail
				}
				item, ok = v, more
			}
			if ok {
				regs[sp] = item
				sp++
			} else {
				sp--
				regs[sp] = Value{}
				pc = int(ins.Arg)
			}

		case compile.BUILD_TUPLE:
			n := int(ins.Arg)
			t := buildTuple(regs[sp-n : sp])
			clear(regs[sp-n : sp])
			sp -= n
			regs[sp] = t
			sp++
		case compile.BUILD_LIST:
			n := int(ins.Arg)
			items := make([]Value, n)
			copy(items, regs[sp-n:sp])
			clear(regs[sp-n : sp])
			sp -= n
			regs[sp] = NewList(items)
			sp++
		case compile.BUILD_MAP:
			n := int(ins.Arg)
			d := NewDict()
			for i := sp - 2*n; i < sp; i += 2 {
				if e := d.Set(regs[i], regs[i+1]); e != nil {
					err = e
					goto fail
				}
			}
			clear(regs[sp-2*n : sp])
			sp -= 2 * n
			regs[sp] = DictValue(d)
			sp++
		case compile.BUILD_SLICE:
			var s Value
			if ins.Arg == 3 {
				s = NewSlice(regs[sp-3], regs[sp-2], regs[sp-1])
			} else {
				s = NewSlice(regs[sp-2], regs[sp-1], None)
			}
			n := int(ins.Arg)
			clear(regs[sp-n : sp])
			sp -= n
			regs[sp] = s
			sp++
		case compile.UNPACK_SEQUENCE:
			n := int(ins.Arg)
			if e := in.unpack(regs[sp-1], regs[sp-1:sp-1+n]); e != nil {
				err = e
				goto fail
			}
			sp += n - 1
		case compile.BINARY_SUBSCR:
			obj, key := regs[sp-2], regs[sp-1]
			var r Value
			if l, ok := obj.ref.(*List); ok && key.kind == KindInt && obj.kind == KindList {
				i, ok := itemIndex(int64(key.n), int64(l.Len()))
				if !ok {
					err = NewException(IndexErrorType, "list index out of range")
					goto fail
				}
				r = l.Get(i)
			} else {
				v, e := GetItem(in, obj, key)
				if e != nil {
					err = e
					goto fail
				}
				r = v
			}
			sp--
			regs[sp] = Value{}
			regs[sp-1] = r
		case compile.STORE_SUBSCR:
			v, obj, key := regs[sp-3], regs[sp-2], regs[sp-1]
			if l, ok := obj.ref.(*List); ok && key.kind == KindInt && obj.kind == KindList {
				i, ok := itemIndex(int64(key.n), int64(l.Len()))
				if !ok {
					err = NewException(IndexErrorType, "list assignment index out of range")
					goto fail
				}
				l.Set(i, v)
			} else if e := SetItem(in, obj, key, v); e != nil {
				err = e
				goto fail
			}
			clear(regs[sp-3 : sp])
			sp -= 3

		case compile.MAKE_FUNCTION:
			c := consts[ins.Arg].ref.(*compile.Code)
			fn := &Function{Code: c, Name: c.Name, info: in.info(c)}
			if c.NumDefaults > 0 {
				sp--
				fn.Defaults = regs[sp].ref.(*Tuple).Items
				regs[sp] = Value{}
			}
			regs[sp] = Value{kind: KindFunc, ref: fn}
			sp++
		case compile.KW_NAMES:
			kwnames = info.kwnames[ins.Arg]
		case compile.CALL:
			argc := int(ins.Arg)
			base := sp - argc - 1
			r, e := in.callValue(regs[base], regs[base+1:sp:sp], kwnames)
			kwnames = nil
			if e != nil {
				err = e
				goto fail
			}
			clear(regs[base+1 : sp])
			regs[base] = r
			sp = base + 1
		case compile.CALL_METHOD:
			argc := int(ins.Arg & 0xff)
			base := sp - argc - 1
			self := regs[base]
			var r Value
			var e *Exception
			if self.kind == KindModule {
				var fn Value
				if fn, e = in.getAttr(self, code.Names[ins.Arg>>8]); e == nil {
					r, e = in.callValue(fn, regs[base+1:sp:sp], kwnames)
				}
			} else {
				cache := &info.methodCache[pc-1]
				if cache.fn == nil || cache.kind != self.kind {
					name := code.Names[ins.Arg>>8]
					m := LookupMethod(self, name)
					if m == nil {
						e = AttributeError(self, name)
					} else {
						*cache = methodCacheEntry{kind: self.kind, fn: m}
					}
				}
				if e == nil {
					var kw *Kwargs
					args := regs[base:sp:sp]
					if kwnames != nil {
						kw = &Kwargs{Names: kwnames, Values: args[len(args)-len(kwnames):]}
						args = args[:len(args)-len(kwnames)]
					}
					r, e = cache.fn.Fn(in, args, kw)
				}
			}
			kwnames = nil
			if e != nil {
				err = e
				goto fail
			}
			clear(regs[base+1 : sp])
			regs[base] = r
			sp = base + 1
		case compile.RETURN_VALUE:
			sp--
			r := regs[sp]
			regs[sp] = Value{}
			f.pc, f.sp = pc, sp
			return r, nil

		case compile.PUSH_EXC_INFO:
			exc := regs[sp-1]
			prev := None
			if in.handling != nil {
				prev = ExcValue(in.handling)
			}
			regs[sp-1] = prev
			regs[sp] = exc
			sp++
			in.handling = exc.ref.(*Exception)
		case compile.POP_EXCEPT:
			sp--
			if prev := regs[sp]; prev.kind == KindExc {
				in.handling = prev.ref.(*Exception)
			} else {
				in.handling = nil
			}
			regs[sp] = Value{}
		case compile.CHECK_EXC_MATCH:
			match, e := exceptionMatches(regs[sp-2], regs[sp-1])
			if e != nil {
				err = e
				goto fail
			}
			regs[sp-1] = Bool(match)
		case compile.RERAISE:
			sp--
			err = regs[sp].ref.(*Exception)
			regs[sp] = Value{}
			reraise = true
			goto fail
		case compile.RAISE_VARARGS:
			if ins.Arg == 0 {
				if in.handling == nil {
					err = NewException(RuntimeErrorType, "No active exception to reraise")
				} else {
					err = in.handling
					reraise = true
				}
				goto fail
			}
			sp--
			err = in.makeRaised(regs[sp])
			regs[sp] = Value{}
			goto fail
		case compile.LOAD_ASSERTION_ERROR:
			regs[sp] = TypeValue(AssertionErrorType)
			sp++

		// Superinstructions (quicken.go): each does the work of its first instruction and
		// the next one, then skips the next one, which stays in place as a jump target.
		case opLoadFastLoadFast:
			a, b := regs[ins.Arg&0xffff], regs[ins.Arg>>16]
			if a.kind == KindUnbound || b.kind == KindUnbound {
				ins = code.Instrs[pc-1]
				goto dispatch // the plain LOAD_FAST raises the error
			}
			regs[sp] = a
			regs[sp+1] = b
			sp += 2
			pc++
		case opLoadFastLoadConst:
			a := regs[ins.Arg&0xffff]
			if a.kind == KindUnbound {
				ins = code.Instrs[pc-1]
				goto dispatch
			}
			regs[sp] = a
			regs[sp+1] = consts[ins.Arg>>16]
			sp += 2
			pc++
		case opStoreFastLoadFast:
			regs[ins.Arg&0xffff] = regs[sp-1]
			b := regs[ins.Arg>>16]
			if b.kind == KindUnbound {
				sp--
				pc++
				ins = code.Instrs[pc-1]
				goto dispatch
			}
			regs[sp-1] = b
			pc++
		case opLoadFastSubscrConst:
			// LOAD_FAST a; LOAD_CONST k; BINARY_SUBSCR of a list at an index in range;
			// anything else runs the three plain instructions.
			a := regs[ins.Arg&0xffff]
			if l, ok := a.ref.(*List); ok && a.kind == KindList {
				if i, ok := itemIndex(int64(consts[ins.Arg>>16].n), int64(l.Len())); ok {
					regs[sp] = l.Get(i)
					sp++
					pc += 2
					continue
				}
			}
			ins = code.Instrs[pc-1]
			goto dispatch
		case opCompareIntJump:
			// COMPARE_xx + POP_JUMP_IF_FALSE on two small ints; anything else runs the
			// plain compare (the jump runs next, unfused).
			a, b := regs[sp-2], regs[sp-1]
			cmp := code.Instrs[pc-1].Op
			if a.kind != KindInt || b.kind != KindInt {
				ins = code.Instrs[pc-1]
				goto dispatch
			}
			sp -= 2
			if compareInts(cmp, int64(a.n), int64(b.n)) {
				pc++
			} else {
				pc = int(code.Instrs[pc].Arg)
			}

		default:
			err = Errorf(SystemErrorType, "unknown opcode %d", ins.Op)
			goto fail
		}
		continue

	fail:
		// pc-1 is the instruction that raised.
		if !reraise {
			if err.Context == nil && in.handling != nil && in.handling != err {
				err.Context = in.handling
			}
			err.Traceback = append(err.Traceback, TraceEntry{Code: code, Line: int(code.Lines[pc-1])})
		}
		reraise = false
		kwnames = nil
		if h, ok := findHandler(code.ExcTable, pc-1); ok {
			clear(regs[info.nlocals+int(h.Depth) : sp])
			sp = info.nlocals + int(h.Depth)
			regs[sp] = ExcValue(err)
			sp++
			pc = int(h.Handler)
			err = nil
			continue
		}
		f.pc, f.sp = pc, sp
		return Value{}, err
	}
}

// findHandler returns the innermost exception-table entry covering pc.
func findHandler(table []compile.ExcEntry, pc int) (compile.ExcEntry, bool) {
	for _, e := range table {
		if int(e.Start) <= pc && pc < int(e.End) {
			return e, true
		}
	}
	return compile.ExcEntry{}, false
}

// half is the bits of the float 0.5 (BINARY_POW's square root).
var half = math.Float64bits(0.5)

// binarySlow runs a binary operator through the full semantics of arith.go, leaving the result
// in regs[sp-2].
func (in *Interp) binarySlow(ins compile.Instr, regs []Value, sp int) *Exception {
	r, err := BinaryOp(in, ins.Op, regs[sp-2], regs[sp-1])
	if err != nil {
		if ins.Arg == compile.AugmentedArg {
			augmentedMessage(err)
		}
		return err
	}
	regs[sp-2] = r
	return nil
}

// mulInt64 multiplies two int64s, reporting whether the product fits.
func mulInt64(x, y int64) (int64, bool) {
	hi, lo := bits.Mul64(uint64(abs64(x)), uint64(abs64(y)))
	if hi != 0 || x == -1<<63 || y == -1<<63 {
		if x == 0 || y == 0 {
			return 0, true
		}
		return 0, false
	}
	neg := (x < 0) != (y < 0)
	if neg {
		if lo > 1<<63 {
			return 0, false
		}
		return -int64(lo), true
	}
	if lo >= 1<<63 {
		return 0, false
	}
	return int64(lo), true
}

func abs64(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}

// compareInts evaluates a comparison opcode on two small ints.
func compareInts(op compile.Opcode, x, y int64) bool {
	switch op {
	case compile.COMPARE_EQ:
		return x == y
	case compile.COMPARE_NE:
		return x != y
	case compile.COMPARE_LT:
		return x < y
	case compile.COMPARE_LE:
		return x <= y
	case compile.COMPARE_GT:
		return x > y
	}
	return x >= y
}

// unpack stores the n items of seq into dst in reverse order (the first item ends on top of the
// stack), raising CPython's errors when seq is not iterable or has another length.
func (in *Interp) unpack(seq Value, dst []Value) *Exception {
	n := len(dst)
	var items []Value
	switch seq.kind {
	case KindTuple:
		items = seq.ref.(*Tuple).Items
	case KindList:
		l := seq.ref.(*List)
		if l.Len() == n {
			for i := 0; i < n; i++ {
				dst[n-1-i] = l.Get(i)
			}
			return nil
		}
		items = l.Items()
	default:
		if seq.kind != KindIter && seq.kind != KindStr && seq.kind != KindDict && seq.kind != KindRange && seq.kind != KindDictView {
			return Errorf(TypeErrorType, "cannot unpack non-iterable %s object", TypeName(seq))
		}
		all, err := Collect(in, seq)
		if err != nil {
			return err
		}
		items = all
	}
	if len(items) > n {
		return Errorf(ValueErrorType, "too many values to unpack (expected %d)", n)
	}
	if len(items) < n {
		return Errorf(ValueErrorType, "not enough values to unpack (expected %d, got %d)", n, len(items))
	}
	for i, v := range items {
		dst[n-1-i] = v
	}
	return nil
}

// exceptionMatches implements `except T:` for an exception value and a class or tuple of them.
func exceptionMatches(exc, typ Value) (bool, *Exception) {
	e := exc.ref.(*Exception)
	switch typ.kind {
	case KindType:
		t := typ.ref.(*Type)
		if t.Kind != KindExc {
			break
		}
		return e.Type.IsSubtype(t), nil
	case KindTuple:
		for _, t := range typ.ref.(*Tuple).Items {
			m, err := exceptionMatches(exc, t)
			if err != nil || m {
				return m, err
			}
		}
		return false, nil
	}
	return false, NewException(TypeErrorType, "catching classes that do not inherit from BaseException is not allowed")
}

// makeRaised turns the operand of `raise X` into the exception to raise.
func (in *Interp) makeRaised(v Value) *Exception {
	switch v.kind {
	case KindExc:
		return v.ref.(*Exception)
	case KindType:
		if t := v.ref.(*Type); t.Kind == KindExc {
			return &Exception{Type: t}
		}
	}
	return NewException(TypeErrorType, "exceptions must derive from BaseException")
}

// augmentedMessage makes the TypeError of an unsupported operator name the augmented
// assignment, as CPython does: "unsupported operand type(s) for +=: 'float' and 'NoneType'".
func augmentedMessage(err *Exception) {
	const prefix = "unsupported operand type(s) for "
	if err.Type != TypeErrorType || len(err.Args) != 1 || err.Args[0].kind != KindStr {
		return
	}
	msg := err.Args[0].ref.(*Str).S
	if rest, ok := strings.CutPrefix(msg, prefix); ok {
		if i := strings.Index(rest, ":"); i > 0 && !strings.HasSuffix(rest[:i], "=") {
			sym := strings.TrimSuffix(rest[:i], " or pow()")
			err.Args[0] = NewStr(prefix + sym + "=" + rest[i:])
		}
	}
}
