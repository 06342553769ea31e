# Source: https://isolution.pro/q/so70459835/python-gc-get-count-niyotte-kaesareru-count-0-count-1-oyobi-count-2-no-ne-wa-nani-desu-ka
import gc
if __name__=="__main__":
    print("making some data")
    for k in range(10):
        root = [range(i,1000) for i in range(1,1000)]
    print("len(gc.get_objects):",len(gc.get_objects()))
    print("gc.get_stats:",gc.get_stats())
    print("gc.get_count:",gc.get_count())
