package interp

// Python's dict: an insertion-ordered hash table, laid out like CPython's compact dict.
//
// entries holds the items in insertion order (a deleted item leaves a hole, so positions stay
// valid for iterators); index is an open-addressing table of positions into entries, probed
// with CPython's perturbation scheme. Small dicts (up to smallDict entries) have no index and
// are searched linearly, which is faster than hashing into a table for a handful of keys.
//
// Keys follow Python's rules: 1, 1.0 and True are the same key, so numbers hash by value with
// CPython's numeric hash (hash(x) == hash(y) whenever x == y across int, bool, big int and
// float). Lookups of int and str keys compare unboxed and never allocate.

import (
	"hash/maphash"
	"math"
	"math/big"
)

// Dict is a Python dict. The zero Dict is an empty dict ready to use.
type Dict struct {
	entries []dictEntry
	index   []int32 // nil while len(entries) <= smallDict; else a power-of-two table
	used    int     // live entries (len(d))
	fill    int     // index slots not empty (live or dummy): probing ends at an empty slot
}

// dictEntry is one item; a deleted item has key.kind == KindUnbound.
type dictEntry struct {
	hash  int64
	key   Value
	value Value
}

const (
	smallDict  = 8  // dicts with at most this many entries have no index
	slotEmpty  = -1 // an index slot never used
	slotDummy  = -2 // an index slot whose entry was deleted
	minIndexSz = 16
)

// NewDict returns a new empty dict.
func NewDict() *Dict { return &Dict{} }

// DictValue wraps a *Dict as a value.
func DictValue(d *Dict) Value { return Value{kind: KindDict, ref: d} }

// dictObj returns the *Dict of a KindDict value.
func dictObj(v Value) *Dict { return v.ref.(*Dict) }

// Len returns the number of items.
func (d *Dict) Len() int { return d.used }

// Get returns the value stored under key. It fails only for an unhashable key.
func (d *Dict) Get(key Value) (Value, bool, *Exception) {
	h, err := hashValue(key)
	if err != nil {
		return Value{}, false, err
	}
	i, err := d.find(key, h)
	if err != nil || i < 0 {
		return Value{}, false, err
	}
	return d.entries[i].value, true, nil
}

// Set stores v under key (replacing the value, but not the key, of an equal key already
// there). It fails only for an unhashable key.
func (d *Dict) Set(key, v Value) *Exception {
	h, err := hashValue(key)
	if err != nil {
		return err
	}
	return d.setHashed(key, h, v)
}

func (d *Dict) setHashed(key Value, h int64, v Value) *Exception {
	i, err := d.find(key, h)
	if err != nil {
		return err
	}
	if i >= 0 {
		d.entries[i].value = v
		return nil
	}
	d.entries = append(d.entries, dictEntry{hash: h, key: key, value: v})
	d.used++
	if d.index == nil {
		if len(d.entries) > smallDict {
			d.rebuild()
		}
		return nil
	}
	d.insertSlot(h, int32(len(d.entries)-1))
	// Grow before the table gets crowded, and compact when deletions left many holes.
	if 3*d.fill >= 2*len(d.index) || len(d.entries) > 2*d.used+smallDict {
		d.rebuild()
	}
	return nil
}

// Delete removes key, returning its value and whether it was there.
func (d *Dict) Delete(key Value) (Value, bool, *Exception) {
	h, err := hashValue(key)
	if err != nil {
		return Value{}, false, err
	}
	i, err := d.find(key, h)
	if err != nil || i < 0 {
		return Value{}, false, err
	}
	return d.deleteAt(i), true, nil
}

// deleteAt removes the entry at position i and returns its value.
func (d *Dict) deleteAt(i int) Value {
	e := &d.entries[i]
	v := e.value
	if d.index != nil {
		d.index[d.slotOf(e.hash, int32(i))] = slotDummy
	}
	*e = dictEntry{}
	d.used--
	return v
}

// Clear removes every item.
func (d *Dict) Clear() { *d = Dict{} }

// Copy returns a shallow copy.
func (d *Dict) Copy() *Dict {
	c := &Dict{entries: make([]dictEntry, 0, d.used), used: d.used}
	for _, e := range d.entries {
		if e.key.kind != KindUnbound {
			c.entries = append(c.entries, e)
		}
	}
	if len(c.entries) > smallDict {
		c.rebuild()
	}
	return c
}

