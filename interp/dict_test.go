package interp

import (
	"fmt"
	"math"
	"math/big"
	"testing"
)

func TestDictKeySemantics(t *testing.T) {
	big70, _ := new(big.Int).SetString("1180591620717411303424", 10)
	obRun(t, []obCase{
		{`d = {1: 'a'}; d[1.0] = 'b'; d[True] = 'c'; d`, func() (Value, *Exception) {
			d := obDict(obInt(1), obStr("a"))
			_ = dictObj(d).Set(obFloat(1), obStr("b"))
			_ = dictObj(d).Set(True, obStr("c"))
			return d, nil
		}, "{1: 'c'}"},
		{`d = {0.0: 'a'}; d[-0.0] = 'b'; d[0] = 'c'; d[False]`, func() (Value, *Exception) {
			d := obDict(obFloat(0), obStr("a"))
			_ = dictObj(d).Set(obFloat(math.Copysign(0, -1)), obStr("b"))
			_ = dictObj(d).Set(obInt(0), obStr("c"))
			return GetItem(nil, d, False)
		}, "'c'"},
		{`d = {2**70: 1}; d[2.0**70]`, func() (Value, *Exception) {
			d := obDict(BigInt(big70), obInt(1))
			return GetItem(nil, d, obFloat(math.Ldexp(1, 70)))
		}, "1"},
		{`d = {(1, 'a'): 1, None: 2, 'x': 3, 1.5: 4}; (d[(1.0, 'a')], d[None], d['x'], d[1.5])`, func() (Value, *Exception) {
			d := obDict(obTuple(obInt(1), obStr("a")), obInt(1), None, obInt(2), obStr("x"), obInt(3), obFloat(1.5), obInt(4))
			var out []Value
			for _, k := range []Value{obTuple(obFloat(1), obStr("a")), None, obStr("x"), obFloat(1.5)} {
				v, err := GetItem(nil, d, k)
				if err != nil {
					return Value{}, err
				}
				out = append(out, v)
			}
			return obTuple(out...), nil
		}, "(1, 2, 3, 4)"},
		{`{}['a']`, func() (Value, *Exception) { return GetItem(nil, obDict(), obStr("a")) }, "KeyError: 'a'"},
		{`{}[(1, 2)]`, func() (Value, *Exception) { return GetItem(nil, obDict(), obTuple(obInt(1), obInt(2))) }, "KeyError: (1, 2)"},
		{`{}[[]]`, func() (Value, *Exception) { return GetItem(nil, obDict(), obList()) }, "TypeError: unhashable type: 'list'"},
		{`{}[(1, [])]`, func() (Value, *Exception) { return GetItem(nil, obDict(), obTuple(obInt(1), obList())) }, "TypeError: unhashable type: 'list'"},
		{`x = {}; x[{}] = 1`, func() (Value, *Exception) { return None, SetItem(nil, obDict(), obDict(), obInt(1)) }, "TypeError: unhashable type: 'dict'"},
		{`x = {}; x[{}.keys()] = 1`, func() (Value, *Exception) {
			return None, SetItem(nil, obDict(), NewDictView(NewDict(), ViewKeys), obInt(1))
		}, "TypeError: unhashable type: 'dict_keys'"},
		{`d = {range(3): 1}; d[range(0, 3, 1)]`, func() (Value, *Exception) {
			return GetItem(nil, obDict(NewRange(0, 3, 1), obInt(1)), NewRange(0, 3, 1))
		}, "1"},
	})
}

