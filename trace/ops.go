package trace

import "fmt"

// Opcode names an IR operation. The set and the names follow PyPy's resoperations
// (rpython/jit/metainterp/resoperation.py): int_add, guard_true, getfield_i, call_n, jump...
// Everything the validator, the printer and the parser need to know about an opcode (its
// argument and result types, its descriptor, whether it is pure or a guard) lives in one
// table, opTable, the way LuaJIT keeps its IR definitions in the IRDEF macro list of lj_ir.h.
type Opcode uint8

// The opcodes. The comment after each gives its signature: argument types -> result type.
const (
	OpInvalid Opcode = iota // the zero Opcode: never valid in a trace

	// Structure.
	OpInput           // -> any: an input argument of the trace (Imm = its position)
	OpLabel           // (any...): the loop header; its args are the loop-carried values
	OpJump            // (any...): back to the label, args matching the label's
	OpFinish          // (any...): leave the trace normally
	OpDebugMergePoint // (): no effect; Descr = *DebugDescr naming the guest source position

	// Integer arithmetic: 64-bit two's complement, wrapping.
	OpIntAdd      // (int, int) -> int
	OpIntSub      // (int, int) -> int
	OpIntMul      // (int, int) -> int
	OpIntAnd      // (int, int) -> int
	OpIntOr       // (int, int) -> int
	OpIntXor      // (int, int) -> int
	OpIntLshift   // (int, int) -> int: a << (b & 63)
	OpIntRshift   // (int, int) -> int: arithmetic a >> (b & 63)
	OpIntUrshift  // (int, int) -> int: logical a >> (b & 63)
	OpIntNeg      // (int) -> int
	OpIntInvert   // (int) -> int: ^a
	OpIntFloorDiv // (int, int) -> int: Python's a // b (rounds toward -inf)
	OpIntMod      // (int, int) -> int: Python's a % b (sign of b)
	OpIntAddOvf   // (int, int) -> int, sets the overflow flag for the next guard
	OpIntSubOvf   // (int, int) -> int, sets the overflow flag
	OpIntMulOvf   // (int, int) -> int, sets the overflow flag

	// Integer comparisons and tests: results are ints 0 or 1.
	OpIntLt     // (int, int) -> int
	OpIntLe     // (int, int) -> int
	OpIntEq     // (int, int) -> int
	OpIntNe     // (int, int) -> int
	OpIntGt     // (int, int) -> int
	OpIntGe     // (int, int) -> int
	OpUintLt    // (int, int) -> int: unsigned <, the one-comparison bounds check
	OpUintGe    // (int, int) -> int: unsigned >=
	OpIntIsTrue // (int) -> int: a != 0
	OpIntIsZero // (int) -> int: a == 0

	// Floats: IEEE 754 double precision.
	OpFloatAdd       // (float, float) -> float
	OpFloatSub       // (float, float) -> float
	OpFloatMul       // (float, float) -> float
	OpFloatTrueDiv   // (float, float) -> float (x/0 is ±inf or nan, as IEEE says)
	OpFloatNeg       // (float) -> float (flips the sign bit: -0.0 from 0.0)
	OpFloatAbs       // (float) -> float (clears the sign bit)
	OpFloatSqrt      // (float) -> float (nan for negative operands)
	OpFloatLt        // (float, float) -> int
	OpFloatLe        // (float, float) -> int
	OpFloatEq        // (float, float) -> int (false when either is nan)
	OpFloatNe        // (float, float) -> int (true when either is nan)
	OpFloatGt        // (float, float) -> int
	OpFloatGe        // (float, float) -> int
	OpCastIntToFloat // (int) -> float (rounds to nearest)
	OpCastFloatToInt // (float) -> int (truncates; saturates out of range; nan gives 0)

	// References.
	OpPtrEq // (ptr, ptr) -> int
	OpPtrNe // (ptr, ptr) -> int

	// Guards: each has a snapshot (Op.Snap) to resume the interpreter when it fails.
	OpGuardTrue       // (int): fails when the int is 0
	OpGuardFalse      // (int): fails when the int is not 0
	OpGuardValue      // (any, const of the same type): fails unless equal (bit-identical)
	OpGuardNoOverflow // (): fails when the previous *_ovf op overflowed
	OpGuardOverflow   // (): fails when the previous *_ovf op did not overflow
	OpGuardNonnull    // (ptr): fails when nil
	OpGuardIsnull     // (ptr): fails when not nil

	// Memory, through descriptors.
	OpGetfieldI     // (ptr) -> int, Descr *FieldDescr
	OpGetfieldF     // (ptr) -> float, Descr *FieldDescr
	OpGetfieldR     // (ptr) -> ptr, Descr *FieldDescr
	OpSetfield      // (ptr, int|float), Descr *FieldDescr
	OpGetarrayitemI // (ptr, int) -> int, Descr *ArrayDescr
	OpGetarrayitemF // (ptr, int) -> float, Descr *ArrayDescr
	OpGetarrayitemR // (ptr, int) -> ptr, Descr *ArrayDescr
	OpSetarrayitem  // (ptr, int, int|float), Descr *ArrayDescr

	// Calls and allocation.
	OpCallI // (args...) -> int, Descr *CallDescr
	OpCallF // (args...) -> float, Descr *CallDescr
	OpCallR // (args...) -> ptr, Descr *CallDescr
	OpCallN // (args...), Descr *CallDescr
	OpNew   // () -> ptr, Descr *AllocDescr

	// Hints: no code.
	OpRecordKnownField // (ptr, any), Descr *FieldDescr: the field holds the value here

	numOpcodes
)

