# Source: https://example-a.com/answer/59709291
import weakref

class NumberWord:
  def __init__(self, word):
    self.word = word
  def __repr__(self):
    return self.word

dict = weakref.WeakValueDictionary()

print(f"[A] {len(dict)}")
print(f"dict.get(0) = {dict.get(0)}")
print(f"dict.get(1) = {dict.get(1)}")

list = []
list.append(NumberWord("zero"))
dict[0] = list[0]

print(f"[B] {len(dict)}")
print(f"dict.get(0) = {dict.get(0)}")
print(f"dict.get(1) = {dict.get(1)}")

list.append(NumberWord("one"))
dict[1] = list[1]
print(list)

print(f"[C] {len(dict)}")
print(f"dict.get(0) = {dict.get(0)}")
print(f"dict.get(1) = {dict.get(1)}")

list.pop()
print(list)

print(f"[D] {len(dict)}")
print(f"dict.get(0) = {dict.get(0)}")
print(f"dict.get(1) = {dict.get(1)}")

list.pop()
print(list)

print(f"[E] {len(dict)}")
print(f"dict.get(0) = {dict.get(0)}")
print(f"dict.get(1) = {dict.get(1)}")
