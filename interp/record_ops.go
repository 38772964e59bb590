package interp

import (
	"fmt"
	"math"
	"unsafe"

	"github.com/metajit/metajit/interp/compile"
	"github.com/metajit/metajit/interp/pynum"
	"github.com/metajit/metajit/trace"
)

// The recorder's cases for arithmetic, comparisons, iteration, indexing and calls.

// asFloat returns s as a float trace value: ints are converted (exactly, as guarded: only ints
// of magnitude at most 2**53 convert without rounding, so the recorder refuses the others).
func (r *recorder) asFloat(s shadow, v Value) (trace.Ref, bool) {
	switch v.kind {
	case KindFloat:
		return s.ref, true
	case KindInt, KindBool:
		x := int64(v.n)
		if x > 1<<53 || x < -(1<<53) {
			return 0, r.fail("int too large for an exact float conversion")
		}
		if !r.t.IsConst(s.ref) {
			// |x| <= 2**53  <=>  x + 2**53 <= 2**54 (unsigned)
			biased := r.t.Emit(trace.OpIntAdd, trace.Int, s.ref, r.t.ConstInt(1<<53))
			ok := r.t.Emit(trace.OpUintLt, trace.Int, biased, r.t.ConstInt(1<<54+1))
			r.guard(trace.OpGuardTrue, ok)
		}
		return r.t.Emit(trace.OpCastIntToFloat, trace.Float, s.ref), true
	}
	return 0, r.fail("%s is not a number", TypeName(v))
}

var floatBinops = map[compile.Opcode]trace.Opcode{
	compile.BINARY_ADD: trace.OpFloatAdd, compile.INPLACE_ADD: trace.OpFloatAdd,
	compile.BINARY_SUB: trace.OpFloatSub, compile.BINARY_MUL: trace.OpFloatMul,
	compile.INPLACE_MUL: trace.OpFloatMul, compile.BINARY_TRUEDIV: trace.OpFloatTrueDiv,
}

var intOvfBinops = map[compile.Opcode]trace.Opcode{
	compile.BINARY_ADD: trace.OpIntAddOvf, compile.INPLACE_ADD: trace.OpIntAddOvf,
	compile.BINARY_SUB: trace.OpIntSubOvf, compile.BINARY_MUL: trace.OpIntMulOvf,
	compile.INPLACE_MUL: trace.OpIntMulOvf,
}

var intPlainBinops = map[compile.Opcode]trace.Opcode{
	compile.BINARY_AND: trace.OpIntAnd, compile.BINARY_OR: trace.OpIntOr,
	compile.BINARY_XOR: trace.OpIntXor,
}

