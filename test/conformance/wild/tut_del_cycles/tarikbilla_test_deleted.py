# Source: https://tarikbilla.com/?p=117165
# Adapted: Python 2 REPL session; print statement became print().
class Test:
    def __del__(self):
        print("deleted")

test = Test()
del test
