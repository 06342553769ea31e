# Source: https://www.pythondoeswhat.com/2015/05/
# Adapted: REPL session; echoes became print().
class Living(object):
   def __del__(self):
      undead_hoard.append(self)

undead_hoard = []
a = Living()
print(undead_hoard)
del a
print(undead_hoard)
del undead_hoard[0]
print(undead_hoard)
undead_hoard = []
print(undead_hoard)
