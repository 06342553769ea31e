# Source: https://github.com/bat67/The-Python-Standard-Library-by-Example/blob/db7e7651475d6e0425617a859d2f617237a2a709/pprint/pprint_depth.py
# Adapted: the example imports its data from the sibling pprint_data.py; that module's data is inlined.
#
# Copyright 2007 Doug Hellmann.
#
"""Pretty print with pprint
"""
from pprint import pprint

data = [
    (1, {'a': 'A', 'b': 'B', 'c': 'C', 'd': 'D'}),
    (2, {'e': 'E', 'f': 'F', 'g': 'G', 'h': 'H',
         'i': 'I', 'j': 'J', 'k': 'K', 'l': 'L'}),
    (3, ['m', 'n']),
    (4, ['o', 'p', 'q']),
    (5, ['r', 's', 't''u', 'v', 'x', 'y', 'z']),
]

pprint(data, depth=1)
pprint(data, depth=2)
