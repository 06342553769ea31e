# Source: https://devnestguide.com/dev-duel/python/predict-the-output-of-a-nested-list-and-dictionary-manipulation
data = [{'a': [1, 2, 3]}, {'b': [4, 5]}]
ref = data[0]['a']
ref.append(4)
data[1]['b'] = ref
print(data)
print(ref)
