# Source: https://stackoverflow.com/questions/45013663/understanding-sys-getrefcount-differences-in-result
# Adapted: the question's REPL lines became print().
import sys
go = 102133333333333333333333333
print(sys.getrefcount(go))
print(sys.getrefcount(102133333333333333333333333))
