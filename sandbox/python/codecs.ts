/**
 * Text encodings, the ones lesson code names: UTF-8 (the default), ASCII and Latin-1, with
 * the error handlers 'strict', 'ignore' and 'replace' — one owner for str.encode,
 * bytes.decode, bytearray.decode, str(b, encoding) and bytes(s, encoding).
 *
 * Another codec is refused by name (NotImplementedError), as is data a strict codec cannot
 * take: CPython would raise UnicodeEncodeError / UnicodeDecodeError, exception types heaplab
 * does not model, so it says so rather than raise something else.
 */

import type { Thrower } from './argcheck.js';

type Codec = 'utf-8' | 'ascii' | 'latin-1';

const ALIASES: Record<string, Codec> = {
  utf_8: 'utf-8', utf8: 'utf-8', u8: 'utf-8', utf: 'utf-8', cp65001: 'utf-8',
  ascii: 'ascii', us_ascii: 'ascii', '646': 'ascii', us: 'ascii',
  latin_1: 'latin-1', latin1: 'latin-1', latin: 'latin-1', l1: 'latin-1', iso_8859_1: 'latin-1',
  iso8859_1: 'latin-1', '8859': 'latin-1', cp819: 'latin-1', iso_ir_100: 'latin-1',
};

/** The codec an encoding name means (encodings.normalize_encoding, then the aliases). */
function codecOf(err: Thrower, encoding: string): Codec {
  const key = encoding.trim().toLowerCase().replace(/[-\s]+/g, '_');
  const c = ALIASES[key];
  if (!c) throw err('NotImplementedError', `heaplab does not support the '${encoding}' codec`);
  return c;
}

function checkErrors(err: Thrower, errors: string): 'strict' | 'ignore' | 'replace' {
  if (errors === 'strict' || errors === 'ignore' || errors === 'replace') return errors;
  throw err('NotImplementedError', `heaplab does not support the '${errors}' error handler`);
}

/** str.encode(encoding, errors). */
export function encodeText(err: Thrower, text: string, encoding = 'utf-8', errors = 'strict'): Uint8Array {
  const codec = codecOf(err, encoding);
  const mode = checkErrors(err, errors);
  if (codec === 'utf-8') {
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      if (cp >= 0xd800 && cp <= 0xdfff && mode === 'strict') throw err('NotImplementedError', "heaplab does not support UnicodeEncodeError ('utf-8' codec, surrogates not allowed)");
    }
    return new TextEncoder().encode(text);
  }
  const limit = codec === 'ascii' ? 0x80 : 0x100;
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < limit) out.push(cp);
    else if (mode === 'replace') out.push(0x3f);
    else if (mode === 'strict') throw err('NotImplementedError', `heaplab does not support UnicodeEncodeError ('${codec === 'ascii' ? 'ascii' : 'latin-1'}' codec can't encode character '\\u${cp.toString(16).padStart(4, '0')}')`);
  }
  return Uint8Array.from(out);
}

/** bytes.decode(encoding, errors). */
export function decodeBytes(err: Thrower, data: ArrayLike<number>, encoding = 'utf-8', errors = 'strict'): string {
  const codec = codecOf(err, encoding);
  const mode = checkErrors(err, errors);
  const bytes = Uint8Array.from(data as ArrayLike<number>);
  if (codec === 'latin-1') return String.fromCharCode(...bytes);
  if (codec === 'ascii') {
    let s = '';
    for (const c of bytes) {
      if (c < 0x80) s += String.fromCharCode(c);
      else if (mode === 'replace') s += '\ufffd';
      else if (mode === 'strict') throw err('NotImplementedError', "heaplab does not support UnicodeDecodeError ('ascii' codec can't decode a byte above 127)");
    }
    return s;
  }
  try {
    if (mode === 'strict') return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw err('NotImplementedError', "heaplab does not support UnicodeDecodeError (the bytes are not valid UTF-8)");
  }
  if (mode === 'replace') return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  // 'ignore': decode, dropping what does not decode (TextDecoder marks it U+FFFD; a real
  // U+FFFD in the data is kept by decoding valid runs separately).
  return decodeIgnoring(bytes);
}

/** UTF-8 with errors='ignore': each maximal valid run kept, every invalid byte dropped. */
function decodeIgnoring(bytes: Uint8Array): string {
  const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const n = sequenceLength(bytes, i);
    if (n === 0) {
      i++;
      continue;
    }
    out += fatal.decode(bytes.subarray(i, i + n));
    i += n;
  }
  return out;
}

/** The length of the valid UTF-8 sequence at i (0 if none starts there). */
function sequenceLength(b: Uint8Array, i: number): number {
  const c = b[i]!;
  if (c < 0x80) return 1;
  const need = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
  if (need === 0 || i + need > b.length) return 0;
  for (let k = 1; k < need; k++) if ((b[i + k]! & 0xc0) !== 0x80) return 0;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b.subarray(i, i + need));
    return need;
  } catch {
    return 0;
  }
}
