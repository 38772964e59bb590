package syntax

// The parser is a hand-written recursive-descent parser. Each parse function corresponds
// to a rule of CPython 3.11's grammar (Grammar/python.gram) and is named after it, from
// the loosest rule (statements) to the tightest (atoms):
//
//	expression   : disjunction 'if' disjunction 'else' expression | disjunction | lambda
//	disjunction  : conjunction ('or' conjunction)*
//	conjunction  : inversion ('and' inversion)*
//	inversion    : 'not' inversion | comparison
//	comparison   : bitwise_or (compare_op bitwise_or)*
//	bitwise_or   : bitwise_or '|' bitwise_xor | bitwise_xor      (and so on down to sum, term)
//	factor       : ('+' | '-' | '~') factor | power
//	power        : primary ['**' factor]
//	primary      : primary ('.' NAME | '(' arguments ')' | '[' slices ']') | atom
//
// Precedence comes from the nesting of the rules. Left-associative operators are loops
// that keep folding into the left operand; '**' is right-associative because its right
// operand is a factor, which is how -2**2 is -(2**2) while 2**-1 is 2**(-1).
//
// Errors. CPython parses twice: a fast first pass, and when that fails a second pass with
// extra "invalid_*" rules that recognise common mistakes and explain them ("expected ':'",
// "Perhaps you forgot a comma?"). When no such rule matches, the error is a plain "invalid
// syntax" at the furthest token the first pass looked at. This parser does one pass and
// checks the same mistakes at the point where it finds them; p.maxPos tracks the furthest
// token for the plain case.
//
// Constructs outside metajit's subset (class, lambda, comprehensions, ...) are still parsed,
// so that a real syntax error anywhere in the file is reported as CPython reports it. The
// first such construct is remembered and reported as a NotImplementedError once the whole
// file is known to be valid Python.

import (
	"fmt"
)

// Limits of the parser.
const (
	// maxParseDepth bounds the recursion of the parser itself (for example 5000 unary
	// minus signs in a row), so that no input can exhaust the Go stack.
	maxParseDepth = 3000
	// maxExprDepth is the deepest expression tree CPython 3.11 compiles; deeper trees give
	// "RecursionError: maximum recursion depth exceeded during compilation".
	maxExprDepth = 2990
)

// keywords are the reserved words of Python 3.11; they are never names.
var keywords = map[string]bool{
	"False": true, "None": true, "True": true, "and": true, "as": true, "assert": true,
	"async": true, "await": true, "break": true, "class": true, "continue": true, "def": true,
	"del": true, "elif": true, "else": true, "except": true, "finally": true, "for": true,
	"from": true, "global": true, "if": true, "import": true, "in": true, "is": true,
	"lambda": true, "nonlocal": true, "not": true, "or": true, "pass": true, "raise": true,
	"return": true, "try": true, "while": true, "with": true, "yield": true,
}

// augAssignOps maps each augmented assignment token to its binary operator.
var augAssignOps = map[string]string{
	"+=": "+", "-=": "-", "*=": "*", "/=": "/", "//=": "//", "%=": "%", "**=": "**",
	"&=": "&", "|=": "|", "^=": "^", "<<=": "<<", ">>=": ">>", "@=": "@",
}

// Parse parses the source text of a whole file into a Module.
//
// On failure it returns an *Error worded as CPython 3.11 words it, at the line CPython
// reports: a SyntaxError or IndentationError (or TabError) for invalid Python, a
// NotImplementedError for valid Python that uses a construct outside metajit's subset,
// and a RecursionError for an expression nested too deeply to compile. Parse never panics.
func Parse(filename, source string) (*Module, *Error) {
	src, err := prepareSource(filename, source)
	if err != nil {
		return nil, err
	}
	lx := newLexer(filename, src)
	lx.tokenize()
	p := &parser{lx: lx, toks: lx.toks, filename: filename, parens: map[Expr]bool{}}
	body, err := p.parseFile()
	if err != nil {
		return nil, err
	}
	mod := &Module{Filename: filename, Source: src, Body: body}
	if err := checkDepth(p, body); err != nil {
		return nil, err
	}
	if err := checkModule(p, mod); err != nil {
		return nil, err
	}
	if p.unsupported != nil {
		return nil, p.unsupported
	}
	return mod, nil
}

// errorSource tells where a parse error comes from, which decides how it is reported.
type errorSource int

const (
	// errGeneric: no rule matched. Speculative parses catch it; at the top it becomes
	// "invalid syntax" at the furthest token.
	errGeneric errorSource = iota
	// errParser: a specific message from the parser ("expected ':'", ...).
	errParser
	// errLexer: the parser reached the lexer's error token.
	errLexer
	// errFinal: reported as is (recursion limit).
	errFinal
)

// parseError is the value the parser panics with to abandon parsing; Parse and the
// speculative parses recover it. Panicking keeps the many parse functions free of error
// plumbing, as in Go's own go/parser.
type parseError struct {
	source errorSource
	err    *Error
}