// binary records a binary operator on the concrete operands a and b.
func (r *recorder) binary(op compile.Opcode, a, b Value) bool {
	sa, ok1 := r.peek(1)
	sb, ok2 := r.peek(0)
	if !ok1 || !ok2 {
		return false
	}
	t := r.t
	intLike := func(v Value) bool { return v.kind == KindInt || v.kind == KindBool }
	isNum := func(v Value) bool { return intLike(v) || v.kind == KindFloat }
	var res shadow
	switch {
	case intLike(a) && intLike(b):
		x, y := int64(a.n), int64(b.n)
		if top, ok := intOvfBinops[op]; ok {
			// int_*_ovf + guard_no_overflow: if the result leaves int64, the guard fails and
			// the interpreter redoes the operation with big ints.
			if _, overflows := intOpOverflows(op, x, y); overflows {
				return r.fail("int overflow while recording")
			}
			res = shadow{ref: t.Emit(top, trace.Int, sa.ref, sb.ref), kind: KindInt}
			r.guard(trace.OpGuardNoOverflow)
			break
		}
		if top, ok := intPlainBinops[op]; ok {
			kind := KindInt
			if a.kind == KindBool && b.kind == KindBool {
				kind = KindBool
			}
			res = shadow{ref: t.Emit(top, trace.Int, sa.ref, sb.ref), kind: kind}
			break
		}
		switch op {
		case compile.BINARY_MOD, compile.BINARY_FLOORDIV:
			if y == 0 || y == -1 {
				return r.fail("division by %d", y)
			}
			if !t.IsConst(sb.ref) {
				r.guard(trace.OpGuardTrue, t.Emit(trace.OpIntNe, trace.Int, sb.ref, t.ConstInt(0)))
				r.guard(trace.OpGuardTrue, t.Emit(trace.OpIntNe, trace.Int, sb.ref, t.ConstInt(-1)))
			}
			top := trace.OpIntMod
			if op == compile.BINARY_FLOORDIV {
				top = trace.OpIntFloorDiv
			}
			res = shadow{ref: t.Emit(top, trace.Int, sa.ref, sb.ref), kind: KindInt}
		case compile.BINARY_TRUEDIV:
			if y == 0 {
				return r.fail("division by zero")
			}
			fa, ok := r.asFloat(sa, a)
			if !ok {
				return false
			}
			fb, ok := r.asFloat(sb, b)
			if !ok {
				return false
			}
			res = shadow{ref: t.Emit(trace.OpFloatTrueDiv, trace.Float, fa, fb), kind: KindFloat}
		case compile.BINARY_RSHIFT:
			if y < 0 || y > 63 || !t.IsConst(sb.ref) {
				return r.fail("shift by a variable or large count")
			}
			res = shadow{ref: t.Emit(trace.OpIntRshift, trace.Int, sa.ref, sb.ref), kind: KindInt}
		default:
			rf := r.top()
			return r.residualBinary(rf, rf.f.pc, op, sa, sb)
		}
	case isNum(a) && isNum(b):
		fa, ok := r.asFloat(sa, a)
		if !ok {
			return false
		}
		fb, ok := r.asFloat(sb, b)
		if !ok {
			return false
		}
		if top, ok := floatBinops[op]; ok {
			if op == compile.BINARY_TRUEDIV {
				if b.kind == KindFloat && b.Float() == 0 || b.kind != KindFloat && b.n == 0 {
					return r.fail("float division by zero")
				}
				if !t.IsConst(fb) {
					r.guard(trace.OpGuardTrue, t.Emit(trace.OpFloatNe, trace.Int, fb, t.ConstFloat(0)))
				}
			}
			res = shadow{ref: t.Emit(top, trace.Float, fa, fb), kind: KindFloat}
			break
		}
		// x ** 0.5 is the square root for every x > 0 (+inf included): pynum.Pow is correctly
		// rounded, as sqrt is. Other x (zeros, negatives, NaN) leave through the guard.
		if op == compile.BINARY_POW && t.IsConst(fb) && t.ConstValue(fb).Bits == math.Float64bits(0.5) && floatOf(a) > 0 {
			r.guard(trace.OpGuardTrue, t.Emit(trace.OpFloatGt, trace.Int, fa, t.ConstFloat(0)))
			res = shadow{ref: t.Emit(trace.OpFloatSqrt, trace.Float, fa), kind: KindFloat}
			break
		}
		// The rest of float arithmetic is CPython's exact algorithms in pynum: residual calls,
		// pure, that fail (and let the interpreter raise) where Python raises.
		call := r.in.floatCall(op)
		if call == nil {
			rf := r.top()
			return r.residualBinary(rf, rf.f.pc, op, sa, sb)
		}
		res = shadow{ref: t.EmitCall(call, r.snapshot(), fa, fb), kind: KindFloat}
	default:
		rf := r.top()
		return r.residualBinary(rf, rf.f.pc, op, sa, sb)
	}
	r.pop(2)
	r.push(res)
	return true
}

// intOpOverflows reports whether an overflow-checked int op overflows on these operands.
func intOpOverflows(op compile.Opcode, x, y int64) (int64, bool) {
	switch op {
	case compile.BINARY_ADD, compile.INPLACE_ADD:
		s := x + y
		return s, (s > x) != (y > 0)
	case compile.BINARY_SUB:
		s := x - y
		return s, (s < x) != (y > 0)
	}
	p, ok := mulInt64(x, y)
	return p, !ok
}

