package syntax

// Parsing expressions, from the loosest rule to the tightest (see the table in parser.go).

import (
	"fmt"
	"strings"
)

// softKeywords are keywords only in some places (match statements); elsewhere they are names.
var softKeywords = map[string]bool{"_": true, "case": true, "match": true}

// unsupportedExpr stands for an expression outside the subset (a lambda, a comprehension,
// ...). It never reaches a Module: the parser has recorded a NotImplementedError for it.
// name is CPython's name for it in messages such as "cannot assign to lambda".
type unsupportedExpr struct {
	Pos
	name string
}

func (*unsupportedExpr) exprNode() {}

// starredExpr is `*x`, outside the subset except that it must be parsed, as unsupportedExpr.
type starredExpr struct {
	Pos
	X Expr
}

func (*starredExpr) exprNode() {}

// startsExpression tells whether the current token can begin an expression; withStar
// also accepts '*' (a starred expression).
func (p *parser) startsExpression(withStar bool) bool {
	t := p.tok()
	switch t.kind {
	case tokName:
		if !keywords[t.text] {
			return true
		}
		switch t.text {
		case "not", "lambda", "await", "True", "False", "None":
			return true
		}
	case tokNumber, tokString:
		return true
	case tokOp:
		switch t.text {
		case "(", "[", "{", "-", "+", "~", "...":
			return true
		case "*":
			return withStar
		}
	}
	return false
}

// parseStarExpressions parses expressions separated by commas, as on the right of '=';
// with a comma the result is a TupleLit (`x = 1, 2`).
func (p *parser) parseStarExpressions() Expr {
	first := p.parseStarExpression()
	if !p.isOp(",") {
		return first
	}
	elts := []Expr{first}
	for p.isOp(",") {
		p.next()
		if !p.startsExpression(true) {
			break // a trailing comma
		}
		elts = append(elts, p.parseStarExpression())
	}
	return &TupleLit{Pos: first.Position(), Elts: elts}
}

// parseExpressions is parseStarExpressions without starred expressions.
func (p *parser) parseExpressions() Expr {
	first := p.parseExpression()
	if !p.isOp(",") {
		return first
	}
	elts := []Expr{first}
	for p.isOp(",") {
		p.next()
		if !p.startsExpression(false) {
			break
		}
		elts = append(elts, p.parseExpression())
	}
	return &TupleLit{Pos: first.Position(), Elts: elts}
}

// parseStarExpression parses `*x` or an expression.
func (p *parser) parseStarExpression() Expr {
	if p.isOp("*") {
		t := p.next()
		x := p.parseBitwiseOr()
		p.notSupported(tokPos(t), "starred expressions")
		return &starredExpr{Pos: tokPos(t), X: x}
	}
	return p.parseExpression()
}

// parseStarNamedExpression parses `*x` or a named expression, as in a list display.
func (p *parser) parseStarNamedExpression() Expr {
	if p.isOp("*") {
		t := p.next()
		x := p.parseBitwiseOr()
		p.notSupported(tokPos(t), "starred expressions")
		return &starredExpr{Pos: tokPos(t), X: x}
	}
	return p.parseNamedExpression()
}

// parseNamedExpression parses an expression where the walrus operator `x := value` is
// allowed (conditions, elements of displays). It is also where CPython explains a '='
// written for '=='.
func (p *parser) parseNamedExpression() Expr {
	if isName(p.tok()) && p.peekIs(1, ":=") {
		return p.parseWalrus()
	}
	start := p.pos
	e := p.parseExpression()
	p.finishNamedExpression(e, start)
	return e
}

// parseWalrus parses `name := value`, outside the subset.
func (p *parser) parseWalrus() Expr {
	t := p.next()
	p.next() // ':='
	p.parseExpression()
	p.notSupported(tokPos(t), "assignment expressions (':=')")
	return &unsupportedExpr{Pos: tokPos(t), name: "named expression"}
}

