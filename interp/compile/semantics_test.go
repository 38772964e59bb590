package compile

import (
	"testing"

	"github.com/metajit/metajit/interp/syntax"
)

// Hand-written programs for the corners of the compile schemes, each run on the reference VM
// and in python3 (printed as source) with the outputs compared.

func pr(args ...syntax.Expr) syntax.Stmt { return exprStmt(0, call(nm("print"), args...)) }

// say is a function call that prints its name and returns its value: say('a', 1).
func say(tag string, v syntax.Expr) syntax.Expr { return call(nm("say"), str(tag), v) }

var sayDef = def(0, "say", params("tag", "v"), pr(str("eval"), nm("tag")), ret(0, nm("v")))

func handlers(hs ...syntax.ExceptHandler) []syntax.ExceptHandler { return hs }

func TestSemantics(t *testing.T) {
	divZero := assign(0, nm("z"), bin(num(1), "//", num(0)))
	cases := map[string]*syntax.Module{
		"as-name deleted when the handler raises": module(
			assign(0, nm("ea"), num(7)),
			try(0, block(
				try(0, block(raise(0, call(nm("ValueError"), str("v")))),
					handlers(except(0, nm("ValueError"), "ea", raise(0, call(nm("KeyError"), str("k"))))), nil, nil),
			), handlers(except(0, nm("KeyError"), "", pass(0))), nil, nil),
			pr(nm("ea")),
		),
		"nested clauses with the same as-name": module(
			def(0, "f", nil,
				try(0, block(raise(0, nm("KeyError"))), handlers(except(0, nm("KeyError"), "e",
					try(0, block(raise(0, nm("ValueError"))), handlers(except(0, nm("ValueError"), "e", pr(str("inner")))), nil, nil),
					pr(str("outer")),
				)), nil, nil),
				ret(0, num(1))),
			pr(call(nm("f"))),
			try(0, block(raise(0, nm("KeyError"))), handlers(except(0, nm("KeyError"), "e",
				try(0, block(raise(0, nm("ValueError"))), handlers(except(0, nm("ValueError"), "e", raise(0, nm("IndexError")))), nil, nil),
			)), nil, nil),
		),
		"as-name deleted in a function": module(
			def(0, "f", nil,
				assign(0, nm("e"), num(1)),
				try(0, block(divZero), handlers(except(0, nm("ZeroDivisionError"), "e", pr(nm("e")))), nil, nil),
				ret(0, nm("e"))),
			try(0, block(pr(call(nm("f")))), handlers(except(0, nm("UnboundLocalError"), "u", pr(nm("u")))), nil, nil),
		),
		"return in finally swallows the exception": module(
			def(0, "f", nil, try(0, block(divZero), nil, nil, block(ret(0, num(5))))),
			pr(call(nm("f"))),
		),
		"return in finally overrides a return": module(
			def(0, "f", nil, try(0, block(ret(0, say("try", num(1)))), nil, nil, block(ret(0, say("finally", num(2)))))),
			pr(call(nm("f"))),
		),
		"break in finally swallows the exception": module(
			forStmt(0, nm("i"), call(nm("range"), num(3)), block(
				try(0, block(raise(0, nm("ValueError"))), nil, nil, block(pr(nm("i")), brk(0))),
			), block(pr(str("else")))),
			pr(str("after")),
		),
		"continue in finally swallows the exception": module(
			forStmt(0, nm("i"), call(nm("range"), num(3)), block(
				try(0, block(raise(0, nm("ValueError"))), nil, nil, block(pr(nm("i")), cont(0))),
			), block(pr(str("else")))),
		),
		"return value kept while the finally handles an exception": module(
			def(0, "f", nil, try(0, block(ret(0, say("ret", num(1)))), nil, nil, block(
				try(0, block(divZero), handlers(except(0, nm("ZeroDivisionError"), "e", pr(str("in finally"), nm("e")))), nil, nil),
			))),
			pr(call(nm("f"))),
		),
		"return from a handler inside loops and finally": module(
			def(0, "f", params("n"),
				forStmt(0, nm("i"), call(nm("range"), nm("n")), block(
					while(0, boolean(true), block(
						try(0, block(
							try(0, block(divZero), handlers(except(0, nm("ZeroDivisionError"), "", ret(0, nm("i")))), nil,
								block(pr(str("inner finally")))),
						), nil, nil, block(pr(str("outer finally")))),
					), nil),
				), nil),
				ret(0, neg(num(1)))),
			pr(call(nm("f"), num(2))),
			pr(call(nm("f"), num(0))),
		),
		"bare raise after a nested handled exception": module(
			try(0, block(
				try(0, block(raise(0, call(nm("ValueError"), str("outer")))), handlers(except(0, nil, "",
					try(0, block(raise(0, call(nm("KeyError"), str("inner")))), handlers(except(0, nm("KeyError"), "", pr(str("inner handled")))), nil, nil),
					raise(0, nil),
				)), nil, nil),
			), handlers(except(0, nm("ValueError"), "e", pr(str("got"), nm("e")))), nil, nil),
		),
		"bare raise in a function called from a handler": module(
			def(0, "reraise", nil, raise(0, nil)),
			try(0, block(
				try(0, block(raise(0, call(nm("ValueError"), str("v")))), handlers(except(0, nm("ValueError"), "", exprStmt(0, call(nm("reraise"))))), nil, nil),
			), handlers(except(0, nm("Exception"), "e", pr(str("got"), nm("e")))), nil, nil),
		),
		"exception in else is not handled by its try": module(
			try(0, block(
				try(0, block(pass(0)), handlers(except(0, nm("ZeroDivisionError"), "", pr(str("wrong")))), block(divZero), block(pr(str("finally")))),
			), handlers(except(0, nm("ZeroDivisionError"), "", pr(str("outer")))), nil, nil),
		),
		"exception in a handler runs the finally": module(
			try(0, block(
				try(0, block(divZero), handlers(except(0, nm("ZeroDivisionError"), "", raise(0, nm("KeyError")))), nil, block(pr(str("finally")))),
			), handlers(except(0, nm("KeyError"), "", pr(str("key")))), nil, nil),
		),
		"unmatched exception propagates through finally": module(
			def(0, "f", nil,
				try(0, block(raise(0, call(nm("IndexError"), str("i")))), handlers(
					except(0, tuple(nm("KeyError"), nm("ValueError")), "", pr(str("wrong"))),
				), nil, block(pr(str("finally"))))),
			try(0, block(exprStmt(0, call(nm("f")))), handlers(except(0, nm("IndexError"), "e", pr(str("caught"), nm("e")))), nil, nil),
		),
		"loop else runs without break": module(
			forStmt(0, nm("i"), call(nm("range"), num(2)), block(pr(nm("i"))), block(pr(str("for else")))),
			forStmt(0, nm("i"), call(nm("range"), num(2)), block(brk(0)), block(pr(str("wrong")))),
			assign(0, nm("n"), num(0)),
			while(0, cmp(nm("n"), "<", num(2)), block(augAssign(0, nm("n"), "+", num(1))), block(pr(str("while else")))),
			while(0, boolean(true), block(brk(0)), block(pr(str("wrong")))),
			forStmt(0, tuple(nm("a"), tuple(nm("b"), nm("c"))), list(tuple(num(1), tuple(num(2), num(3)))), block(pr(nm("a"), nm("b"), nm("c"))), nil),
		),
		"chained comparison evaluates each operand once": module(
			sayDef,
			pr(cmp(say("a", num(1)), "<", say("b", num(2)), "<", say("c", num(3)))),
			pr(cmp(say("a", num(1)), "<", say("b", num(0)), "<", say("c", num(3)))),
			pr(cmp(say("a", num(1)), "<", say("b", num(2)), "==", say("c", num(2)), "!=", say("d", num(5)))),
			ifStmt(0, cmp(say("a", num(1)), "<=", say("b", num(1)), ">=", say("c", num(0))), block(pr(str("yes"))), nil),
		),
		"and/or return an operand and short-circuit": module(
			sayDef,
			pr(and(say("a", num(1)), say("b", num(0)), say("c", num(3)))),
			pr(or(say("a", num(0)), say("b", str("")), say("c", num(3)), say("d", num(4)))),
			ifStmt(0, not(or(say("a", num(0)), and(say("b", num(1)), say("c", num(0))))), block(pr(str("yes"))), block(pr(str("no")))),
			pr(ifExp(say("cond", num(0)), say("then", num(1)), say("else", num(2)))),
		),
		"subscript augmented assignment evaluates once": module(
			sayDef,
			assign(0, nm("xs"), list(num(1), num(2), num(3))),
			augAssign(0, sub(say("xs", nm("xs")), say("i", num(1))), "+", say("v", num(10))),
			augAssign(0, sub(nm("xs"), neg(num(1))), "*", num(3)),
			pr(nm("xs")),
			assign(0, nm("ys"), nm("xs")),
			augAssign(0, nm("ys"), "+", list(num(4))),
			pr(nm("xs"), nm("ys")),
		),
		"assignment chains and swaps": module(
			&syntax.Assign{Targets: []syntax.Expr{nm("a"), tuple(nm("b"), nm("c"))}, Value: tuple(num(1), num(2))},
			pr(nm("a"), nm("b"), nm("c")),
			&syntax.Assign{Targets: []syntax.Expr{tuple(nm("b"), nm("c"))}, Value: tuple(nm("c"), nm("b"))},
			pr(nm("b"), nm("c")),
		),
		"defaults evaluated at def time, keywords": module(
			assign(0, nm("d"), num(1)),
			def(0, "f", []syntax.Param{param("a", nil), param("b", nm("d")), param("c", bin(nm("d"), "+", num(1)))},
				ret(0, tuple(nm("a"), nm("b"), nm("c")))),
			assign(0, nm("d"), num(100)),
			pr(call(nm("f"), num(0))),
			pr(callKw(nm("f"), []syntax.Expr{num(0)}, "c", num(5))),
			pr(callKw(nm("f"), nil, "c", num(5), "a", num(6))),
			exprStmt(0, callKw(nm("print"), []syntax.Expr{num(1), num(2)}, "sep", str("-"), "end", str("!\n"))),
		),
		"globals from functions": module(
			assign(0, nm("g"), num(1)),
			def(0, "inc", nil, global(0, "g"), augAssign(0, nm("g"), "+", num(1))),
			def(0, "get", nil, ret(0, nm("g"))),
			exprStmt(0, call(nm("inc"))),
			exprStmt(0, call(nm("inc"))),
			pr(call(nm("get"))),
		),
		"assert": module(
			try(0, block(assert(0, boolean(false), str("msg"))), handlers(except(0, nm("AssertionError"), "e", pr(str("1"), nm("e")))), nil, nil),
			try(0, block(assert(0, num(0), nil)), handlers(except(0, nm("AssertionError"), "e", pr(str("2"), nm("e")))), nil, nil),
			assert(0, num(1), str("no")),
			assert(0, boolean(false), nil),
		),
	}
	var names, srcs []string
	var progs []*Program
	for name, mod := range cases {
		names = append(names, name)
		src := pySource(mod)
		srcs = append(srcs, src)
		p := compileOK(t, mod)
		checkParsesSame(t, src, p)
		progs = append(progs, p)
	}
	want := runPython(t, srcs)
	for i, p := range progs {
		got, err := runVM(p)
		if err != nil {
			t.Errorf("%s: %v", names[i], err)
			continue
		}
		if got != want[i] {
			t.Errorf("%s: output differs from CPython\n--- source\n%s\n--- python3\n%s\n--- vm\n%s\n--- bytecode\n%s",
				names[i], srcs[i], want[i], got, dis(p))
		}
	}
}