// parser is the state of one parse.
type parser struct {
	lx       *lexer
	toks     []token
	filename string

	pos        int // index of the current token
	maxPos     int // furthest token looked at outside speculative parses (CPython's first pass)
	maxFetched int // furthest token looked at at all (CPython's p->fill - 1)
	trying     int // > 0 inside speculative parses
	depth      int // recursion depth, bounded by maxParseDepth

	// parens records the expressions that were written in parentheses, for error messages.
	parens map[Expr]bool

	// unsupported is the first construct outside the subset, reported when the file is
	// otherwise valid.
	unsupported *Error

	// memo caches the outcomes of speculative parses (see memoSpeculate).
	memo map[memoKey]memoEntry

	// noInvalid > 0 while parsing what CPython parses without its error rules (the second
	// expression in "Perhaps you forgot a comma?"): specific errors become generic failures.
	noInvalid int
}

// ---- Tokens ----

// at returns the token at index i, recording how far the parser has looked. Looking at
// the lexer's error token reports that error, as in CPython.
func (p *parser) at(i int) *token {
	if i >= len(p.toks) {
		i = len(p.toks) - 1
	}
	if i > p.maxFetched {
		p.maxFetched = i
	}
	if p.trying == 0 && i > p.maxPos {
		p.maxPos = i
	}
	t := &p.toks[i]
	if t.kind == tokError {
		panic(parseError{source: errLexer, err: p.lx.err})
	}
	return t
}

// tok is the current token.
func (p *parser) tok() *token { return p.at(p.pos) }

// peek is the token k places after the current one.
func (p *parser) peek(k int) *token { return p.at(p.pos + k) }

// next consumes the current token and returns it.
func (p *parser) next() *token {
	t := p.tok()
	if t.kind != tokEOF {
		p.pos++
	}
	return t
}

func (p *parser) isOp(s string) bool {
	t := p.tok()
	return t.kind == tokOp && t.text == s
}

func (p *parser) isKw(s string) bool {
	t := p.tok()
	return t.kind == tokName && t.text == s
}

// isName tells whether t is an identifier (a NAME that is not a keyword).
func isName(t *token) bool { return t.kind == tokName && !keywords[t.text] }

// expectOp consumes operator s or fails with a generic error.
func (p *parser) expectOp(s string) *token {
	if !p.isOp(s) {
		p.fail()
	}
	return p.next()
}

// expectForced consumes operator s or reports "expected 's'" at the token found instead
// (CPython's forced tokens, written &&':' in the grammar).
func (p *parser) expectForced(s string) {
	if !p.isOp(s) {
		t := p.tok()
		p.raiseAlways(p.newError("SyntaxError", fmt.Sprintf("expected '%s'", s), t.line, t.errCol))
	}
	p.next()
}

// expectName consumes an identifier or fails with a generic error.
func (p *parser) expectName() *token {
	if !isName(p.tok()) {
		p.fail()
	}
	return p.next()
}

func tokPos(t *token) Pos { return Pos{Line: t.line, Col: t.col} }

// isOp tells whether t is operator s.
func (t *token) isOp(s string) bool { return t.kind == tokOp && t.text == s }

// nonlocalStmt is `nonlocal a, b`, outside the subset; it never reaches a Module, but the
// checks see it.
type nonlocalStmt struct {
	Pos
	Names []string
}

func (*nonlocalStmt) stmtNode() {}

// ---- Errors ----

// fail abandons the current rule: nothing matched here.
func (p *parser) fail() {
	panic(parseError{source: errGeneric})
}

// newError builds an *Error at a line and a 0-based character column.
func (p *parser) newError(kind, msg string, line, col int) *Error {
	return &Error{Kind: kind, Msg: msg, Filename: p.filename, Line: line, Col: col, Text: p.lx.lineText(line)}
}

// raise abandons parsing with a specific error. Inside a part that CPython parses
// without its error rules (see noInvalid), it is a generic failure instead.
func (p *parser) raise(e *Error) {
	if p.noInvalid > 0 {
		p.fail()
	}
	p.raiseAlways(e)
}

// raiseAlways abandons parsing with an error that CPython raises on its first pass too
// (a bad string escape, an int literal with too many digits, a forced token).
func (p *parser) raiseAlways(e *Error) {
	panic(parseError{source: errParser, err: e})
}

// errorAtToken reports an error at token t (CPython's RAISE_SYNTAX_ERROR_KNOWN_LOCATION).
func (p *parser) errorAtToken(t *token, kind, msg string) {
	col := t.errCol
	if t.kind == tokIndent || t.kind == tokDedent || t.kind == tokEOF {
		col = -1 // CPython has no column for these tokens
	}
	p.raise(p.newError(kind, msg, t.line, col))
}

// errorAtNode reports an error at the start of a node.
func (p *parser) errorAtNode(n Node, msg string) {
	pos := n.Position()
	p.raise(p.newError("SyntaxError", msg, pos.Line, pos.Col))
}

// errorAtLast reports an error at the furthest token read (CPython's RAISE_SYNTAX_ERROR,
// which has no location of its own).
func (p *parser) errorAtLast(kind, msg string) {
	t := &p.toks[p.maxFetched]
	p.raise(p.newError(kind, msg, t.line, t.errCol))
}

