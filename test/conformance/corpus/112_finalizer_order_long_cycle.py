# Finalizers in a longer cycle follow creation order, regardless of how the links run.
import gc

gc.disable()
gc.collect()


class Step:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("finalize", self.n)


steps = [Step(i) for i in range(5)]
for i in range(5):
    steps[i].prev = steps[i - 1]
del steps
print(gc.collect())
gc.enable()
