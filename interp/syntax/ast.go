// Package syntax turns Python-subset source text into an abstract syntax tree.
//
// It holds the lexer (indentation, brackets, every literal form of SUBSET.md), the parser (a
// hand-written recursive-descent parser following CPython's grammar for the subset) and the
// syntax errors they report, worded as CPython 3.11 words them. The tree is plain data: the
// bytecode compiler in interp/compile walks it.
package syntax

import "math/big"

// Pos is a position in the source: 1-based line, 0-based column (as CPython's ast module).
type Pos struct {
	Line, Col int
}

// Node is any node of the tree.
type Node interface {
	Position() Pos
}

// Expr is an expression node.
type Expr interface {
	Node
	exprNode()
}

// Stmt is a statement node.
type Stmt interface {
	Node
	stmtNode()
}

// Module is a whole parsed file.
type Module struct {
	Filename string
	Source   string
	Body     []Stmt
}

// ---- Expressions ----

// Name is a variable reference: `x`.
type Name struct {
	Pos
	Id string
}

// IntLit is an integer literal in any base; Value is exact.
type IntLit struct {
	Pos
	Value *big.Int
}

// FloatLit is a float literal: `1.5`, `1e-5`, `.5`, `1_000.0`.
type FloatLit struct {
	Pos
	Value float64
}

// StrLit is a string literal after escape processing and adjacent-literal concatenation.
type StrLit struct {
	Pos
	Value string
}

// BoolLit is `True` or `False`.
type BoolLit struct {
	Pos
	Value bool
}

// NoneLit is `None`.
type NoneLit struct {
	Pos
}

// UnaryOp is `-x`, `+x`, `~x` or `not x`. Op is one of "-", "+", "~", "not".
type UnaryOp struct {
	Pos
	Op string
	X  Expr
}

// BinOp is a binary arithmetic or bitwise operation. Op is one of
// "+", "-", "*", "/", "//", "%", "**", "&", "|", "^", "<<", ">>".
type BinOp struct {
	Pos
	Op   string
	X, Y Expr
}

// BoolOp is a chain of `and` or `or` (Op is "and" or "or") with at least two operands.
type BoolOp struct {
	Pos
	Op     string
	Values []Expr
}

// Compare is a possibly chained comparison `a < b <= c`: Ops[i] compares operand i and i+1,
// where operand 0 is First and operand i+1 is Rest[i]. Ops are "==", "!=", "<", "<=", ">", ">=",
// "is", "is not", "in", "not in".
type Compare struct {
	Pos
	First Expr
	Ops   []string
	Rest  []Expr
}

// IfExp is the conditional expression `Then if Cond else Else`.
type IfExp struct {
	Pos
	Cond, Then, Else Expr
}

// Keyword is a keyword argument `name=value` in a call.
type Keyword struct {
	Pos
	Name  string
	Value Expr
}

// Call is `Func(Args..., Keywords...)`.
type Call struct {
	Pos
	Func     Expr
	Args     []Expr
	Keywords []Keyword
}

// Attribute is `X.Name` (method lookups such as `xs.append`, and `sys.argv`).
type Attribute struct {
	Pos
	X    Expr
	Name string
}

// Subscript is `X[Index]`; Index is a *Slice for `X[a:b:c]`.
type Subscript struct {
	Pos
	X     Expr
	Index Expr
}

// Slice is the `lo:hi:step` inside a subscript; absent parts are nil.
type Slice struct {
	Pos
	Lo, Hi, Step Expr
}

// ListLit is a list display `[a, b]`.
type ListLit struct {
	Pos
	Elts []Expr
}

// TupleLit is a tuple display `(a, b)` or a bare `a, b`.
type TupleLit struct {
	Pos
	Elts []Expr
}

// DictLit is a dict display `{k: v, ...}`.
type DictLit struct {
	Pos
	Keys, Values []Expr
}

// ---- Statements ----

// ExprStmt is an expression evaluated for its effect.
type ExprStmt struct {
	Pos
	X Expr
}