func TestNumericHashesMatchCPython(t *testing.T) {
	b := func(s string) *big.Int { x, _ := new(big.Int).SetString(s, 10); return x }
	h := func(v Value) int64 {
		x, err := hashValue(v)
		if err != nil {
			t.Fatal(err)
		}
		return x
	}
	for _, c := range []struct {
		got, want int64
		what      string
	}{
		{hashInt(-1), -2, "hash(-1)"},
		{hashBig(b("2305843009213693952")), 1, "hash(2**61)"},
		{hashInt(2305843009213693951), 0, "hash(2**61-1)"},
		{hashBig(b("-2305843009213693952")), -2, "hash(-2**61)"},
		{hashFloat(1.5), 1152921504606846977, "hash(1.5)"},
		{hashFloat(math.Inf(1)), 314159, "hash(inf)"},
		{hashFloat(math.Copysign(0, -1)), 0, "hash(-0.0)"},
		{hashFloat(1e300), 1224995262755759164, "hash(1e300)"},
		{hashFloat(math.Ldexp(1, 70)), hashBig(b("1180591620717411303424")), "hash(2.0**70) == hash(2**70)"},
		{h(obTuple()), 5740354900026072187, "hash(())"},
		{h(obTuple(obInt(1), obInt(2))), -3550055125485641917, "hash((1, 2))"},
		{h(obTuple(obInt(1), obTuple(obInt(2), obInt(3)))), 7267574591690527098, "hash((1, (2, 3)))"},
		{h(True), 1, "hash(True)"},
	} {
		if c.got != c.want {
			t.Errorf("%s = %d, want %d", c.what, c.got, c.want)
		}
	}
}

// TestDictAgainstModel runs many random sets, deletes and lookups against a Go map plus an
// insertion-order list, checking contents and order throughout (including the switch from
// linear search to the hash index and the compactions).
func TestDictAgainstModel(t *testing.T) {
	seed := uint64(7)
	rnd := func(n int) int {
		seed ^= seed << 13
		seed ^= seed >> 7
		seed ^= seed << 17
		return int(seed % uint64(n))
	}
	for _, space := range []int{4, 12, 100, 3000} {
		d := NewDict()
		model := map[string]int64{}
		var order []string
		key := func(k int) (Value, string) {
			if k%2 == 0 {
				return Int(int64(k)), fmt.Sprint(k)
			}
			s := fmt.Sprintf("k%d", k)
			return NewStr(s), "'" + s + "'"
		}
		for step := 0; step < 20000; step++ {
			kv, ks := key(rnd(space))
			switch rnd(3) {
			case 0, 1:
				val := int64(rnd(1000))
				if err := d.Set(kv, Int(val)); err != nil {
					t.Fatal(err)
				}
				if _, ok := model[ks]; !ok {
					order = append(order, ks)
				}
				model[ks] = val
			case 2:
				v, ok, err := d.Delete(kv)
				mv, mok := model[ks]
				if err != nil || ok != mok || (ok && v.Int() != mv) {
					t.Fatalf("delete %s: %v %v, model %v %v", ks, v, ok, mv, mok)
				}
				if mok {
					delete(model, ks)
					for i, o := range order {
						if o == ks {
							order = append(order[:i], order[i+1:]...)
							break
						}
					}
				}
			}
			if d.Len() != len(model) {
				t.Fatalf("len %d, model %d", d.Len(), len(model))
			}
			if step%997 == 0 || step == 19999 {
				i := 0
				for pos := 0; ; i++ {
					var k, v Value
					var ok bool
					if pos, k, v, ok = d.Next(pos); !ok {
						break
					}
					if Repr(k) != order[i] || v.Int() != model[order[i]] {
						t.Fatalf("item %d: %s: %s, want %s", i, Repr(k), Repr(v), order[i])
					}
				}
				if i != len(order) {
					t.Fatalf("iterated %d items, want %d", i, len(order))
				}
			}
		}
	}
}

