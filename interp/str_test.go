package interp

import (
	"strings"
	"testing"
)

func TestStrBasics(t *testing.T) {
	for _, c := range []struct {
		s     string
		n     int
		ascii bool
	}{{"", 0, true}, {"abc", 3, true}, {"héllo", 5, false}, {"😀x", 2, false}} {
		s := strObj(NewStr(c.s))
		if s.Len() != c.n || s.isASCII() != c.ascii {
			t.Errorf("%q: Len %d ascii %v", c.s, s.Len(), s.isASCII())
		}
	}
	s := strObj(NewStr("héllo"))
	if StrOf(s.At(1)) != "é" || StrOf(s.At(4)) != "o" || s.Substr(1, 3) != "él" {
		t.Error("code point indexing")
	}
	if !Is(NewStr("a"), strObj(NewStr("xa")).At(1)) {
		t.Error("one-character ASCII strings are shared")
	}
}

func TestStrMethods(t *testing.T) {
	s := obStr
	i := obInt
	obRun(t, []obCase{
		{`'Straße'.upper()`, func() (Value, *Exception) { return obCall(s("Straße"), "upper") }, "'STRASSE'"},
		{`'İ'.lower()`, func() (Value, *Exception) { return obCall(s("İ"), "lower") }, "'i̇'"},
		{`'ΣΑΣ ΣΑΣ'.lower()`, func() (Value, *Exception) { return obCall(s("ΣΑΣ ΣΑΣ"), "lower") }, "'σας σας'"},
		{`'AΣ\u0301b'.lower()`, func() (Value, *Exception) { return obCall(s("AΣ\u0301b"), "lower") }, "'aσ́b'"},
		{`"a'Σ".lower()`, func() (Value, *Exception) { return obCall(s("a'Σ"), "lower") }, "\"a'ς\""},
		{`'Hello World'.lower()`, func() (Value, *Exception) { return obCall(s("Hello World"), "lower") }, "'hello world'"},
		{`'ﬁx'.title()`, func() (Value, *Exception) { return obCall(s("ﬁx"), "title") }, "'Fix'"},
		{`"they're bill's".title()`, func() (Value, *Exception) { return obCall(s("they're bill's"), "title") }, "\"They'Re Bill'S\""},
		{`'ΣΣ'.title()`, func() (Value, *Exception) { return obCall(s("ΣΣ"), "title") }, "'Σς'"},
		{`'ßa'.capitalize()`, func() (Value, *Exception) { return obCall(s("ßa"), "capitalize") }, "'Ssa'"},
		{`'HELLO world'.capitalize()`, func() (Value, *Exception) { return obCall(s("HELLO world"), "capitalize") }, "'Hello world'"},
		{`'AΣ '.swapcase()`, func() (Value, *Exception) { return obCall(s("AΣ "), "swapcase") }, "'aς '"},
		{`'ß'.swapcase()`, func() (Value, *Exception) { return obCall(s("ß"), "swapcase") }, "'SS'"},
		{`'ǅ'.isupper()`, func() (Value, *Exception) { return obCall(s("ǅ"), "isupper") }, "False"},
		{`'ǅ'.istitle()`, func() (Value, *Exception) { return obCall(s("ǅ"), "istitle") }, "True"},
		{`'ª'.islower()`, func() (Value, *Exception) { return obCall(s("ª"), "islower") }, "True"},
		{`'123'.isupper()`, func() (Value, *Exception) { return obCall(s("123"), "isupper") }, "False"},
		{`'a1'.islower()`, func() (Value, *Exception) { return obCall(s("a1"), "islower") }, "True"},
		{`'²'.isdigit()`, func() (Value, *Exception) { return obCall(s("²"), "isdigit") }, "True"},
		{`'½'.isdigit()`, func() (Value, *Exception) { return obCall(s("½"), "isdigit") }, "False"},
		{`'一'.isnumeric()`, func() (Value, *Exception) { return obCall(s("一"), "isnumeric") }, "True"},
		{`'٣'.isdecimal()`, func() (Value, *Exception) { return obCall(s("٣"), "isdecimal") }, "True"},
		{`'Ⅻ'.isalnum()`, func() (Value, *Exception) { return obCall(s("Ⅻ"), "isalnum") }, "True"},
		{`'abc'.isalpha()`, func() (Value, *Exception) { return obCall(s("abc"), "isalpha") }, "True"},
		{`''.isdigit()`, func() (Value, *Exception) { return obCall(s(""), "isdigit") }, "False"},
		{`'\x1c\t '.isspace()`, func() (Value, *Exception) { return obCall(s("\x1c\t "), "isspace") }, "True"},
		{`'\n'.isprintable()`, func() (Value, *Exception) { return obCall(s("\n"), "isprintable") }, "False"},
		{`'é'.isascii()`, func() (Value, *Exception) { return obCall(s("é"), "isascii") }, "False"},

		{`','.join(['a', 'b', 'c'])`, func() (Value, *Exception) { return obCall(s(","), "join", obList(s("a"), s("b"), s("c"))) }, "'a,b,c'"},
		{`'x'.join('abc')`, func() (Value, *Exception) { return obCall(s("x"), "join", s("abc")) }, "'axbxc'"},
		{`'x'.join({'a': 1, 'b': 2})`, func() (Value, *Exception) { return obCall(s("x"), "join", obDict(s("a"), i(1), s("b"), i(2))) }, "'axb'"},
		{`'-'.join(('é',))`, func() (Value, *Exception) { return obCall(s("-"), "join", obTuple(s("é"))) }, "'é'"},
		{`''.join([])`, func() (Value, *Exception) { return obCall(s(""), "join", obList()) }, "''"},
		{`''.join(1)`, func() (Value, *Exception) { return obCall(s(""), "join", i(1)) }, "TypeError: can only join an iterable"},
		{`','.join(['a', 2])`, func() (Value, *Exception) { return obCall(s(","), "join", obList(s("a"), i(2))) }, "TypeError: sequence item 1: expected str instance, int found"},

		{`'  a  b  '.split()`, func() (Value, *Exception) { return obCall(s("  a  b  "), "split") }, "['a', 'b']"},
		{`'  a  b  '.split(None, 1)`, func() (Value, *Exception) { return obCall(s("  a  b  "), "split", None, i(1)) }, "['a', 'b  ']"},
		{`'  a  b  '.rsplit(None, 1)`, func() (Value, *Exception) { return obCall(s("  a  b  "), "rsplit", None, i(1)) }, "['  a', 'b']"},
		{`'  abc  '.split(None, 0)`, func() (Value, *Exception) { return obCall(s("  abc  "), "split", None, i(0)) }, "['abc  ']"},
		{`'  abc  '.rsplit(None, 0)`, func() (Value, *Exception) { return obCall(s("  abc  "), "rsplit", None, i(0)) }, "['  abc']"},
		{`'a\x1cb\x85c'.split()`, func() (Value, *Exception) { return obCall(s("a\x1cb\u0085c"), "split") }, "['a', 'b', 'c']"},
		{`'a,b,,c'.split(',')`, func() (Value, *Exception) { return obCall(s("a,b,,c"), "split", s(",")) }, "['a', 'b', '', 'c']"},
		{`'a,b,,c'.rsplit(',', 1)`, func() (Value, *Exception) { return obCall(s("a,b,,c"), "rsplit", s(","), i(1)) }, "['a,b,', 'c']"},
		{`'a,b,c'.split(',', maxsplit=1)`, func() (Value, *Exception) { return obCallKw(s("a,b,c"), "split", obKw("maxsplit", i(1)), s(",")) }, "['a', 'b,c']"},
		{`'a b'.split(sep=' ')`, func() (Value, *Exception) { return obCallKw(s("a b"), "split", obKw("sep", s(" "))) }, "['a', 'b']"},
		{`' a b '.split(' ')`, func() (Value, *Exception) { return obCall(s(" a b "), "split", s(" ")) }, "['', 'a', 'b', '']"},
		{`''.split()`, func() (Value, *Exception) { return obCall(s(""), "split") }, "[]"},
		{`''.split(',')`, func() (Value, *Exception) { return obCall(s(""), "split", s(",")) }, "['']"},
		{`'a  b'.split(None, -5)`, func() (Value, *Exception) { return obCall(s("a  b"), "split", None, i(-5)) }, "['a', 'b']"},
		{`''.split('')`, func() (Value, *Exception) { return obCall(s(""), "split", s("")) }, "ValueError: empty separator"},
		{`''.split(1)`, func() (Value, *Exception) { return obCall(s(""), "split", i(1)) }, "TypeError: must be str or None, not int"},
		{`''.split('a', 'b')`, func() (Value, *Exception) { return obCall(s(""), "split", s("a"), s("b")) }, "TypeError: 'str' object cannot be interpreted as an integer"},
		{`'a\nb\r\nc\n'.splitlines()`, func() (Value, *Exception) { return obCall(s("a\nb\r\nc\n"), "splitlines") }, "['a', 'b', 'c']"},
		{`'a\nb\r\nc\n'.splitlines(True)`, func() (Value, *Exception) { return obCall(s("a\nb\r\nc\n"), "splitlines", True) }, "['a\\n', 'b\\r\\n', 'c\\n']"},
		{`'a\u2028b\x0bc'.splitlines()`, func() (Value, *Exception) { return obCall(s("a\u2028b\x0bc"), "splitlines") }, "['a', 'b', 'c']"},

		{`'  x \n'.strip()`, func() (Value, *Exception) { return obCall(s("  x \n"), "strip") }, "'x'"},
		{`'xxhixx'.strip('x')`, func() (Value, *Exception) { return obCall(s("xxhixx"), "strip", s("x")) }, "'hi'"},
		{`'xxhixx'.lstrip('x')`, func() (Value, *Exception) { return obCall(s("xxhixx"), "lstrip", s("x")) }, "'hixx'"},
		{`'abc'.rstrip('cb')`, func() (Value, *Exception) { return obCall(s("abc"), "rstrip", s("cb")) }, "'a'"},
		{`'a\xa0'.strip(None)`, func() (Value, *Exception) { return obCall(s("a\u00a0"), "strip", None) }, "'a'"},
		{`'éaé'.strip('é')`, func() (Value, *Exception) { return obCall(s("éaé"), "strip", s("é")) }, "'a'"},
		{`''.strip(1)`, func() (Value, *Exception) { return obCall(s(""), "strip", i(1)) }, "TypeError: strip arg must be None or str"},
		{`''.rstrip(1)`, func() (Value, *Exception) { return obCall(s(""), "rstrip", i(1)) }, "TypeError: rstrip arg must be None or str"},

		{`'abc'.startswith('')`, func() (Value, *Exception) { return obCall(s("abc"), "startswith", s("")) }, "True"},
		{`'abc'.startswith('', 4)`, func() (Value, *Exception) { return obCall(s("abc"), "startswith", s(""), i(4)) }, "False"},
		{`'abc'.startswith('', 3)`, func() (Value, *Exception) { return obCall(s("abc"), "startswith", s(""), i(3)) }, "True"},
		{`'abc'.startswith('b', -2)`, func() (Value, *Exception) { return obCall(s("abc"), "startswith", s("b"), i(-2)) }, "True"},
		{`'abc'.startswith(('x', 'a'))`, func() (Value, *Exception) { return obCall(s("abc"), "startswith", obTuple(s("x"), s("a"))) }, "True"},
		{`'abc'.startswith(('a', 1))`, func() (Value, *Exception) { return obCall(s("abc"), "startswith", obTuple(s("a"), i(1))) }, "True"},
		{`'abc'.startswith((1, 'a'))`, func() (Value, *Exception) { return obCall(s("abc"), "startswith", obTuple(i(1), s("a"))) }, "TypeError: tuple for startswith must only contain str, not int"},
		{`'abc'.startswith(['a'])`, func() (Value, *Exception) { return obCall(s("abc"), "startswith", obList(s("a"))) }, "TypeError: startswith first arg must be str or a tuple of str, not list"},
		{`'abc'.endswith('c', 0, 2)`, func() (Value, *Exception) { return obCall(s("abc"), "endswith", s("c"), i(0), i(2)) }, "False"},
		{`'abc'.endswith(('x', 'c'), 1)`, func() (Value, *Exception) { return obCall(s("abc"), "endswith", obTuple(s("x"), s("c")), i(1)) }, "True"},
		{`'héllo'.endswith('lo', None, None)`, func() (Value, *Exception) { return obCall(s("héllo"), "endswith", s("lo"), None, None) }, "True"},
		{`''.endswith(1)`, func() (Value, *Exception) { return obCall(s(""), "endswith", i(1)) }, "TypeError: endswith first arg must be str or a tuple of str, not int"},
		{`''.startswith('a', 'b')`, func() (Value, *Exception) { return obCall(s(""), "startswith", s("a"), s("b")) }, "TypeError: slice indices must be integers or None or have an __index__ method"},

		{`'éaé'.find('a')`, func() (Value, *Exception) { return obCall(s("éaé"), "find", s("a")) }, "1"},
		{`'éaé'.rfind('é')`, func() (Value, *Exception) { return obCall(s("éaé"), "rfind", s("é")) }, "2"},
		{`'abc'.find('', 10)`, func() (Value, *Exception) { return obCall(s("abc"), "find", s(""), i(10)) }, "-1"},
		{`'abc'.find('', 3)`, func() (Value, *Exception) { return obCall(s("abc"), "find", s(""), i(3)) }, "3"},
		{`'abc'.rfind('', 1, 2)`, func() (Value, *Exception) { return obCall(s("abc"), "rfind", s(""), i(1), i(2)) }, "2"},
		{`'abc'.find('c', -1)`, func() (Value, *Exception) { return obCall(s("abc"), "find", s("c"), i(-1)) }, "2"},
		{`'abc'.find('b', -2**70, 2**70)`, func() (Value, *Exception) {
			return obCall(s("abc"), "find", s("b"), obBig("-1180591620717411303424"), obBig("1180591620717411303424"))
		}, "1"},
		{`'abc'.index('c', 0, 2)`, func() (Value, *Exception) { return obCall(s("abc"), "index", s("c"), i(0), i(2)) }, "ValueError: substring not found"},
		{`'éaé'.index('a', 1)`, func() (Value, *Exception) { return obCall(s("éaé"), "index", s("a"), i(1)) }, "1"},
		{`'abcb'.rindex('b')`, func() (Value, *Exception) { return obCall(s("abcb"), "rindex", s("b")) }, "3"},
		{`'abc'.rindex('z')`, func() (Value, *Exception) { return obCall(s("abc"), "rindex", s("z")) }, "ValueError: substring not found"},
		{`''.find(1)`, func() (Value, *Exception) { return obCall(s(""), "find", i(1)) }, "TypeError: must be str, not int"},
		{`''.find('a', 1.5)`, func() (Value, *Exception) { return obCall(s(""), "find", s("a"), obFloat(1.5)) }, "TypeError: slice indices must be integers or None or have an __index__ method"},

		{`'abc'.count('')`, func() (Value, *Exception) { return obCall(s("abc"), "count", s("")) }, "4"},
		{`'abc'.count('', 1)`, func() (Value, *Exception) { return obCall(s("abc"), "count", s(""), i(1)) }, "3"},
		{`'aaa'.count('', 10)`, func() (Value, *Exception) { return obCall(s("aaa"), "count", s(""), i(10)) }, "0"},
		{`'aaa'.count('', 2, 1)`, func() (Value, *Exception) { return obCall(s("aaa"), "count", s(""), i(2), i(1)) }, "0"},
		{`'aaaa'.count('aa')`, func() (Value, *Exception) { return obCall(s("aaaa"), "count", s("aa")) }, "2"},
		{`'aaa'.count('a', -2)`, func() (Value, *Exception) { return obCall(s("aaa"), "count", s("a"), i(-2)) }, "2"},
		{`'éaé'.count('é', 1)`, func() (Value, *Exception) { return obCall(s("éaé"), "count", s("é"), i(1)) }, "1"},

		{`'aaa'.replace('', '-')`, func() (Value, *Exception) { return obCall(s("aaa"), "replace", s(""), s("-")) }, "'-a-a-a-'"},
		{`'aaa'.replace('', '-', 2)`, func() (Value, *Exception) { return obCall(s("aaa"), "replace", s(""), s("-"), i(2)) }, "'-a-aa'"},
		{`'abcb'.replace('b', 'x', 1)`, func() (Value, *Exception) { return obCall(s("abcb"), "replace", s("b"), s("x"), i(1)) }, "'axcb'"},
		{`'abc'.replace('b', 'x', -5)`, func() (Value, *Exception) { return obCall(s("abc"), "replace", s("b"), s("x"), i(-5)) }, "'axc'"},
		{`'abc'.replace('b', 'x', 0)`, func() (Value, *Exception) { return obCall(s("abc"), "replace", s("b"), s("x"), i(0)) }, "'abc'"},
		{`'aaa'.replace('a', '')`, func() (Value, *Exception) { return obCall(s("aaa"), "replace", s("a"), s("")) }, "''"},
		{`''.replace(1, 'a')`, func() (Value, *Exception) { return obCall(s(""), "replace", i(1), s("a")) }, "TypeError: replace() argument 1 must be str, not int"},
		{`''.replace('a', 1)`, func() (Value, *Exception) { return obCall(s(""), "replace", s("a"), i(1)) }, "TypeError: replace() argument 2 must be str, not int"},
		{`''.replace('a', 'b', 'c')`, func() (Value, *Exception) { return obCall(s(""), "replace", s("a"), s("b"), s("c")) }, "TypeError: 'str' object cannot be interpreted as an integer"},

		{`'a,b,c'.partition(',')`, func() (Value, *Exception) { return obCall(s("a,b,c"), "partition", s(",")) }, "('a', ',', 'b,c')"},
		{`'a,b,c'.rpartition(',')`, func() (Value, *Exception) { return obCall(s("a,b,c"), "rpartition", s(",")) }, "('a,b', ',', 'c')"},
		{`'abc'.partition('x')`, func() (Value, *Exception) { return obCall(s("abc"), "partition", s("x")) }, "('abc', '', '')"},
		{`'abc'.rpartition('x')`, func() (Value, *Exception) { return obCall(s("abc"), "rpartition", s("x")) }, "('', '', 'abc')"},
		{`''.partition('')`, func() (Value, *Exception) { return obCall(s(""), "partition", s("")) }, "ValueError: empty separator"},
		{`''.partition(1)`, func() (Value, *Exception) { return obCall(s(""), "partition", i(1)) }, "TypeError: must be str, not int"},

		{`'A'.center(4)`, func() (Value, *Exception) { return obCall(s("A"), "center", i(4)) }, "' A  '"},
		{`'AB'.center(5)`, func() (Value, *Exception) { return obCall(s("AB"), "center", i(5)) }, "'  AB '"},
		{`'ABC'.center(8, '_')`, func() (Value, *Exception) { return obCall(s("ABC"), "center", i(8), s("_")) }, "'__ABC___'"},
		{`'é'.ljust(3, '*')`, func() (Value, *Exception) { return obCall(s("é"), "ljust", i(3), s("*")) }, "'é**'"},
		{`'ab'.rjust(5)`, func() (Value, *Exception) { return obCall(s("ab"), "rjust", i(5)) }, "'   ab'"},
		{`'abc'.rjust(2)`, func() (Value, *Exception) { return obCall(s("abc"), "rjust", i(2)) }, "'abc'"},
		{`'-12'.zfill(5)`, func() (Value, *Exception) { return obCall(s("-12"), "zfill", i(5)) }, "'-0012'"},
		{`'+12'.zfill(6)`, func() (Value, *Exception) { return obCall(s("+12"), "zfill", i(6)) }, "'+00012'"},
		{`''.zfill(3)`, func() (Value, *Exception) { return obCall(s(""), "zfill", i(3)) }, "'000'"},
		{`'x'.zfill('a')`, func() (Value, *Exception) { return obCall(s("x"), "zfill", s("a")) }, "TypeError: 'str' object cannot be interpreted as an integer"},
		{`'abc'.removeprefix('ab')`, func() (Value, *Exception) { return obCall(s("abc"), "removeprefix", s("ab")) }, "'c'"},
		{`'abc'.removesuffix('bc')`, func() (Value, *Exception) { return obCall(s("abc"), "removesuffix", s("bc")) }, "'a'"},
		{`''.removeprefix(1)`, func() (Value, *Exception) { return obCall(s(""), "removeprefix", i(1)) }, "TypeError: removeprefix() argument must be str, not int"},
		{`'ß'.casefold()`, func() (Value, *Exception) { return obCall(s("ß"), "casefold") }, "'ss'"},
	})
}

