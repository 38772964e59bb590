package interp

// Type is a Python class: the builtin types (int, float, str, ...) and the exception classes.
// The subset has no class statement, so these are all the classes there are.
type Type struct {
	Name string
	Base *Type // nil for object's direct subclasses
	// Kind is the value kind of the type's instances (KindExc for exception classes).
	Kind Kind
	// New is called when a program calls the type: int("3"), ValueError("bad"). Nil means the
	// type cannot be instantiated (TypeError "cannot create 'X' instances").
	New func(in *Interp, args []Value, kw *Kwargs) (Value, *Exception)
}

// Kwargs are the keyword arguments of a call, in call order.
type Kwargs struct {
	Names  []string
	Values []Value
}

// Lookup returns the keyword argument named name, if given.
func (k *Kwargs) Lookup(name string) (Value, bool) {
	if k == nil {
		return Value{}, false
	}
	for i, n := range k.Names {
		if n == name {
			return k.Values[i], true
		}
	}
	return Value{}, false
}

// Len returns the number of keyword arguments (0 for nil).
func (k *Kwargs) Len() int {
	if k == nil {
		return 0
	}
	return len(k.Names)
}

// BuiltinFunc is the Go signature of every builtin function and method. For a method, args[0]
// is the receiver. kw is nil when the call has no keyword arguments.
type BuiltinFunc func(in *Interp, args []Value, kw *Kwargs) (Value, *Exception)

// Builtin is a builtin function (len, print, ...) or an unbound builtin method (list.append).
type Builtin struct {
	Name string
	Fn   BuiltinFunc
}

// Method is a builtin method bound to its receiver: the value of `xs.append`.
type Method struct {
	Self Value
	Fn   *Builtin
}

// IsSubtype reports whether t is base or derives from it.
func (t *Type) IsSubtype(base *Type) bool {
	for ; t != nil; t = t.Base {
		if t == base {
			return true
		}
	}
	return false
}

// The builtin types. Their New functions are installed by the builtins (builtins.go).
var (
	ObjectType   = &Type{Name: "object"}
	NoneType     = &Type{Name: "NoneType", Base: ObjectType, Kind: KindNone}
	IntType      = &Type{Name: "int", Base: ObjectType, Kind: KindInt}
	BoolType     = &Type{Name: "bool", Base: IntType, Kind: KindBool}
	FloatType    = &Type{Name: "float", Base: ObjectType, Kind: KindFloat}
	StrType      = &Type{Name: "str", Base: ObjectType, Kind: KindStr}
	ListType     = &Type{Name: "list", Base: ObjectType, Kind: KindList}
	TupleType    = &Type{Name: "tuple", Base: ObjectType, Kind: KindTuple}
	DictType     = &Type{Name: "dict", Base: ObjectType, Kind: KindDict}
	RangeType    = &Type{Name: "range", Base: ObjectType, Kind: KindRange}
	FunctionType = &Type{Name: "function", Base: ObjectType, Kind: KindFunc}
	BuiltinType  = &Type{Name: "builtin_function_or_method", Base: ObjectType, Kind: KindBuiltin}
	TypeType     = &Type{Name: "type", Base: ObjectType, Kind: KindType}
	ModuleType   = &Type{Name: "module", Base: ObjectType, Kind: KindModule}
	SliceType    = &Type{Name: "slice", Base: ObjectType, Kind: KindSlice}
)

