import abc

class Meta(type):
    pass

class Base(metaclass=Meta):
    count = 0

    @staticmethod
    def s(x):
        return x

    @classmethod
    def c(cls):
        return cls.count

    @property
    def p(self):
        return __class__

    def m(self):
        return super().m

class Derived(Base, object, **{}):
    def __init__(self, *args, **kw):
        super().__init__()
        self.items = [i for i in args]

def deco(f):
    return f

@deco
@deco
def decorated():
    class Inner:
        y = 1
        def get(self):
            return self.y
    return Inner

class Nested:
    def method(self):
        def helper():
            return super(Nested, self), __class__
        return [lambda: super().method for _ in range(1)], helper

def module_level_super():
    return super
