# if/elif/else, while with break/continue, for/else.
for n in range(1, 16):
    if n % 15 == 0:
        print("FizzBuzz")
    elif n % 3 == 0:
        print("Fizz")
    elif n % 5 == 0:
        print("Buzz")
    else:
        print(n)
i = 0
while True:
    i += 1
    if i % 2:
        continue
    if i > 6:
        break
    print("even", i)
for x in [1, 3, 5]:
    if x % 2 == 0:
        break
else:
    print("no even number")
