# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_super.py#L311
# Adapted: TestSuper.test_super_init_leaks as top-level code, then test_property's test_refleaks_in___init__ (L178) with sys.getrefcount of the property's strings in place of the debug build's gettotalrefcount; the leak checks become prints.
import sys

# Issue #26718: super.__init__ leaked memory if called multiple times.
sp = super(float, 1.0)
for i in range(1000):
    super.__init__(sp, int, i)
print(sp.__thisclass__, sp.__self__)

fake_prop = property('fget', 'fset', 'fdel', 'doc')
refs_before = sys.getrefcount('fget')
for i in range(100):
    fake_prop.__init__('fget', 'fset', 'fdel', 'doc')
print(sys.getrefcount('fget') - refs_before)
