# Source: https://github.com/pome-ta/python4jsonLearning/blob/HEAD/memoryGetsizeof.py
# Adapted: the indexed file is mis-decoded (UTF-8 read as cp1252); 💵 and あ are restored from their byte sequences, the first character (E2 84 ..) is ambiguous and ℃ was chosen; the two ZWJ-emoji cases are left out.
import sys


s = "a" * 1000

print(len(s))  # 1000
print(sys.getsizeof(s))  # 1049

s2 = "℃" + "a" * 999
print(len(s2))  # 1000
print(sys.getsizeof(s2))  # 2074

s3 = "💵" + "a" * 999
print(len(s3))  # 1000
print(sys.getsizeof(s3))  # 4076

s4 = "あ" + "a" * 999
print(len(s4))  # 1000
print(sys.getsizeof(s4))  # 2074