// floatCall returns the residual call descriptor of a float operator done by pynum.
func (in *Interp) floatCall(op compile.Opcode) *trace.CallDescr {
	var name string
	var fn func(x, y float64) (float64, *pynum.Error)
	switch op {
	case compile.BINARY_FLOORDIV:
		name, fn = "pynum.FloorDiv", pynum.FloorDiv
	case compile.BINARY_MOD:
		name, fn = "pynum.Mod", pynum.Mod
	case compile.BINARY_POW:
		name, fn = "pynum.Pow", pynum.Pow
	default:
		return nil
	}
	d := &in.jit.descrs
	if c, ok := d.calls[name]; ok {
		return c
	}
	c := &trace.CallDescr{
		Name: name, ArgTypes: []trace.Type{trace.Float, trace.Float}, Result: trace.Float,
		Pure: true, CanFail: true,
		Fn: func(a *trace.CallArgs) bool {
			v, err := fn(a.Float(0), a.Float(1))
			if err != nil {
				return false
			}
			a.SetFloat(v)
			return true
		},
	}
	if d.calls == nil {
		d.calls = map[string]*trace.CallDescr{}
	}
	d.calls[name] = c
	return c
}

var intCompares = map[compile.Opcode]trace.Opcode{
	compile.COMPARE_EQ: trace.OpIntEq, compile.COMPARE_NE: trace.OpIntNe,
	compile.COMPARE_LT: trace.OpIntLt, compile.COMPARE_LE: trace.OpIntLe,
	compile.COMPARE_GT: trace.OpIntGt, compile.COMPARE_GE: trace.OpIntGe,
}

var floatCompares = map[compile.Opcode]trace.Opcode{
	compile.COMPARE_EQ: trace.OpFloatEq, compile.COMPARE_NE: trace.OpFloatNe,
	compile.COMPARE_LT: trace.OpFloatLt, compile.COMPARE_LE: trace.OpFloatLe,
	compile.COMPARE_GT: trace.OpFloatGt, compile.COMPARE_GE: trace.OpFloatGe,
}

// compare records a comparison of two numbers (or of None with anything, for == and !=).
func (r *recorder) compare(op compile.Opcode, a, b Value) bool {
	sa, ok1 := r.peek(1)
	sb, ok2 := r.peek(0)
	if !ok1 || !ok2 {
		return false
	}
	intLike := func(v Value) bool { return v.kind == KindInt || v.kind == KindBool }
	var res trace.Ref
	switch {
	case intLike(a) && intLike(b):
		res = r.t.Emit(intCompares[op], trace.Int, sa.ref, sb.ref)
	case (intLike(a) || a.kind == KindFloat) && (intLike(b) || b.kind == KindFloat):
		fa, ok := r.asFloat(sa, a)
		if !ok {
			return false
		}
		fb, ok := r.asFloat(sb, b)
		if !ok {
			return false
		}
		res = r.t.Emit(floatCompares[op], trace.Int, fa, fb)
	case (a.kind == KindNone || b.kind == KindNone) && (op == compile.COMPARE_EQ || op == compile.COMPARE_NE):
		eq := a.kind == b.kind
		res = r.t.ConstInt(map[bool]int64{true: 1, false: 0}[eq == (op == compile.COMPARE_EQ)])
	default:
		rf := r.top()
		return r.callPure(rf, rf.f.pc, op.String(), func(in *Interp, v []Value) (Value, *Exception) {
			return Compare(in, op, v[0], v[1])
		}, []shadow{sa, sb}, 2)
	}
	r.pop(2)
	r.push(shadow{ref: res, kind: KindBool})
	return true
}

// listStorage emits the guard on a list's strategy and the loads of its length and data
// pointer, for the int and float strategies.
func (r *recorder) listStorage(p trace.Ref, l *List) (length, data trace.Ref, itemType trace.Type, ok bool) {
	d := &r.in.jit.descrs
	st := r.t.EmitDescr(trace.OpGetfieldI, trace.Int, d.field("List.Strategy", unsafe.Offsetof(List{}.Strategy), 1, trace.Int), p)
	r.guardValue(st, r.t.ConstInt(int64(l.Strategy)))
	var off uintptr
	var name string
	switch l.Strategy {
	case ListInts:
		off, name, itemType = offListInts, "List.Ints", trace.Int
	case ListFloats:
		off, name, itemType = offListFlts, "List.Floats", trace.Float
	case ListObjects:
		off, name, itemType = unsafe.Offsetof(List{}.Objs), "List.Objs", trace.Ptr
	default:
		return 0, 0, 0, r.fail("list with %d storage", l.Strategy)
	}
	length = r.t.EmitDescr(trace.OpGetfieldI, trace.Int, d.field(name+".len", off+8, 8, trace.Int), p)
	data = r.t.EmitDescr(trace.OpGetfieldR, trace.Ptr, d.field(name+".ptr", off, 8, trace.Ptr), p)
	return length, data, itemType, true
}

