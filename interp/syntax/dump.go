package syntax

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Dump renders a syntax tree as canonical, fully parenthesized Python-like text, for
// debugging and tests: every operator application is wrapped in parentheses, so the
// structure the parser chose is visible.
//
//	Dump(parse of "x = -2**2 + a < b < c") == "x = (((-(2 ** 2)) + a) < b < c)"
//
// n may be a *Module, a []Stmt, a Stmt or an Expr (or a Keyword, Param or
// ExceptHandler). Statements are rendered one per line, nested blocks indented by four
// spaces; a Module or []Stmt gives the lines joined by "\n".
func Dump(n any) string {
	var d dumper
	switch n := n.(type) {
	case *Module:
		d.stmts(n.Body, 0)
	case []Stmt:
		d.stmts(n, 0)
	case Stmt:
		d.stmt(n, 0)
	case Expr:
		return dumpExpr(n)
	case Keyword:
		return n.Name + "=" + dumpExpr(n.Value)
	case Param:
		return dumpParam(n)
	case ExceptHandler:
		d.handler(n, 0)
	case nil:
		return "<nil>"
	default:
		return fmt.Sprintf("<%T>", n)
	}
	return strings.TrimSuffix(d.b.String(), "\n")
}

type dumper struct {
	b strings.Builder
}

func (d *dumper) line(indent int, format string, args ...any) {
	d.b.WriteString(strings.Repeat("    ", indent))
	fmt.Fprintf(&d.b, format, args...)
	d.b.WriteByte('\n')
}

func (d *dumper) stmts(body []Stmt, indent int) {
	for _, s := range body {
		d.stmt(s, indent)
	}
}

// block renders a header line and its body.
func (d *dumper) block(indent int, header string, body []Stmt) {
	d.line(indent, "%s:", header)
	if len(body) == 0 {
		d.line(indent+1, "<empty>")
	}
	d.stmts(body, indent+1)
}

func (d *dumper) stmt(s Stmt, indent int) {
	switch s := s.(type) {
	case *ExprStmt:
		d.line(indent, "%s", dumpExpr(s.X))
	case *Assign:
		parts := make([]string, 0, len(s.Targets)+1)
		for _, t := range s.Targets {
			parts = append(parts, dumpExpr(t))
		}
		parts = append(parts, dumpExpr(s.Value))
		d.line(indent, "%s", strings.Join(parts, " = "))
	case *AugAssign:
		d.line(indent, "%s %s= %s", dumpExpr(s.Target), s.Op, dumpExpr(s.Value))
	case *If:
		d.block(indent, "if "+dumpExpr(s.Cond), s.Body)
		if s.Else != nil {
			d.block(indent, "else", s.Else)
		}
	case *While:
		d.block(indent, "while "+dumpExpr(s.Cond), s.Body)
		if s.Else != nil {
			d.block(indent, "else", s.Else)
		}
	case *For:
		d.block(indent, "for "+dumpExpr(s.Target)+" in "+dumpExpr(s.Iter), s.Body)
		if s.Else != nil {
			d.block(indent, "else", s.Else)
		}
	case *Break:
		d.line(indent, "break")
	case *Continue:
		d.line(indent, "continue")
	case *Pass:
		d.line(indent, "pass")
	case *FuncDef:
		params := make([]string, len(s.Params))
		for i, p := range s.Params {
			params[i] = dumpParam(p)
		}
		d.block(indent, "def "+s.Name+"("+strings.Join(params, ", ")+")", s.Body)
	case *Return:
		if s.Value == nil {
			d.line(indent, "return")
		} else {
			d.line(indent, "return %s", dumpExpr(s.Value))
		}
	case *Global:
		d.line(indent, "global %s", strings.Join(s.Names, ", "))
	case *Import:
		d.line(indent, "import %s", strings.Join(s.Names, ", "))
	case *Try:
		d.block(indent, "try", s.Body)
		for _, h := range s.Handlers {
			d.handler(h, indent)
		}
		if s.Else != nil {
			d.block(indent, "else", s.Else)
		}
		if s.Finally != nil {
			d.block(indent, "finally", s.Finally)
		}
	case *Raise:
		if s.Exc == nil {
			d.line(indent, "raise")
		} else {
			d.line(indent, "raise %s", dumpExpr(s.Exc))
		}
	case *Assert:
		if s.Msg == nil {
			d.line(indent, "assert %s", dumpExpr(s.Test))
		} else {
			d.line(indent, "assert %s, %s", dumpExpr(s.Test), dumpExpr(s.Msg))
		}
	case nil:
		d.line(indent, "<nil>")
	default:
		d.line(indent, "<%T>", s)
	}
}

func (d *dumper) handler(h ExceptHandler, indent int) {
	header := "except"
	if h.Type != nil {
		header += " " + dumpExpr(h.Type)
	}
	if h.Name != "" {
		header += " as " + h.Name
	}
	d.block(indent, header, h.Body)
}

