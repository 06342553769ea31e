# Source: https://huggingface.co/datasets/nvidia/Nemotron-CC-Math-v1
# Adapted: the "Code Example" block of the "is Operator Behaves Unexpectedly with Integers" entry.
a = 256
b = 256
print(a is b)  # True

a = 257
b = 257
print(a is b)  # False

print(257 is 257)  # True
