# list_extend presizes from a length hint (exactly when the list has no array yet); split, *x and l *= n each size their own way
import sys
def sz(x): return sys.getsizeof(x)
print(sz(list(iter([1, 2, 3, 4, 5]))), sz(list(iter(range(20)))), sz(list(x for x in range(20))))
print(sz(list({1: 2, 3: 4, 5: 6})), sz(list('abcdefg')), sz(list(range(7))), sz(list({1, 2, 3})))
print(sz(sorted([3, 1, 2])), sz(sorted(range(5))), sz(sorted(x for x in range(13))), sz(sorted('hello')))
a = [1, 2]
a.extend(iter(range(20)))
print(sz(a))
c = []
c += (1, 2, 3)
print(sz(c))
print(sz(list(map(str, range(11)))), sz(list(zip(range(5), range(5)))), sz(list(enumerate('abc'))))
print(sz([*range(5)]), sz([*range(5), 1]), sz([1, *[2, 3]]))
print(sz(list(reversed([1, 2, 3, 4, 5]))))
print(sz('a b c d e'.split()), sz('a,b'.split(',', 1)), sz(' '.join('abcdefghijklmn').split()), sz('a\nb'.splitlines()))
l = [1]; l.pop(); l.extend([1, 2, 3]); print(sz(l))
l = [1]; l.clear(); l.extend([1, 2, 3]); print(sz(l))
l = [1, 2]; del l[:]; l.extend([1, 2, 3]); print(sz(l))
l = [1, 2]; l *= 3; print(sz(l))
l = [1, 2, 3]; l *= 5; print(sz(l))
x = 1
print(sz([1, -2, 3]), sz([1, 2, 3 + 4]), sz(['a', 'b', None]), sz([(1, 2), 3, 4]), sz([x, x, x]), sz([*[], 1]))
print(sz([x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x]))
print(sz(list(iter({1, 2, 3}))), sz(list({1: 1}.items())), sz(list(iter('abc'))), sz(list(b'abc')))
