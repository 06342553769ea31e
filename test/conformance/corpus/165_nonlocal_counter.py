# nonlocal rebinds a variable of the enclosing function.
def make():
    count = 0

    def bump(by=1):
        nonlocal count
        count += by
        return count

    return bump


b = make()
print(b(), b(), b(10))
other = make()
print(other(), b())
