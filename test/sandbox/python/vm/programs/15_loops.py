for i, (j, k) in enumerate([(1, 2), (3, 4)]):
    print(i, j, k)
else:
    pass
while 1:
    break
while i and j or not k:
    i -= 1
    if i < 0 or j > 10 and k:
        break
else:
    print('done')
for _ in []:
    pass
if not (i < j < k):
    pass
elif i:
    pass
else:
    pass
assert i, f'{i}'
assert not j
