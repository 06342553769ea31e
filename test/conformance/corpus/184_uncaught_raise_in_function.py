# Raising an exception explicitly from a nested call.
def check(age):
    if age < 0:
        raise ValueError(f"age must be non-negative, got {age}")
    return age


def register(age):
    return check(age) + 1


print(register(5))
register(-2)