// notSupported remembers the first construct outside the subset.
func (p *parser) notSupported(pos Pos, what string) {
	if p.unsupported != nil || p.trying > 0 {
		return
	}
	p.unsupported = &Error{Kind: "NotImplementedError", Filename: p.filename, Line: pos.Line,
		Col: pos.Col, Text: p.lx.lineText(pos.Line),
		Msg: what + " is not supported by metajit's Python subset"}
}

// enter and leave bound the recursion depth of the parser.
func (p *parser) enter() {
	p.depth++
	if p.depth > maxParseDepth {
		t := p.tok()
		panic(parseError{source: errFinal, err: &Error{Kind: "RecursionError",
			Msg: "maximum recursion depth exceeded during compilation", Filename: p.filename,
			Line: t.line, Col: -1, Text: p.lx.lineText(t.line)}})
	}
}

func (p *parser) leave() { p.depth-- }

// speculate runs parse and reports whether it succeeded, then puts the parser back where
// it was. Only generic failures are caught: a specific error found on the way is the
// error of the file, as in CPython's second pass. A speculative parse does not move the
// generic error location (maxPos) unless firstPass is set.
func (p *parser) speculate(firstPass bool, parse func()) bool {
	save, saveDepth := p.pos, p.depth
	if !firstPass {
		p.trying++
	}
	ok := p.try(parse)
	if !firstPass {
		p.trying--
	}
	p.pos, p.depth = save, saveDepth
	return ok
}

// attempt runs parse as a first-pass alternative: on success the parser stays after
// what it parsed and attempt returns true; on a generic failure it goes back and returns
// false.
func (p *parser) attempt(parse func()) bool {
	save, saveDepth := p.pos, p.depth
	ok := p.try(parse)
	if !ok {
		p.pos, p.depth = save, saveDepth
	}
	return ok
}

// try runs parse and reports whether it succeeded, catching generic failures only.
//
// Any other parse error is raised again, but only after the deferred recover has
// returned: re-panicking inside the deferred function would keep the whole failed stack
// alive and make each level of nested speculation walk it again.
func (p *parser) try(parse func()) (ok bool) {
	saveNoInvalid := p.noInvalid
	defer func() { p.noInvalid = saveNoInvalid }()
	var hard *parseError
	func() {
		defer func() {
			if r := recover(); r != nil {
				pe, isParseErr := r.(parseError)
				if !isParseErr {
					panic(r)
				}
				if pe.source != errGeneric {
					hard = &pe
				}
			}
		}()
		parse()
		ok = true
	}()
	if hard != nil {
		panic(*hard)
	}
	return ok
}

// memoKey names a speculative parse at a token index.
type memoKey struct {
	rule string
	pos  int
}

// memoEntry is the outcome of a speculative parse: whether it succeeded and a number the
// parse computed.
type memoEntry struct {
	ok bool
	n  int
}

// memoSpeculate is speculate for checks that nest (an expression inside parentheses
// inside an expression ...): the outcome at each position is computed once, which keeps
// the parser linear, as memoization does for CPython's parser.
func (p *parser) memoSpeculate(rule string, parse func() int) (bool, int) {
	key := memoKey{rule, p.pos}
	if e, hit := p.memo[key]; hit {
		return e.ok, e.n
	}
	n := 0
	ok := p.speculate(false, func() { n = parse() })
	if p.memo == nil {
		p.memo = map[memoKey]memoEntry{}
	}
	p.memo[key] = memoEntry{ok, n}
	return ok, n
}

// parseFile parses the whole file and turns a failure into the error CPython reports.
func (p *parser) parseFile() (body []Stmt, err *Error) {
	defer func() {
		if r := recover(); r != nil {
			pe, ok := r.(parseError)
			if !ok {
				panic(r) // a bug in the parser: let the tests see it
			}
			body, err = nil, p.finalError(pe)
		}
	}()
	for p.tok().kind != tokEOF {
		body = append(body, p.parseStatement()...)
	}
	return body, nil
}

// finalError decides which error to report when parsing fails.
//
// CPython's tokenizer runs lazily, so when the parser fails first, CPython tokenizes the
// rest of the file before reporting: a tokenizer error that raises an exception (a bad
// string or number, a stray bracket) replaces the parser's error even when it comes later
// in the file, and so does a bracket left open on an earlier line than the parser's error.
func (p *parser) finalError(pe parseError) *Error {
	if pe.source == errLexer || pe.source == errFinal {
		return pe.err
	}
	e := pe.err
	if pe.source == errGeneric {
		t := &p.toks[p.maxPos]
		switch t.kind {
		case tokIndent: // reported as is: CPython does not look further
			return p.newError("IndentationError", "unexpected indent", t.line, t.errCol)
		case tokDedent:
			return p.newError("IndentationError", "unexpected unindent", t.line, t.errCol)
		default:
			col := t.errCol
			if t.kind == tokEOF {
				col = -1
			}
			e = p.newError("SyntaxError", "invalid syntax", t.line, col)
		}
	}
	lx := p.lx
	if lx.err != nil {
		if lx.strongErr {
			return lx.err
		}
		if b := lx.errBracket; b != nil && p.toks[p.maxFetched].line > b.line {
			// Report the bracket that was never closed.
			return p.newError("SyntaxError", fmt.Sprintf("'%c' was never closed", b.ch), b.line, b.col)
		}
	}
	return e
}

