# *args collects positional arguments into a tuple, **kwargs keyword arguments into a dict.
def show(first, *args, **kwargs):
    print(first, args, kwargs)
    return len(args) + len(kwargs)


print(show(1))
print(show(1, 2, 3))
print(show(1, 2, key="v", other=None))
values = [4, 5, 6]
print(show(*values))
opts = {"a": 1}
print(show(0, **opts))
