package interp

import (
	"fmt"
	"strings"
	"unsafe"

	"github.com/metajit/metajit/interp/compile"
	"github.com/metajit/metajit/trace"
)

// Residual calls. The recorder does not trace into Go code: an operation it has no IR for (a
// call of a builtin such as len(s) or int(x), str + str, d[k], s.upper(), xs.append(obj)...)
// becomes one call op that runs the interpreter's own Go function for it, as PyPy's residual
// calls do. The kinds of the arguments are guarded constants in the trace, so the call's
// descriptor bakes them in and only the payloads travel.
//
// Two sorts:
//
//   - Pure operations (most of them) may be redone. The kind of their result is not known before
//     they run, and the recorder sees each bytecode before it executes, so their call op is
//     emitted when the recorder sees the next bytecode, with the snapshot from before the call.
//     The descriptor bakes in the result's kind too: if a later run gives another kind, or the
//     operation raises, the call reports failure and the trace leaves to the state before the
//     call, where the interpreter redoes the operation (and raises, with the right traceback).
//   - Operations with an effect (d[k] = v, xs.append(v), print(...)) must not run twice. Their
//     result is known in advance (None, nothing, or their receiver), they fail only before
//     doing anything, and their call op is emitted at once.

// pureBuiltins are the builtins and types a trace may call residually and redo if needed.
var pureBuiltins = map[string]bool{
	"len": true, "abs": true, "min": true, "max": true, "isinstance": true, "round": true,
	"repr": true, "chr": true, "ord": true, "divmod": true, "pow": true, "sum": true,
	"int": true, "float": true, "str": true, "bool": true, "tuple": true, "list": true,
	"range": true, "sorted": true,
}

// pureMethods are the methods without side effects, by receiver kind.
var pureMethods = map[Kind]map[string]bool{
	KindStr: {"join": true, "split": true, "strip": true, "lstrip": true, "rstrip": true,
		"startswith": true, "endswith": true, "find": true, "replace": true, "upper": true,
		"lower": true, "count": true, "index": true, "isdigit": true, "isalpha": true,
		"isspace": true, "title": true},
	KindDict:  {"get": true, "keys": true, "values": true, "items": true, "copy": true},
	KindList:  {"index": true, "count": true, "copy": true},
	KindTuple: {"index": true, "count": true},
}

// effectMethods are methods that change their receiver, return None and raise only before
// changing anything.
var effectMethods = map[Kind]map[string]bool{
	KindList: {"append": true, "insert": true, "extend": true, "reverse": true, "clear": true},
	KindDict: {"update": true, "clear": true},
}

// residualFn is the Go side of a residual call.
type residualFn func(in *Interp, args []Value) (Value, *Exception)

// pendingCall is a pure residual call recorded up to its arguments, waiting for its result.
type pendingCall struct {
	name  string
	fn    residualFn
	args  []shadow
	snap  int32
	pc    int // the pc the interpreter must reach next (after the operation)
	frame *recFrame
	// iter is set for range(...) followed by GET_ITER, recorded as one call that gives the
	// iterator (see residualCall): the trace's value is the iterator, not the range the
	// interpreter's stack holds until its GET_ITER runs.
	iter bool
}

// callPure records a pure operation on the npop stack entries args (the last on top): its
// call op is emitted when its result is known (finishCall).
func (r *recorder) callPure(rf *recFrame, pc int, name string, fn residualFn, args []shadow, npop int) bool {
	r.pending = &pendingCall{name: name, fn: fn, args: args, snap: r.snapshot(), pc: pc + 1, frame: rf}
	r.pop(npop)
	r.push(shadow{ref: trace.NoRef, kind: KindNone}) // replaced by finishCall
	return true
}

// callEffect records an operation with an effect, whose result (pushed unless push is false)
// is result.
func (r *recorder) callEffect(name string, fn residualFn, args []shadow, npop int, push bool, result shadow) bool {
	snap := r.snapshot()
	r.t.EmitCall(r.in.residualDescr(name, fn, args, shadow{kind: KindUnbound}, false), snap, payloads(args)...)
	r.pop(npop)
	if push {
		r.push(result)
	}
	return true
}