// Next supports iteration in insertion order: starting from pos 0, it returns the next item
// at or after position pos and the position to continue from. Items deleted meanwhile are
// skipped; ok is false at the end.
func (d *Dict) Next(pos int) (next int, key, value Value, ok bool) {
	for ; pos < len(d.entries); pos++ {
		if e := &d.entries[pos]; e.key.kind != KindUnbound {
			return pos + 1, e.key, e.value, true
		}
	}
	return pos, Value{}, Value{}, false
}

// Keys returns the keys in insertion order.
func (d *Dict) Keys() []Value {
	out := make([]Value, 0, d.used)
	for _, e := range d.entries {
		if e.key.kind != KindUnbound {
			out = append(out, e.key)
		}
	}
	return out
}

// Values returns the values in insertion order.
func (d *Dict) Values() []Value {
	out := make([]Value, 0, d.used)
	for _, e := range d.entries {
		if e.key.kind != KindUnbound {
			out = append(out, e.value)
		}
	}
	return out
}

// find returns the position of key (with hash h) in entries, or -1.
func (d *Dict) find(key Value, h int64) (int, *Exception) {
	if d.index == nil {
		for i := range d.entries {
			e := &d.entries[i]
			if e.hash == h && e.key.kind != KindUnbound {
				eq, err := keysEqual(e.key, key)
				if err != nil || eq {
					return i, err
				}
			}
		}
		return -1, nil
	}
	mask := uint64(len(d.index) - 1)
	perturb := uint64(h)
	slot := perturb & mask
	for {
		ix := d.index[slot]
		if ix == slotEmpty {
			return -1, nil
		}
		if ix >= 0 {
			e := &d.entries[ix]
			if e.hash == h {
				eq, err := keysEqual(e.key, key)
				if err != nil {
					return -1, err
				}
				if eq {
					return int(ix), nil
				}
			}
		}
		perturb >>= 5
		slot = (slot*5 + perturb + 1) & mask
	}
}

// slotOf returns the index slot that holds entry position pos (whose hash is h).
func (d *Dict) slotOf(h int64, pos int32) uint64 {
	mask := uint64(len(d.index) - 1)
	perturb := uint64(h)
	slot := perturb & mask
	for d.index[slot] != pos {
		perturb >>= 5
		slot = (slot*5 + perturb + 1) & mask
	}
	return slot
}

// insertSlot records entry position pos (hash h) in the first free (empty or dummy) slot of
// its probe sequence.
func (d *Dict) insertSlot(h int64, pos int32) {
	mask := uint64(len(d.index) - 1)
	perturb := uint64(h)
	slot := perturb & mask
	for d.index[slot] >= 0 {
		perturb >>= 5
		slot = (slot*5 + perturb + 1) & mask
	}
	if d.index[slot] == slotEmpty {
		d.fill++
	}
	d.index[slot] = pos
}

// rebuild compacts entries (dropping holes) and makes a fresh index sized for growth.
func (d *Dict) rebuild() {
	if d.used != len(d.entries) {
		live := make([]dictEntry, 0, d.used+d.used/2)
		for _, e := range d.entries {
			if e.key.kind != KindUnbound {
				live = append(live, e)
			}
		}
		d.entries = live
	}
	d.fill = 0
	if len(d.entries) <= smallDict {
		d.index = nil
		return
	}
	size := minIndexSz
	for size < 3*d.used {
		size <<= 1
	}
	d.index = make([]int32, size)
	for i := range d.index {
		d.index[i] = slotEmpty
	}
	for i := range d.entries {
		d.insertSlot(d.entries[i].hash, int32(i))
	}
}

// keysEqual compares two keys with equal hashes: identical, or equal by ==.
func keysEqual(a, b Value) (bool, *Exception) {
	if a.kind == b.kind {
		switch a.kind {
		case KindInt, KindBool, KindNone:
			return a.n == b.n, nil
		case KindStr:
			x, y := a.ref.(*Str), b.ref.(*Str)
			return x == y || x.S == y.S, nil
		case KindFloat:
			return a.n == b.n || a.Float() == b.Float(), nil
		}
	}
	if Is(a, b) {
		return true, nil
	}
	return Equal(nil, a, b)
}

// Hashing, compatible with equality. Numbers use CPython's numeric hash (the value modulo the
// Mersenne prime 2**61-1), so that equal numbers of different types hash alike.

const (
	hashBits    = 61
	hashModulus = 1<<hashBits - 1
	hashInf     = 314159
)

// strSeed seeds the hash of strings (whose values the program never sees).
var strSeed = maphash.MakeSeed()

