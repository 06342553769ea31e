# Source: https://example-a.com/answer/53016100
# Adapted: the question's and answer's REPL sessions (Python 3 lines), echoes became print().
import sys
print(False.__sizeof__())
print(True.__sizeof__())
print(issubclass(bool, int))
print(sys.getsizeof(2**30 - 1), sys.getsizeof(2**30))