// ---- Statements ----

// parseStatement parses one statement; a line of simple statements separated by ';'
// gives several.
func (p *parser) parseStatement() []Stmt {
	t := p.tok()
	if t.kind == tokName {
		switch t.text {
		case "def":
			return []Stmt{p.parseFuncDef()}
		case "if":
			return []Stmt{p.parseIf()}
		case "class":
			p.parseClassDef()
			return nil
		case "with":
			p.parseWith()
			return nil
		case "for":
			return []Stmt{p.parseFor()}
		case "try":
			return []Stmt{p.parseTry()}
		case "while":
			return []Stmt{p.parseWhile()}
		case "async":
			p.parseAsync()
			return nil
		case "match":
			if p.parseMatch() {
				return nil
			}
		}
	} else if t.kind == tokOp && t.text == "@" {
		p.parseDecorated()
		return nil
	}
	return p.parseSimpleStmts()
}

// parseSimpleStmts parses simple statements separated by ';' up to the end of the line.
func (p *parser) parseSimpleStmts() []Stmt {
	stmts := []Stmt{p.parseSimpleStmt()}
	for p.isOp(";") {
		p.next()
		if p.tok().kind == tokNewline {
			break
		}
		stmts = append(stmts, p.parseSimpleStmt())
	}
	if p.tok().kind != tokNewline {
		p.fail()
	}
	p.next()
	return stmts
}

// parseSimpleStmt parses one simple statement.
func (p *parser) parseSimpleStmt() Stmt {
	t := p.tok()
	pos := tokPos(t)
	if t.kind == tokName {
		switch t.text {
		case "pass":
			p.next()
			return &Pass{pos}
		case "break":
			p.next()
			return &Break{pos}
		case "continue":
			p.next()
			return &Continue{pos}
		case "return":
			p.next()
			var value Expr
			if p.startsExpression(true) {
				value = p.parseStarExpressions()
			}
			return &Return{Pos: pos, Value: value}
		case "raise":
			return p.parseRaise()
		case "global", "nonlocal":
			p.next()
			names := []string{p.expectName().text}
			for p.isOp(",") {
				p.next()
				names = append(names, p.expectName().text)
			}
			if t.text == "nonlocal" {
				p.notSupported(pos, "'nonlocal'")
				return &nonlocalStmt{Pos: pos, Names: names}
			}
			return &Global{Pos: pos, Names: names}
		case "import":
			return p.parseImport()
		case "from":
			p.parseFromImport()
			return &Pass{pos}
		case "assert":
			p.next()
			a := &Assert{Pos: pos, Test: p.parseExpression()}
			if p.isOp(",") {
				p.next()
				a.Msg = p.parseExpression()
			}
			return a
		case "del":
			p.parseDel()
			return &Pass{pos}
		case "yield":
			y := p.parseYieldExpr()
			if p.isOp("=") {
				p.errorAtNode(y, "assignment to yield expression not possible")
			}
			return &ExprStmt{Pos: pos, X: y}
		}
	}
	return p.parseExprOrAssign()
}

// parseRaise parses `raise [exc [from cause]]`.
func (p *parser) parseRaise() Stmt {
	pos := tokPos(p.next())
	r := &Raise{Pos: pos}
	if p.startsExpression(false) {
		r.Exc = p.parseExpression()
		if p.isKw("from") {
			p.notSupported(tokPos(p.tok()), "'raise ... from ...'")
			p.next()
			p.parseExpression()
		}
	}
	return r
}

// parseImport parses `import a, b.c`; `import a as b` is outside the subset.
func (p *parser) parseImport() Stmt {
	pos := tokPos(p.next())
	imp := &Import{Pos: pos}
	for {
		name := p.parseDottedName()
		if p.isKw("as") {
			p.notSupported(tokPos(p.tok()), "'import ... as ...'")
			p.next()
			p.expectName()
		}
		imp.Names = append(imp.Names, name)
		if !p.isOp(",") {
			return imp
		}
		p.next()
	}
}

func (p *parser) parseDottedName() string {
	name := p.expectName().text
	for p.isOp(".") {
		p.next()
		name += "." + p.expectName().text
	}
	return name
}

// parseFromImport parses `from module import names`, which is outside the subset.
func (p *parser) parseFromImport() {
	fromTok := p.next()
	dots := 0
	for p.isOp(".") || p.isOp("...") {
		dots++
		p.next()
	}
	if dots == 0 || !p.isKw("import") {
		p.parseDottedName()
	}
	if !p.isKw("import") {
		p.fail()
	}
	p.next()
	switch {
	case p.isOp("("):
		p.next()
		p.parseImportAsNames()
		if p.isOp(",") {
			p.next()
		}
		p.expectOp(")")
	case p.isOp("*"):
		p.next()
	default:
		p.parseImportAsNames()
		if p.isOp(",") {
			p.next()
			if p.tok().kind == tokNewline {
				p.errorAtLast("SyntaxError", "trailing comma not allowed without surrounding parentheses")
			}
			p.fail()
		}
	}
	p.notSupported(tokPos(fromTok), "'from ... import ...'")
}