// hashValue returns the hash of a dict key, or TypeError "unhashable type: 'list'".
func hashValue(v Value) (int64, *Exception) {
	switch v.kind {
	case KindInt, KindBool:
		return hashInt(int64(v.n)), nil
	case KindStr:
		return int64(maphash.String(strSeed, v.ref.(*Str).S)), nil
	case KindFloat:
		return hashFloat(v.Float()), nil
	case KindNone:
		return 0x5f3759df, nil
	case KindBigInt:
		return hashBig(v.Big()), nil
	case KindTuple:
		return hashTuple(tupleObj(v).Items)
	case KindRange:
		return rangeHash(rangeObj(v))
	case KindList, KindDict, KindDictView, KindSlice:
		return 0, Errorf(TypeErrorType, "unhashable type: '%s'", TypeName(v))
	}
	return hashIdentity(v), nil
}

// hashInt is CPython's hash of an int64.
func hashInt(i int64) int64 {
	if i > -hashModulus && i < hashModulus {
		if i == -1 {
			return -2
		}
		return i
	}
	neg := i < 0
	u := uint64(i)
	if neg {
		u = -u
	}
	h := int64(u % hashModulus)
	if neg {
		h = -h
	}
	if h == -1 {
		h = -2
	}
	return h
}

var bigModulus = big.NewInt(hashModulus)

// hashBig is CPython's hash of a big int.
func hashBig(b *big.Int) int64 {
	m := new(big.Int).Abs(b)
	m.Mod(m, bigModulus)
	h := m.Int64()
	if b.Sign() < 0 {
		h = -h
	}
	if h == -1 {
		h = -2
	}
	return h
}

// hashFloat is CPython's _Py_HashDouble: equal to the hash of the int when f is integral.
func hashFloat(f float64) int64 {
	if math.IsInf(f, 0) {
		if f > 0 {
			return hashInf
		}
		return -hashInf
	}
	if f != f {
		return int64(math.Float64bits(f) >> 3) // CPython hashes a nan by identity
	}
	m, e := math.Frexp(f)
	sign := int64(1)
	if m < 0 {
		sign, m = -1, -m
	}
	// Process 28 bits at a time.
	var x uint64
	for m != 0 {
		x = ((x << 28) & hashModulus) | x>>(hashBits-28)
		m *= 268435456.0 // 2**28
		e -= 28
		y := uint64(m)
		m -= float64(y)
		x += y
		if x >= hashModulus {
			x -= hashModulus
		}
	}
	// Adjust for the exponent, reduced modulo hashBits.
	if e >= 0 {
		e %= hashBits
	} else {
		e = hashBits - 1 - ((-1 - e) % hashBits)
	}
	x = ((x << uint(e)) & hashModulus) | x>>(hashBits-uint(e))
	h := int64(x) * sign
	if h == -1 {
		h = -2
	}
	return h
}

// hashTuple is CPython 3.11's tuple hash (xxHash-based).
func hashTuple(items []Value) (int64, *Exception) {
	const (
		prime1 = 11400714785074694791
		prime2 = 14029467366897019727
		prime5 = 2870177450012600261
	)
	acc := uint64(prime5)
	for _, item := range items {
		h, err := hashValue(item)
		if err != nil {
			return 0, err
		}
		acc += uint64(h) * prime2
		acc = acc<<31 | acc>>33
		acc *= prime1
	}
	acc += uint64(len(items)) ^ (prime5 ^ 3527539)
	if acc == math.MaxUint64 {
		return 1546275796, nil
	}
	return int64(acc), nil
}

// hashIdentity hashes objects that are equal only to themselves (functions, types, ...).
func hashIdentity(v Value) int64 {
	return int64(fakeAddress(v.ref) >> 4)
}

// Dict methods.

func dictGet(in *Interp, args []Value, kw *Kwargs) (Value, *Exception) {
	if err := checkPositional("dict.get", "get", args, kw, 1, 2); err != nil {
		return Value{}, err
	}
	v, ok, err := dictObj(args[0]).Get(args[1])
	if err != nil {
		return Value{}, err
	}
	if ok {
		return v, nil
	}
	if len(args) == 3 {
		return args[2], nil
	}
	return None, nil
}

