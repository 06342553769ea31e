# Big temporary structures inside a function are freed on return; only the result remains.
import gc

gc.collect()


class Marker:
    def __del__(self):
        print("marker freed")


def compute():
    scratch = [i for i in range(1000)]
    m = Marker()
    return len(scratch)


print(compute())
print("after compute")