func TestStrCasefoldTable(t *testing.T) {
	obRun(t, []obCase{
		{`'Σςσᏸ'.casefold()`, func() (Value, *Exception) { return obCall(obStr("Σςσᏸ"), "casefold") }, "'σσσᏰ'"},
		{`'İAbc'.casefold()`, func() (Value, *Exception) { return obCall(obStr("İAbc"), "casefold") }, "'i̇abc'"},
	})
}

// TestConcatInPlace checks that appending in place to a string's buffer never changes a
// string that already exists.
func TestConcatInPlace(t *testing.T) {
	in := &Interp{}
	add := func(a, b Value) Value {
		v, err := ConcatSeq(in, a, b)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	base := add(NewStr(strings.Repeat("x", 70)), NewStr("!")) // has a buffer
	b := add(base, NewStr("1"))                               // appends in place
	c := add(base, NewStr("2"))                               // must not overwrite b's "1"
	d := add(b, NewStr("3"))
	if StrOf(base) != strings.Repeat("x", 70)+"!" || StrOf(b) != StrOf(base)+"1" ||
		StrOf(c) != StrOf(base)+"2" || StrOf(d) != StrOf(base)+"13" {
		t.Fatalf("aliasing: %q %q %q %q", StrOf(base), StrOf(b), StrOf(c), StrOf(d))
	}
	s := NewStr("")
	want := ""
	for i := 0; i < 5000; i++ {
		piece := NewStr(string(rune('a' + i%26)))
		s = add(s, piece)
		want += string(rune('a' + i%26))
	}
	if StrOf(s) != want || strObj(s).Len() != 5000 {
		t.Fatal("built string differs")
	}
	if strObj(s).buf == nil {
		t.Error("a long concatenation result should have a buffer")
	}
}
