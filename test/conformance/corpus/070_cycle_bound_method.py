# Storing a bound method on its own instance makes a cycle: instance plus method object.
import gc

gc.disable()
gc.collect()


class Button:
    def __init__(self):
        self.handler = self.click

    def click(self):
        return "clicked"


b = Button()
print(b.handler())
del b
print(gc.collect())
gc.enable()
