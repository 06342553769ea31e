# Source: https://w3online.net/article/learn_reference_count_6
import sys
a = 'Geeks'
print(sys.getrefcount(a))