func (p *parser) parseImportAsNames() {
	for {
		p.expectName()
		if p.isKw("as") {
			p.next()
			p.expectName()
		}
		if !p.isOp(",") || !isName(p.peek(1)) {
			return
		}
		p.next()
	}
}

// parseDel parses `del targets`, which is outside the subset.
func (p *parser) parseDel() {
	delTok := p.next()
	targets := p.parseStarExpressions()
	if bad := invalidTarget(targets, delTargets); bad != nil {
		p.errorAtNode(bad, "cannot delete "+p.exprName(bad))
	}
	if !p.isOp(";") && p.tok().kind != tokNewline {
		p.fail()
	}
	p.notSupported(tokPos(delTok), "'del'")
}

// parseYieldExpr parses `yield [exprs]` or `yield from expr`, outside the subset.
func (p *parser) parseYieldExpr() Expr {
	t := p.next()
	if p.isKw("from") {
		p.next()
		p.parseExpression()
	} else if p.startsExpression(true) {
		p.parseStarExpressions()
	}
	p.notSupported(tokPos(t), "'yield'")
	return &unsupportedExpr{Pos: tokPos(t), name: "yield expression"}
}

// parseExprOrAssign parses an expression statement, an assignment `a = b = value`, an
// augmented assignment `a += value` or an annotated assignment `a: T = value`.
func (p *parser) parseExprOrAssign() Stmt {
	start := p.pos
	first := p.parseStarExpressions()
	pos := first.Position()

	switch t := p.tok(); {
	case t.kind == tokOp && t.text == "=":
		// Targets are checked as soon as their '=' is seen, as CPython does.
		p.checkAssignTarget(first, start, true)
		targets := []Expr{first}
		for {
			p.next() // '='
			elemStart := p.pos
			value := p.parseAssignValue()
			if !p.isOp("=") {
				return &Assign{Pos: pos, Targets: targets, Value: value}
			}
			p.checkAssignTarget(value, elemStart, false)
			targets = append(targets, value)
		}

	case t.kind == tokOp && augAssignOps[t.text] != "":
		if !p.isSingleTarget(first) {
			p.errorAtNode(first, fmt.Sprintf("'%s' is an illegal expression for augmented assignment", p.exprName(first)))
		}
		op := augAssignOps[p.next().text]
		if op == "@" {
			p.notSupported(tokPos(t), "the '@' operator")
		}
		value := p.parseAssignValue()
		return &AugAssign{Pos: pos, Target: first, Op: op, Value: value}

	case t.kind == tokOp && t.text == ":":
		// An annotated assignment: only a single target may be annotated.
		// CPython's first pass reads the annotation only after a single target.
		if !p.speculate(p.isSingleTarget(first), func() {
			p.next()
			p.parseExpression()
		}) {
			p.next()
			p.fail()
		}
		switch first.(type) {
		case *TupleLit:
			p.errorAtNode(first, "only single target (not tuple) can be annotated")
		case *ListLit:
			p.errorAtNode(first, "only single target (not list) can be annotated")
		}
		if !p.isSingleTarget(first) {
			p.errorAtNode(first, "illegal target for annotation")
		}
		p.next()
		p.parseExpression()
		if p.isOp("=") {
			p.next()
			p.parseAssignValue()
		}
		p.notSupported(pos, "variable annotations")
		return &Pass{pos}
	}
	return &ExprStmt{Pos: pos, X: first}
}

// checkAssignTarget reports an assignment target that cannot be assigned to; target
// started at token index start and is followed by '='. For the first target of a
// statement CPython first tries to read `target = value` as a comparison written with
// '=' ("cannot assign to function call here. Maybe you meant '==' instead of '='?").
func (p *parser) checkAssignTarget(target Expr, start int, first bool) {
	if y, ok := target.(*unsupportedExpr); ok && y.name == "yield expression" {
		p.errorAtNode(target, "assignment to yield expression not possible")
	}
	bad := invalidTarget(target, starTargets)
	if bad == nil {
		return
	}
	if first {
		if tup, ok := target.(*TupleLit); ok && !p.parens[tup] && len(tup.Elts) > 1 && !p.toks[p.pos-1].isOp(",") {
			// In `a, b = c` CPython reads the last element as `b = c`.
			p.diagnoseEquals(tup.Elts[len(tup.Elts)-1], p.lastElementStart(start, p.pos))
		}
		p.diagnoseEquals(target, start)
	}
	p.errorAtNode(bad, "cannot assign to "+p.exprName(bad))
}

// lastElementStart returns the index of the first token of the last element of the
// unparenthesized tuple in tokens [start, end).
func (p *parser) lastElementStart(start, end int) int {
	depth, last := 0, start
	for i := start; i < end; i++ {
		t := &p.toks[i]
		if t.kind != tokOp {
			continue
		}
		switch t.text {
		case "(", "[", "{":
			depth++
		case ")", "]", "}":
			depth--
		case ",":
			if depth == 0 {
				last = i + 1
			}
		}
	}
	return last
}

