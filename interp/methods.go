package interp

// Method lookup for the builtin types, AttributeError with CPython's suggestion, and the
// argument checks every builtin method uses, worded exactly as CPython words them.

import (
	"math"
	"math/big"
	"sort"
	"strings"
	"unicode"
)

// methodTable holds one builtin type's methods and the names dir() lists for its instances,
// which are the candidates of AttributeError's "Did you mean" suggestion.
type methodTable struct {
	typ     *Type
	methods map[string]*Builtin // called on an instance: obj.name(...)
	unbound map[string]*Builtin // read from the class: str.upper, dict.fromkeys
	dir     []string
}

// methodOwner remembers the class of each builtin method, for its repr.
var methodOwner = map[*Builtin]*Type{}

// newMethodTable makes the table of typ from its methods and the dir() names beyond
// object's (objectDir); the methods' names are added to dir() automatically.
func newMethodTable(typ *Type, fns map[string]BuiltinFunc, extraDir string) *methodTable {
	t := &methodTable{typ: typ, methods: map[string]*Builtin{}, unbound: map[string]*Builtin{}}
	names := map[string]bool{}
	for _, n := range strings.Fields(objectDir + " " + extraDir) {
		names[n] = true
	}
	for name, fn := range fns {
		b := &Builtin{Name: name, Fn: fn}
		t.methods[name] = b
		methodOwner[b] = typ
		u := &Builtin{Name: name, Fn: unboundMethod(typ, name, fn)}
		t.unbound[name] = u
		methodOwner[u] = typ
		names[name] = true
	}
	for n := range names {
		t.dir = append(t.dir, n)
	}
	sort.Strings(t.dir)
	return t
}

// unboundMethod wraps a method for calls through its class (str.upper("x")), where the
// receiver is the first argument and must be an instance of the class.
func unboundMethod(typ *Type, name string, fn BuiltinFunc) BuiltinFunc {
	return func(in *Interp, args []Value, kw *Kwargs) (Value, *Exception) {
		if len(args) == 0 {
			return Value{}, Errorf(TypeErrorType, "unbound method %s.%s() needs an argument", typ.Name, name)
		}
		if TypeOf(args[0]) != typ {
			return Value{}, Errorf(TypeErrorType, "descriptor '%s' for '%s' objects doesn't apply to a '%s' object",
				name, typ.Name, TypeName(args[0]))
		}
		return fn(in, args, kw)
	}
}

// objectDir is what dir() lists for every object.
const objectDir = "__class__ __delattr__ __dir__ __doc__ __eq__ __format__ __ge__ __getattribute__ " +
	"__getstate__ __gt__ __hash__ __init__ __init_subclass__ __le__ __lt__ __ne__ __new__ __reduce__ " +
	"__reduce_ex__ __repr__ __setattr__ __sizeof__ __str__ __subclasshook__"

// intDir is what dir() adds for int and bool (and int's class attributes).
const intDir = "__abs__ __add__ __and__ __bool__ __ceil__ __divmod__ __float__ __floor__ __floordiv__ " +
	"__getnewargs__ __index__ __int__ __invert__ __lshift__ __mod__ __mul__ __neg__ __or__ __pos__ " +
	"__pow__ __radd__ __rand__ __rdivmod__ __rfloordiv__ __rlshift__ __rmod__ __rmul__ __ror__ " +
	"__round__ __rpow__ __rrshift__ __rshift__ __rsub__ __rtruediv__ __rxor__ __sub__ __truediv__ " +
	"__trunc__ __xor__ as_integer_ratio bit_count bit_length conjugate denominator from_bytes imag " +
	"numerator real to_bytes"

// iterDir is what dir() adds for most iterators.
const iterDir = "__iter__ __length_hint__ __next__ __setstate__"

// The method tables of the builtin types, made by init (their methods refer back to them
// through the interpreter, which Go would report as an initialization cycle).
var (
	strMethods        *methodTable
	listMethods       *methodTable
	tupleMethods      *methodTable
	dictMethods       *methodTable
	rangeMethods      *methodTable
	intMethods        *methodTable
	boolMethods       *methodTable
	floatMethods      *methodTable
	noneMethods       *methodTable
	functionMethods   *methodTable
	builtinMethods    *methodTable
	sliceMethods      *methodTable
	excMethods        *methodTable
	typeMethods       *methodTable
	dictKeysMethods   *methodTable
	dictValuesMethods *methodTable
	dictItemsMethods  *methodTable
	iterMethods       *methodTable
)

