# Source: https://github.com/VectorWWW/PythonStudyNotes/blob/HEAD/getrefcountDemo.py
# 查看某个对象的引用计数
# 需要注意的是，当使用某个引用作为参数，传递给getrefcount()时，参数实际上创建了一个临时的引用。因此，getrefcount()所得到的结果，会比期望的多1。
from sys import getrefcount

a = [1, 2, 3]
print(getrefcount(a))

b = [a, a]
print(getrefcount(a))
