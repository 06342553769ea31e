# Source: https://learnpythontutorial.blogspot.com/2015/03/gcgetthreshold-python-tutorial_23.html
# Adapted: REPL echo became print().
#gc.get_threshold()
import gc
print(gc.get_threshold())
