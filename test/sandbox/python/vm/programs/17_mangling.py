class _Private:
    __slots__ = ('__a', 'b')
    __cls_var = 1

    def __init__(self, __arg=2, *, __kw=3):
        self.__a = __arg
        __local = __kw
        print(__local, self.__cls_var, _Private.__cls_var)

    def __method(self):
        import __future__
        return self.__a

    def get(self):
        return self.__method()

    class __Inner:
        __deep = 1

__module_level = 5
print(_Private().get(), __module_level)