// OpFlags are the properties of an opcode that passes and backends ask about.
type OpFlags uint16

// The opcode properties.
const (
	// FlagPure: no side effect, and the result depends only on the arguments. Pure ops are
	// candidates for constant folding and common-subexpression elimination, and are removed
	// when unused (PyPy's "always pure" operations, LuaJIT's IRM_N ops).
	FlagPure OpFlags = 1 << iota
	// FlagCommutative: op(a, b) == op(b, a), so CSE and folding may swap the operands.
	FlagCommutative
	// FlagGuard: the op checks a condition and leaves the trace through its snapshot when the
	// condition does not hold.
	FlagGuard
	// FlagOvf: an overflow-checked int op, which must be followed at once by
	// guard_no_overflow or guard_overflow (PyPy's int_add_ovf).
	FlagOvf
	// FlagLoad: reads memory. Removable when unused, but not movable across a store or call.
	FlagLoad
	// FlagEffect: has a side effect (stores, calls, control flow): never removed or reordered.
	FlagEffect
	// FlagCall: a residual call to a Go function (Descr is a *CallDescr). Whether it has side
	// effects or can fail depends on the descriptor: see Op.IsPure and Op.HasSnapshot.
	FlagCall
	// FlagAlloc: allocates a new object (removable when unused; never CSE'd).
	FlagAlloc
	// FlagFinal: ends the trace (jump, finish).
	FlagFinal
	// FlagVariadic: takes any number of arguments (label, jump, finish, calls).
	FlagVariadic
)

// DescrKind says which descriptor an opcode needs in Op.Descr.
type DescrKind uint8

// The descriptor kinds.
const (
	NoDescr DescrKind = iota
	FieldDescrKind
	ArrayDescrKind
	CallDescrKind
	AllocDescrKind
	DebugDescrKind
)

// Any stands, in the op table, for an argument or result of any type but Void.
const Any Type = 0xff

// OpInfo describes one opcode: one row of the op table.
type OpInfo struct {
	Name   string    // the name in the text format, as in PyPy's logs
	Result Type      // result type; Void for ops without a result; Any for input
	Args   []Type    // argument types (Any: any non-void type); ignored for variadic ops
	Descr  DescrKind // the descriptor the op needs, if any
	Flags  OpFlags
}

// Shorthands for the table below.
const (
	fPure  = FlagPure
	fComm  = FlagPure | FlagCommutative
	fGuard = FlagGuard | FlagEffect
)

