# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_sys.py#L1555
# Adapted: the unicode and weakref part of test_objecttypes; each check(obj, expected) prints sys.getsizeof(obj), the value the check compares.
import sys
import weakref

# unicode
# each tuple contains a string and its expected character size
samples = ['1'*100, '\xff'*50,
           '\u0100'*40, '\uffff'*100,
           '\U00010000'*30, '\U0010ffff'*100]
for s in samples:
    print(len(s), ord(max(s)), sys.getsizeof(s))
# verify that the UTF-8 size is accounted for
s = chr(0x4000)   # 4 bytes canonical representation
print(sys.getsizeof(s))
# compile() will trigger the generation of the UTF-8
# representation as a side effect
compile(s, "<stdin>", "eval")
print(sys.getsizeof(s))
# weakref
print(sys.getsizeof(weakref.ref(int)))
# weakcallableproxy
print(sys.getsizeof(weakref.proxy(int)))
