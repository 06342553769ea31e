# Source: https://github.com/sinclam2/online-course-notes
# Adapted: the "What is interning?" notebook's loop cell.
i = -5

while True:
    str_code_a = f"a = {i}"
    str_code_b = f"b = {i}"
    exec(str_code_a)
    exec(str_code_b)
    if a is not b:
        break
    i += 1
print(i)
