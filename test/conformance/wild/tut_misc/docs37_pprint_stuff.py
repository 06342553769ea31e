# Source: https://mirrors4.bfsu.edu.cn/python/doc/3.7.10/python-3.7.10-docs-text.zip:/tmp/tarfile_extract_kbyln69v/python-3.7.10-docs-text/library/pprint.txt
# Adapted: the PrettyPrinter examples of the pprint docs; REPL session.
import pprint
stuff = ['spam', 'eggs', 'lumberjack', 'knights', 'ni']
stuff.insert(0, stuff[:])
pp = pprint.PrettyPrinter(indent=4)
pp.pprint(stuff)
pp = pprint.PrettyPrinter(width=41, compact=True)
pp.pprint(stuff)
tup = ('spam', ('eggs', ('lumberjack', ('knights', ('ni', ('dead',
('parrot', ('fresh fruit',))))))))
pp = pprint.PrettyPrinter(depth=6)
pp.pprint(tup)