func init() {
	strMethods = newMethodTable(StrType, map[string]BuiltinFunc{
		"join": strJoin, "split": strSplit, "rsplit": strRsplit, "splitlines": strSplitlines,
		"strip": strStrip, "lstrip": strLstrip, "rstrip": strRstrip,
		"startswith": strStartswith, "endswith": strEndswith,
		"find": strFindM, "rfind": strRfind, "index": strIndex, "rindex": strRindex, "count": strCountM,
		"replace": strReplace, "partition": strPartition, "rpartition": strRpartition,
		"upper": strUpper, "lower": strLower,
		"title":      strCaseMethod("str.title", pyTitle),
		"capitalize": strCaseMethod("str.capitalize", pyCapitalize),
		"swapcase":   strCaseMethod("str.swapcase", pySwapcase),
		"casefold":   strCaseMethod("str.casefold", pyCasefold),
		"isdigit":    strPredicate("str.isdigit", pyIsDigit),
		"isdecimal":  strPredicate("str.isdecimal", unicode.IsDigit),
		"isnumeric":  strPredicate("str.isnumeric", pyIsNumeric),
		"isalpha":    strPredicate("str.isalpha", unicode.IsLetter),
		"isalnum":    strPredicate("str.isalnum", pyIsAlnum),
		"isspace":    strPredicate("str.isspace", pyIsSpace),
		"isupper":    strIsUpper, "islower": strIsLower, "istitle": strIsTitle,
		"isascii": strIsASCII, "isprintable": strIsPrintable,
		"ljust": strLjust, "rjust": strRjust, "center": strCenter, "zfill": strZfill,
		"removeprefix": strRemoveprefix, "removesuffix": strRemovesuffix,
	}, "__add__ __contains__ __getitem__ __getnewargs__ __iter__ __len__ __mod__ __mul__ __rmod__ "+
		"__rmul__ encode expandtabs format format_map isidentifier maketrans translate")

	listMethods = newMethodTable(ListType, map[string]BuiltinFunc{
		"append": listAppend, "pop": listPop, "insert": listInsert, "extend": listExtend,
		"index": listIndex, "count": listCount, "remove": listRemove, "reverse": listReverse,
		"sort": listSort, "copy": listCopy, "clear": listClear,
	}, "__add__ __class_getitem__ __contains__ __delitem__ __getitem__ __iadd__ __imul__ __iter__ "+
		"__len__ __mul__ __reversed__ __rmul__ __setitem__")

	tupleMethods = newMethodTable(TupleType, map[string]BuiltinFunc{
		"index": tupleIndex, "count": tupleCount,
	}, "__add__ __class_getitem__ __contains__ __getitem__ __getnewargs__ __iter__ __len__ __mul__ __rmul__")

	dictMethods = newMethodTable(DictType, map[string]BuiltinFunc{
		"get": dictGet, "keys": dictKeys, "values": dictValues, "items": dictItems,
		"pop": dictPop, "popitem": dictPopitem, "setdefault": dictSetdefault, "update": dictUpdate,
		"copy": dictCopy, "clear": dictClear,
		"fromkeys": func(in *Interp, args []Value, kw *Kwargs) (Value, *Exception) {
			return DictFromkeys(in, args[1:], kw) // d.fromkeys(...) ignores d
		},
	}, "__class_getitem__ __contains__ __delitem__ __getitem__ __ior__ __iter__ __len__ __or__ "+
		"__reversed__ __ror__ __setitem__")

	rangeMethods = newMethodTable(RangeType, map[string]BuiltinFunc{
		"index": rangeIndex, "count": rangeCount,
	}, "__bool__ __contains__ __getitem__ __iter__ __len__ __reversed__ start step stop")

	// Types whose instances have no methods in the subset, kept for their dir() names.
	intMethods = newMethodTable(IntType, nil, intDir)
	boolMethods = newMethodTable(BoolType, nil, intDir)
	floatMethods = newMethodTable(FloatType, nil, "__abs__ __add__ __bool__ __ceil__ __divmod__ "+
		"__float__ __floor__ __floordiv__ __getformat__ __getnewargs__ __int__ __mod__ __mul__ __neg__ "+
		"__pos__ __pow__ __radd__ __rdivmod__ __rfloordiv__ __rmod__ __rmul__ __round__ __rpow__ "+
		"__rsub__ __rtruediv__ __sub__ __truediv__ __trunc__ as_integer_ratio conjugate fromhex hex "+
		"imag is_integer real")
	noneMethods = newMethodTable(NoneType, nil, "__bool__")
	functionMethods = newMethodTable(FunctionType, nil, "__annotations__ __builtins__ __call__ "+
		"__closure__ __code__ __defaults__ __dict__ __get__ __globals__ __kwdefaults__ __module__ "+
		"__name__ __qualname__")
	builtinMethods = newMethodTable(BuiltinType, nil, "__call__ __module__ __name__ __qualname__ "+
		"__self__ __text_signature__")
	sliceMethods = newMethodTable(SliceType, nil, "indices start step stop")
	excMethods = newMethodTable(ExceptionType, nil, "__cause__ __context__ __dict__ __setstate__ "+
		"__suppress_context__ __traceback__ add_note args with_traceback")
	typeMethods = newMethodTable(TypeType, nil, "__abstractmethods__ __annotations__ __base__ "+
		"__bases__ __basicsize__ __call__ __dict__ __dictoffset__ __flags__ __instancecheck__ "+
		"__itemsize__ __module__ __mro__ __name__ __or__ __prepare__ __qualname__ __ror__ "+
		"__subclasscheck__ __subclasses__ __text_signature__ __weakrefoffset__ mro")
	dictKeysMethods = newMethodTable(dictKeysType, nil, "__and__ __contains__ __iter__ __len__ "+
		"__or__ __rand__ __reversed__ __ror__ __rsub__ __rxor__ __sub__ __xor__ isdisjoint mapping")
	dictValuesMethods = newMethodTable(dictValuesType, nil, "__iter__ __len__ __reversed__ mapping")
	dictItemsMethods = newMethodTable(dictItemsType, nil, "__and__ __contains__ __iter__ __len__ "+
		"__or__ __rand__ __reversed__ __ror__ __rsub__ __rxor__ __sub__ __xor__ isdisjoint mapping")
	iterMethods = newMethodTable(ListIterType, nil, iterDir)

	for _, t := range []*methodTable{strMethods, listMethods, tupleMethods, dictMethods, rangeMethods} {
		typeTables[t.typ] = t
	}
	// dict.fromkeys is a class method: through the class, its arguments have no receiver.
	fromkeys := &Builtin{Name: "fromkeys", Fn: DictFromkeys}
	dictMethods.unbound["fromkeys"] = fromkeys
	methodOwner[fromkeys] = DictType
}