// The exception classes of the subset, with CPython's hierarchy.
var (
	BaseExceptionType       = &Type{Name: "BaseException", Base: ObjectType, Kind: KindExc}
	ExceptionType           = &Type{Name: "Exception", Base: BaseExceptionType, Kind: KindExc}
	ArithmeticErrorType     = &Type{Name: "ArithmeticError", Base: ExceptionType, Kind: KindExc}
	ZeroDivisionErrorType   = &Type{Name: "ZeroDivisionError", Base: ArithmeticErrorType, Kind: KindExc}
	OverflowErrorType       = &Type{Name: "OverflowError", Base: ArithmeticErrorType, Kind: KindExc}
	LookupErrorType         = &Type{Name: "LookupError", Base: ExceptionType, Kind: KindExc}
	IndexErrorType          = &Type{Name: "IndexError", Base: LookupErrorType, Kind: KindExc}
	KeyErrorType            = &Type{Name: "KeyError", Base: LookupErrorType, Kind: KindExc}
	TypeErrorType           = &Type{Name: "TypeError", Base: ExceptionType, Kind: KindExc}
	ValueErrorType          = &Type{Name: "ValueError", Base: ExceptionType, Kind: KindExc}
	NameErrorType           = &Type{Name: "NameError", Base: ExceptionType, Kind: KindExc}
	UnboundLocalErrorType   = &Type{Name: "UnboundLocalError", Base: NameErrorType, Kind: KindExc}
	AttributeErrorType      = &Type{Name: "AttributeError", Base: ExceptionType, Kind: KindExc}
	AssertionErrorType      = &Type{Name: "AssertionError", Base: ExceptionType, Kind: KindExc}
	RuntimeErrorType        = &Type{Name: "RuntimeError", Base: ExceptionType, Kind: KindExc}
	RecursionErrorType      = &Type{Name: "RecursionError", Base: RuntimeErrorType, Kind: KindExc}
	NotImplementedErrorType = &Type{Name: "NotImplementedError", Base: RuntimeErrorType, Kind: KindExc}
	SystemErrorType         = &Type{Name: "SystemError", Base: ExceptionType, Kind: KindExc}
	ImportErrorType         = &Type{Name: "ImportError", Base: ExceptionType, Kind: KindExc}
	ModuleNotFoundErrorType = &Type{Name: "ModuleNotFoundError", Base: ImportErrorType, Kind: KindExc}
	StopIterationType       = &Type{Name: "StopIteration", Base: ExceptionType, Kind: KindExc}
	KeyboardInterruptType   = &Type{Name: "KeyboardInterrupt", Base: BaseExceptionType, Kind: KindExc}
	SystemExitType          = &Type{Name: "SystemExit", Base: BaseExceptionType, Kind: KindExc}
)

// ExceptionTypes lists every exception class, for the builtins namespace.
var ExceptionTypes = []*Type{
	BaseExceptionType, ExceptionType, ArithmeticErrorType, ZeroDivisionErrorType,
	OverflowErrorType, LookupErrorType, IndexErrorType, KeyErrorType, TypeErrorType,
	ValueErrorType, NameErrorType, UnboundLocalErrorType, AttributeErrorType,
	AssertionErrorType, RuntimeErrorType, RecursionErrorType, NotImplementedErrorType,
	StopIterationType, KeyboardInterruptType, SystemExitType, SystemErrorType,
	ImportErrorType, ModuleNotFoundErrorType,
}

// TypeOf returns the class of a value.
func TypeOf(v Value) *Type {
	switch v.kind {
	case KindNone:
		return NoneType
	case KindBool:
		return BoolType
	case KindInt, KindBigInt:
		return IntType
	case KindFloat:
		return FloatType
	case KindStr:
		return StrType
	case KindList:
		return ListType
	case KindTuple:
		return TupleType
	case KindDict:
		return DictType
	case KindRange:
		return RangeType
	case KindFunc:
		return FunctionType
	case KindBuiltin, KindMethod:
		return BuiltinType
	case KindType:
		return TypeType
	case KindExc:
		return v.ref.(*Exception).Type
	case KindModule:
		return ModuleType
	case KindSlice:
		return SliceType
	case KindIter:
		return v.ref.(Iterator).Type()
	case KindDictView:
		return v.ref.(*DictView).Type()
	}
	return ObjectType
}

// TypeName returns the name of a value's class, as error messages print it.
func TypeName(v Value) string { return TypeOf(v).Name }

// TypeValue wraps a class as a value.
func TypeValue(t *Type) Value { return Value{kind: KindType, ref: t} }
