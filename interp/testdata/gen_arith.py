# Generates arith_table.txt (run with CPython 3.11: python3 gen_arith.py > arith_table.txt).
import math, sys, operator
M = 2**63 - 1
operands = [0, 1, -1, 7, -7, 2, M, -M-1, 2**63, -2**63-1, 10**20, 2**53+1, True, False,
            0.0, -0.0, 2.5, -0.1, 1e308, math.inf, math.nan, 'ab', [1, 2], (3,), None]

def show(v):
    if isinstance(v, bool) or v is None: return str(v)
    if isinstance(v, (int, float)): return repr(v)
    if isinstance(v, str): return repr(v)
    if isinstance(v, list): return '[' + ', '.join(show(x) for x in v) + ']'
    if isinstance(v, tuple):
        if len(v) == 1: return '(' + show(v[0]) + ',)'
        return '(' + ', '.join(show(x) for x in v) + ')'
    raise Exception('cannot show ' + type(v).__name__)

def res(f):
    try:
        r = f()
    except Exception as e:
        m = str(e)
        return '!' + type(e).__name__ + (': ' + m if m else '')
    if isinstance(r, complex):
        return '~complex'  # metajit has no complex numbers: it raises ValueError instead
    s = show(r)
    if len(s) > 200:
        s = '#len ' + str(len(r))
    return s

binops = [('+', operator.add), ('-', operator.sub), ('*', operator.mul), ('/', operator.truediv),
          ('//', operator.floordiv), ('%', operator.mod), ('**', operator.pow), ('<<', operator.lshift),
          ('>>', operator.rshift), ('&', operator.and_), ('|', operator.or_), ('^', operator.xor),
          ('divmod', divmod)]
unops = [('neg', operator.neg), ('pos', operator.pos), ('invert', operator.invert), ('abs', abs)]

print('# Results of Python operators on pairs of operands, produced by CPython %s' % sys.version.split()[0])
print('# (see arith_test.go). "v N REPR" defines operand N; "OP A B => RESULT" applies OP to')
print('# operands A and B; "!Type: message" is an exception; "~complex" a complex result (which')
print('# metajit, without complex numbers, replaces by ValueError "math domain error").')
for i, v in enumerate(operands):
    print('v', i, show(v))
for name, f in unops:
    for i, a in enumerate(operands):
        print(name, i, '=>', res(lambda: f(a)))
for name, f in binops:
    for i, a in enumerate(operands):
        for j, b in enumerate(operands):
            if name == '%' and isinstance(a, str):
                continue  # printf-style formatting is outside the subset
            if name == '**' and type(a) is int and type(b) is int and b > 5000 and abs(a) > 1:
                continue  # CPython would compute for ages
            if name == '*' and isinstance(a, (str, list, tuple)) and type(b) is int and b > 10**6:
                continue
            if name == '*' and isinstance(b, (str, list, tuple)) and type(a) is int and a > 10**6:
                continue
            print(name, i, j, '=>', res(lambda: f(a, b)))