// sysDir is dir(sys) in CPython 3.11, the candidates for suggestions on the sys module.
var sysDir = strings.Fields("__breakpointhook__ __displayhook__ __doc__ __excepthook__ " +
	"__interactivehook__ __loader__ __name__ __package__ __spec__ __stderr__ __stdin__ __stdout__ " +
	"__unraisablehook__ _base_executable _clear_type_cache _current_exceptions _current_frames " +
	"_debugmallocstats _framework _getframe _getquickenedcount _git _home _stdlib_dir _xoptions " +
	"abiflags addaudithook api_version argv audit base_exec_prefix base_prefix breakpointhook " +
	"builtin_module_names byteorder call_tracing copyright displayhook dont_write_bytecode exc_info " +
	"excepthook exception exec_prefix executable exit flags float_info float_repr_style " +
	"get_asyncgen_hooks get_coroutine_origin_tracking_depth get_int_max_str_digits " +
	"getallocatedblocks getdefaultencoding getdlopenflags getfilesystemencodeerrors " +
	"getfilesystemencoding getprofile getrecursionlimit getrefcount getsizeof getswitchinterval " +
	"gettrace hash_info hexversion implementation int_info intern is_finalizing maxsize maxunicode " +
	"meta_path modules orig_argv path path_hooks path_importer_cache platform platlibdir prefix " +
	"pycache_prefix set_asyncgen_hooks set_coroutine_origin_tracking_depth set_int_max_str_digits " +
	"setdlopenflags setprofile setrecursionlimit setswitchinterval settrace stderr stdin " +
	"stdlib_module_names stdout thread_info unraisablehook version version_info warnoptions")