// parseAssignValue parses the right-hand side of an assignment.
func (p *parser) parseAssignValue() Expr {
	if p.isKw("yield") {
		return p.parseYieldExpr()
	}
	return p.parseStarExpressions()
}

// isSingleTarget tells whether e can be the target of an augmented assignment or an
// annotation: a name, an attribute or a subscript.
func (p *parser) isSingleTarget(e Expr) bool {
	switch e.(type) {
	case *Name, *Attribute, *Subscript:
		return true
	}
	return false
}

// ---- Compound statements ----

// parseBlock parses the body of a compound statement after its ':'. what and line name
// the statement for the IndentationError when the body is missing.
func (p *parser) parseBlock(what string, line int) []Stmt {
	if p.tok().kind != tokNewline {
		return p.parseSimpleStmts()
	}
	p.next()
	if p.tok().kind != tokIndent {
		p.errorAtLast("IndentationError", fmt.Sprintf("expected an indented block after %s on line %d", what, line))
	}
	p.next()
	var body []Stmt
	for p.tok().kind != tokDedent {
		body = append(body, p.parseStatement()...)
	}
	p.next()
	return body
}

// expectHeaderColon consumes the ':' that ends a compound statement's header. When the
// line ends instead, CPython says "expected ':'".
func (p *parser) expectHeaderColon() {
	if p.isOp(":") {
		p.next()
		return
	}
	if p.tok().kind == tokNewline {
		p.errorAtLast("SyntaxError", "expected ':'")
	}
	p.fail()
}

// parseIf parses if/elif/else; an elif becomes an If alone in the Else of its parent.
func (p *parser) parseIf() Stmt {
	t := p.next() // 'if' or 'elif'
	what := "'" + t.text + "' statement"
	cond := p.parseNamedExpression()
	p.expectHeaderColon()
	s := &If{Pos: tokPos(t), Cond: cond, Body: p.parseBlock(what, t.line)}
	if p.isKw("elif") {
		s.Else = []Stmt{p.parseIf()}
	} else if p.isKw("else") {
		s.Else = p.parseElse()
	}
	return s
}

// parseElse parses `else: block`.
func (p *parser) parseElse() []Stmt {
	t := p.next()
	p.expectForced(":")
	return p.parseBlock("'else' statement", t.line)
}

func (p *parser) parseWhile() Stmt {
	t := p.next()
	cond := p.parseNamedExpression()
	p.expectHeaderColon()
	s := &While{Pos: tokPos(t), Cond: cond, Body: p.parseBlock("'while' statement", t.line)}
	if p.isKw("else") {
		s.Else = p.parseElse()
	}
	return s
}

func (p *parser) parseFor() Stmt {
	t := p.next()
	targetStart := p.pos
	var target Expr
	if !p.attempt(func() {
		target = p.parseStarTargets()
		if !p.isKw("in") {
			p.fail()
		}
	}) {
		p.diagnoseForTarget(targetStart)
	}
	p.next() // 'in'
	iter := p.parseStarExpressions()
	p.expectHeaderColon()
	s := &For{Pos: tokPos(t), Target: target, Iter: iter, Body: p.parseBlock("'for' statement", t.line)}
	if p.isKw("else") {
		s.Else = p.parseElse()
	}
	return s
}

// diagnoseForTarget explains an invalid target after 'for' (CPython's invalid_for_target):
// it reads the rest as expressions, in which `x in y` is a comparison, and names the part
// that cannot be assigned to. It always abandons the parse.
func (p *parser) diagnoseForTarget(start int) {
	p.pos = start
	var e Expr
	if p.speculate(false, func() { e = p.parseStarExpressions() }) {
		if bad := invalidTarget(e, forTargets); bad != nil {
			p.errorAtNode(bad, "cannot assign to "+p.exprName(bad))
		}
	}
	p.fail()
}

// parseStarTargets parses assignment targets up to a non-comma, as after 'for'.
func (p *parser) parseStarTargets() Expr {
	first := p.parseStarTarget()
	if !p.isOp(",") {
		return first
	}
	elts := []Expr{first}
	for p.isOp(",") {
		p.next()
		if !p.startsTarget() {
			break
		}
		elts = append(elts, p.parseStarTarget())
	}
	return &TupleLit{Pos: first.Position(), Elts: elts}
}

// startsTarget tells whether the current token can start an assignment target.
func (p *parser) startsTarget() bool {
	t := p.tok()
	return isName(t) || t.kind == tokOp && (t.text == "(" || t.text == "[" || t.text == "*")
}

// parseStarTarget parses one target: a name, attribute, subscript, or a parenthesized or
// bracketed list of targets.
func (p *parser) parseStarTarget() Expr {
	if p.isOp("*") {
		t := p.next()
		if p.isOp("*") {
			p.fail()
		}
		x := p.parseStarTarget()
		p.notSupported(tokPos(t), "starred assignment targets")
		return &starredExpr{Pos: tokPos(t), X: x}
	}
	if !p.startsTarget() {
		p.fail()
	}
	e := p.parsePrimary()
	if invalidTarget(e, starTargets) != nil {
		p.fail()
	}
	return e
}