func payloads(args []shadow) []trace.Ref {
	refs := make([]trace.Ref, 0, len(args))
	for _, a := range args {
		if a.kind != KindNone {
			refs = append(refs, a.ref)
		}
	}
	return refs
}

// finishCall emits the pending pure call, now that its result (on top of f's stack) is known.
func (r *recorder) finishCall(f *Frame) bool {
	p := r.pending
	r.pending = nil
	if r.top() != p.frame || f.pc != p.pc {
		return r.fail("exception raised by %s", p.name)
	}
	res := f.regs[f.sp-1]
	if res.kind == KindUnbound {
		return r.fail("%s returned a %s", p.name, kindNames[res.kind])
	}
	if p.iter {
		it, err := GetIter(r.in, res)
		if err != nil {
			return r.fail("iter of %s", p.name)
		}
		res = it
	}
	result := shadow{kind: res.kind}
	if res.ref != nil {
		result.typ = typeWord(res.ref)
	}
	ref := r.t.EmitCall(r.in.residualDescr(p.name, p.fn, p.args, result, true), p.snap, payloads(p.args)...)
	if res.kind == KindNone {
		ref = r.t.ConstInt(0)
	}
	result.ref = ref
	result.dirty = true
	rf := r.top()
	rf.slots[rf.sp-1] = result
	return true
}

// residualDescr returns the call descriptor running fn on arguments of the kinds of args. With
// check, the descriptor bakes in the result's kind (and Go type) and fails on any other; without,
// the call has no result. The descriptor fails whenever fn raises.
func (in *Interp) residualDescr(name string, fn residualFn, args []shadow, result shadow, check bool) *trace.CallDescr {
	var sig strings.Builder
	sig.WriteString(name)
	var argTypes []trace.Type
	kinds := make([]Kind, len(args))
	typs := make([]unsafe.Pointer, len(args))
	for i, a := range args {
		kinds[i], typs[i] = a.kind, a.typ
		sig.WriteString("." + kindNames[a.kind])
		if t := payloadType(a.kind); t != trace.Void {
			argTypes = append(argTypes, t)
		}
	}
	resType := trace.Void
	if check {
		sig.WriteString(".to." + kindNames[result.kind])
		resType = payloadType(result.kind)
	}
	d := &in.jit.descrs
	if d.residual == nil {
		d.residual = map[string]*trace.CallDescr{}
	}
	// One descriptor per signature; distinct Go types of a kind get distinct descriptors.
	key := fmt.Sprintf("%s|%p|%v", sig.String(), result.typ, typs)
	if c, ok := d.residual[key]; ok {
		return c
	}
	wantKind, wantType := result.kind, result.typ
	call := func(a *trace.CallArgs) bool {
		vals := make([]Value, len(kinds))
		j := 0
		for i, k := range kinds {
			switch k {
			case KindNone:
				vals[i] = None
				continue
			case KindInt, KindBool, KindFloat:
				vals[i] = Value{kind: k, n: a.Ints[j]}
			default:
				vals[i] = Value{kind: k, ref: makeAny(typs[i], a.Ptrs[j])}
			}
			j++
		}
		v, err := fn(in, vals)
		if err != nil {
			return false
		}
		if !check {
			return true
		}
		if v.kind != wantKind || (v.ref != nil && typeWord(v.ref) != wantType) {
			return false
		}
		switch resType {
		case trace.Int, trace.Float:
			a.Result = v.n
		case trace.Ptr:
			a.SetPtr(dataWord(v.ref))
		}
		return true
	}
	c := &trace.CallDescr{Name: fmt.Sprintf("%s.%d", sanitize(sig.String()), len(d.residual)),
		Fn: call, ArgTypes: argTypes, Result: resType, CanFail: true}
	d.residual[key] = c
	return c
}

// payloadType is the trace type that carries a value of kind k (Void: nothing, for None).
func payloadType(k Kind) trace.Type {
	switch k {
	case KindNone, KindUnbound:
		return trace.Void
	case KindInt, KindBool:
		return trace.Int
	case KindFloat:
		return trace.Float
	}
	return trace.Ptr
}

// sanitize makes a descriptor name the trace text format can parse back.
func sanitize(s string) string {
	return strings.Map(func(c rune) rune {
		if strings.ContainsRune(" ,()[]<>=|:'#", c) {
			return '_'
		}
		return c
	}, s)
}

