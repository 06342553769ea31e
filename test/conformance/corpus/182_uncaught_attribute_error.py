# An uncaught AttributeError after some objects were created; no finalizers run at the end.
class Box:
    def __del__(self):
        print("box finalized")


b = Box()
b.content = [1, 2]
print(len(b.content))
b.missing.append(3)
