/**
 * The `string` module: its constants. Formatter, Template and capwords are refused
 * (NotImplementedError naming them) rather than missing.
 */
import { SHARED, type PyObject } from '../../objects.js';
import type { Builtins } from '../builtins.js';

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';
const PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';
const WHITESPACE = ' \t\n\r\x0b\x0c';

/** The module's constants, exactly as CPython 3.11's string.py defines them. */
export const STRING_CONSTANTS: Readonly<Record<string, string>> = {
  whitespace: WHITESPACE,
  ascii_lowercase: LOWER,
  ascii_uppercase: UPPER,
  ascii_letters: LOWER + UPPER,
  digits: DIGITS,
  hexdigits: DIGITS + 'abcdef' + 'ABCDEF',
  octdigits: '01234567',
  punctuation: PUNCTUATION,
  printable: DIGITS + LOWER + UPPER + PUNCTUATION + WHITESPACE,
};

/** Register `string`: immortal str constants (the module keeps them) and refusing stand-ins. */
export function installStringModule(b: Builtins): void {
  const attrs: Record<string, PyObject> = {};
  for (const [name, value] of Object.entries(STRING_CONSTANTS)) {
    const s = b.str(value);
    s.gcFlags |= SHARED;
    attrs[name] = s;
  }
  for (const name of ['Formatter', 'Template', 'capwords']) {
    attrs[name] = b.native(name, () => {
      throw b.err('NotImplementedError', `heaplab does not support 'string.${name}'`);
    });
  }
  b.addModule('string', attrs);
}
