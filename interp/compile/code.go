package compile

import "math/big"

// Program is a compiled module: its top-level Code and the table of its global names.
// Every LOAD_GLOBAL/STORE_GLOBAL/DELETE_GLOBAL argument, in any Code of the program, indexes
// Globals, so the interpreter keeps globals in a slice rather than a dictionary.
type Program struct {
	Filename string
	Source   string
	Main     *Code
	Globals  []string
}

// Code is the bytecode of one function or of the module.
//
// Consts holds only these Go types: nil (None), bool, int64, *big.Int (only for values that do
// not fit in int64), float64, string, *Code (a nested function), and Tuple (a tuple of constants,
// such as the keyword names of KW_NAMES).
type Code struct {
	Name      string // function name, or "<module>"
	Filename  string
	FirstLine int
	IsModule  bool

	NumParams   int      // positional parameters: the first NumParams Locals
	NumDefaults int      // how many trailing parameters have defaults (MAKE_FUNCTION pops their tuple)
	Locals      []string // fast locals, parameters first (empty for the module, whose names are globals)
	Names       []string // attribute, method and module names used by LOAD_ATTR, CALL_METHOD, IMPORT_NAME
	Consts      []any

	Instrs   []Instr
	Lines    []int32 // source line of each instruction
	ExcTable []ExcEntry
	MaxStack int // the value stack never holds more than this many values
}

// Tuple is a constant tuple in Code.Consts.
type Tuple []any

// ExcEntry is one exception-table entry, as in CPython 3.11: an exception raised by an
// instruction at pc with Start <= pc < End pops the value stack down to Depth values, pushes
// the exception and jumps to Handler. Entries are ordered innermost first: the interpreter
// uses the first entry that covers pc.
type ExcEntry struct {
	Start, End, Handler, Depth int32
}

// The big.Int import documents the constant type above.
var _ *big.Int
