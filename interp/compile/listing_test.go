package compile

import (
	"strings"
	"testing"

	"github.com/metajit/metajit/interp/syntax"
)

// checkListing compiles a module and compares its disassembly with want (ignoring newlines
// at either end).
func checkListing(t *testing.T, mod *syntax.Module, want string) {
	t.Helper()
	got := strings.TrimRight(dis(compileOK(t, mod)), "\n")
	want = strings.Trim(want, "\n")
	if got != want {
		t.Errorf("listing differs\n--- got\n%s\n--- want\n%s", got, want)
	}
}

func TestListingChainedCompareAndOr(t *testing.T) {
	checkListing(t, module(
		assign(1, nm("x"), cmp(nm("a"), "<", nm("b"), "<=", nm("c"))),
		assign(2, nm("y"), or(nm("a"), and(nm("b"), nm("c")))),
		assign(3, nm("z"), ifExp(nm("a"), num(1), num(2))),
	), `
  1           0 LOAD_GLOBAL              0 (a)
              1 LOAD_GLOBAL              1 (b)
              2 DUP_TOP
              3 ROT_THREE
              4 COMPARE_LT
              5 JUMP_IF_FALSE_OR_POP     9 (to 9)
              6 LOAD_GLOBAL              2 (c)
              7 COMPARE_LE
              8 JUMP                    11 (to 11)
        >>    9 ROT_TWO
             10 POP_TOP
        >>   11 STORE_GLOBAL             3 (x)

  2          12 LOAD_GLOBAL              0 (a)
             13 JUMP_IF_TRUE_OR_POP     17 (to 17)
             14 LOAD_GLOBAL              1 (b)
             15 JUMP_IF_FALSE_OR_POP    17 (to 17)
             16 LOAD_GLOBAL              2 (c)
        >>   17 STORE_GLOBAL             4 (y)

  3          18 LOAD_GLOBAL              0 (a)
             19 POP_JUMP_IF_FALSE       22 (to 22)
             20 LOAD_CONST               0 (1)
             21 JUMP                    23 (to 23)
        >>   22 LOAD_CONST               1 (2)
        >>   23 STORE_GLOBAL             5 (z)
             24 LOAD_CONST               2 (None)
             25 RETURN_VALUE
`)
}

func TestListingAssignments(t *testing.T) {
	checkListing(t, module(
		&syntax.Assign{Pos: ln(1), Targets: []syntax.Expr{tuple(nm("a"), list(nm("b"), nm("c"))), nm("t")}, Value: nm("v")},
		augAssign(2, sub(nm("xs"), nm("i")), "+", num(2)),
		augAssign(3, nm("n"), "//", num(2)),
		assign(4, sub(nm("xs"), slice(num(1), nil, nil)), nm("v")),
	), `
  1           0 LOAD_GLOBAL              0 (v)
              1 DUP_TOP
              2 UNPACK_SEQUENCE          2
              3 STORE_GLOBAL             1 (a)
              4 UNPACK_SEQUENCE          2
              5 STORE_GLOBAL             2 (b)
              6 STORE_GLOBAL             3 (c)
              7 STORE_GLOBAL             4 (t)

  2           8 LOAD_GLOBAL              5 (xs)
              9 LOAD_GLOBAL              6 (i)
             10 DUP_TOP_TWO
             11 BINARY_SUBSCR
             12 LOAD_CONST               0 (2)
             13 INPLACE_ADD
             14 ROT_THREE
             15 STORE_SUBSCR

  3          16 LOAD_GLOBAL              7 (n)
             17 LOAD_CONST               0 (2)
             18 BINARY_FLOORDIV
             19 STORE_GLOBAL             7 (n)

  4          20 LOAD_GLOBAL              0 (v)
             21 LOAD_GLOBAL              5 (xs)
             22 LOAD_CONST               1 (1)
             23 LOAD_CONST               2 (None)
             24 BUILD_SLICE              2
             25 STORE_SUBSCR
             26 LOAD_CONST               2 (None)
             27 RETURN_VALUE
`)
}

