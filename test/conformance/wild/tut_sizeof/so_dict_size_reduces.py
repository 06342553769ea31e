# Source: https://stackoverflow.com/questions/56313195/dictionary-size-reduces-upon-increasing-one-element
# Adapted: Python 2 print statements became print().
import sys

diii = {'key1':1,'key2':2,'key3':1,'key4':2,'key5':1,'key6':2,'key7':1}
print(sys.getsizeof(diii))

diii = {'key1':1,'key2':2,'key3':1,'key4':2,'key5':1,'key6':2,'key7':1,'key8':2}
print(sys.getsizeof(diii))