// parseTry parses try/except/else/finally.
func (p *parser) parseTry() Stmt {
	t := p.next()
	p.expectForced(":")
	s := &Try{Pos: tokPos(t), Body: p.parseBlock("'try' statement", t.line)}
	for p.isKw("except") {
		s.Handlers = append(s.Handlers, p.parseExceptHandler())
	}
	if len(s.Handlers) > 0 && p.isKw("else") {
		s.Else = p.parseElse()
	}
	if p.isKw("finally") {
		ft := p.next()
		p.expectForced(":")
		s.Finally = p.parseBlock("'finally' statement", ft.line)
		if s.Finally == nil {
			s.Finally = []Stmt{}
		}
	}
	if len(s.Handlers) == 0 && s.Finally == nil {
		p.errorAtLast("SyntaxError", "expected 'except' or 'finally' block")
	}
	return s
}

// parseExceptHandler parses one `except [Type [as name]]: block`.
func (p *parser) parseExceptHandler() ExceptHandler {
	t := p.next()
	h := ExceptHandler{Pos: tokPos(t)}
	what := "'except' statement"
	if p.isOp("*") {
		p.notSupported(tokPos(t), "'except*'")
		p.next()
		what = "'except*' statement"
		if p.isOp(":") || p.tok().kind == tokNewline {
			p.errorAtLast("SyntaxError", "expected one or more exception types")
		}
	}
	if !p.isOp(":") {
		if p.tok().kind == tokNewline {
			p.errorAtLast("SyntaxError", "expected ':'")
		}
		h.Type = p.parseExpression()
		if p.isOp(",") {
			// `except A, B:` is Python 2 syntax.
			if p.speculate(false, func() {
				p.next()
				p.parseExpressions()
				if p.isKw("as") {
					p.next()
					p.expectName()
				}
				p.expectOp(":")
			}) {
				p.errorAtNode(h.Type, "multiple exception types must be parenthesized")
			}
		}
		if p.isKw("as") {
			p.next()
			h.Name = p.expectName().text
		}
	}
	p.expectHeaderColon()
	h.Body = p.parseBlock(what, t.line)
	return h
}

// parseFuncDef parses `def name(params): block`.
func (p *parser) parseFuncDef() Stmt {
	t := p.next()
	name := p.expectName()
	p.expectForced("(")
	params := p.parseParams()
	p.expectOp(")")
	if p.isOp("->") {
		p.notSupported(tokPos(p.tok()), "annotations")
		p.next()
		p.parseExpression()
	}
	p.expectForced(":")
	body := p.parseBlock("function definition", t.line)
	return &FuncDef{Pos: tokPos(t), Name: name.text, Params: params, Body: body}
}

// parseParams parses a parameter list up to the closing parenthesis (not consumed).
// Only plain parameters with optional defaults are in the subset; the other forms are
// parsed and reported as unsupported.
func (p *parser) parseParams() []Param {
	var params []Param
	sawDefault, sawStar, sawSlash := false, false, false
	for !p.isOp(")") {
		t := p.tok()
		switch {
		case t.kind == tokOp && t.text == "*":
			p.next()
			if p.isOp(")") || p.isOp(",") && (p.peek(1).kind == tokOp && (p.peek(1).text == ")" || p.peek(1).text == "**")) {
				p.errorAtToken(t, "SyntaxError", "named arguments must follow bare *")
			}
			if sawStar {
				p.errorAtToken(t, "SyntaxError", "* argument may appear only once")
			}
			sawStar = true
			p.notSupported(tokPos(t), "'*' parameters")
			if isName(p.tok()) {
				p.parseParam()
				if p.isOp("=") {
					p.errorAtToken(p.tok(), "SyntaxError", "var-positional argument cannot have default value")
				}
			}
		case t.kind == tokOp && t.text == "**":
			p.next()
			p.notSupported(tokPos(t), "'**' parameters")
			p.parseParam()
			if p.isOp("=") {
				p.errorAtToken(p.tok(), "SyntaxError", "var-keyword argument cannot have default value")
			}
			if p.isOp(",") && !p.peekIs(1, ")") {
				p.next()
				p.errorAtToken(p.tok(), "SyntaxError", "arguments cannot follow var-keyword argument")
			}
		case t.kind == tokOp && t.text == "/":
			if len(params) == 0 {
				p.errorAtToken(t, "SyntaxError", "at least one argument must precede /")
			}
			if sawSlash {
				p.errorAtToken(t, "SyntaxError", "/ may appear only once")
			}
			if sawStar {
				p.errorAtToken(t, "SyntaxError", "/ must be ahead of *")
			}
			sawSlash = true
			p.notSupported(tokPos(t), "positional-only parameters")
			p.next()
		case t.kind == tokOp && t.text == "(":
			if p.speculate(false, func() {
				p.next()
				p.expectName()
				for p.isOp(",") && isName(p.peek(1)) {
					p.next()
					p.next()
				}
				if p.isOp(",") {
					p.next()
				}
				p.expectOp(")")
			}) {
				p.errorAtToken(t, "SyntaxError", "Function parameters cannot be parenthesized")
			}
			p.fail()
		default:
			param := p.parseParam()
			if p.isOp("=") {
				eq := p.tok()
				p.next()
				if p.isOp(")") || p.isOp(",") {
					p.errorAtToken(eq, "SyntaxError", "expected default value expression")
				}
				param.Default = p.parseExpression()
				sawDefault = true
			} else if sawDefault && !sawStar && (p.isOp(",") || p.isOp(")")) {
				p.errorAtNode(param, "non-default argument follows default argument")
			}
			if !sawStar {
				params = append(params, param)
			}
		}
		if !p.isOp(",") {
			break
		}
		p.next()
	}
	return params
}

