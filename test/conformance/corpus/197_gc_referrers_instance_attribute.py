# An attribute value's referrers include the instance that holds it.
import gc


class Holder:
    pass


value = [1, 2, 3]
h = Holder()
h.value = value
print(len([r for r in gc.get_referrers(value) if r is h]) == 1)
other = Holder()
print(len([r for r in gc.get_referrers(value) if r is other]) == 1)
h.value = None
print(len([r for r in gc.get_referrers(value) if r is h]) == 1)
