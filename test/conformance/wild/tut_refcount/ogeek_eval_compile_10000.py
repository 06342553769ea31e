# Source: https://ogeek.cn/qa/?qa=738166%2F&show=738167
# Adapted: the answer's Python 2 print statements became print(); its gc.get_referrers line (a REPL-compilation artefact) is left out.
import sys
print(compile("sys.getrefcount(10000)", "<string>", "eval").co_consts)
print(eval("sys.getrefcount(10000)"))
print(eval(compile("sys.getrefcount(10000)", "<string>", "eval")))
