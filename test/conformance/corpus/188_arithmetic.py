# Integer and float arithmetic, floor division and modulo with negatives, big ints.
print(7 + 3, 7 - 3, 7 * 3, 7 / 2, 7 // 2, 7 % 3, 2 ** 10)
print(-7 // 2, -7 % 2, 7 // -2, 7 % -2)
print(0.1 + 0.2, 1 / 3, 2 ** 0.5, 10 / 5)
print(2 ** 100, -(2 ** 64) // 3)
print(int(2.5), int(-2.5), float(7), 3 * 1.5)
x = 10
x += 5
x -= 3
x *= 2
x //= 5
x **= 2
print(x)
print(1e16, 1e15, 123456789.0, 0.000123, 1.0e-5)