var (
	sigI   = []Type{Int}
	sigII  = []Type{Int, Int}
	sigF   = []Type{Float}
	sigFF  = []Type{Float, Float}
	sigP   = []Type{Ptr}
	sigPP  = []Type{Ptr, Ptr}
	sigPI  = []Type{Ptr, Int}
	sigPA  = []Type{Ptr, Any}
	sigPIA = []Type{Ptr, Int, Any}
	sigAA  = []Type{Any, Any}
)

// opTable is the one description of every opcode.
var opTable = [numOpcodes]OpInfo{
	OpInvalid: {Name: "invalid"},

	OpInput:           {Name: "input", Result: Any},
	OpLabel:           {Name: "label", Flags: FlagEffect | FlagVariadic},
	OpJump:            {Name: "jump", Flags: FlagEffect | FlagFinal | FlagVariadic},
	OpFinish:          {Name: "finish", Flags: FlagEffect | FlagFinal | FlagVariadic},
	OpDebugMergePoint: {Name: "debug_merge_point", Descr: DebugDescrKind, Flags: FlagEffect},

	OpIntAdd:      {Name: "int_add", Result: Int, Args: sigII, Flags: fComm},
	OpIntSub:      {Name: "int_sub", Result: Int, Args: sigII, Flags: fPure},
	OpIntMul:      {Name: "int_mul", Result: Int, Args: sigII, Flags: fComm},
	OpIntAnd:      {Name: "int_and", Result: Int, Args: sigII, Flags: fComm},
	OpIntOr:       {Name: "int_or", Result: Int, Args: sigII, Flags: fComm},
	OpIntXor:      {Name: "int_xor", Result: Int, Args: sigII, Flags: fComm},
	OpIntLshift:   {Name: "int_lshift", Result: Int, Args: sigII, Flags: fPure},
	OpIntRshift:   {Name: "int_rshift", Result: Int, Args: sigII, Flags: fPure},
	OpIntUrshift:  {Name: "int_urshift", Result: Int, Args: sigII, Flags: fPure},
	OpIntNeg:      {Name: "int_neg", Result: Int, Args: sigI, Flags: fPure},
	OpIntInvert:   {Name: "int_invert", Result: Int, Args: sigI, Flags: fPure},
	OpIntFloorDiv: {Name: "int_floordiv", Result: Int, Args: sigII, Flags: fPure},
	OpIntMod:      {Name: "int_mod", Result: Int, Args: sigII, Flags: fPure},
	OpIntAddOvf:   {Name: "int_add_ovf", Result: Int, Args: sigII, Flags: FlagOvf | FlagCommutative},
	OpIntSubOvf:   {Name: "int_sub_ovf", Result: Int, Args: sigII, Flags: FlagOvf},
	OpIntMulOvf:   {Name: "int_mul_ovf", Result: Int, Args: sigII, Flags: FlagOvf | FlagCommutative},

	OpIntLt:     {Name: "int_lt", Result: Int, Args: sigII, Flags: fPure},
	OpIntLe:     {Name: "int_le", Result: Int, Args: sigII, Flags: fPure},
	OpIntEq:     {Name: "int_eq", Result: Int, Args: sigII, Flags: fComm},
	OpIntNe:     {Name: "int_ne", Result: Int, Args: sigII, Flags: fComm},
	OpIntGt:     {Name: "int_gt", Result: Int, Args: sigII, Flags: fPure},
	OpIntGe:     {Name: "int_ge", Result: Int, Args: sigII, Flags: fPure},
	OpUintLt:    {Name: "uint_lt", Result: Int, Args: sigII, Flags: fPure},
	OpUintGe:    {Name: "uint_ge", Result: Int, Args: sigII, Flags: fPure},
	OpIntIsTrue: {Name: "int_is_true", Result: Int, Args: sigI, Flags: fPure},
	OpIntIsZero: {Name: "int_is_zero", Result: Int, Args: sigI, Flags: fPure},

	OpFloatAdd:       {Name: "float_add", Result: Float, Args: sigFF, Flags: fComm},
	OpFloatSub:       {Name: "float_sub", Result: Float, Args: sigFF, Flags: fPure},
	OpFloatMul:       {Name: "float_mul", Result: Float, Args: sigFF, Flags: fComm},
	OpFloatTrueDiv:   {Name: "float_truediv", Result: Float, Args: sigFF, Flags: fPure},
	OpFloatNeg:       {Name: "float_neg", Result: Float, Args: sigF, Flags: fPure},
	OpFloatAbs:       {Name: "float_abs", Result: Float, Args: sigF, Flags: fPure},
	OpFloatSqrt:      {Name: "float_sqrt", Result: Float, Args: sigF, Flags: fPure},
	OpFloatLt:        {Name: "float_lt", Result: Int, Args: sigFF, Flags: fPure},
	OpFloatLe:        {Name: "float_le", Result: Int, Args: sigFF, Flags: fPure},
	OpFloatEq:        {Name: "float_eq", Result: Int, Args: sigFF, Flags: fComm},
	OpFloatNe:        {Name: "float_ne", Result: Int, Args: sigFF, Flags: fComm},
	OpFloatGt:        {Name: "float_gt", Result: Int, Args: sigFF, Flags: fPure},
	OpFloatGe:        {Name: "float_ge", Result: Int, Args: sigFF, Flags: fPure},
	OpCastIntToFloat: {Name: "cast_int_to_float", Result: Float, Args: sigI, Flags: fPure},
	OpCastFloatToInt: {Name: "cast_float_to_int", Result: Int, Args: sigF, Flags: fPure},

	OpPtrEq: {Name: "ptr_eq", Result: Int, Args: sigPP, Flags: fComm},
	OpPtrNe: {Name: "ptr_ne", Result: Int, Args: sigPP, Flags: fComm},

	OpGuardTrue:       {Name: "guard_true", Args: sigI, Flags: fGuard},
	OpGuardFalse:      {Name: "guard_false", Args: sigI, Flags: fGuard},
	OpGuardValue:      {Name: "guard_value", Args: sigAA, Flags: fGuard},
	OpGuardNoOverflow: {Name: "guard_no_overflow", Args: []Type{}, Flags: fGuard},
	OpGuardOverflow:   {Name: "guard_overflow", Args: []Type{}, Flags: fGuard},
	OpGuardNonnull:    {Name: "guard_nonnull", Args: sigP, Flags: fGuard},
	OpGuardIsnull:     {Name: "guard_isnull", Args: sigP, Flags: fGuard},

	OpGetfieldI: {Name: "getfield_i", Result: Int, Args: sigP, Descr: FieldDescrKind, Flags: FlagLoad},
	OpGetfieldF: {Name: "getfield_f", Result: Float, Args: sigP, Descr: FieldDescrKind, Flags: FlagLoad},
	OpGetfieldR: {Name: "getfield_r", Result: Ptr, Args: sigP, Descr: FieldDescrKind, Flags: FlagLoad},
	OpSetfield:  {Name: "setfield", Args: sigPA, Descr: FieldDescrKind, Flags: FlagEffect},
	// record_known_field(p, v, descr=d) tells the optimizer that field d of p holds v at this
	// point, which the interpreter knows and the trace never checked (a bridge's start, where
	// the guard it leaves from had established it), as PyPy's record_known_result and the
	// heap knowledge its bridgeopt.py hands to bridges. It emits no code; the heap pass
	// takes it in and drops it. A wrong hint makes wrong code: only the interpreter, which
	// knows, emits it.
	OpRecordKnownField: {Name: "record_known_field", Args: sigPA, Descr: FieldDescrKind, Flags: FlagEffect},
	OpGetarrayitemI:    {Name: "getarrayitem_i", Result: Int, Args: sigPI, Descr: ArrayDescrKind, Flags: FlagLoad},
	OpGetarrayitemF:    {Name: "getarrayitem_f", Result: Float, Args: sigPI, Descr: ArrayDescrKind, Flags: FlagLoad},
	OpGetarrayitemR:    {Name: "getarrayitem_r", Result: Ptr, Args: sigPI, Descr: ArrayDescrKind, Flags: FlagLoad},
	OpSetarrayitem:     {Name: "setarrayitem", Args: sigPIA, Descr: ArrayDescrKind, Flags: FlagEffect},

	OpCallI: {Name: "call_i", Result: Int, Descr: CallDescrKind, Flags: FlagCall | FlagVariadic},
	OpCallF: {Name: "call_f", Result: Float, Descr: CallDescrKind, Flags: FlagCall | FlagVariadic},
	OpCallR: {Name: "call_r", Result: Ptr, Descr: CallDescrKind, Flags: FlagCall | FlagVariadic},
	OpCallN: {Name: "call_n", Result: Void, Descr: CallDescrKind, Flags: FlagCall | FlagVariadic},
	OpNew:   {Name: "new", Result: Ptr, Args: []Type{}, Descr: AllocDescrKind, Flags: FlagAlloc},
}