func TestListingCalls(t *testing.T) {
	checkListing(t, module(
		exprStmt(1, call(attr(nm("xs"), "append"), num(1))),
		exprStmt(2, callKw(nm("print"), []syntax.Expr{nm("x")}, "sep", str(""), "end", str(""))),
		exprStmt(3, callKw(attr(nm("d"), "get"), []syntax.Expr{str("k")}, "default", num(0))),
		imp(4, "sys"),
		exprStmt(5, call(nm("len"), attr(nm("sys"), "argv"))),
	), `
  1           0 LOAD_GLOBAL              0 (xs)
              1 LOAD_CONST               0 (1)
              2 CALL_METHOD              1 (append, 1 args)
              3 POP_TOP

  2           4 LOAD_GLOBAL              1 (print)
              5 LOAD_GLOBAL              2 (x)
              6 LOAD_CONST               1 ('')
              7 LOAD_CONST               1 ('')
              8 KW_NAMES                 2 (('sep', 'end'))
              9 CALL                     3
             10 POP_TOP

  3          11 LOAD_GLOBAL              3 (d)
             12 LOAD_CONST               3 ('k')
             13 LOAD_CONST               4 (0)
             14 KW_NAMES                 5 (('default',))
             15 CALL_METHOD            258 (get, 2 args)
             16 POP_TOP

  4          17 IMPORT_NAME              2 (sys)
             18 STORE_GLOBAL             4 (sys)

  5          19 LOAD_GLOBAL              5 (len)
             20 LOAD_GLOBAL              4 (sys)
             21 LOAD_ATTR                3 (argv)
             22 CALL                     1
             23 POP_TOP
             24 LOAD_CONST               6 (None)
             25 RETURN_VALUE
`)
}

func TestListingFunction(t *testing.T) {
	checkListing(t, module(
		def(1, "f", []syntax.Param{param("a", nil), param("b", num(2)), param("c", str("s"))},
			global(2, "g"),
			assign(3, nm("g"), nm("a")),
			assign(4, nm("n"), bin(nm("b"), "+", nm("len"))),
			ifStmt(5, nm("c"), block(ret(6, nm("n"))), nil),
		),
		def(7, "h", nil, ret(8, nil)),
	), `
  1           0 LOAD_CONST               0 (2)
              1 LOAD_CONST               1 ('s')
              2 BUILD_TUPLE              2
              3 MAKE_FUNCTION            2 (<code object f, file "t.py", line 1>)
              4 STORE_GLOBAL             2 (f)

  7           5 MAKE_FUNCTION            3 (<code object h, file "t.py", line 7>)
              6 STORE_GLOBAL             3 (h)
              7 LOAD_CONST               4 (None)
              8 RETURN_VALUE

Disassembly of <code object f, file "t.py", line 1>:
  3           0 LOAD_FAST                0 (a)
              1 STORE_GLOBAL             0 (g)

  4           2 LOAD_FAST                1 (b)
              3 LOAD_GLOBAL              1 (len)
              4 BINARY_ADD
              5 STORE_FAST               3 (n)

  5           6 LOAD_FAST                2 (c)
              7 POP_JUMP_IF_FALSE       10 (to 10)

  6           8 LOAD_FAST                3 (n)
              9 RETURN_VALUE

  5     >>   10 LOAD_CONST               0 (None)
             11 RETURN_VALUE

Disassembly of <code object h, file "t.py", line 7>:
  8           0 LOAD_CONST               0 (None)
              1 RETURN_VALUE
`)
}

