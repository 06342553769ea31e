# global makes assignments inside a function rebind the module-level name.
total = 0
seen = []


def add(x):
    global total
    total += x
    seen.append(x)


for i in range(1, 5):
    add(i)
print(total, seen)


def shadow():
    total = -1
    return total


print(shadow(), total)
