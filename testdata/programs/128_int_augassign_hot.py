# Every augmented assignment operator on ints, on list elements and on dict values, in a hot loop,
# including operands that cross into big ints and back.
v = 1
xs = [1, 2, 3, 4]
d = {"a": 7, "b": 0}
for i in range(1, 20001):
    v += i
    v *= 3
    v //= 2
    v -= i % 5
    v %= 10 ** 30
    v **= 1
    v ^= i
    v |= 1
    v &= (1 << 100) - 1
    v <<= 2
    v >>= 1
    xs[i % 4] += i
    xs[i % 4] *= 2
    xs[i % 4] %= 1000003
    d["a"] ^= i
    d["b"] -= i % 3
print(v)
print(xs, d)
w = 2
w **= 64
print(w)
w -= 1
w //= 3
print(w)
w >>= 60
print(w)
f = 10
f /= 4
f **= 2
f //= 1
f %= 4
print(f)
k = [1, [2, 3]]
k[1][0] += 40
k[1][1] <<= 70
print(k)