func dumpParam(p Param) string {
	if p.Default == nil {
		return p.Name
	}
	return p.Name + "=" + dumpExpr(p.Default)
}

// dumpExpr renders an expression with every operation in parentheses.
func dumpExpr(e Expr) string {
	switch e := e.(type) {
	case nil:
		return "<nil>"
	case *Name:
		return e.Id
	case *IntLit:
		if e.Value == nil {
			return "<nil int>"
		}
		return e.Value.String()
	case *FloatLit:
		return floatRepr(e.Value)
	case *StrLit:
		return strconv.Quote(e.Value)
	case *BoolLit:
		if e.Value {
			return "True"
		}
		return "False"
	case *NoneLit:
		return "None"
	case *UnaryOp:
		if e.Op == "not" {
			return "(not " + dumpExpr(e.X) + ")"
		}
		return "(" + e.Op + dumpExpr(e.X) + ")"
	case *BinOp:
		return "(" + dumpExpr(e.X) + " " + e.Op + " " + dumpExpr(e.Y) + ")"
	case *BoolOp:
		return "(" + joinExprs(e.Values, " "+e.Op+" ") + ")"
	case *Compare:
		var b strings.Builder
		b.WriteString("(" + dumpExpr(e.First))
		for i, op := range e.Ops {
			var rest Expr
			if i < len(e.Rest) {
				rest = e.Rest[i]
			}
			b.WriteString(" " + op + " " + dumpExpr(rest))
		}
		return b.String() + ")"
	case *IfExp:
		return "(" + dumpExpr(e.Then) + " if " + dumpExpr(e.Cond) + " else " + dumpExpr(e.Else) + ")"
	case *Call:
		args := make([]string, 0, len(e.Args)+len(e.Keywords))
		for _, a := range e.Args {
			args = append(args, dumpExpr(a))
		}
		for _, k := range e.Keywords {
			args = append(args, k.Name+"="+dumpExpr(k.Value))
		}
		return dumpExpr(e.Func) + "(" + strings.Join(args, ", ") + ")"
	case *Attribute:
		return dumpExpr(e.X) + "." + e.Name
	case *Subscript:
		return dumpExpr(e.X) + "[" + dumpExpr(e.Index) + "]"
	case *Slice:
		s := dumpOptional(e.Lo) + ":" + dumpOptional(e.Hi)
		if e.Step != nil {
			s += ":" + dumpExpr(e.Step)
		}
		return s
	case *ListLit:
		return "[" + joinExprs(e.Elts, ", ") + "]"
	case *TupleLit:
		if len(e.Elts) == 1 {
			return "(" + dumpExpr(e.Elts[0]) + ",)"
		}
		return "(" + joinExprs(e.Elts, ", ") + ")"
	case *DictLit:
		parts := make([]string, len(e.Keys))
		for i := range e.Keys {
			var v Expr
			if i < len(e.Values) {
				v = e.Values[i]
			}
			parts[i] = dumpExpr(e.Keys[i]) + ": " + dumpExpr(v)
		}
		return "{" + strings.Join(parts, ", ") + "}"
	case *unsupportedExpr:
		return "<" + e.name + ">"
	case *starredExpr:
		return "*" + dumpExpr(e.X)
	}
	return fmt.Sprintf("<%T>", e)
}

func dumpOptional(e Expr) string {
	if e == nil {
		return ""
	}
	return dumpExpr(e)
}

func joinExprs(es []Expr, sep string) string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = dumpExpr(e)
	}
	return strings.Join(parts, sep)
}

// floatRepr formats a float as Python's repr does: the shortest digits that round-trip,
// in positional notation when the exponent is in [-4, 16), else in scientific notation.
func floatRepr(f float64) string {
	switch {
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	case math.IsNaN(f):
		return "nan"
	}
	s := strconv.FormatFloat(f, 'e', -1, 64) // d.ddde±XX
	mant, expStr, _ := strings.Cut(s, "e")
	exp, _ := strconv.Atoi(expStr)
	sign := ""
	if strings.HasPrefix(mant, "-") {
		sign, mant = "-", mant[1:]
	}
	digits := strings.Replace(mant, ".", "", 1)
	if exp < -4 || exp >= 16 {
		m := digits[:1]
		if len(digits) > 1 {
			m += "." + digits[1:]
		}
		es := "+"
		if exp < 0 {
			es, exp = "-", -exp
		}
		return fmt.Sprintf("%s%se%s%02d", sign, m, es, exp)
	}
	if exp < 0 {
		return sign + "0." + strings.Repeat("0", -exp-1) + digits
	}
	if len(digits) <= exp+1 {
		return sign + digits + strings.Repeat("0", exp+1-len(digits)) + ".0"
	}
	return sign + digits[:exp+1] + "." + digits[exp+1:]
}
