# Source: https://holger-peters.de/delmethod.html
# Adapted: REPL session.
class A(object):
    def __del__(self):
        print("no reference to {}".format(self))

a = A()
b = a
c = a
a = None
b = None
c = None
print("end")
