package interp

import (
	"fmt"
	"strings"
)

// RecursionLimit is CPython's default: at most this many Python frames, the module's included.
const RecursionLimit = 1000

// Call calls any callable value with positional arguments and optional keyword arguments. It is
// how builtins call back into Python code (sorted's key=, for example).
func (in *Interp) Call(fn Value, args []Value, kw *Kwargs) (Value, *Exception) {
	if kw.Len() == 0 {
		return in.callValue(fn, args, nil)
	}
	all := make([]Value, 0, len(args)+kw.Len())
	all = append(append(all, args...), kw.Values...)
	return in.callValue(fn, all, kw.Names)
}

// callValue calls fn with args, whose last len(kwnames) entries are keyword arguments. args
// may alias the caller's value stack: callees copy what they keep.
func (in *Interp) callValue(fn Value, args []Value, kwnames []string) (Value, *Exception) {
	switch fn.kind {
	case KindFunc:
		return in.callFunction(fn.ref.(*Function), args, kwnames)
	case KindBuiltin:
		pos, kw := splitKwargs(args, kwnames)
		return fn.ref.(*Builtin).Fn(in, pos, kw)
	case KindMethod:
		m := fn.ref.(*Method)
		pos, kw := splitKwargs(args, kwnames)
		withSelf := make([]Value, 0, len(pos)+1)
		withSelf = append(append(withSelf, m.Self), pos...)
		return m.Fn.Fn(in, withSelf, kw)
	case KindType:
		t := fn.ref.(*Type)
		if t.New == nil {
			return Value{}, Errorf(TypeErrorType, "cannot create '%s' instances", t.Name)
		}
		pos, kw := splitKwargs(args, kwnames)
		return t.New(in, pos, kw)
	}
	return Value{}, Errorf(TypeErrorType, "'%s' object is not callable", TypeName(fn))
}

func splitKwargs(args []Value, kwnames []string) ([]Value, *Kwargs) {
	if len(kwnames) == 0 {
		return args, nil
	}
	n := len(args) - len(kwnames)
	return args[:n], &Kwargs{Names: kwnames, Values: args[n:]}
}

// callFunction binds the arguments of a call to a fresh frame's parameters, as CPython does
// (positional, then keywords, then defaults) and runs the function.
func (in *Interp) callFunction(fn *Function, args []Value, kwnames []string) (Value, *Exception) {
	code := fn.Code
	npos := len(args) - len(kwnames)
	if npos > code.NumParams {
		return Value{}, tooManyPositional(fn, npos)
	}
	if in.depth >= RecursionLimit {
		return Value{}, NewException(RecursionErrorType, "maximum recursion depth exceeded")
	}
	f := in.newFrame(fn.info)
	copy(f.regs, args[:npos])
	if len(kwnames) > 0 || npos < code.NumParams {
		if err := bindRest(fn, f.regs, args, npos, kwnames); err != nil {
			in.freeFrame(f)
			return Value{}, err
		}
	}
	in.depth++
	r, err := in.eval(f)
	in.depth--
	in.freeFrame(f)
	return r, err
}

// bindRest binds keyword arguments and defaults into locals, reporting CPython's errors.
func bindRest(fn *Function, locals, args []Value, npos int, kwnames []string) *Exception {
	code := fn.Code
	for i, name := range kwnames {
		idx := -1
		for j, p := range code.Locals[:code.NumParams] {
			if p == name {
				idx = j
				break
			}
		}
		if idx < 0 {
			return Errorf(TypeErrorType, "%s() got an unexpected keyword argument '%s'", fn.Name, name)
		}
		if locals[idx].kind != KindUnbound {
			return Errorf(TypeErrorType, "%s() got multiple values for argument '%s'", fn.Name, name)
		}
		locals[idx] = args[npos+i]
	}
	firstDefault := code.NumParams - code.NumDefaults
	var missing []string
	for i := npos; i < code.NumParams; i++ {
		if locals[i].kind != KindUnbound {
			continue
		}
		if i >= firstDefault {
			locals[i] = fn.Defaults[i-firstDefault]
		} else {
			missing = append(missing, "'"+code.Locals[i]+"'")
		}
	}
	if len(missing) > 0 {
		s := "s"
		if len(missing) == 1 {
			s = ""
		}
		return Errorf(TypeErrorType, "%s() missing %d required positional argument%s: %s",
			fn.Name, len(missing), s, joinNames(missing))
	}
	return nil
}

// joinNames joins names as CPython's argument errors do: 'a', 'a' and 'b', 'a', 'b', and 'c'.
func joinNames(names []string) string {
	switch len(names) {
	case 1:
		return names[0]
	case 2:
		return names[0] + " and " + names[1]
	}
	return strings.Join(names[:len(names)-1], ", ") + ", and " + names[len(names)-1]
}

func tooManyPositional(fn *Function, given int) *Exception {
	code := fn.Code
	var takes string
	if code.NumDefaults > 0 {
		takes = fmt.Sprintf("from %d to %d positional arguments", code.NumParams-code.NumDefaults, code.NumParams)
	} else if code.NumParams == 1 {
		takes = "1 positional argument"
	} else {
		takes = fmt.Sprintf("%d positional arguments", code.NumParams)
	}
	was := "were"
	if given == 1 {
		was = "was"
	}
	return Errorf(TypeErrorType, "%s() takes %s but %d %s given", fn.Name, takes, given, was)
}