// ---- the operations ----

// residualCall records a call of a builtin function or type.
func (r *recorder) residualCall(rf *recFrame, pc int, fnv Value, args []shadow) bool {
	var name string
	switch fnv.kind {
	case KindBuiltin:
		name = fnv.ref.(*Builtin).Name
	case KindType:
		name = fnv.ref.(*Type).Name
	}
	call := func(in *Interp, args []Value) (Value, *Exception) { return in.callValue(fnv, args, nil) }
	switch {
	case name == "range" && pc+1 < len(rf.info.code.Instrs) && rf.info.code.Instrs[pc+1].Op == compile.GET_ITER:
		// for x in range(...): one residual call makes the iterator, and the GET_ITER that
		// follows records nothing (iter of an iterator is itself). A nested loop's range
		// costs one exit to Go rather than two.
		r.callPure(rf, pc, "range_iter", func(in *Interp, args []Value) (Value, *Exception) {
			rv, err := in.callValue(fnv, args, nil)
			if err != nil {
				return Value{}, err
			}
			return GetIter(in, rv)
		}, args, len(args)+1)
		r.pending.iter = true
		return true
	case pureBuiltins[name]:
		return r.callPure(rf, pc, name, call, args, len(args)+1)
	case name == "print":
		return r.callEffect(name, func(in *Interp, args []Value) (Value, *Exception) {
			return in.residualPrint(args)
		}, args, len(args)+1, true, r.constShadow(None))
	}
	return r.fail("call of builtin %s", name)
}

// residualPrint is print(*args) from a trace: every argument is converted first, so that a
// conversion error raises before anything is written and the interpreter can redo the call.
func (in *Interp) residualPrint(args []Value) (Value, *Exception) {
	strs := make([]string, len(args))
	for i, v := range args {
		s, err := StrErr(in, v)
		if err != nil {
			return Value{}, err
		}
		strs[i] = s
	}
	in.Stdout.WriteString(strings.Join(strs, " "))
	in.Stdout.WriteString("\n")
	return None, nil
}

// residualBinary records a binary operator the recorder has no IR for: a pure call of the
// interpreter's BinaryOp, except += and *= on a list, which extend it in place.
func (r *recorder) residualBinary(rf *recFrame, pc int, op compile.Opcode, a, b shadow) bool {
	fn := func(in *Interp, v []Value) (Value, *Exception) { return BinaryOp(in, op, v[0], v[1]) }
	if a.kind == KindList && (op == compile.INPLACE_ADD || op == compile.INPLACE_MUL) {
		return r.callEffect(op.String(), fn, []shadow{a, b}, 2, true, a)
	}
	return r.callPure(rf, pc, op.String(), fn, []shadow{a, b}, 2)
}

// residualMethod records a method call obj.name(args...) as a residual call.
func (r *recorder) residualMethod(rf *recFrame, pc int, name string, self Value, args []shadow) bool {
	m := LookupMethod(self, name)
	if m == nil {
		return r.fail("no method %s", name)
	}
	fn := func(in *Interp, v []Value) (Value, *Exception) { return m.Fn(in, v, nil) }
	label := kindNames[self.kind] + "." + name
	switch {
	case pureMethods[self.kind][name]:
		return r.callPure(rf, pc, label, fn, args, len(args))
	case effectMethods[self.kind][name]:
		return r.callEffect(label, fn, args, len(args), true, r.constShadow(None))
	}
	return r.fail("method %s of %s", name, TypeName(self))
}

// stackArgs returns the shadows of the top n stack entries, bottom first.
func (r *recorder) stackArgs(n int) ([]shadow, bool) {
	args := make([]shadow, n)
	for i := range args {
		s, ok := r.peek(n - 1 - i)
		if !ok {
			return nil, false
		}
		args[i] = s
	}
	return args, true
}

// callNow records a pure operation whose result kind is known in advance (a truth value):
// its call op is emitted at once and its result returned.
func (r *recorder) callNow(name string, fn residualFn, args []shadow, result Kind) trace.Ref {
	return r.t.EmitCall(r.in.residualDescr(name, fn, args, shadow{kind: result}, true), r.snapshot(), payloads(args)...)
}
