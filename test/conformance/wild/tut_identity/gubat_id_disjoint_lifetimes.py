# Source: https://wiki.gubat.org/content/stackoverflow.com_en_all_2023-11/questions/61623752/id-and-is-operator-applied-to-lists-in-python
# Adapted: the answer's expressions, printed.
def f():
    return id([1, 2, 3]) == id([1, 2, 3])
print(f())
print(id([1, 2, 3]) == id([4, 5, 6]))
