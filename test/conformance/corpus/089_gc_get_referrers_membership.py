# get_referrers finds the containers that hold an object.
import gc

target = ["target"]
box1 = [target]
box2 = {"k": target}
box3 = [1, 2]


def holds(container, obj):
    return len([r for r in gc.get_referrers(obj) if r is container]) > 0


print(holds(box1, target), holds(box2, target), holds(box3, target))
box3.append(target)
print(holds(box3, target))
box1.clear()
print(holds(box1, target))
