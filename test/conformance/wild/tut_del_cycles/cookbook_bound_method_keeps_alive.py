# Source: http://icodeguru.com/WebServer/Python-Cookbook/0596001673_pythoncook-chp-5-sect-15.html
# Adapted: the discussion's Python 2 REPL session; print statements became print(), the page's spaced "_ _del_ _" is __del__.
class C:
    def f(self):
        print("Hello")
    def __del__(self):
        print("C dying")

c = C(  )
cf = c.f
del c  # c continues to wander about with glazed eyes...
print("still alive")
del cf # ...until we stake its bound method, only then it goes away:
