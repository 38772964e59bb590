package interp

import "unicode"

// CPython 3.11 ends an uncaught NameError or AttributeError with ". Did you mean: 'x'?" when a
// known name is close to the missing one. The closeness test below follows CPython's
// Python/suggestions.c: a Levenshtein distance where changing only the case of a letter costs 1
// and any other edit costs 2, accepting a candidate when at most about a third of the characters
// involved need changing.

const (
	suggestMoveCost      = 2
	suggestCaseCost      = 1
	suggestMaxStringSize = 40
	suggestMaxCandidates = 750
)

// cpythonBuiltinNames is CPython 3.11's builtins namespace in its dictionary order: the
// candidates a NameError suggestion is drawn from once locals and globals gave none. Names
// metajit does not implement are included because CPython would suggest them too.
var cpythonBuiltinNames = []string{
	"__name__", "__doc__", "__package__", "__loader__", "__spec__", "__build_class__",
	"__import__", "abs", "all", "any", "ascii", "bin", "breakpoint", "callable", "chr",
	"compile", "delattr", "dir", "divmod", "eval", "exec", "format", "getattr", "globals",
	"hasattr", "hash", "hex", "id", "input", "isinstance", "issubclass", "iter", "aiter", "len",
	"locals", "max", "min", "next", "anext", "oct", "ord", "pow", "print", "repr", "round",
	"setattr", "sorted", "sum", "vars", "None", "Ellipsis", "NotImplemented", "False", "True",
	"bool", "memoryview", "bytearray", "bytes", "classmethod", "complex", "dict", "enumerate",
	"filter", "float", "frozenset", "property", "int", "list", "map", "object", "range",
	"reversed", "set", "slice", "staticmethod", "str", "super", "tuple", "type", "zip",
	"__debug__", "BaseException", "BaseExceptionGroup", "Exception", "GeneratorExit",
	"KeyboardInterrupt", "SystemExit", "ArithmeticError", "AssertionError", "AttributeError",
	"BufferError", "EOFError", "ImportError", "LookupError", "MemoryError", "NameError",
	"OSError", "ReferenceError", "RuntimeError", "StopAsyncIteration", "StopIteration",
	"SyntaxError", "SystemError", "TypeError", "ValueError", "Warning", "FloatingPointError",
	"OverflowError", "ZeroDivisionError", "BytesWarning", "DeprecationWarning",
	"EncodingWarning", "FutureWarning", "ImportWarning", "PendingDeprecationWarning",
	"ResourceWarning", "RuntimeWarning", "SyntaxWarning", "UnicodeWarning", "UserWarning",
	"BlockingIOError", "ChildProcessError", "ConnectionError", "FileExistsError",
	"FileNotFoundError", "InterruptedError", "IsADirectoryError", "NotADirectoryError",
	"PermissionError", "ProcessLookupError", "TimeoutError", "IndentationError", "IndexError",
	"KeyError", "ModuleNotFoundError", "NotImplementedError", "RecursionError",
	"UnboundLocalError", "UnicodeError", "BrokenPipeError", "ConnectionAbortedError",
	"ConnectionRefusedError", "ConnectionResetError", "TabError", "UnicodeDecodeError",
	"UnicodeEncodeError", "UnicodeTranslateError", "ExceptionGroup", "EnvironmentError",
	"IOError", "open", "quit", "exit", "copyright", "credits", "license", "help",
}

// suggest returns the candidate closest to name, or "" when none is close enough.
func suggest(name string, candidates []string) string {
	if len(candidates) >= suggestMaxCandidates || len(name) > suggestMaxStringSize {
		return ""
	}
	best, bestDistance := "", int(^uint(0)>>1)
	for _, c := range candidates {
		if c == name {
			continue
		}
		maxDistance := (len(name) + len(c) + 3) * suggestMoveCost / 6
		maxDistance = min(maxDistance, bestDistance-1)
		d := levenshtein(name, c, maxDistance)
		if d > maxDistance {
			continue
		}
		if best == "" || d < bestDistance {
			best, bestDistance = c, d
		}
	}
	return best
}

func substitutionCost(a, b byte) int {
	if a == b {
		return 0
	}
	if unicode.ToLower(rune(a)) == unicode.ToLower(rune(b)) {
		return suggestCaseCost
	}
	return suggestMoveCost
}

// levenshtein computes the weighted edit distance between a and b, giving up (returning
// maxCost+1) as soon as it must exceed maxCost. It works on bytes, as CPython's does on UTF-8.
func levenshtein(a, b string, maxCost int) int {
	for len(a) > 0 && len(b) > 0 && a[0] == b[0] {
		a, b = a[1:], b[1:]
	}
	for len(a) > 0 && len(b) > 0 && a[len(a)-1] == b[len(b)-1] {
		a, b = a[:len(a)-1], b[:len(b)-1]
	}
	if len(a) == 0 || len(b) == 0 {
		return (len(a) + len(b)) * suggestMoveCost
	}
	if len(a) > suggestMaxStringSize || len(b) > suggestMaxStringSize {
		return maxCost + 1
	}
	if len(b) < len(a) {
		a, b = b, a
	}
	if (len(b)-len(a))*suggestMoveCost > maxCost {
		return maxCost + 1
	}
	// One row of the classic dynamic-programming matrix, updated in place.
	var row [suggestMaxStringSize]int
	for i := range a {
		row[i] = (i + 1) * suggestMoveCost
	}
	result := 0
	for bi := 0; bi < len(b); bi++ {
		distance := bi * suggestMoveCost
		result = distance
		minimum := int(^uint(0) >> 1)
		for ai := 0; ai < len(a); ai++ {
			substitute := distance + substitutionCost(b[bi], a[ai])
			distance = row[ai]
			insertDelete := min(result, distance) + suggestMoveCost
			result = min(insertDelete, substitute)
			row[ai] = result
			minimum = min(minimum, result)
		}
		if minimum > maxCost {
			return maxCost + 1
		}
	}
	return result
}
