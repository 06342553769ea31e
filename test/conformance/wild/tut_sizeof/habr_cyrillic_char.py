# Source: https://qna.habr.com/q/565035
# Adapted: IPython cell became print().
import sys
print(sys.getsizeof('ж'))