func (r *recorder) itemArray(typ trace.Type) *trace.ArrayDescr {
	if typ == trace.Float {
		return r.in.jit.descrs.array("float64_array", 8, trace.Float)
	}
	return r.in.jit.descrs.array("int64_array", 8, trace.Int)
}

// index emits the normalization and bounds check of an index into a sequence of length n,
// following the concrete index i: negative indexes count from the end.
func (r *recorder) index(idx, length trace.Ref, i int64) trace.Ref {
	t := r.t
	if i < 0 {
		r.guard(trace.OpGuardTrue, t.Emit(trace.OpIntLt, trace.Int, idx, t.ConstInt(0)))
		idx = t.Emit(trace.OpIntAdd, trace.Int, idx, length)
	} else if !t.IsConst(idx) {
		r.guard(trace.OpGuardTrue, t.Emit(trace.OpIntGe, trace.Int, idx, t.ConstInt(0)))
	}
	r.guard(trace.OpGuardTrue, t.Emit(trace.OpUintLt, trace.Int, idx, length))
	return idx
}

// forIter records FOR_ITER on a list or range iterator that yields an item.
func (r *recorder) forIter(itv Value) bool {
	s, ok := r.peek(0)
	if !ok {
		return false
	}
	t := r.t
	d := &r.in.jit.descrs
	var item shadow
	switch it := itv.ref.(type) {
	case *RangeIter:
		more := it.Step > 0 && it.Cur < it.Stop || it.Step < 0 && it.Cur > it.Stop
		if !more && r.bridge == nil {
			return r.fail("loop exit while recording")
		}
		next := t.EmitDescr(trace.OpGetfieldI, trace.Int, d.field("RangeIter.Cur", unsafe.Offsetof(it.Cur), 8, trace.Int), s.ref)
		stop := t.EmitDescr(trace.OpGetfieldI, trace.Int, d.field("RangeIter.Stop", unsafe.Offsetof(it.Stop), 8, trace.Int), s.ref)
		step := t.EmitDescr(trace.OpGetfieldI, trace.Int, d.field("RangeIter.Step", unsafe.Offsetof(it.Step), 8, trace.Int), s.ref)
		r.guardValue(step, t.ConstInt(it.Step))
		cmp := trace.OpIntLt
		if it.Step < 0 {
			cmp = trace.OpIntGt
		}
		r.guardTruth(t.Emit(cmp, trace.Int, next, stop), more)
		if !more { // a bridge leaving a loop: the iterator is popped
			r.pop(1)
			return true
		}
		after := t.Emit(trace.OpIntAdd, trace.Int, next, t.ConstInt(it.Step))
		t.EmitDescr(trace.OpSetfield, trace.Void, d.field("RangeIter.Cur", unsafe.Offsetof(it.Cur), 8, trace.Int), s.ref, after)
		item = shadow{ref: next, kind: KindInt}
	case *ListIter:
		more := it.Index < it.List.Len()
		if !more && r.bridge == nil {
			return r.fail("loop exit while recording")
		}
		lp := t.EmitDescr(trace.OpGetfieldR, trace.Ptr, d.field("ListIter.List", unsafe.Offsetof(it.List), 8, trace.Ptr), s.ref)
		idx := t.EmitDescr(trace.OpGetfieldI, trace.Int, d.field("ListIter.Index", unsafe.Offsetof(it.Index), 8, trace.Int), s.ref)
		length, data, typ, ok := r.listStorage(lp, it.List)
		if !ok {
			return false
		}
		r.guardTruth(t.Emit(trace.OpIntLt, trace.Int, idx, length), more)
		if !more {
			r.pop(1)
			return true
		}
		if item, ok = r.listItem(data, idx, typ, it.List.Get(it.Index)); !ok {
			return false
		}
		t.EmitDescr(trace.OpSetfield, trace.Void, d.field("ListIter.Index", unsafe.Offsetof(it.Index), 8, trace.Int), s.ref,
			t.Emit(trace.OpIntAdd, trace.Int, idx, t.ConstInt(1)))
	default:
		return r.fail("iteration over %s", TypeName(itv))
	}
	r.push(item)
	return true
}