// Assign is `t1 = t2 = value`; each target is a *Name, *Subscript, *Attribute or a
// *TupleLit/*ListLit of targets.
type Assign struct {
	Pos
	Targets []Expr
	Value   Expr
}

// AugAssign is `target op= value`; Op is the binary operator without "=" ("+", "//", ...).
type AugAssign struct {
	Pos
	Target Expr
	Op     string
	Value  Expr
}

// If is `if Cond: Body else: Else`; an `elif` is an *If alone in Else.
type If struct {
	Pos
	Cond Expr
	Body []Stmt
	Else []Stmt
}

// While is `while Cond: Body` with an optional `else:` block.
type While struct {
	Pos
	Cond Expr
	Body []Stmt
	Else []Stmt
}

// For is `for Target in Iter: Body` with an optional `else:` block.
type For struct {
	Pos
	Target Expr
	Iter   Expr
	Body   []Stmt
	Else   []Stmt
}

// Break is `break`.
type Break struct{ Pos }

// Continue is `continue`.
type Continue struct{ Pos }

// Pass is `pass`.
type Pass struct{ Pos }

// Param is one function parameter, with its default value or nil.
type Param struct {
	Pos
	Name    string
	Default Expr
}

// FuncDef is `def Name(Params): Body`.
type FuncDef struct {
	Pos
	Name   string
	Params []Param
	Body   []Stmt
}

// Return is `return` or `return Value` (Value nil for a bare return).
type Return struct {
	Pos
	Value Expr
}

// Global is `global a, b`.
type Global struct {
	Pos
	Names []string
}

// Import is `import a, b` (the subset knows only `sys`; the compiler checks that).
type Import struct {
	Pos
	Names []string
}

// ExceptHandler is one `except [Type [as Name]]:` clause; Type is nil for a bare except,
// otherwise a *Name or a *TupleLit of names.
type ExceptHandler struct {
	Pos
	Type Expr
	Name string
	Body []Stmt
}

// Try is `try: Body` with handlers, an optional `else:` and an optional `finally:`.
type Try struct {
	Pos
	Body     []Stmt
	Handlers []ExceptHandler
	Else     []Stmt
	Finally  []Stmt
}

// Raise is `raise Exc` or a bare `raise` (Exc nil).
type Raise struct {
	Pos
	Exc Expr
}

// Assert is `assert Test` or `assert Test, Msg`.
type Assert struct {
	Pos
	Test Expr
	Msg  Expr
}

// Position returns the node's source position.
func (p Pos) Position() Pos { return p }

func (*Name) exprNode()      {}
func (*IntLit) exprNode()    {}
func (*FloatLit) exprNode()  {}
func (*StrLit) exprNode()    {}
func (*BoolLit) exprNode()   {}
func (*NoneLit) exprNode()   {}
func (*UnaryOp) exprNode()   {}
func (*BinOp) exprNode()     {}
func (*BoolOp) exprNode()    {}
func (*Compare) exprNode()   {}
func (*IfExp) exprNode()     {}
func (*Call) exprNode()      {}
func (*Attribute) exprNode() {}
func (*Subscript) exprNode() {}
func (*Slice) exprNode()     {}
func (*ListLit) exprNode()   {}
func (*TupleLit) exprNode()  {}
func (*DictLit) exprNode()   {}

func (*ExprStmt) stmtNode()  {}
func (*Assign) stmtNode()    {}
func (*AugAssign) stmtNode() {}
func (*If) stmtNode()        {}
func (*While) stmtNode()     {}
func (*For) stmtNode()       {}
func (*Break) stmtNode()     {}
func (*Continue) stmtNode()  {}
func (*Pass) stmtNode()      {}
func (*FuncDef) stmtNode()   {}
func (*Return) stmtNode()    {}
func (*Global) stmtNode()    {}
func (*Import) stmtNode()    {}
func (*Try) stmtNode()       {}
func (*Raise) stmtNode()     {}
func (*Assert) stmtNode()    {}