func TestListingLoops(t *testing.T) {
	checkListing(t, module(
		def(1, "f", params("a", "b", "c"),
			forStmt(2, tuple(nm("i"), nm("x")), call(nm("enumerate"), nm("a")), block(
				ifStmt(3, nm("x"), block(brk(4)), block(cont(6))),
			), block(ret(8, nm("i")))),
			while(9, not(nm("b")), block(
				ifStmt(10, and(nm("c"), or(nm("a"), nm("b"))), block(brk(11)), nil),
				augAssign(12, nm("b"), "+", num(1)),
			), block(exprStmt(14, call(nm("print"), str("else"))))),
		),
	), `
  1           0 MAKE_FUNCTION            0 (<code object f, file "t.py", line 1>)
              1 STORE_GLOBAL             2 (f)
              2 LOAD_CONST               1 (None)
              3 RETURN_VALUE

Disassembly of <code object f, file "t.py", line 1>:
  2           0 LOAD_GLOBAL              0 (enumerate)
              1 LOAD_FAST                0 (a)
              2 CALL                     1
              3 GET_ITER
        >>    4 FOR_ITER                13 (to 13)
              5 UNPACK_SEQUENCE          2
              6 STORE_FAST               3 (i)
              7 STORE_FAST               4 (x)

  3           8 LOAD_FAST                4 (x)
              9 POP_JUMP_IF_FALSE       12 (to 12)

  4          10 POP_TOP
             11 JUMP                    15 (to 15)

  6     >>   12 JUMP_BACKWARD            4 (to 4)

  8     >>   13 LOAD_FAST                3 (i)
             14 RETURN_VALUE

  9     >>   15 LOAD_FAST                1 (b)
             16 POP_JUMP_IF_TRUE        29 (to 29)

 10          17 LOAD_FAST                2 (c)
             18 POP_JUMP_IF_FALSE       24 (to 24)
             19 LOAD_FAST                0 (a)
             20 POP_JUMP_IF_TRUE        23 (to 23)
             21 LOAD_FAST                1 (b)
             22 POP_JUMP_IF_FALSE       24 (to 24)

 11     >>   23 JUMP                    33 (to 33)

 12     >>   24 LOAD_FAST                1 (b)
             25 LOAD_CONST               0 (1)
             26 INPLACE_ADD
             27 STORE_FAST               1 (b)

  9          28 JUMP_BACKWARD           15 (to 15)

 14     >>   29 LOAD_GLOBAL              1 (print)
             30 LOAD_CONST               1 ('else')
             31 CALL                     1
             32 POP_TOP
        >>   33 LOAD_CONST               2 (None)
             34 RETURN_VALUE

`)
}

func TestListingTryExcept(t *testing.T) {
	checkListing(t, module(
		try(1, block(exprStmt(2, call(nm("f")))),
			[]syntax.ExceptHandler{
				except(3, nm("KeyError"), "", exprStmt(4, call(nm("g")))),
				except(5, tuple(nm("ValueError"), nm("TypeError")), "e", exprStmt(6, call(nm("h"), nm("e")))),
				except(7, nil, "", raise(8, nil)),
			},
			block(exprStmt(10, call(nm("k")))), nil),
	), `
  2           0 LOAD_GLOBAL              0 (f)
              1 CALL                     0
              2 POP_TOP

 10           3 LOAD_GLOBAL              1 (k)
              4 CALL                     0
              5 POP_TOP

  1           6 JUMP                    41 (to 41)

  3     >>    7 PUSH_EXC_INFO
              8 LOAD_GLOBAL              2 (KeyError)
              9 CHECK_EXC_MATCH
             10 POP_JUMP_IF_FALSE       17 (to 17)
             11 POP_TOP

  4          12 LOAD_GLOBAL              3 (g)
             13 CALL                     0
             14 POP_TOP

  3          15 POP_EXCEPT
             16 JUMP                    41 (to 41)

  5     >>   17 LOAD_GLOBAL              4 (ValueError)
             18 LOAD_GLOBAL              5 (TypeError)
             19 BUILD_TUPLE              2
             20 CHECK_EXC_MATCH
             21 POP_JUMP_IF_FALSE       36 (to 36)
             22 STORE_GLOBAL             6 (e)

  6          23 LOAD_GLOBAL              7 (h)
             24 LOAD_GLOBAL              6 (e)
             25 CALL                     1
             26 POP_TOP

  5          27 POP_EXCEPT
             28 LOAD_CONST               0 (None)
             29 STORE_GLOBAL             6 (e)
             30 DELETE_GLOBAL            6 (e)
             31 JUMP                    41 (to 41)
        >>   32 LOAD_CONST               0 (None)
             33 STORE_GLOBAL             6 (e)
             34 DELETE_GLOBAL            6 (e)
             35 RERAISE

  7     >>   36 POP_TOP

  8          37 RAISE_VARARGS            0

  1     >>   38 ROT_TWO
             39 POP_EXCEPT
             40 RERAISE
        >>   41 LOAD_CONST               0 (None)
             42 RETURN_VALUE
ExceptionTable:
  0 to 2 -> 7 [0]
  7 to 14 -> 38 [1]
  17 to 22 -> 38 [1]
  23 to 26 -> 32 [1]
  32 to 37 -> 38 [1]
`)
}

