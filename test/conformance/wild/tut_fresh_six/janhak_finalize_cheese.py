# Source: https://github.com/janhak/fluent-python-notebook-examples
# Adapted: REPL echoes (ender.alive) become prints.
import weakref
s1 = {1, 2, 3}
s2 = s1

def bye():
    print('Gone with the wind...')

# We register a callback on the object referred by s1 
ender = weakref.finalize(s1, bye)

print(ender.alive)

del s1

print(ender.alive)   # the del just deleted the reference not object

s2 = 'spam'   # Boom refcount goes to 0 and callback is triggered