// subscr records obj[key] for a list of ints or floats and an int key.
func (r *recorder) subscr(obj, key Value) bool {
	so, ok1 := r.peek(1)
	sk, ok2 := r.peek(0)
	if !ok1 || !ok2 {
		return false
	}
	if obj.kind == KindTuple && key.kind == KindInt {
		items, ok := r.tupleItems(so, obj)
		if !ok {
			return false
		}
		i := int(int64(key.n))
		if i < 0 {
			i += len(items)
		}
		if i < 0 || i >= len(items) {
			return r.fail("index out of range while recording")
		}
		r.guardValue(sk.ref, r.t.ConstInt(int64(key.n)))
		r.pop(2)
		r.push(items[i])
		return true
	}
	l, isList := obj.ref.(*List)
	if obj.kind != KindList || !isList || key.kind != KindInt || l.Strategy == ListEmpty {
		rf := r.top()
		return r.callPure(rf, rf.f.pc, "getitem", func(in *Interp, v []Value) (Value, *Exception) {
			return GetItem(in, v[0], v[1])
		}, []shadow{so, sk}, 2)
	}
	i := int64(key.n)
	if n := int64(l.Len()); i >= n || i < -n {
		return r.fail("index out of range while recording")
	}
	length, data, typ, ok := r.listStorage(so.ref, l)
	if !ok {
		return false
	}
	idx := r.index(sk.ref, length, i)
	if i < 0 {
		i += int64(l.Len())
	}
	item, ok := r.listItem(data, idx, typ, l.Get(int(i)))
	if !ok {
		return false
	}
	r.pop(2)
	r.push(item)
	return true
}

// listItem emits the load of item idx of a list's storage: an unboxed int or float, or, for
// the object strategy, a Value read field by field from the []Value (whose kind is guarded to
// be that of the concrete item v).
func (r *recorder) listItem(data, idx trace.Ref, typ trace.Type, v Value) (shadow, bool) {
	t := r.t
	switch typ {
	case trace.Int:
		return shadow{ref: t.EmitDescr(trace.OpGetarrayitemI, trace.Int, r.itemArray(typ), data, idx), kind: KindInt}, true
	case trace.Float:
		return shadow{ref: t.EmitDescr(trace.OpGetarrayitemF, trace.Float, r.itemArray(typ), data, idx), kind: KindFloat}, true
	}
	field := func(part string, off uintptr, size uint8, typ trace.Type) *trace.ArrayDescr {
		d := &r.in.jit.descrs
		name := "Value_array." + part
		if ad, ok := d.arrays[name]; ok {
			return ad
		}
		ad := &trace.ArrayDescr{Name: name, ItemSize: valueSize, BaseOffset: off, Size: size, Type: typ, Signed: typ == trace.Int && size == 8}
		if d.arrays == nil {
			d.arrays = map[string]*trace.ArrayDescr{}
		}
		d.arrays[name] = ad
		return ad
	}
	k := t.EmitDescr(trace.OpGetarrayitemI, trace.Int, field("kind", offKind, 1, trace.Int), data, idx)
	r.guardValue(k, t.ConstInt(int64(v.kind)))
	s := shadow{kind: v.kind}
	switch v.kind {
	case KindNone:
		s.ref = t.ConstInt(0)
	case KindInt, KindBool:
		s.ref = t.EmitDescr(trace.OpGetarrayitemI, trace.Int, field("bits", offBits, 8, trace.Int), data, idx)
	case KindFloat:
		s.ref = t.EmitDescr(trace.OpGetarrayitemF, trace.Float, field("fbits", offBits, 8, trace.Float), data, idx)
	case KindUnbound:
		return s, r.fail("unbound list item")
	default:
		s.typ = typeWord(v.ref)
		if v.kind == KindIter {
			tw := t.EmitDescr(trace.OpGetarrayitemR, trace.Ptr, field("type", offRefType, 8, trace.Ptr), data, idx)
			r.guardValue(tw, t.ConstPtr(s.typ))
		}
		s.ref = t.EmitDescr(trace.OpGetarrayitemR, trace.Ptr, field("data", offRefData, 8, trace.Ptr), data, idx)
	}
	return s, true
}