func TestListingTryFinallyUnwinding(t *testing.T) {
	// return, break and continue leaving a try/finally inline its body; the finally body
	// itself breaks or continues, dropping the pending return value.
	checkListing(t, module(
		def(1, "f", params("xs"),
			forStmt(2, nm("x"), nm("xs"), block(
				try(3, block(
					ifStmt(4, nm("x"), block(ret(5, nm("x"))), nil),
					exprStmt(6, call(nm("g"))),
				), nil, nil, block(
					ifStmt(8, nm("x"), block(brk(9)), block(cont(11))),
				)),
			), nil),
		),
	), `
  1           0 MAKE_FUNCTION            0 (<code object f, file "t.py", line 1>)
              1 STORE_GLOBAL             1 (f)
              2 LOAD_CONST               1 (None)
              3 RETURN_VALUE

Disassembly of <code object f, file "t.py", line 1>:
  2           0 LOAD_FAST                0 (xs)
              1 GET_ITER
        >>    2 FOR_ITER                35 (to 35)
              3 STORE_FAST               1 (x)

  4           4 LOAD_FAST                1 (x)
              5 POP_JUMP_IF_FALSE       14 (to 14)

  5           6 LOAD_FAST                1 (x)

  8           7 LOAD_FAST                1 (x)
              8 POP_JUMP_IF_FALSE       12 (to 12)

  9           9 POP_TOP
             10 POP_TOP
             11 JUMP                    35 (to 35)

 11     >>   12 POP_TOP
             13 JUMP_BACKWARD            2 (to 2)

  6     >>   14 LOAD_GLOBAL              0 (g)
             15 CALL                     0
             16 POP_TOP

  8          17 LOAD_FAST                1 (x)
             18 POP_JUMP_IF_FALSE       21 (to 21)

  9          19 POP_TOP
             20 JUMP                    35 (to 35)

 11     >>   21 JUMP_BACKWARD            2 (to 2)

  3     >>   22 PUSH_EXC_INFO

  8          23 LOAD_FAST                1 (x)
             24 POP_JUMP_IF_FALSE       29 (to 29)

  9          25 POP_TOP
             26 POP_EXCEPT
             27 POP_TOP
             28 JUMP                    35 (to 35)

 11     >>   29 POP_TOP
             30 POP_EXCEPT
             31 JUMP_BACKWARD            2 (to 2)

  3     >>   32 ROT_TWO
             33 POP_EXCEPT
             34 RERAISE

  2     >>   35 LOAD_CONST               0 (None)
             36 RETURN_VALUE
ExceptionTable:
  4 to 6 -> 22 [1]
  14 to 16 -> 22 [1]
  22 to 24 -> 32 [2]

`)
}

