# A generator does no work until asked for the next value.
def numbers():
    print("start")
    for i in range(3):
        print("yielding", i)
        yield i
    print("finished")


g = numbers()
print("created")
for value in g:
    print("got", value)
print(list(g))