var opByName = func() map[string]Opcode {
	m := make(map[string]Opcode, numOpcodes)
	for i := Opcode(1); i < numOpcodes; i++ {
		m[opTable[i].Name] = i
	}
	return m
}()

// NumOpcodes is the number of opcodes, for tables indexed by Opcode (opcodes run from 1 to
// NumOpcodes-1; 0 is OpInvalid).
const NumOpcodes = int(numOpcodes)

// OpcodeByName returns the opcode printed as name (e.g. "int_add").
func OpcodeByName(name string) (Opcode, bool) {
	o, ok := opByName[name]
	return o, ok
}

// Info returns the opcode's row of the op table. An out-of-range opcode gets OpInvalid's row.
func (o Opcode) Info() *OpInfo {
	if o >= numOpcodes {
		o = OpInvalid
	}
	return &opTable[o]
}

// String returns the opcode's name in the text format.
func (o Opcode) String() string {
	if o == OpInvalid || o >= numOpcodes {
		return fmt.Sprintf("opcode(%d)", uint8(o))
	}
	return opTable[o].Name
}

// Has reports whether the opcode has all the flags f.
func (o Opcode) Has(f OpFlags) bool { return o.Info().Flags&f == f }

// IsGuard reports whether the opcode is a guard (guard_*).
func (o Opcode) IsGuard() bool { return o.Has(FlagGuard) }

