# An instance's referents are its attribute values followed by its class.
import gc


class Pt:
    def __init__(self):
        self.x = 10
        self.label = "p"


p = Pt()
refs = gc.get_referents(p)
print(refs[:-1], refs[-1] is Pt)
p.extra = [p]
print(len(gc.get_referents(p)))
