# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_deque.py#L744
# Adapted: TestBasic.test_sizeof as top-level code; test.support.calcvobjsize and check_sizeof written out (check_sizeof adds the 16-byte GC header for a GC type); each check prints the size and the expected size.
import struct
import sys
from collections import deque

def calcvobjsize(fmt):
    return struct.calcsize('nPn' + fmt + '0n')

def check(o, size):
    print(sys.getsizeof(o), size + 16)

MAXFREEBLOCKS = 16
BLOCKLEN = 64
basesize = calcvobjsize('2P5n%dPP' % MAXFREEBLOCKS)
blocksize = struct.calcsize('P%dPP' % BLOCKLEN)
print(object.__sizeof__(deque()), basesize)
check(deque(), basesize + blocksize)
check(deque('a'), basesize + blocksize)
check(deque('a' * (BLOCKLEN - 1)), basesize + blocksize)
check(deque('a' * BLOCKLEN), basesize + 2 * blocksize)
check(deque('a' * (42 * BLOCKLEN)), basesize + 43 * blocksize)
