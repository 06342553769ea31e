# try/except/else/finally run in the documented order.
def divide(a, b):
    try:
        result = a / b
    except ZeroDivisionError as e:
        print("error:", e)
        return None
    else:
        print("ok")
        return result
    finally:
        print("finally for", a, b)


print(divide(6, 3))
print(divide(1, 0))
try:
    raise ValueError("bad value")
except (TypeError, ValueError) as e:
    print(type(e).__name__, e.args)