// tableFor returns the method table for a value's class, or nil.
func tableFor(v Value) *methodTable {
	switch v.kind {
	case KindStr:
		return strMethods
	case KindList:
		return listMethods
	case KindTuple:
		return tupleMethods
	case KindDict:
		return dictMethods
	case KindRange:
		return rangeMethods
	case KindInt, KindBigInt:
		return intMethods
	case KindBool:
		return boolMethods
	case KindFloat:
		return floatMethods
	case KindNone:
		return noneMethods
	case KindFunc:
		return functionMethods
	case KindBuiltin, KindMethod:
		return builtinMethods
	case KindSlice:
		return sliceMethods
	case KindExc:
		return excMethods
	case KindType:
		return typeMethods
	case KindIter:
		return iterMethods
	case KindDictView:
		switch v.ref.(*DictView).What {
		case ViewKeys:
			return dictKeysMethods
		case ViewValues:
			return dictValuesMethods
		}
		return dictItemsMethods
	}
	return nil
}

// typeTables maps a builtin class to its method table, for LookupTypeMethod.
var typeTables = map[*Type]*methodTable{}

// LookupMethod returns the builtin method called name of v's class (nil if there is none).
// The method's Fn takes the receiver as args[0]: obj.name(a, b) is Fn(in, [obj, a, b], kw).
func LookupMethod(v Value, name string) *Builtin {
	if t := tableFor(v); t != nil {
		return t.methods[name]
	}
	return nil
}

// LookupTypeMethod returns the method called name of class t, for uses through the class
// such as str.upper("x") or key=str.lower, where the receiver is the first argument (nil if
// there is none). dict.fromkeys is the class method it is in CPython.
func LookupTypeMethod(t *Type, name string) *Builtin {
	if mt := typeTables[t]; mt != nil {
		return mt.unbound[name]
	}
	return nil
}

// AttributeError returns the AttributeError for reading v.name, worded as CPython words it
// ("'list' object has no attribute 'apend'", "module 'sys' has no attribute 'x'", "type object
// 'int' has no attribute 'x'"), carrying the "Did you mean" suggestion CPython 3.11 computes
// from dir(v).
func AttributeError(v Value, name string) *Exception {
	var msg string
	var candidates []string
	switch v.kind {
	case KindModule:
		m := v.ref.(*Module)
		msg = "module '" + m.Name + "' has no attribute '" + name + "'"
		if m.Name == "sys" {
			candidates = sysDir
		} else {
			for n := range m.Attrs {
				candidates = append(candidates, n)
			}
			sort.Strings(candidates)
		}
	case KindType:
		t := v.ref.(*Type)
		msg = "type object '" + t.Name + "' has no attribute '" + name + "'"
		if mt := typeTables[t]; mt != nil {
			candidates = mt.dir
		} else if t.Kind == KindExc {
			candidates = excMethods.dir
		} else if t == IntType || t == BoolType {
			candidates = intMethods.dir
		} else if t == FloatType {
			candidates = floatMethods.dir
		}
	default:
		msg = "'" + TypeName(v) + "' object has no attribute '" + name + "'"
		if t := tableFor(v); t != nil {
			candidates = t.dir
		}
	}
	e := NewException(AttributeErrorType, msg)
	e.suggestion = suggest(name, candidates)
	return e
}

// Argument checks. args[0] is always the receiver, so a method "given" n arguments has
// len(args) == n+1. qual is the qualified name CPython prints ("list.append").

// noKwargs rejects keyword arguments: "list.append() takes no keyword arguments".
func noKwargs(qual string, kw *Kwargs) *Exception {
	if kw.Len() > 0 {
		return Errorf(TypeErrorType, "%s() takes no keyword arguments", qual)
	}
	return nil
}

// methNoArgs checks a method that takes no arguments: "list.copy() takes no arguments (1 given)".
func methNoArgs(qual string, args []Value, kw *Kwargs) *Exception {
	if err := noKwargs(qual, kw); err != nil {
		return err
	}
	if len(args) != 1 {
		return Errorf(TypeErrorType, "%s() takes no arguments (%d given)", qual, len(args)-1)
	}
	return nil
}

// methOneArg checks a method that takes exactly one argument:
// "list.append() takes exactly one argument (0 given)".
func methOneArg(qual string, args []Value, kw *Kwargs) *Exception {
	if err := noKwargs(qual, kw); err != nil {
		return err
	}
	if len(args) != 2 {
		return Errorf(TypeErrorType, "%s() takes exactly one argument (%d given)", qual, len(args)-1)
	}
	return nil
}