// storeSubscr records obj[key] = v for a list of ints (floats) and an int (float) value.
func (r *recorder) storeSubscr(v, obj, key Value) bool {
	sv, ok0 := r.peek(2)
	so, ok1 := r.peek(1)
	sk, ok2 := r.peek(0)
	if !ok0 || !ok1 || !ok2 {
		return false
	}
	l, isList := obj.ref.(*List)
	if obj.kind != KindList || !isList || key.kind != KindInt ||
		!(l.Strategy == ListInts && v.kind == KindInt || l.Strategy == ListFloats && v.kind == KindFloat) {
		return r.callEffect("setitem", func(in *Interp, v []Value) (Value, *Exception) {
			return None, SetItem(in, v[1], v[2], v[0])
		}, []shadow{sv, so, sk}, 3, false, shadow{})
	}
	i := int64(key.n)
	if n := int64(l.Len()); i >= n || i < -n {
		return r.fail("index out of range while recording")
	}
	length, data, typ, ok := r.listStorage(so.ref, l)
	if !ok {
		return false
	}
	idx := r.index(sk.ref, length, i)
	r.t.EmitDescr(trace.OpSetarrayitem, trace.Void, r.itemArray(typ), data, idx, sv.ref)
	r.pop(3)
	return true
}

// call records CALL of a Python function (inlined: the recorder follows the interpreter into
// it) or of one of the builtins the recorder knows.
func (r *recorder) call(rf *recFrame, f *Frame, pc, argc int) bool {
	if pc > 0 && f.info.code.Instrs[pc-1].Op == compile.KW_NAMES {
		return r.fail("keyword arguments")
	}
	fnv := f.regs[f.sp-argc-1]
	sfn, ok := r.peek(argc)
	if !ok {
		return false
	}
	args := make([]shadow, argc)
	for i := range args {
		if args[i], ok = r.peek(argc - 1 - i); !ok {
			return false
		}
	}
	if !r.t.IsConst(sfn.ref) {
		r.guardValue(sfn.ref, r.constShadow(fnv).ref)
	}
	switch fnv.kind {
	case KindFunc:
		fn := fnv.ref.(*Function)
		code := fn.Code
		if len(r.frames) > r.in.jit.driver.InlineDepth() {
			return r.fail("inlining too deep")
		}
		for _, other := range r.frames {
			if other.info.code == code {
				return r.fail("recursive call of %s", code.Name)
			}
		}
		if argc > code.NumParams || argc < code.NumParams-code.NumDefaults {
			return r.fail("call of %s with %d arguments", code.Name, argc)
		}
		r.pop(argc + 1)
		rf.resumePC = pc + 1
		info := fn.info
		callee := &recFrame{info: info, slots: make([]shadow, info.size)}
		for i := range callee.slots {
			callee.slots[i].ref = trace.NoRef
		}
		for i, a := range args {
			a.dirty = true
			callee.slots[i] = a
		}
		firstDefault := code.NumParams - code.NumDefaults
		for i := argc; i < code.NumParams; i++ {
			callee.slots[i] = r.constShadow(fn.Defaults[i-firstDefault])
		}
		callee.sp = info.nlocals
		r.frames = append(r.frames, callee)
		return true
	case KindBuiltin:
		b := fnv.ref.(*Builtin)
		if b.Name == "len" && argc == 1 {
			if l, isList := f.regs[f.sp-1].ref.(*List); isList && f.regs[f.sp-1].kind == KindList {
				if l.Strategy == ListInts || l.Strategy == ListFloats || l.Strategy == ListObjects {
					length, _, _, ok := r.listStorage(args[0].ref, l)
					if !ok {
						return false
					}
					r.pop(2)
					r.push(shadow{ref: length, kind: KindInt})
					return true
				}
			}
		}
		if b.Name == "abs" && argc == 1 && f.regs[f.sp-1].kind == KindFloat {
			res := r.t.Emit(trace.OpFloatAbs, trace.Float, args[0].ref)
			r.pop(2)
			r.push(shadow{ref: res, kind: KindFloat})
			return true
		}
		return r.residualCall(rf, pc, fnv, args)
	case KindType:
		if fnv.ref.(*Type).New != nil {
			return r.residualCall(rf, pc, fnv, args)
		}
	}
	return r.fail("call of %s", TypeName(fnv))
}