func dictSetdefault(in *Interp, args []Value, kw *Kwargs) (Value, *Exception) {
	if err := checkPositional("dict.setdefault", "setdefault", args, kw, 1, 2); err != nil {
		return Value{}, err
	}
	d := dictObj(args[0])
	v, ok, err := d.Get(args[1])
	if err != nil || ok {
		return v, err
	}
	def := None
	if len(args) == 3 {
		def = args[2]
	}
	return def, d.Set(args[1], def)
}

func dictPop(in *Interp, args []Value, kw *Kwargs) (Value, *Exception) {
	if err := checkPositional("dict.pop", "pop", args, kw, 1, 2); err != nil {
		return Value{}, err
	}
	d := dictObj(args[0])
	if d.used == 0 && len(args) == 3 {
		return args[2], nil // CPython does not even hash the key of an empty dict
	}
	if d.used == 0 {
		return Value{}, keyError(args[1])
	}
	v, ok, err := d.Delete(args[1])
	if err != nil || ok {
		return v, err
	}
	if len(args) == 3 {
		return args[2], nil
	}
	return Value{}, keyError(args[1])
}

// DictFromkeys is dict.fromkeys(iterable[, value]): a dict mapping each item to value
// (None by default).
func DictFromkeys(in *Interp, args []Value, kw *Kwargs) (Value, *Exception) {
	if err := checkPositional("dict.fromkeys", "fromkeys", append([]Value{None}, args...), kw, 1, 2); err != nil {
		return Value{}, err
	}
	value := None
	if len(args) == 2 {
		value = args[1]
	}
	keys, err := Collect(in, args[0])
	if err != nil {
		return Value{}, err
	}
	d := NewDict()
	for _, k := range keys {
		if err := d.Set(k, value); err != nil {
			return Value{}, err
		}
	}
	return DictValue(d), nil
}

// keyError is KeyError(key).
func keyError(key Value) *Exception {
	return &Exception{Type: KeyErrorType, Args: []Value{key}}
}

func dictPopitem(in *Interp, args []Value, kw *Kwargs) (Value, *Exception) {
	if err := methNoArgs("dict.popitem", args, kw); err != nil {
		return Value{}, err
	}
	d := dictObj(args[0])
	if d.used == 0 {
		return Value{}, NewException(KeyErrorType, "popitem(): dictionary is empty")
	}
	// The last item, then drop the holes at the end (as CPython, which keeps LIFO use compact).
	i := len(d.entries) - 1
	for d.entries[i].key.kind == KindUnbound {
		i--
	}
	k := d.entries[i].key
	v := d.deleteAt(i)
	d.entries = d.entries[:i]
	return NewTuple([]Value{k, v}), nil
}

func dictKeys(in *Interp, args []Value, kw *Kwargs) (Value, *Exception) {
	return dictView("dict.keys", args, kw, ViewKeys)
}

func dictValues(in *Interp, args []Value, kw *Kwargs) (Value, *Exception) {
	return dictView("dict.values", args, kw, ViewValues)
}

func dictItems(in *Interp, args []Value, kw *Kwargs) (Value, *Exception) {
	return dictView("dict.items", args, kw, ViewItems)
}

func dictView(qual string, args []Value, kw *Kwargs, what DictViewKind) (Value, *Exception) {
	if err := methNoArgs(qual, args, kw); err != nil {
		return Value{}, err
	}
	return NewDictView(dictObj(args[0]), what), nil
}

// NewDictView returns d.keys(), d.values() or d.items().
func NewDictView(d *Dict, what DictViewKind) Value {
	return Value{kind: KindDictView, ref: &DictView{Dict: d, What: what}}
}

func dictCopy(in *Interp, args []Value, kw *Kwargs) (Value, *Exception) {
	if err := methNoArgs("dict.copy", args, kw); err != nil {
		return Value{}, err
	}
	return DictValue(dictObj(args[0]).Copy()), nil
}

func dictClear(in *Interp, args []Value, kw *Kwargs) (Value, *Exception) {
	if err := methNoArgs("dict.clear", args, kw); err != nil {
		return Value{}, err
	}
	dictObj(args[0]).Clear()
	return None, nil
}

func dictUpdate(in *Interp, args []Value, kw *Kwargs) (Value, *Exception) {
	if len(args) > 2 {
		return Value{}, Errorf(TypeErrorType, "update expected at most 1 argument, got %d", len(args)-1)
	}
	d := dictObj(args[0])
	if len(args) == 2 {
		if err := DictUpdate(in, d, args[1]); err != nil {
			return Value{}, err
		}
	}
	for i, name := range kwNames(kw) {
		if err := d.Set(NewStr(name), kw.Values[i]); err != nil {
			return Value{}, err
		}
	}
	return None, nil
}

