# Source: https://git.ipfire.org/gitweb.cgi?a=commitdiff&h=14a05a8f433197c40293028f01797da444fb8409&p=thirdparty%2FPython%2Fcpython.git
# Adapted: the garbage-collector design doc's pycon sessions; echoes became print().
import sys
x = object()
print(sys.getrefcount(x))
y = x
print(sys.getrefcount(x))
del y
print(sys.getrefcount(x))
container = []
container.append(container)
print(sys.getrefcount(container))
del container
import gc
print(gc.get_threshold())