// callMethod records list.append of an int or float to a list of that strategy, as a residual
// call (appending may grow the list: a Go allocation).
func (r *recorder) callMethod(rf *recFrame, f *Frame, pc int, ins compile.Instr) bool {
	argc := int(ins.Arg & 0xff)
	name := rf.info.code.Names[ins.Arg>>8]
	self := f.regs[f.sp-argc-1]
	if pc > 0 && rf.info.code.Instrs[pc-1].Op == compile.KW_NAMES {
		return r.fail("keyword arguments")
	}
	l, isList := self.ref.(*List)
	v := f.regs[f.sp-1]
	if name != "append" || argc != 1 || self.kind != KindList || !isList ||
		!(l.Strategy == ListInts && v.kind == KindInt || l.Strategy == ListFloats && v.kind == KindFloat) {
		if self.kind == KindModule {
			return r.fail("method of a module")
		}
		args, ok := r.stackArgs(argc + 1)
		if !ok {
			return false
		}
		return r.residualMethod(rf, pc, name, self, args)
	}
	sl, ok1 := r.peek(1)
	sv, ok2 := r.peek(0)
	if !ok1 || !ok2 {
		return false
	}
	d := &r.in.jit.descrs
	st := r.t.EmitDescr(trace.OpGetfieldI, trace.Int, d.field("List.Strategy", unsafe.Offsetof(List{}.Strategy), 1, trace.Int), sl.ref)
	r.guardValue(st, r.t.ConstInt(int64(l.Strategy)))
	r.t.EmitCall(r.in.appendCall(l.Strategy), -1, sl.ref, sv.ref)
	r.pop(2)
	r.push(r.constShadow(None))
	return true
}

// appendCall is the residual call appending an int (a float) to a list of ints (floats),
// without boxing it.
func (in *Interp) appendCall(st ListStrategy) *trace.CallDescr {
	name := "List.append_int"
	typ := trace.Int
	if st == ListFloats {
		name, typ = "List.append_float", trace.Float
	}
	d := &in.jit.descrs
	if c, ok := d.calls[name]; ok {
		return c
	}
	c := &trace.CallDescr{Name: name, ArgTypes: []trace.Type{trace.Ptr, typ}, Result: trace.Void,
		Fn: func(a *trace.CallArgs) bool {
			l := (*List)(a.Ptr(0))
			if typ == trace.Float {
				l.Floats = append(l.Floats, a.Float(1))
			} else {
				l.Ints = append(l.Ints, a.Int(1))
			}
			return true
		}}
	if d.calls == nil {
		d.calls = map[string]*trace.CallDescr{}
	}
	d.calls[name] = c
	return c
}

// emitStoreCall stores a Value that involves a Go pointer into memory through a residual call.
func (r *recorder) emitStoreCall(base trace.Ref, offset uintptr, s shadow) {
	in := r.in
	name := "store_value"
	d := &in.jit.descrs
	c, ok := d.calls[name]
	if !ok {
		c = &trace.CallDescr{Name: name,
			ArgTypes: []trace.Type{trace.Ptr, trace.Int, trace.Int, trace.Int, trace.Ptr}, Result: trace.Void,
			Fn: func(a *trace.CallArgs) bool {
				slot := (*Value)(unsafe.Add(a.Ptr(0), uintptr(a.Int(1))))
				*slot = in.box(uint32(a.Int(2)), a.Ints[3], a.Ptr(4))
				if g := in.globalIndex(slot); g >= 0 {
					in.shadowed(g)
				}
				return true
			}}
		if d.calls == nil {
			d.calls = map[string]*trace.CallDescr{}
		}
		d.calls[name] = c
	}
	bits, ptr := r.t.ConstInt(0), r.t.ConstPtr(nil)
	switch s.kind {
	case KindInt, KindBool, KindFloat:
		bits = s.ref
		if s.kind == KindFloat {
			r.emitStoreCallFloat(c, base, offset, s)
			return
		}
	case KindNone:
	default:
		ptr = s.ref
	}
	r.t.EmitCall(c, -1, base, r.t.ConstInt(int64(offset)), r.t.ConstInt(int64(in.tagOf(s.kind, s.typ))), bits, ptr)
}

func (r *recorder) emitStoreCallFloat(c *trace.CallDescr, base trace.Ref, offset uintptr, s shadow) {
	// A float stored over a pointer: first store a None through Go (clearing the pointer),
	// then the float with plain stores.
	r.t.EmitCall(c, -1, base, r.t.ConstInt(int64(offset)), r.t.ConstInt(int64(r.in.tagOf(KindNone, nil))), r.t.ConstInt(0), r.t.ConstPtr(nil))
	d := &r.in.jit.descrs
	prefix := fmt.Sprintf("@%d", offset)
	r.t.EmitDescr(trace.OpSetfield, trace.Void, d.valueField(prefix, offset, "kind"), base, r.t.ConstInt(int64(KindFloat)))
	r.t.EmitDescr(trace.OpSetfield, trace.Void, d.valueField(prefix, offset, "fbits"), base, s.ref)
}

