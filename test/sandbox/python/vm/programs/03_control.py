n = 0
for i in range(10):
    if i % 2 == 0:
        continue
    if i > 7:
        break
    n += i
else:
    n = -1
while n > 0:
    n -= 3
print(n if n else 'zero')
x = 1 < n < 5 and n or not n