func TestDictLookupNoAllocs(t *testing.T) {
	d := NewDict()
	for i := 0; i < 100; i++ {
		_ = d.Set(Int(int64(i)), Int(int64(i)))
		_ = d.Set(NewStr(fmt.Sprintf("key%d", i)), Int(int64(i)))
	}
	ik, sk := Int(42), NewStr("key42")
	allocs := testing.AllocsPerRun(100, func() {
		if _, ok, _ := d.Get(ik); !ok {
			t.Fatal("missing int key")
		}
		if _, ok, _ := d.Get(sk); !ok {
			t.Fatal("missing str key")
		}
		_ = d.Set(ik, Int(1))
	})
	if allocs != 0 {
		t.Errorf("dict lookups allocate: %v", allocs)
	}
}

func TestDictMethods(t *testing.T) {
	i, s := obInt, obStr
	ab := func() Value { return obDict(s("a"), i(1), s("b"), i(2)) }
	keep := func(d Value, name string, args ...Value) (Value, *Exception) {
		if _, err := obCall(d, name, args...); err != nil {
			return Value{}, err
		}
		return d, nil
	}
	obRun(t, []obCase{
		{`{'a': 1}.get('a')`, func() (Value, *Exception) { return obCall(ab(), "get", s("a")) }, "1"},
		{`{'a': 1}.get('z')`, func() (Value, *Exception) { return obCall(ab(), "get", s("z")) }, "None"},
		{`{'a': 1}.get('z', 0)`, func() (Value, *Exception) { return obCall(ab(), "get", s("z"), i(0)) }, "0"},
		{`{}.get([])`, func() (Value, *Exception) { return obCall(obDict(), "get", obList()) }, "TypeError: unhashable type: 'list'"},
		{`{'a': 1, 'b': 2}.pop('a')`, func() (Value, *Exception) { return obCall(ab(), "pop", s("a")) }, "1"},
		{`d = {'a': 1, 'b': 2}; d.pop('a'); d`, func() (Value, *Exception) { return keep(ab(), "pop", s("a")) }, "{'b': 2}"},
		{`{'a': 1}.pop('z')`, func() (Value, *Exception) { return obCall(ab(), "pop", s("z")) }, "KeyError: 'z'"},
		{`{'a': 1}.pop('z', None)`, func() (Value, *Exception) { return obCall(ab(), "pop", s("z"), None) }, "None"},
		{`{}.pop([])`, func() (Value, *Exception) { return obCall(obDict(), "pop", obList()) }, "KeyError: []"},
		{`{}.pop([], 1)`, func() (Value, *Exception) { return obCall(obDict(), "pop", obList(), i(1)) }, "1"},
		{`{1: 2}.pop([], 1)`, func() (Value, *Exception) { return obCall(obDict(i(1), i(2)), "pop", obList(), i(1)) }, "TypeError: unhashable type: 'list'"},
		{`{'a': 1, 'b': 2}.popitem()`, func() (Value, *Exception) { return obCall(ab(), "popitem") }, "('b', 2)"},
		{`{}.popitem()`, func() (Value, *Exception) { return obCall(obDict(), "popitem") }, "KeyError: 'popitem(): dictionary is empty'"},
		{`d = {'a': 1, 'b': 2}; d.setdefault('z', []); d`, func() (Value, *Exception) { return keep(ab(), "setdefault", s("z"), obList()) }, "{'a': 1, 'b': 2, 'z': []}"},
		{`{'a': 1}.setdefault('a', 5)`, func() (Value, *Exception) { return obCall(ab(), "setdefault", s("a"), i(5)) }, "1"},
		{`{}.setdefault('x')`, func() (Value, *Exception) { return obCall(obDict(), "setdefault", s("x")) }, "None"},
		{`d = {'a': 1, 'b': 2}; d.update({'b': 3, 'c': 4}); d`, func() (Value, *Exception) {
			return keep(ab(), "update", obDict(s("b"), i(3), s("c"), i(4)))
		}, "{'a': 1, 'b': 3, 'c': 4}"},
		{`d = {'a': 1, 'b': 2}; d.update([('c', 1), ['d', 2], 'ef']); d`, func() (Value, *Exception) {
			return keep(ab(), "update", obList(obTuple(s("c"), i(1)), obList(s("d"), i(2)), s("ef")))
		}, "{'a': 1, 'b': 2, 'c': 1, 'd': 2, 'e': 'f'}"},
		{`d = {}; d.update(x=1, y=2); d`, func() (Value, *Exception) {
			d := obDict()
			_, err := obCallKw(d, "update", obKw("x", i(1), "y", i(2)))
			return d, err
		}, "{'x': 1, 'y': 2}"},
		{`{}.update(1)`, func() (Value, *Exception) { return obCall(obDict(), "update", i(1)) }, "TypeError: 'int' object is not iterable"},
		{`{}.update([1])`, func() (Value, *Exception) { return obCall(obDict(), "update", obList(i(1))) }, "TypeError: cannot convert dictionary update sequence element #0 to a sequence"},
		{`{}.update([(1, 2, 3)])`, func() (Value, *Exception) { return obCall(obDict(), "update", obList(obTuple(i(1), i(2), i(3)))) }, "ValueError: dictionary update sequence element #0 has length 3; 2 is required"},
		{`{}.update([([], 1)])`, func() (Value, *Exception) { return obCall(obDict(), "update", obList(obTuple(obList(), i(1)))) }, "TypeError: unhashable type: 'list'"},
		{`{'a': 1, 'b': 2}.copy()`, func() (Value, *Exception) { return obCall(ab(), "copy") }, "{'a': 1, 'b': 2}"},
		{`d = {'a': 1, 'b': 2}; d.clear(); d`, func() (Value, *Exception) { return keep(ab(), "clear") }, "{}"},
		{`{'a': 1, 'b': 2}.keys()`, func() (Value, *Exception) { return obCall(ab(), "keys") }, "dict_keys(['a', 'b'])"},
		{`{'a': 1, 'b': 2}.values()`, func() (Value, *Exception) { return obCall(ab(), "values") }, "dict_values([1, 2])"},
		{`{'a': 1, 'b': 2}.items()`, func() (Value, *Exception) { return obCall(ab(), "items") }, "dict_items([('a', 1), ('b', 2)])"},
		{`{}.items()`, func() (Value, *Exception) { return obCall(obDict(), "items") }, "dict_items([])"},
		{`d = {'a': 1}; d['b'] = d; d`, func() (Value, *Exception) {
			d := obDict(s("a"), i(1))
			return d, SetItem(nil, d, s("b"), d)
		}, "{'a': 1, 'b': {...}}"},
		{`d = {'a': 1}; d['k'] = d.values(); d`, func() (Value, *Exception) {
			d := obDict(s("a"), i(1))
			return d, SetItem(nil, d, s("k"), NewDictView(dictObj(d), ViewValues))
		}, "{'a': 1, 'k': dict_values([1, ...])}"},
	})
}

func TestDictIterationMutation(t *testing.T) {
	in := &Interp{}
	d := obDict(obInt(1), obInt(1), obInt(2), obInt(2))
	it, _ := GetIter(in, d)
	if v, ok, err := IterNext(in, it); !ok || err != nil || v.Int() != 1 {
		t.Fatalf("first key: %v %v %v", v, ok, err)
	}
	_ = dictObj(d).Set(obInt(3), obInt(3))
	_, _, err := IterNext(in, it)
	if err == nil || err.Error() != "RuntimeError: dictionary changed size during iteration" {
		t.Fatalf("got %v", err)
	}
	// Same size, different keys: CPython notices when an unexpected key shows up.
	d = obDict(obInt(1), obInt(1))
	it, _ = GetIter(in, d)
	_, _, _ = IterNext(in, it)
	_, _, _ = dictObj(d).Delete(obInt(1))
	_ = dictObj(d).Set(obInt(5), obInt(5))
	_, _, err = IterNext(in, it)
	if err == nil || err.Error() != "RuntimeError: dictionary keys changed during iteration" {
		t.Fatalf("got %v", err)
	}
}