// IsOvf reports whether the opcode is an overflow-checked arithmetic op (int_*_ovf).
func (o Opcode) IsOvf() bool { return o.Has(FlagOvf) }

// IsCall reports whether the opcode is a residual call (call_i, call_f, call_r, call_n).
func (o Opcode) IsCall() bool { return o.Has(FlagCall) }

// IsFinal reports whether the opcode ends a trace (jump, finish).
func (o Opcode) IsFinal() bool { return o.Has(FlagFinal) }

// CallOpcode returns the call opcode for a result type: call_i for Int, call_f for Float,
// call_r for Ptr and call_n for Void.
func CallOpcode(result Type) Opcode {
	switch result {
	case Int:
		return OpCallI
	case Float:
		return OpCallF
	case Ptr:
		return OpCallR
	}
	return OpCallN
}

// IsPure reports whether the op may be constant-folded, CSE'd and removed when unused: a
// pure opcode, or a call whose descriptor says Pure (and cannot fail).
func (op *Op) IsPure() bool {
	if op.Opcode.IsCall() {
		d, ok := op.Descr.(*CallDescr)
		return ok && d.Pure && !d.CanFail
	}
	return op.Opcode.Has(FlagPure)
}

// HasSideEffect reports whether the op must be kept even when its result is unused: stores,
// guards, structure (label, jump, finish, debug_merge_point) and calls that are not pure.
func (op *Op) HasSideEffect() bool {
	if op.Opcode.IsCall() {
		return !op.IsPure()
	}
	return op.Opcode.Has(FlagEffect)
}

// HasSnapshot reports whether the op needs a snapshot: every guard, and every call whose
// descriptor says CanFail (such a call is a guard too: when Fn reports failure the trace is
// left through the snapshot, taken before the call).
func (op *Op) HasSnapshot() bool {
	if op.Opcode.IsGuard() {
		return true
	}
	if op.Opcode.IsCall() {
		d, ok := op.Descr.(*CallDescr)
		return ok && d.CanFail
	}
	return false
}
