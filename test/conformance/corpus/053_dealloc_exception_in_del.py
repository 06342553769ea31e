# An exception inside __del__ is printed to stderr as "Exception ignored in" and execution continues.
class Bad:
    def __del__(self):
        print("in __del__")
        raise ValueError("oops")


b = Bad()
del b
print("still running")
