# Source: https://mirrors4.bfsu.edu.cn/python/doc/3.7.10/python-3.7.10-docs-text.zip:/tmp/tarfile_extract_kbyln69v/python-3.7.10-docs-text/library/pprint.txt
# Adapted: the isreadable/isrecursive/pformat examples of the pprint docs; the recursive pprint/saferepr lines print a bare decimal id, so only their kind is shown.
import pprint
stuff = ['spam', 'eggs', 'lumberjack', 'knights', 'ni']
print(pprint.pformat(stuff))
print(pprint.isreadable(stuff))
stuff.insert(0, stuff)
print(pprint.isreadable(stuff))
print(pprint.isrecursive(stuff))
print(pprint.saferepr(stuff).startswith('[<Recursion on list with id='))
