# Source: https://articles.orsinium.dev/p/pythonetc/gc-is-finalized/
runner = None
class Lazarus:
    def __del__(self):
        print('destroying')
        global runner
        runner = self

lazarus = Lazarus()
print(lazarus)
# <__main__.Lazarus object at 0x7f853df0a790>
del lazarus
# destroying
print(runner)
# <__main__.Lazarus object at 0x7f853df0a790>
del runner # it will NOT produce "destroying" message
import gc
lazarus = Lazarus()
print(gc.is_finalized(lazarus)) # False
del lazarus
print(gc.is_finalized(runner)) # True