var _ = math.MaxInt64

// buildTuple records BUILD_TUPLE of scalars as new(TupleN) and stores of each item's kind and
// payload: an allocation the optimizer can remove.
func (r *recorder) buildTuple(n int, vals []Value) bool {
	if n < 1 || n > maxTraceTuple {
		return r.fail("tuple of %d items", n)
	}
	items := make([]shadow, n)
	for i := range items {
		s, ok := r.peek(n - 1 - i)
		if !ok {
			return false
		}
		switch s.kind {
		case KindInt, KindBool, KindFloat, KindNone:
		default:
			return r.fail("tuple holding a %s", kindNames[s.kind])
		}
		s.dirty = false
		items[i] = s
	}
	t := r.t
	p := t.EmitDescr(trace.OpNew, trace.Ptr, r.in.tupleAlloc(n))
	for i, s := range items {
		t.EmitDescr(trace.OpSetfield, trace.Void, r.in.tupleItemField(n, i, "kind"), p, t.ConstInt(int64(s.kind)))
		switch s.kind {
		case KindInt, KindBool:
			t.EmitDescr(trace.OpSetfield, trace.Void, r.in.tupleItemField(n, i, "bits"), p, s.ref)
		case KindFloat:
			t.EmitDescr(trace.OpSetfield, trace.Void, r.in.tupleItemField(n, i, "fbits"), p, s.ref)
		}
	}
	r.pop(n)
	r.push(shadow{ref: p, kind: KindTuple, typ: tupleTypeWord, items: items})
	return true
}

// tupleItems returns the shadows of the items of the tuple s (concrete value v), loading them
// when the tuple was not built in this trace, after guarding its length.
func (r *recorder) tupleItems(s shadow, v Value) ([]shadow, bool) {
	if s.items != nil {
		return s.items, true
	}
	tup, ok := v.ref.(*Tuple)
	if v.kind != KindTuple || !ok {
		return nil, r.fail("items of %s", TypeName(v))
	}
	t := r.t
	d := &r.in.jit.descrs
	off := unsafe.Offsetof(Tuple{}.Items)
	n := t.EmitDescr(trace.OpGetfieldI, trace.Int, d.field("Tuple.Items.len", off+8, 8, trace.Int), s.ref)
	r.guardValue(n, t.ConstInt(int64(len(tup.Items))))
	data := t.EmitDescr(trace.OpGetfieldR, trace.Ptr, d.field("Tuple.Items.ptr", off, 8, trace.Ptr), s.ref)
	items := make([]shadow, len(tup.Items))
	for i, item := range tup.Items {
		if items[i], ok = r.loadValue(data, fmt.Sprintf("item%d", i), uintptr(i)*valueSize, item); !ok {
			return nil, false
		}
	}
	return items, true
}

// unpack records UNPACK_SEQUENCE of a tuple.
func (r *recorder) unpack(n int, v Value) bool {
	s, ok := r.peek(0)
	if !ok {
		return false
	}
	items, ok := r.tupleItems(s, v)
	if !ok {
		return false
	}
	if len(items) != n {
		return r.fail("unpacking %d items into %d names", len(items), n)
	}
	r.pop(1)
	for i := n - 1; i >= 0; i-- {
		r.push(items[i])
	}
	return true
}

// globalIndex returns the index of the global slot p points to, or -1 when p is not a global.
func (in *Interp) globalIndex(p *Value) int {
	if len(in.globals) == 0 {
		return -1
	}
	off := uintptr(unsafe.Pointer(p)) - uintptr(unsafe.Pointer(&in.globals[0]))
	if g := int(off / valueSize); off%valueSize == 0 && g < len(in.globals) {
		return g
	}
	return -1
}

// floatOf returns the value of an int, bool or float as a float64 (ints as float() would).
func floatOf(v Value) float64 {
	if v.kind == KindFloat {
		return v.Float()
	}
	return float64(int64(v.n))
}
