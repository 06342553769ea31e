# Functions are objects too: names and containers referencing them count.
import sys


def handler():
    return "handled"


before = sys.getrefcount(handler)
table = {"on_click": handler, "on_key": handler}
alias = handler
print(sys.getrefcount(handler) - before)
print(table["on_key"](), alias is handler)
del table["on_click"]
print(sys.getrefcount(handler) - before)