// checkPositional checks a positional-only method of min..max arguments, with the wording of
// CPython's argument clinic: "pop expected at most 1 argument, got 2", "insert expected 2
// arguments, got 1".
func checkPositional(qual, name string, args []Value, kw *Kwargs, min, max int) *Exception {
	if err := noKwargs(qual, kw); err != nil {
		return err
	}
	n := len(args) - 1
	if n >= min && n <= max {
		return nil
	}
	bound, which := min, "at least "
	if n > max {
		bound, which = max, "at most "
	}
	if min == max {
		which = ""
	}
	return Errorf(TypeErrorType, "%s expected %s%d argument%s, got %d", name, which, bound, plural(bound), n)
}

// checkArgCount is checkPositional with the wording of PyArg_ParseTuple, used by find,
// count, startswith...: "find() takes at least 1 argument (0 given)".
func checkArgCount(qual, name string, args []Value, kw *Kwargs, min, max int) *Exception {
	if err := noKwargs(qual, kw); err != nil {
		return err
	}
	n := len(args) - 1
	if n >= min && n <= max {
		return nil
	}
	bound, which := min, "at least"
	if n > max {
		bound, which = max, "at most"
	}
	if min == max {
		which = "exactly"
	}
	return Errorf(TypeErrorType, "%s() takes %s %d argument%s (%d given)", name, which, bound, plural(bound), n)
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// parseKeywords binds the arguments of a method whose parameters (all optional, in order)
// may be given by position or by name, as CPython's argument clinic does for str.split.
// Absent parameters are left as the zero Value (KindUnbound).
func parseKeywords(name string, args []Value, kw *Kwargs, params []string) ([]Value, *Exception) {
	out := make([]Value, len(params))
	pos := args[1:]
	if total := len(pos) + kw.Len(); total > len(params) {
		return nil, Errorf(TypeErrorType, "%s() takes at most %d argument%s (%d given)",
			name, len(params), plural(len(params)), total)
	}
	copy(out, pos)
	for i, kname := range kwNames(kw) {
		j := -1
		for k, p := range params {
			if p == kname {
				j = k
			}
		}
		if j < 0 {
			return nil, Errorf(TypeErrorType, "'%s' is an invalid keyword argument for %s()", kname, name)
		}
		if j < len(pos) {
			return nil, Errorf(TypeErrorType, "argument for %s() given by name ('%s') and position (%d)", name, kname, j+1)
		}
		out[j] = kw.Values[i]
	}
	return out, nil
}

// Integer arguments.

// maxSsize is CPython's PY_SSIZE_T_MAX.
const maxSsize = math.MaxInt64

// asSsize converts an integer argument like PyNumber_AsSsize_t(v, OverflowError): ints and
// bools; "Python int too large to convert to C ssize_t" for big ints; TypeError otherwise.
func asSsize(v Value) (int64, *Exception) {
	switch v.kind {
	case KindInt, KindBool:
		return int64(v.n), nil
	case KindBigInt:
		return 0, NewException(OverflowErrorType, "Python int too large to convert to C ssize_t")
	}
	return 0, Errorf(TypeErrorType, "'%s' object cannot be interpreted as an integer", TypeName(v))
}

// asCInt converts an integer argument to a C int (list.sort's reverse=).
func asCInt(v Value) (int64, *Exception) {
	n, err := asSsize(v)
	if err != nil || n < math.MinInt32 || n > math.MaxInt32 {
		if err == nil || err.Type == OverflowErrorType {
			return 0, NewException(OverflowErrorType, "Python int too large to convert to C int")
		}
		return 0, err
	}
	return n, nil
}

// clampBig clamps a big int to the int64 range, as slice indices are clamped.
func clampBig(b *big.Int) int64 {
	if b.Sign() < 0 {
		return math.MinInt64
	}
	return math.MaxInt64
}

// sliceIndexArg reads an optional index argument like CPython's _PyEval_SliceIndex: None is
// absent (ok false), big ints are clamped.
func sliceIndexArg(v Value) (n int64, ok bool, err *Exception) {
	switch v.kind {
	case KindNone:
		return 0, false, nil
	case KindInt, KindBool:
		return int64(v.n), true, nil
	case KindBigInt:
		return clampBig(v.Big()), true, nil
	}
	return 0, false, NewException(TypeErrorType, "slice indices must be integers or None or have an __index__ method")
}

// sliceIndexNotNone is _PyEval_SliceIndexNotNone, for list.index's start and stop.
func sliceIndexNotNone(v Value) (int64, *Exception) {
	switch v.kind {
	case KindInt, KindBool:
		return int64(v.n), nil
	case KindBigInt:
		return clampBig(v.Big()), nil
	}
	return 0, NewException(TypeErrorType, "slice indices must be integers or have an __index__ method")
}