// parseParam parses `name [: annotation]`.
func (p *parser) parseParam() Param {
	t := p.expectName()
	if p.isOp(":") {
		p.notSupported(tokPos(p.tok()), "annotations")
		p.next()
		p.parseExpression()
	}
	return Param{Pos: tokPos(t), Name: t.text}
}

func (p *parser) peekIs(k int, op string) bool {
	t := p.peek(k)
	return t.kind == tokOp && t.text == op
}

// parseClassDef parses a class definition, which is outside the subset.
func (p *parser) parseClassDef() {
	t := p.next()
	p.expectName()
	if p.isOp("(") {
		p.next()
		p.parseCallArgs()
		p.expectOp(")")
	}
	p.notSupported(tokPos(t), "'class'")
	p.expectHeaderColon()
	p.parseBlock("class definition", t.line)
}

// parseWith parses a with statement, which is outside the subset.
func (p *parser) parseWith() {
	t := p.next()
	p.notSupported(tokPos(t), "'with'")
	withItems := func(parenthesized bool) {
		for {
			if parenthesized {
				p.parseExpressions()
			} else {
				p.parseExpression()
			}
			if p.isKw("as") {
				p.next()
				target := p.parseStarTarget()
				if !(p.isOp(",") || p.isOp(")") || p.isOp(":")) {
					_ = target
					p.fail()
				}
			}
			if !p.isOp(",") {
				return
			}
			p.next()
			if parenthesized && p.isOp(")") {
				return
			}
		}
	}
	parenthesized := p.isOp("(") && p.speculate(false, func() {
		p.next()
		withItems(true)
		p.expectOp(")")
		if !p.isOp(":") && p.tok().kind != tokNewline {
			p.fail()
		}
	})
	if parenthesized {
		p.next()
		withItems(true)
		p.expectOp(")")
	} else {
		withItems(false)
	}
	p.expectHeaderColon()
	p.parseBlock("'with' statement", t.line)
}

// parseAsync parses `async def`, `async for` and `async with`, outside the subset.
func (p *parser) parseAsync() {
	t := p.tok()
	p.notSupported(tokPos(t), "'async'")
	next := p.peek(1)
	if next.kind != tokName || (next.text != "def" && next.text != "for" && next.text != "with") {
		p.next()
		p.fail()
	}
	p.next()
	switch p.tok().text {
	case "def":
		p.parseFuncDef()
	case "for":
		p.parseFor()
	default:
		p.parseWith()
	}
}

// parseDecorated parses decorators and the definition they decorate, outside the subset.
func (p *parser) parseDecorated() {
	p.notSupported(tokPos(p.tok()), "decorators")
	for p.isOp("@") {
		p.next()
		p.parseNamedExpression()
		if p.tok().kind != tokNewline {
			p.fail()
		}
		p.next()
	}
	switch {
	case p.isKw("def"):
		p.parseFuncDef()
	case p.isKw("class"):
		p.parseClassDef()
	case p.isKw("async") && p.peek(1).kind == tokName && p.peek(1).text == "def":
		p.parseAsync()
	default:
		p.fail()
	}
}

// parseMatch recognises a match statement (match is a keyword only there) and skips it:
// pattern matching is outside the subset. It returns false, consuming nothing, when the
// line is not a match statement.
func (p *parser) parseMatch() bool {
	t := p.tok()
	isMatch := p.speculate(true, func() {
		p.next()
		p.parseSubjectExpr()
		p.expectOp(":")
		if p.tok().kind != tokNewline {
			p.fail()
		}
		p.next()
		if p.tok().kind != tokIndent {
			p.fail()
		}
		p.next()
		if !(p.tok().kind == tokName && p.tok().text == "case") {
			p.fail()
		}
	})
	if !isMatch {
		return false
	}
	p.notSupported(tokPos(t), "'match'")
	p.next()
	p.parseSubjectExpr()
	p.next() // ':'
	p.next() // NEWLINE
	p.next() // INDENT
	for depth := 1; depth > 0; {
		switch p.next().kind {
		case tokIndent:
			depth++
		case tokDedent:
			depth--
		case tokEOF:
			p.fail()
		}
	}
	return true
}

// parseSubjectExpr parses the subject of a match statement.
func (p *parser) parseSubjectExpr() {
	p.parseStarNamedExpression()
	if p.isOp(",") {
		for p.isOp(",") {
			p.next()
			if !p.startsExpression(true) {
				break
			}
			p.parseStarNamedExpression()
		}
	}
}
