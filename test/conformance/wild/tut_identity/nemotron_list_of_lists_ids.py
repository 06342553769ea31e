# Source: https://huggingface.co/datasets/nvidia/Nemotron-CC-Math-v1
# Adapted: the "List of Lists Surprising Behavior" entry; echoes became print(), the id() triple became comparisons.
t=[[0]*2]*3
print(t)
t[0][0]=1
print(t)
print(id(t[0]) == id(t[1]) == id(t[2]))
t=[[0 for _ in range(2)] for _ in range(3)]
print(t)
t[0][0]=1
print(t)
t=[[0]*2 for _ in range(3)]
t[0][0]=1
print(t)