// finishNamedExpression reports a ':=' or '=' after expression e, which started at token
// index start, where neither is allowed.
func (p *parser) finishNamedExpression(e Expr, start int) {
	if !p.isOp(":=") && !p.isOp("=") {
		return
	}
	if ok, _ := p.memoSpeculate(":=", func() int {
		if !p.isOp(":=") {
			p.fail()
		}
		p.next()
		p.parseExpression()
		return 0
	}); ok {
		p.errorAtNode(e, "cannot use assignment expressions with "+p.exprName(e))
	}
	if p.isOp("=") {
		p.diagnoseEquals(e, start)
	}
}

// diagnoseEquals explains `e = rhs` where an expression was expected (CPython's
// invalid_named_expression): `if x = 1:` probably meant `==`.
func (p *parser) diagnoseEquals(e Expr, start int) {
	if p.noInvalid > 0 {
		return
	}
	// The right-hand side must parse as a bitwise_or not followed by '=' or ':='. CPython's
	// parser backtracks, so a prefix of it is enough.
	rhsOK, assignFollows := p.memoSpeculate("=rhs", func() int {
		p.next() // '='
		p.parseBitwiseOr()
		if p.isOp("=") || p.isOp(":=") {
			return 1
		}
		return 0
	})
	if assignFollows == 1 {
		return
	}
	if !rhsOK {
		rhsOK, _ = p.memoSpeculate("=prefix", func() int {
			p.next() // '='
			for p.isOp("-") || p.isOp("+") || p.isOp("~") {
				p.next()
			}
			p.parseAtom()
			return 0
		})
	}
	if !rhsOK {
		return
	}
	if _, ok := e.(*Name); ok && p.pos == start+1 {
		p.errorAtNode(e, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?")
	}
	if p.isBitwiseOrLevel(e) && !p.startsWithExcludedAtom(start) {
		p.errorAtNode(e, fmt.Sprintf("cannot assign to %s here. Maybe you meant '==' instead of '='?", p.exprName(e)))
	}
}

// isBitwiseOrLevel tells whether e binds at least as tightly as '|', that is whether it
// could have been parsed by the bitwise_or rule.
func (p *parser) isBitwiseOrLevel(e Expr) bool {
	if p.parens[e] {
		return true
	}
	switch x := e.(type) {
	case *Compare, *BoolOp, *IfExp, *TupleLit, *starredExpr:
		return false
	case *UnaryOp:
		return x.Op != "not"
	case *unsupportedExpr:
		return x.name != "lambda" && x.name != "named expression" && x.name != "yield expression"
	}
	return true
}

// startsWithExcludedAtom tells whether the expression starting at token index start
// begins with a list or tuple display, a generator expression, True, False or None.
func (p *parser) startsWithExcludedAtom(start int) bool {
	t := &p.toks[start]
	if t.kind == tokName && (t.text == "True" || t.text == "False" || t.text == "None") {
		return true
	}
	if t.kind != tokOp || (t.text != "(" && t.text != "[") {
		return false
	}
	save := p.pos
	p.pos = start
	_, excluded := p.memoSpeculate("excluded atom", func() int {
		switch x := p.parseAtom().(type) {
		case *ListLit:
			return 1
		case *TupleLit:
			if t.text == "(" {
				return 1
			}
		case *unsupportedExpr:
			if x.name == "generator expression" {
				return 1
			}
		}
		return 0
	})
	p.pos = save
	return excluded == 1
}

// parseExpression parses a full expression: a conditional expression, a lambda, or a
// disjunction.
func (p *parser) parseExpression() Expr { return p.parseExpr(true) }

// parseExpr parses an expression. With diagnose false it skips the checks that explain
// errors (CPython's expression_without_invalid).
func (p *parser) parseExpr(diagnose bool) Expr {
	p.enter()
	defer p.leave()
	if p.isKw("lambda") {
		return p.parseLambda()
	}
	start := p.pos
	startTok := p.tok()
	a := p.parseDisjunction()
	if p.isKw("if") {
		p.next()
		cond := p.parseDisjunction()
		if !p.isKw("else") {
			if diagnose && p.noInvalid == 0 && !p.isOp(":") {
				p.errorAtNode(a, "expected 'else' after 'if' expression")
			}
			p.fail()
		}
		p.next()
		other := p.parseExpression()
		return &IfExp{Pos: tokPos(startTok), Cond: cond, Then: a, Else: other}
	}
	if diagnose {
		p.checkAdjacent(a, start)
	}
	return a
}

// checkAdjacent explains an expression immediately followed by another one: inside
// brackets a comma is probably missing (`print(1 2)`), and `print "x"` is Python 2.
func (p *parser) checkAdjacent(a Expr, start int) {
	if p.noInvalid > 0 || !p.startsExpression(true) {
		return
	}
	first := &p.toks[start]
	name, isName := a.(*Name)
	isName = isName && p.pos == start+1
	legacy := isName && (name.Id == "print" || name.Id == "exec")

	// A missing comma: the second expression is parsed without the error rules, and
	// CPython's parser backtracks, so it counts if any prefix of it parses.
	if !legacy && !p.isOp("*") && !(first.kind == tokName && (p.toks[start+1].kind == tokString || softKeywords[first.text])) {
		parsed, level := p.memoSpeculate("adjacent", func() int {
			p.noInvalid++
			p.parseExpr(false)
			return p.toks[p.pos-1].level
		})
		if !parsed {
			parsed, level = p.memoSpeculate("adjacent prefix", func() int {
				p.noInvalid++
				p.parseExpressionPrefix()
				return p.toks[p.pos-1].level
			})
		}
		if parsed && level > 0 {
			p.errorAtNode(a, "invalid syntax. Perhaps you forgot a comma?")
		}
	}

	// Python 2's print statement. CPython reads what follows any name this way (with the
	// error rules, which may find an error there) before checking the name.
	if isName {
		if ok, _ := p.memoSpeculate("legacy", func() int { p.parseStarExpressions(); return 0 }); ok && legacy {
			p.errorAtNode(a, fmt.Sprintf("Missing parentheses in call to '%s'. Did you mean %s(...)?", name.Id, name.Id))
		}
	}
}

// parseExpressionPrefix parses the shortest expression that can start here: unary
// operators and an atom.
func (p *parser) parseExpressionPrefix() {
	for p.isOp("-") || p.isOp("+") || p.isOp("~") || p.isKw("not") {
		p.next()
	}
	switch {
	case p.isKw("lambda"):
		p.parseLambda()
	case p.isKw("await"):
		p.next()
		p.parseAtom()
	default:
		p.parseAtom()
	}
}

// parseLambda parses `lambda params: body`, outside the subset.
func (p *parser) parseLambda() Expr {
	t := p.next()
	for !p.isOp(":") {
		switch {
		case p.isOp("*") || p.isOp("**"):
			p.next()
			if isName(p.tok()) {
				p.next()
			}
		case p.isOp("/"):
			p.next()
		default:
			p.expectName()
			if p.isOp("=") {
				p.next()
				p.parseExpression()
			}
		}
		if !p.isOp(",") {
			break
		}
		p.next()
	}
	p.expectOp(":")
	p.parseExpression()
	p.notSupported(tokPos(t), "'lambda'")
	return &unsupportedExpr{Pos: tokPos(t), name: "lambda"}
}

// parseDisjunction parses `a or b or ...`.
func (p *parser) parseDisjunction() Expr {
	startTok := p.tok()
	first := p.parseConjunction()
	if !p.isKw("or") {
		return first
	}
	values := []Expr{first}
	for p.isKw("or") {
		p.next()
		values = append(values, p.parseConjunction())
	}
	return &BoolOp{Pos: tokPos(startTok), Op: "or", Values: values}
}

// parseConjunction parses `a and b and ...`.
func (p *parser) parseConjunction() Expr {
	startTok := p.tok()
	first := p.parseInversion()
	if !p.isKw("and") {
		return first
	}
	values := []Expr{first}
	for p.isKw("and") {
		p.next()
		values = append(values, p.parseInversion())
	}
	return &BoolOp{Pos: tokPos(startTok), Op: "and", Values: values}
}

// parseInversion parses `not x`; `not` binds more loosely than comparisons.
func (p *parser) parseInversion() Expr {
	if p.isKw("not") {
		t := p.next()
		p.enter()
		x := p.parseInversion()
		p.leave()
		return &UnaryOp{Pos: tokPos(t), Op: "not", X: x}
	}
	return p.parseComparison()
}

// parseComparison parses a possibly chained comparison `a < b <= c`.
func (p *parser) parseComparison() Expr {
	startTok := p.tok()
	first := p.parseBitwiseOr()
	var ops []string
	var rest []Expr
	for {
		op := p.compareOp()
		if op == "" {
			break
		}
		ops = append(ops, op)
		rest = append(rest, p.parseBitwiseOr())
	}
	if ops == nil {
		return first
	}
	return &Compare{Pos: tokPos(startTok), First: first, Ops: ops, Rest: rest}
}

// compareOp consumes a comparison operator and returns it, or returns "".
func (p *parser) compareOp() string {
	t := p.tok()
	switch {
	case t.kind == tokOp:
		switch t.text {
		case "==", "!=", "<", "<=", ">", ">=":
			p.next()
			return t.text
		}
	case t.kind == tokName && t.text == "in":
		p.next()
		return "in"
	case t.kind == tokName && t.text == "not":
		if n := p.peek(1); n.kind == tokName && n.text == "in" {
			p.next()
			p.next()
			return "not in"
		}
	case t.kind == tokName && t.text == "is":
		p.next()
		if p.isKw("not") {
			p.next()
			return "is not"
		}
		return "is"
	}
	return ""
}

// parseBinary parses a left-associative chain of binary operators drawn from ops.
func (p *parser) parseBinary(ops []string, operand func() Expr) Expr {
	startTok := p.tok()
	x := operand()
	for {
		t := p.tok()
		if t.kind != tokOp || !contains(ops, t.text) {
			return x
		}
		p.next()
		if t.text == "@" {
			p.notSupported(tokPos(t), "the '@' operator")
		}
		y := operand()
		x = &BinOp{Pos: tokPos(startTok), Op: t.text, X: x, Y: y}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

var (
	bitOrOps  = []string{"|"}
	bitXorOps = []string{"^"}
	bitAndOps = []string{"&"}
	shiftOps  = []string{"<<", ">>"}
	sumOps    = []string{"+", "-"}
	termOps   = []string{"*", "/", "//", "%", "@"}
)

func (p *parser) parseBitwiseOr() Expr  { return p.parseBinary(bitOrOps, p.parseBitwiseXor) }
func (p *parser) parseBitwiseXor() Expr { return p.parseBinary(bitXorOps, p.parseBitwiseAnd) }
func (p *parser) parseBitwiseAnd() Expr { return p.parseBinary(bitAndOps, p.parseShift) }
func (p *parser) parseShift() Expr      { return p.parseBinary(shiftOps, p.parseSum) }
func (p *parser) parseSum() Expr        { return p.parseBinary(sumOps, p.parseTerm) }
func (p *parser) parseTerm() Expr       { return p.parseBinary(termOps, p.parseFactor) }

// parseFactor parses unary `-x`, `+x`, `~x`.
func (p *parser) parseFactor() Expr {
	t := p.tok()
	if t.kind == tokOp && (t.text == "-" || t.text == "+" || t.text == "~") {
		p.next()
		p.enter()
		x := p.parseFactor()
		p.leave()
		return &UnaryOp{Pos: tokPos(t), Op: t.text, X: x}
	}
	return p.parsePower()
}

// parsePower parses `x ** y`. The right operand is a factor, so '**' is right-associative
// and binds more tightly than a unary minus on its left: -2**2 is -(2**2).
func (p *parser) parsePower() Expr {
	startTok := p.tok()
	x := p.parseAwaitPrimary()
	if p.isOp("**") {
		p.next()
		p.enter()
		y := p.parseFactor()
		p.leave()
		return &BinOp{Pos: tokPos(startTok), Op: "**", X: x, Y: y}
	}
	return x
}

// parseAwaitPrimary parses `await x` (outside the subset) or a primary.
func (p *parser) parseAwaitPrimary() Expr {
	if p.isKw("await") {
		t := p.next()
		p.parsePrimary()
		p.notSupported(tokPos(t), "'await'")
		return &unsupportedExpr{Pos: tokPos(t), name: "await expression"}
	}
	return p.parsePrimary()
}

// parsePrimary parses an atom followed by attribute accesses, calls and subscripts.
func (p *parser) parsePrimary() Expr {
	startTok := p.tok()
	pos := tokPos(startTok)
	x := p.parseAtom()
	for {
		switch {
		case p.isOp("."):
			p.next()
			name := p.expectName()
			x = &Attribute{Pos: pos, X: x, Name: name.text}
		case p.isOp("("):
			p.next()
			call := &Call{Pos: pos, Func: x}
			p.parseArgs(call)
			p.expectOp(")")
			x = call
		case p.isOp("["):
			p.next()
			x = &Subscript{Pos: pos, X: x, Index: p.parseSlices()}
			p.expectOp("]")
		default:
			return x
		}
	}
}

// parseCallArgs parses call arguments up to the closing parenthesis (not consumed).
func (p *parser) parseCallArgs() *Call {
	call := &Call{}
	p.parseArgs(call)
	return call
}

// parseArgs parses the arguments of a call into call, up to the closing parenthesis.
func (p *parser) parseArgs(call *Call) {
	sawKeyword, sawKwUnpack, positionalAfterKeyword := false, false, false
	for !p.isOp(")") {
		t := p.tok()
		switch {
		case t.kind == tokOp && t.text == "*":
			if sawKwUnpack {
				p.errorAtToken(t, "SyntaxError", "iterable argument unpacking follows keyword argument unpacking")
			}
			p.next()
			x := p.parseExpression()
			p.notSupported(tokPos(t), "'*' arguments")
			call.Args = append(call.Args, &starredExpr{Pos: tokPos(t), X: x})
		case t.kind == tokOp && t.text == "**":
			p.next()
			p.parseExpression()
			p.notSupported(tokPos(t), "'**' arguments")
			sawKeyword, sawKwUnpack = true, true
		case (isName(t) || t.text == "True" || t.text == "False" || t.text == "None") && p.peekIs(1, "="):
			if !isName(t) {
				p.errorAtToken(t, "SyntaxError", "cannot assign to "+t.text)
			}
			p.next()
			p.next()
			v := p.parseExpression()
			if p.isKw("for") {
				p.errorAtToken(t, "SyntaxError", "invalid syntax. Maybe you meant '==' or ':=' instead of '='?")
			}
			call.Keywords = append(call.Keywords, Keyword{Pos: tokPos(t), Name: t.text, Value: v})
			sawKeyword = true
		default:
			var e Expr
			if isName(t) && p.peekIs(1, ":=") {
				e = p.parseWalrus()
			} else {
				e = p.parseExpression()
			}
			if p.isOp("=") {
				p.errorAtNode(e, "expression cannot contain assignment, perhaps you meant \"==\"?")
			}
			if p.isKw("for") || p.isKw("async") && p.peek(1).kind == tokName && p.peek(1).text == "for" {
				p.parseForIfClauses()
				if len(call.Args) > 0 || len(call.Keywords) > 0 || !p.isOp(")") {
					p.errorAtNode(e, "Generator expression must be parenthesized")
				}
				p.notSupported(e.Position(), "generator expressions")
				e = &unsupportedExpr{Pos: e.Position(), name: "generator expression"}
			}
			if sawKeyword {
				positionalAfterKeyword = true
			}
			call.Args = append(call.Args, e)
		}
		if !p.isOp(",") {
			break
		}
		p.next()
	}
	if positionalAfterKeyword {
		if sawKwUnpack {
			p.errorAtLast("SyntaxError", "positional argument follows keyword argument unpacking")
		}
		p.errorAtLast("SyntaxError", "positional argument follows keyword argument")
	}
}

// parseSlices parses what is inside the brackets of a subscript: an index, a slice
// `lo:hi:step`, or several of them making a tuple (`d[1, 2]`).
func (p *parser) parseSlices() Expr {
	first := p.parseSliceItem()
	if !p.isOp(",") {
		return first
	}
	elts := []Expr{first}
	for p.isOp(",") {
		p.next()
		if p.isOp("]") {
			break
		}
		elts = append(elts, p.parseSliceItem())
	}
	for _, e := range elts {
		if _, ok := e.(*Slice); ok {
			p.notSupported(e.Position(), "extended slicing")
		}
	}
	return &TupleLit{Pos: first.Position(), Elts: elts}
}

// parseSliceItem parses one index or slice.
func (p *parser) parseSliceItem() Expr {
	startTok := p.tok()
	if p.isOp("*") {
		p.next()
		x := p.parseExpression()
		p.notSupported(tokPos(startTok), "starred expressions")
		return &starredExpr{Pos: tokPos(startTok), X: x}
	}
	var lo Expr
	if !p.isOp(":") {
		if isName(startTok) && p.peekIs(1, ":=") {
			return p.parseWalrus()
		}
		start := p.pos
		lo = p.parseExpression()
		if !p.isOp(":") {
			p.finishNamedExpression(lo, start)
			return lo
		}
	}
	p.next() // ':'
	s := &Slice{Pos: tokPos(startTok), Lo: lo}
	if p.startsExpression(false) {
		s.Hi = p.parseExpression()
	}
	if p.isOp(":") {
		p.next()
		if p.startsExpression(false) {
			s.Step = p.parseExpression()
		}
	}
	return s
}

// ---- Atoms ----

// parseAtom parses a name, a literal, or a bracketed display.
func (p *parser) parseAtom() Expr {
	t := p.tok()
	pos := tokPos(t)
	switch t.kind {
	case tokName:
		switch t.text {
		case "True", "False":
			p.next()
			return &BoolLit{Pos: pos, Value: t.text == "True"}
		case "None":
			p.next()
			return &NoneLit{Pos: pos}
		}
		if keywords[t.text] {
			p.fail()
		}
		p.next()
		return &Name{Pos: pos, Id: t.text}
	case tokNumber:
		p.next()
		v, msg := parseNumber(t.text)
		if msg != "" {
			p.raiseAlways(p.newError("SyntaxError", msg, t.line, -1))
		}
		switch {
		case v.isImag:
			p.notSupported(pos, "complex numbers")
			return &unsupportedExpr{Pos: pos, name: "literal"}
		case v.isFloat:
			return &FloatLit{Pos: pos, Value: v.floatVal}
		}
		return &IntLit{Pos: pos, Value: v.intVal}
	case tokString:
		return p.parseStrings()
	case tokOp:
		switch t.text {
		case "(":
			return p.parseParenAtom()
		case "[":
			return p.parseListAtom()
		case "{":
			return p.parseBraceAtom()
		case "...":
			p.next()
			p.notSupported(pos, "'...' (Ellipsis)")
			return &unsupportedExpr{Pos: pos, name: "ellipsis"}
		}
	}
	p.fail()
	return nil
}

// parseStrings parses adjacent string literals and concatenates them.
func (p *parser) parseStrings() Expr {
	first := p.tok()
	var toks []*token
	for p.tok().kind == tokString {
		toks = append(toks, p.next())
	}
	var b strings.Builder
	bytesMode, anyF := false, false
	last := &p.toks[p.maxFetched]
	for i, t := range toks {
		sv := decodeString(t.text)
		if sv.err != "" {
			if sv.isBytes {
				p.raiseAlways(p.newError("SyntaxError", sv.err, t.line, t.errCol))
			}
			p.raiseAlways(p.newError("SyntaxError", sv.err, last.line, last.errCol))
		}
		if i > 0 && sv.isBytes != bytesMode {
			p.raiseAlways(p.newError("SyntaxError", "cannot mix bytes and nonbytes literals", last.line, last.errCol))
		}
		bytesMode = sv.isBytes
		anyF = anyF || sv.isF
		if sv.notImpl != "" {
			p.notSupported(tokPos(t), sv.notImpl)
		}
		b.WriteString(sv.value)
	}
	pos := tokPos(first)
	switch {
	case bytesMode:
		p.notSupported(pos, "bytes literals")
		return &unsupportedExpr{Pos: pos, name: "literal"}
	case anyF:
		p.notSupported(pos, "f-strings")
		return &unsupportedExpr{Pos: pos, name: "f-string expression"}
	}
	return &StrLit{Pos: pos, Value: b.String()}
}

// isForClauseStart tells whether a comprehension's `for` (or `async for`) starts here.
func (p *parser) isForClauseStart() bool {
	return p.isKw("for") || p.isKw("async") && p.peek(1).kind == tokName && p.peek(1).text == "for"
}

// parseParenAtom parses `()`, a parenthesized expression, a tuple display or a
// generator expression.
func (p *parser) parseParenAtom() Expr {
	lp := p.next()
	pos := tokPos(lp)
	if p.isOp(")") {
		p.next()
		tup := &TupleLit{Pos: pos}
		p.parens[tup] = true
		return tup
	}
	if p.isKw("yield") {
		y := p.parseYieldExpr()
		p.expectOp(")")
		return y
	}
	if p.isOp("**") {
		star := p.tok()
		if p.speculate(false, func() {
			p.next()
			p.parseExpression()
			p.expectOp(")")
		}) {
			p.errorAtToken(star, "SyntaxError", "cannot use double starred expression here")
		}
		p.fail()
	}
	p.enter()
	defer p.leave()
	first := p.parseStarNamedExpression()
	_, starred := first.(*starredExpr)
	if p.isForClauseStart() {
		if starred {
			p.errorAtNode(first, "iterable unpacking cannot be used in comprehension")
		}
		p.parseForIfClauses()
		p.expectOp(")")
		p.notSupported(pos, "generator expressions")
		return &unsupportedExpr{Pos: pos, name: "generator expression"}
	}
	if p.isOp(",") {
		elts := []Expr{first}
		for p.isOp(",") {
			p.next()
			if p.isOp(")") {
				break
			}
			elts = append(elts, p.parseStarNamedExpression())
		}
		p.expectOp(")")
		tup := &TupleLit{Pos: pos, Elts: elts}
		p.parens[tup] = true
		return tup
	}
	if starred && p.isOp(")") {
		p.errorAtNode(first, "cannot use starred expression here")
	}
	p.expectOp(")")
	p.parens[first] = true
	return first
}

// parseListAtom parses a list display or a list comprehension.
func (p *parser) parseListAtom() Expr {
	lb := p.next()
	pos := tokPos(lb)
	if p.isOp("]") {
		p.next()
		return &ListLit{Pos: pos}
	}
	p.enter()
	defer p.leave()
	first := p.parseStarNamedExpression()
	if p.isForClauseStart() {
		if _, starred := first.(*starredExpr); starred {
			p.errorAtNode(first, "iterable unpacking cannot be used in comprehension")
		}
		p.parseForIfClauses()
		p.expectOp("]")
		p.notSupported(pos, "list comprehensions")
		return &unsupportedExpr{Pos: pos, name: "list comprehension"}
	}
	elts := p.parseDisplayRest(first, "]")
	return &ListLit{Pos: pos, Elts: elts}
}

// parseDisplayRest parses the elements after the first one of a list or set display, up
// to and including the closing bracket.
func (p *parser) parseDisplayRest(first Expr, closing string) []Expr {
	elts := []Expr{first}
	for p.isOp(",") {
		p.next()
		if p.isOp(closing) {
			break
		}
		elts = append(elts, p.parseStarNamedExpression())
	}
	if p.isForClauseStart() {
		p.errorAtNode(first, "did you forget parentheses around the comprehension target?")
	}
	p.expectOp(closing)
	return elts
}

// parseBraceAtom parses a dict display, or a set display or comprehension (outside the
// subset).
func (p *parser) parseBraceAtom() Expr {
	lb := p.next()
	pos := tokPos(lb)
	if p.isOp("}") {
		p.next()
		return &DictLit{Pos: pos}
	}
	p.enter()
	defer p.leave()
	d := &DictLit{Pos: pos}
	if p.isOp("**") {
		p.parseDictUnpacking()
	} else {
		key := p.parseStarNamedExpression()
		if !p.isOp(":") {
			// A set.
			if p.isForClauseStart() {
				if _, starred := key.(*starredExpr); starred {
					p.errorAtNode(key, "iterable unpacking cannot be used in comprehension")
				}
				p.parseForIfClauses()
				p.expectOp("}")
				p.notSupported(pos, "set comprehensions")
				return &unsupportedExpr{Pos: pos, name: "set comprehension"}
			}
			p.parseDisplayRest(key, "}")
			p.notSupported(pos, "set displays")
			return &unsupportedExpr{Pos: pos, name: "set display"}
		}
		value := p.parseDictValue()
		if p.isForClauseStart() {
			p.parseForIfClauses()
			p.expectOp("}")
			p.notSupported(pos, "dict comprehensions")
			return &unsupportedExpr{Pos: pos, name: "dict comprehension"}
		}
		d.Keys = append(d.Keys, key)
		d.Values = append(d.Values, value)
	}
	for p.isOp(",") {
		p.next()
		if p.isOp("}") {
			break
		}
		if p.isOp("**") {
			p.parseDictUnpacking()
			continue
		}
		key := p.parseExpression()
		if !p.isOp(":") {
			// CPython points at the last character of the key.
			last := &p.toks[p.pos-1]
			kpos := key.Position()
			p.raise(p.newError("SyntaxError", "':' expected after dictionary key", kpos.Line, last.endCol-1))
		}
		d.Keys = append(d.Keys, key)
		d.Values = append(d.Values, p.parseDictValue())
	}
	p.expectOp("}")
	return d
}

// parseDictValue parses the ':' and the value of a key-value pair.
func (p *parser) parseDictValue() Expr {
	colon := p.next()
	if p.isOp("}") || p.isOp(",") {
		p.errorAtToken(colon, "SyntaxError", "expression expected after dictionary key and ':'")
	}
	if p.isOp("*") {
		p.errorAtToken(p.tok(), "SyntaxError", "cannot use a starred expression in a dictionary value")
	}
	return p.parseExpression()
}

// parseDictUnpacking parses `**mapping` in a dict display, outside the subset.
func (p *parser) parseDictUnpacking() {
	t := p.next()
	p.parseBitwiseOr()
	p.notSupported(tokPos(t), "'**' in dict displays")
}

// parseForIfClauses parses the `for x in y if c` clauses of a comprehension.
func (p *parser) parseForIfClauses() {
	for p.isForClauseStart() {
		if p.isKw("async") {
			p.next()
		}
		p.next() // 'for'
		start := p.pos
		if !p.attempt(func() {
			p.parseStarTargets()
			if !p.isKw("in") {
				p.fail()
			}
		}) {
			p.diagnoseForTarget(start)
		}
		p.next() // 'in'
		p.parseDisjunction()
		for p.isKw("if") {
			p.next()
			p.parseDisjunction()
		}
	}
}

// ---- Targets ----

// targetKind selects the rules of invalidTarget.
type targetKind int

const (
	starTargets targetKind = iota // after '=' or 'as'
	forTargets                    // after 'for'
	delTargets                    // after 'del'
)

// invalidTarget returns the part of e that cannot be assigned to (or deleted), or nil
// when e is a valid target. It follows CPython's _PyPegen_get_invalid_target.
func invalidTarget(e Expr, kind targetKind) Expr {
	switch x := e.(type) {
	case *ListLit:
		for _, elt := range x.Elts {
			if bad := invalidTarget(elt, kind); bad != nil {
				return bad
			}
		}
		return nil
	case *TupleLit:
		for _, elt := range x.Elts {
			if bad := invalidTarget(elt, kind); bad != nil {
				return bad
			}
		}
		return nil
	case *starredExpr:
		if kind == delTargets {
			return e
		}
		return invalidTarget(x.X, kind)
	case *Compare:
		// In `for x in y`, the `x in y` part reads as a comparison.
		if kind == forTargets {
			if x.Ops[0] == "in" {
				return invalidTarget(x.First, kind)
			}
			return nil
		}
		return e
	case *Name, *Subscript, *Attribute:
		return nil
	}
	return e
}

// exprName is CPython's name for a kind of expression in error messages.
func (p *parser) exprName(e Expr) string {
	switch x := e.(type) {
	case *Attribute:
		return "attribute"
	case *Subscript:
		return "subscript"
	case *starredExpr:
		return "starred"
	case *Name:
		return "name"
	case *ListLit:
		return "list"
	case *TupleLit:
		return "tuple"
	case *Call:
		return "function call"
	case *BoolOp, *BinOp, *UnaryOp:
		return "expression"
	case *DictLit:
		return "dict literal"
	case *BoolLit:
		if x.Value {
			return "True"
		}
		return "False"
	case *NoneLit:
		return "None"
	case *IntLit, *FloatLit, *StrLit:
		return "literal"
	case *Compare:
		return "comparison"
	case *IfExp:
		return "conditional expression"
	case *unsupportedExpr:
		return x.name
	}
	return "expression"
}
