# An uncaught KeyError raised inside a function shows both frames in the traceback.
def lookup(table, key):
    return table[key]


prices = {"apple": 3}
print(lookup(prices, "apple"))
print(lookup(prices, "pear"))
