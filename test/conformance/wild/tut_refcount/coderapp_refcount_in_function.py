# Source: https://coderapp.vercel.app/answer/75630140
import sys

a = [1, 2, 3]

def foo(x):
    print(sys.getrefcount(x))

foo(a) # prints out 4 -- but why?
