/**
 * bytearray: constructor forms, repr, indexing, mutation, and sys.getsizeof following
 * 3.11's PyByteArray_Resize. Expected output: python3 3.11.7 under the oracle.
 */
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../../sandbox/sandbox.js';

const PROGRAM = "import sys\na = bytearray()\nprint(a, len(a), sys.getsizeof(a))\nb = bytearray(10)\nprint(b, sys.getsizeof(b))\nc = bytearray(b'abc')\nprint(c, sys.getsizeof(c), c[0], c[-1], c[1:], list(c))\nfor i in range(20):\n    c.append(65 + i)\n    print(len(c), sys.getsizeof(c), end='; ')\nprint()\nc.extend(b'xyz')\nprint(c, sys.getsizeof(c))\nd = bytearray([1, 2, 255])\nprint(d, sys.getsizeof(d))\ne = bytearray('h\u00e9llo', 'utf-8')\nprint(e, len(e))\nf = bytearray(range(5))\nprint(f, sys.getsizeof(f))\nd[0] = 100\nprint(d, d.pop(), d)\ntry: d[0] = 256\nexcept ValueError as ex: print('ValueError:', ex)\ntry: bytearray('x')\nexcept TypeError as ex: print('TypeError:', ex)\ntry: d.append('a')\nexcept TypeError as ex: print('TypeError:', ex)\nprint(bytes(c), c == bytearray(bytes(c)), c + b'!', type(c + b'!'))\nprint(bytearray(b'a\\n\\x00\\'\"'))\nimport gc\nprint(gc.is_tracked(c), c.decode(), bytearray(b'hi') * 3)\ng = bytearray(b'abc')\ng += b'def'\nprint(g, sys.getsizeof(g))\nh = bytearray(1000)\nprint(sys.getsizeof(h))\nh.clear()\nprint(sys.getsizeof(h), h)\n";

const CPYTHON = "bytearray(b'') 0 56\nbytearray(b'\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00') 67\nbytearray(b'abc') 60 97 99 bytearray(b'bc') [97, 98, 99]\n4 63; 5 63; 6 63; 7 66; 8 66; 9 66; 10 73; 11 73; 12 73; 13 73; 14 73; 15 73; 16 73; 17 81; 18 81; 19 81; 20 81; 21 81; 22 81; 23 81; \nbytearray(b'abcABCDEFGHIJKLMNOPQRSTxyz') 91\nbytearray(b'\\x01\\x02\\xff') 60\nbytearray(b'h\\xc3\\xa9llo') 6\nbytearray(b'\\x00\\x01\\x02\\x03\\x04') 64\nbytearray(b'd\\x02') 255 bytearray(b'd\\x02')\nValueError: byte must be in range(0, 256)\nTypeError: string argument without an encoding\nTypeError: 'str' object cannot be interpreted as an integer\nb'abcABCDEFGHIJKLMNOPQRSTxyz' True bytearray(b'abcABCDEFGHIJKLMNOPQRSTxyz!') <class 'bytearray'>\nbytearray(b'a\\n\\x00\\'\"')\nFalse abcABCDEFGHIJKLMNOPQRSTxyz bytearray(b'hihihi')\nbytearray(b'abcdef') 63\n1057\n57 bytearray(b'')\n";

describe('bytearray', () => {
  it('prints what CPython prints, sizes included', () => {
    const r = new Sandbox().exec(PROGRAM);
    expect(r.error).toBeNull();
    expect(r.stdout).toBe(CPYTHON);
  });
});
