# Source: https://w10schools.com/posts/164012_gc%252Eis_tracked%28%29
# Adapted: the doc's REPL session, echoes became print().
import gc
print(gc.is_tracked(0))
print(gc.is_tracked("a"))
print(gc.is_tracked([]))
print(gc.is_tracked({}))
print(gc.is_tracked({"a": 1}))
print(gc.is_tracked({"a": []}))
