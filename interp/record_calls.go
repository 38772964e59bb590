package interp

import (
	"fmt"
	"strings"
	"unsafe"

	"github.com/metajit/metajit/trace"
)

// Residual calls of builtins. The recorder does not trace into Go code: a call of a builtin
// function or type (len(s), int(x), str(n), min(a, b), print(...)) becomes one call op that runs
// the builtin itself, as PyPy's residual calls do. The kinds of the arguments are guarded
// constants in the trace, so the call's descriptor bakes them in and only the payloads travel.
//
// The result's kind is not known before the call runs, and the recorder sees each bytecode
// before it executes; so the call op is emitted when the recorder sees the next bytecode, with
// the snapshot taken before the call. The descriptor then also bakes in the result's kind: if
// a later run returns something else, or the builtin raises, the call reports failure and the
// trace leaves to the state before the call, where the interpreter redoes it. That is only
// right for builtins without side effects, which is why only those are called this way, and
// print, which converts its arguments (the only step that can fail) before writing anything.

// pureBuiltins are the builtins and types a trace may call residually and redo if needed.
var pureBuiltins = map[string]bool{
	"len": true, "abs": true, "min": true, "max": true, "isinstance": true, "round": true,
	"repr": true, "chr": true, "ord": true, "divmod": true, "pow": true, "sum": true,
	"int": true, "float": true, "str": true, "bool": true, "tuple": true, "list": true,
	"range": true, "enumerate": true, "zip": true, "reversed": true, "sorted": true,
}

// pendingCall is a residual call recorded up to its arguments, waiting for its result.
type pendingCall struct {
	callee Value
	name   string
	args   []shadow
	snap   int32
	pc     int // the pc the interpreter must reach next (after the call)
	frame  *recFrame
}

// residualCall starts recording a call of a builtin or a type.
func (r *recorder) residualCall(rf *recFrame, pc int, fnv Value, args []shadow) bool {
	var name string
	switch fnv.kind {
	case KindBuiltin:
		name = fnv.ref.(*Builtin).Name
	case KindType:
		name = fnv.ref.(*Type).Name
	}
	if !pureBuiltins[name] && name != "print" {
		return r.fail("call of builtin %s", name)
	}
	for _, a := range args {
		if a.items != nil {
			return r.fail("trace-built tuple passed to %s", name)
		}
	}
	r.pending = &pendingCall{callee: fnv, name: name, args: args, snap: r.snapshot(), pc: pc + 1, frame: rf}
	r.pop(len(args) + 1)
	r.push(shadow{ref: trace.NoRef, kind: KindNone}) // replaced by finishCall
	return true
}

// finishCall emits the pending residual call, now that its result v is known.
func (r *recorder) finishCall(f *Frame) bool {
	p := r.pending
	r.pending = nil
	if r.top() != p.frame || f.pc != p.pc {
		return r.fail("exception raised by builtin %s", p.name)
	}
	res := f.regs[f.sp-1]
	switch res.kind {
	case KindUnbound, KindIter:
		return r.fail("%s returned a %s", p.name, kindNames[res.kind])
	}
	result := shadow{kind: res.kind}
	if res.ref != nil {
		result.typ = typeWord(res.ref)
	}
	call := r.in.builtinCall(p, result)
	args := make([]trace.Ref, 0, len(p.args))
	for _, a := range p.args {
		if a.kind != KindNone {
			args = append(args, a.ref)
		}
	}
	ref := r.t.EmitCall(call, p.snap, args...)
	switch res.kind {
	case KindNone:
		result.ref = r.t.ConstInt(0)
	default:
		result.ref = ref
	}
	rf := r.top()
	result.dirty = true
	rf.slots[rf.sp-1] = result
	return true
}

// builtinCall returns the call descriptor for calling p.callee with arguments of the kinds of
// p.args and a result of the kind of result.
func (in *Interp) builtinCall(p *pendingCall, result shadow) *trace.CallDescr {
	var name strings.Builder
	name.WriteString("builtin." + p.name)
	var argTypes []trace.Type
	kinds := make([]Kind, len(p.args))
	typs := make([]unsafe.Pointer, len(p.args))
	for i, a := range p.args {
		kinds[i], typs[i] = a.kind, a.typ
		name.WriteString("." + kindNames[a.kind])
		switch a.kind {
		case KindNone:
		case KindInt, KindBool:
			argTypes = append(argTypes, trace.Int)
		case KindFloat:
			argTypes = append(argTypes, trace.Float)
		default:
			argTypes = append(argTypes, trace.Ptr)
		}
	}
	name.WriteString(".to." + kindNames[result.kind])
	resType := trace.Void
	switch result.kind {
	case KindNone:
	case KindInt, KindBool:
		resType = trace.Int
	case KindFloat:
		resType = trace.Float
	default:
		resType = trace.Ptr
	}
	d := &in.jit.descrs
	if d.builtinCalls == nil {
		d.builtinCalls = map[string]*trace.CallDescr{}
	}
	// Descriptors are shared by calls of the same signature; distinct Go types of a kind get
	// distinct descriptors.
	cacheKey := fmt.Sprintf("%s|%p|%v", name.String(), result.typ, typs)
	if c, ok := d.builtinCalls[cacheKey]; ok {
		return c
	}
	callee, isPrint := p.callee, p.name == "print"
	wantKind, wantType := result.kind, result.typ
	fn := func(a *trace.CallArgs) bool {
		args := make([]Value, len(kinds))
		j := 0
		for i, k := range kinds {
			switch k {
			case KindNone:
				args[i] = None
				continue
			case KindInt, KindBool, KindFloat:
				args[i] = Value{kind: k, n: a.Ints[j]}
			default:
				args[i] = Value{kind: k, ref: makeAny(typs[i], a.Ptrs[j])}
			}
			j++
		}
		if isPrint {
			return in.residualPrint(args)
		}
		v, err := in.callValue(callee, args, nil)
		if err != nil || v.kind != wantKind || (v.ref != nil && typeWord(v.ref) != wantType) {
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
	c := &trace.CallDescr{Name: fmt.Sprintf("%s.%d", name.String(), len(d.builtinCalls)),
		Fn: fn, ArgTypes: argTypes, Result: resType, CanFail: true}
	d.builtinCalls[cacheKey] = c
	return c
}

// residualPrint is print(*args) from a trace: every argument is converted first, so that a
// conversion error leaves before anything is written and the interpreter can redo the call.
func (in *Interp) residualPrint(args []Value) bool {
	strs := make([]string, len(args))
	for i, v := range args {
		s, err := StrErr(in, v)
		if err != nil {
			return false
		}
		strs[i] = s
	}
	in.Stdout.WriteString(strings.Join(strs, " "))
	in.Stdout.WriteString("\n")
	return true
}