func TestListingReturnFromHandler(t *testing.T) {
	checkListing(t, module(
		def(1, "f", nil,
			while(2, boolean(true), block(
				try(3, block(exprStmt(4, call(nm("g")))),
					[]syntax.ExceptHandler{except(5, nm("E"), "e", ret(6, nm("e")))}, nil,
					block(exprStmt(8, call(nm("h"))))),
			), nil),
		),
	), `
  1           0 MAKE_FUNCTION            0 (<code object f, file "t.py", line 1>)
              1 STORE_GLOBAL             3 (f)
              2 LOAD_CONST               1 (None)
              3 RETURN_VALUE

Disassembly of <code object f, file "t.py", line 1>:
  2     >>    0 LOAD_CONST               0 (True)
              1 POP_JUMP_IF_FALSE       42 (to 42)

  4           2 LOAD_GLOBAL              0 (g)
              3 CALL                     0
              4 POP_TOP

  3           5 JUMP                    29 (to 29)

  5     >>    6 PUSH_EXC_INFO
              7 LOAD_GLOBAL              1 (E)
              8 CHECK_EXC_MATCH
              9 POP_JUMP_IF_FALSE       25 (to 25)
             10 STORE_FAST               0 (e)

  6          11 LOAD_FAST                0 (e)
             12 ROT_TWO
             13 POP_EXCEPT
             14 LOAD_CONST               1 (None)
             15 STORE_FAST               0 (e)
             16 DELETE_FAST              0 (e)

  8          17 LOAD_GLOBAL              2 (h)
             18 CALL                     0
             19 POP_TOP

  6          20 RETURN_VALUE

  5     >>   21 LOAD_CONST               1 (None)
             22 STORE_FAST               0 (e)
             23 DELETE_FAST              0 (e)
             24 RERAISE
        >>   25 RERAISE

  3     >>   26 ROT_TWO
             27 POP_EXCEPT
             28 RERAISE

  8     >>   29 LOAD_GLOBAL              2 (h)
             30 CALL                     0
             31 POP_TOP

  3          32 JUMP                    41 (to 41)
        >>   33 PUSH_EXC_INFO

  8          34 LOAD_GLOBAL              2 (h)
             35 CALL                     0
             36 POP_TOP

  3          37 RERAISE
        >>   38 ROT_TWO
             39 POP_EXCEPT
             40 RERAISE

  2     >>   41 JUMP_BACKWARD            0 (to 0)
        >>   42 LOAD_CONST               1 (None)
             43 RETURN_VALUE
ExceptionTable:
  2 to 4 -> 6 [0]
  5 to 5 -> 33 [0]
  6 to 10 -> 26 [1]
  11 to 11 -> 21 [1]
  12 to 16 -> 33 [0]
  21 to 25 -> 26 [1]
  26 to 28 -> 33 [0]
  33 to 37 -> 38 [1]
`)
}

func TestListingAssert(t *testing.T) {
	checkListing(t, module(
		assert(1, nm("x"), str("m")),
		assert(2, cmp(nm("x"), ">", num(0)), nil),
		raise(3, call(nm("ValueError"), str("v"))),
	), `
  1           0 LOAD_GLOBAL              0 (x)
              1 POP_JUMP_IF_TRUE         6 (to 6)
              2 LOAD_ASSERTION_ERROR
              3 LOAD_CONST               0 ('m')
              4 CALL                     1
              5 RAISE_VARARGS            1

  2     >>    6 LOAD_GLOBAL              0 (x)
              7 LOAD_CONST               1 (0)
              8 COMPARE_GT
              9 POP_JUMP_IF_TRUE        12 (to 12)
             10 LOAD_ASSERTION_ERROR
             11 RAISE_VARARGS            1

  3     >>   12 LOAD_GLOBAL              1 (ValueError)
             13 LOAD_CONST               2 ('v')
             14 CALL                     1
             15 RAISE_VARARGS            1

`)
}
