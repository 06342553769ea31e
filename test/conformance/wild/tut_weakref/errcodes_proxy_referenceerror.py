# Source: https://errcodes.dev/python/referenceerror
# Adapted: the page's one-line example laid out on lines; it ends with the uncaught ReferenceError it demonstrates.
import weakref
class MyObj: pass
obj = MyObj()
proxy = weakref.proxy(obj)
del obj # referent collected
print(proxy) # Raises ReferenceError