// DictUpdate is d.update(other) for one positional argument (also dict(other)): other is a
// dict, or an iterable of key/value pairs.
func DictUpdate(in *Interp, d *Dict, other Value) *Exception {
	if other.kind == KindDict {
		src := dictObj(other)
		for pos := 0; ; {
			var k, v Value
			var ok bool
			if pos, k, v, ok = src.Next(pos); !ok {
				return nil
			}
			h, err := hashValue(k)
			if err != nil {
				return err
			}
			if err := d.setHashed(k, h, v); err != nil {
				return err
			}
		}
	}
	it, err := GetIter(in, other)
	if err != nil {
		return err
	}
	for n := 0; ; n++ {
		item, ok, err := IterNext(in, it)
		if err != nil {
			return err
		}
		if !ok {
			return nil
		}
		if !isIterable(item) {
			return Errorf(TypeErrorType, "cannot convert dictionary update sequence element #%d to a sequence", n)
		}
		pair, err := Collect(in, item)
		if err != nil {
			return err
		}
		if len(pair) != 2 {
			return Errorf(ValueErrorType, "dictionary update sequence element #%d has length %d; 2 is required", n, len(pair))
		}
		if err := d.Set(pair[0], pair[1]); err != nil {
			return err
		}
	}
}

// dictEqual is dict == dict: the same keys with equal values.
func dictEqual(in *Interp, a, b *Dict, depth int) (bool, *Exception) {
	if a.used != b.used {
		return false, nil
	}
	for pos := 0; ; {
		var k, v Value
		var ok bool
		if pos, k, v, ok = a.Next(pos); !ok {
			return true, nil
		}
		w, found, err := b.Get(k)
		if err != nil || !found {
			return false, err
		}
		if Is(v, w) {
			continue
		}
		eq, err := equalDepth(in, v, w, depth+1)
		if err != nil || !eq {
			return false, err
		}
	}
}

// Dict views.

// The classes of the dict views.
var (
	dictKeysType   = &Type{Name: "dict_keys", Base: ObjectType, Kind: KindDictView}
	dictValuesType = &Type{Name: "dict_values", Base: ObjectType, Kind: KindDictView}
	dictItemsType  = &Type{Name: "dict_items", Base: ObjectType, Kind: KindDictView}
)

// Type returns the view's class.
func (v *DictView) Type() *Type {
	switch v.What {
	case ViewKeys:
		return dictKeysType
	case ViewValues:
		return dictValuesType
	}
	return dictItemsType
}

// Len returns the number of items seen through the view.
func (v *DictView) Len() int { return v.Dict.used }

// viewItem returns the item of the view for one entry: its key, its value or a (key, value) tuple.
func (v *DictView) viewItem(k, val Value) Value {
	switch v.What {
	case ViewKeys:
		return k
	case ViewValues:
		return val
	}
	return NewTuple([]Value{k, val})
}

// contains is `x in view`.
func (v *DictView) contains(in *Interp, x Value) (bool, *Exception) {
	switch v.What {
	case ViewKeys:
		_, ok, err := v.Dict.Get(x)
		return ok, err
	case ViewItems:
		if x.kind != KindTuple || len(tupleObj(x).Items) != 2 {
			return false, nil
		}
		kv := tupleObj(x).Items
		val, ok, err := v.Dict.Get(kv[0])
		if err != nil || !ok {
			return false, err
		}
		return equalOrSame(in, val, kv[1])
	}
	for pos := 0; ; {
		var val Value
		var ok bool
		if pos, _, val, ok = v.Dict.Next(pos); !ok {
			return false, nil
		}
		eq, err := equalOrSame(in, val, x)
		if err != nil || eq {
			return eq, err
		}
	}
}

// viewEqual is == between two views: keys and items views compare as sets; values views
// only by identity (as in CPython).
func viewEqual(in *Interp, a, b *DictView) (bool, *Exception) {
	if a.What == ViewValues || b.What == ViewValues || a.What != b.What {
		return a == b, nil
	}
	if a.Len() != b.Len() {
		return false, nil
	}
	for pos := 0; ; {
		var k, val Value
		var ok bool
		if pos, k, val, ok = a.Dict.Next(pos); !ok {
			return true, nil
		}
		found, err := b.contains(in, a.viewItem(k, val))
		if err != nil || !found {
			return false, err
		}
	}
}
