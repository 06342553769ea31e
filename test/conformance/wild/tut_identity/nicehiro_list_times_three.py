# Source: https://nicehiro.github.io/Quartz-OrgRoam/20211023165004-python_list
# Adapted: REPL echoes became print().
a = [0, 0, 0]
b = [a] * 3
print(b)
b[0][0] = 1
print(b)
