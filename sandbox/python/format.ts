/**
 * Number formatting as CPython does it: float repr (shortest round-trip digits, exponent
 * outside 1e-4 <= |x| < 1e16), format specs (`format(x, spec)`, f-string `:spec`), and
 * the pieces `%`-formatting needs.
 */

/** repr(float). */
export function floatRepr(v: number): string {
  if (Number.isNaN(v)) return 'nan';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  if (v === 0) return Object.is(v, -0) ? '-0.0' : '0.0';
  const [mant, expStr] = v.toExponential().split('e') as [string, string];
  const exp = Number(expStr);
  const neg = mant.startsWith('-');
  const digits = mant.replace('-', '').replace('.', '');
  let out: string;
  if (exp >= -5 && exp < 16) {
    if (exp < 0) out = '0.' + '0'.repeat(-exp - 1) + digits;
    else if (digits.length <= exp + 1) out = digits + '0'.repeat(exp + 1 - digits.length) + '.0';
    else out = digits.slice(0, exp + 1) + '.' + digits.slice(exp + 1);
    if (exp === -5) {
      // Python switches to exponent form below 1e-4.
      out = sci(digits, exp);
    }
  } else {
    out = sci(digits, exp);
  }
  return (neg ? '-' : '') + out;
}

function sci(digits: string, exp: number): string {
  const m = digits.length > 1 ? digits[0] + '.' + digits.slice(1) : digits;
  const e = Math.abs(exp);
  return `${m}e${exp < 0 ? '-' : '+'}${e < 10 ? '0' + e : e}`;
}

export interface Spec {
  fill: string;
  align: string;
  sign: string;
  alt: boolean;
  zero: boolean;
  width: number;
  grouping: string;
  precision: number;
  type: string;
}

export function parseSpec(spec: string): Spec {
  // The type is any one character here; each type's formatter refuses the codes it lacks
  // ("Unknown format code 'q' for object of type 'int'"), as CPython's do.
  const m = /^(?:(.)?([<>=^]))?([+\- ])?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?(\D)?$/su.exec(spec);
  if (!m) throw new FormatError('Invalid format specifier');
  return {
    fill: m[1] ?? (m[5] && !m[2] ? '0' : ' '),
    align: m[2] ?? (m[5] ? '=' : ''),
    sign: m[3] ?? '-',
    alt: !!m[4],
    zero: !!m[5],
    width: m[6] ? Number(m[6]) : 0,
    grouping: m[7] ?? '',
    precision: m[8] !== undefined ? Number(m[8]) : -1,
    type: m[9] ?? '',
  };
}

export class FormatError extends Error {}

function group(intPart: string, sep: string, every = 3): string {
  if (!sep) return intPart;
  let out = '';
  let n = 0;
  for (let i = intPart.length - 1; i >= 0; i--) {
    out = intPart[i] + out;
    if (++n % every === 0 && i > 0) out = sep + out;
  }
  return out;
}

function pad(body: string, sign: string, s: Spec, defaultAlign: string): string {
  const align = s.align || defaultAlign;
  const total = sign.length + [...body].length;
  if (s.width <= total) return sign + body;
  const n = s.width - total;
  const fill = s.fill;
  if (align === '<') return sign + body + fill.repeat(n);
  if (align === '>') return fill.repeat(n) + sign + body;
  if (align === '^') return fill.repeat(Math.floor(n / 2)) + sign + body + fill.repeat(n - Math.floor(n / 2));
  return sign + fill.repeat(n) + body; // '='
}

export function formatStr(v: string, spec: string): string {
  if (spec === '') return v;
  const s = parseSpec(spec);
  if (s.type && s.type !== 's') throw new FormatError(`Unknown format code '${s.type}' for object of type 'str'`);
  if (s.sign !== '-' && spec.includes(s.sign)) throw new FormatError('Sign not allowed in string format specifier');
  const body = s.precision >= 0 ? [...v].slice(0, s.precision).join('') : v;
  return pad(body, '', s, '<');
}

function signOf(neg: boolean, s: Spec): string {
  return neg ? '-' : s.sign === '+' ? '+' : s.sign === ' ' ? ' ' : '';
}

export function formatInt(v: bigint, spec: string): string {
  const s = parseSpec(spec);
  const ty = s.type;
  if (ty !== '' && !'bcdeEfFgGnoxX%'.includes(ty)) throw new FormatError(`Unknown format code '${ty}' for object of type 'int'`);
  if ('eEfFgG%'.includes(ty) && ty !== '') return formatFloat(Number(v), spec);
  if (s.precision >= 0) throw new FormatError('Precision not allowed in integer format specifier');
  const neg = v < 0n;
  const mag = neg ? -v : v;
  let body: string;
  let prefix = '';
  switch (ty) {
    case 'x': body = mag.toString(16); prefix = '0x'; break;
    case 'X': body = mag.toString(16).toUpperCase(); prefix = '0X'; break;
    case 'o': body = mag.toString(8); prefix = '0o'; break;
    case 'b': body = mag.toString(2); prefix = '0b'; break;
    case 'c': return pad(String.fromCodePoint(Number(v)), '', s, '<');
    default: body = mag.toString(10);
  }
  if (s.grouping) body = group(body, s.grouping, ty === 'x' || ty === 'X' || ty === 'o' || ty === 'b' ? 4 : 3);
  const sign = signOf(neg, s) + (s.alt ? prefix : '');
  if (s.zero && s.align === '=' && s.width > 0 && s.grouping) {
    // zero padding participates in grouping
    const want = s.width - sign.length;
    let digits = body.replace(/[,_]/g, '');
    let g = group(digits, s.grouping);
    while (g.length < want) {
      digits = '0' + digits;
      g = group(digits, s.grouping);
    }
    return sign + g;
  }
  return pad(body, sign, s, '>');
}

export function formatFloat(v: number, spec: string): string {
  const s = parseSpec(spec);
  let ty = s.type;
  if (ty !== '' && !'eEfFgGn%'.includes(ty)) throw new FormatError(`Unknown format code '${ty}' for object of type 'float'`);
  const neg = v < 0 || Object.is(v, -0);
  const mag = Math.abs(v);
  let body: string;
  let prec = s.precision;
  if (!Number.isFinite(mag)) {
    body = Number.isNaN(mag) ? 'nan' : 'inf';
    if (ty === 'E' || ty === 'F' || ty === 'G') body = body.toUpperCase();
  } else if (ty === '') {
    if (prec < 0) body = floatRepr(mag);
    else {
      body = gFormat(mag, prec === 0 ? 1 : prec, s.alt, true);
    }
  } else {
    if (prec < 0) prec = 6;
    if (ty === '%') {
      body = (mag * 100).toFixed(prec) + '%';
    } else if (ty === 'f' || ty === 'F') {
      body = mag.toFixed(prec);
      if (s.alt && prec === 0) body += '.';
    } else if (ty === 'e' || ty === 'E') {
      body = expFormat(mag, prec);
      if (ty === 'E') body = body.toUpperCase();
    } else if (ty === 'g' || ty === 'G' || ty === 'n') {
      body = gFormat(mag, prec === 0 ? 1 : prec, s.alt, false);
      if (ty === 'G') body = body.toUpperCase();
    } else {
      throw new FormatError(`Unknown format code '${ty}' for object of type 'float'`);
    }
  }
  ty = '';
  if (s.grouping) {
    const m = /^(\d+)(.*)$/s.exec(body);
    if (m) body = group(m[1]!, s.grouping) + m[2];
  }
  return pad(body, signOf(neg, s), s, '>');
}

function expFormat(mag: number, prec: number): string {
  const [m, e] = mag.toExponential(prec).split('e') as [string, string];
  const n = Number(e);
  return `${m}e${n < 0 ? '-' : '+'}${Math.abs(n) < 10 ? '0' : ''}${Math.abs(n)}`;
}

/** The 'g' presentation (and the no-type presentation with a precision). */
function gFormat(mag: number, prec: number, alt: boolean, noType: boolean): string {
  if (mag === 0) return noType ? '0.0' : '0';
  const exp = Math.floor(Math.log10(mag));
  let e = Number(mag.toExponential(prec - 1).split('e')[1]);
  if (Number.isNaN(e)) e = exp;
  let out: string;
  if (e >= -4 && e < prec) {
    out = mag.toFixed(Math.max(0, prec - 1 - e));
    if (!alt && out.includes('.')) out = out.replace(/0+$/, '').replace(/\.$/, noType ? '.0' : '');
  } else {
    out = expFormat(mag, prec - 1);
    if (!alt) out = out.replace(/\.?0+e/, 'e');
  }
  return out;
}

/**
 * round(x, ndigits) for floats, as CPython's double_round: the exact binary value of x is
 * rounded to ndigits decimal places, ties to even, and the result is the double nearest
 * that decimal. So round(2.675, 2) is 2.67 (2.675 is really 2.67499999...) and
 * round(0.125, 2) is 0.12 (an exact tie, to even).
 */
export function roundFloat(x: number, ndigits: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  const abs = Math.abs(x);
  // Past 22 digits every double is an integer; past ~100 places nothing changes.
  if (abs >= 1e21 || ndigits > 100) return x;
  // toFixed(100) spells the exact value for every double this side of 1e-100 (beyond that
  // the ties it could mis-see cannot round to a nonzero digit anyway).
  const [intDigits, fracDigits] = abs.toFixed(100).split('.') as [string, string];
  const digits = intDigits + fracDigits;
  const keep = intDigits.length + ndigits; // digits kept from the left
  if (keep < 0) return 0 * Math.sign(x);
  const head = digits.slice(0, keep);
  const rest = digits.slice(keep);
  let up = false;
  if (rest[0] !== undefined && rest[0] > '5') up = true;
  else if (rest[0] === '5') {
    const exactTie = !/[1-9]/.test(rest.slice(1));
    const last = head.length > 0 ? Number(head[head.length - 1]) : 0;
    up = !exactTie || last % 2 === 1;
  }
  let n = head.length > 0 ? BigInt(head) : 0n;
  if (up) n += 1n;
  // The rounded decimal is n × 10^-ndigits; parse it so the nearest double comes back.
  const text = ndigits >= 0 ? `${n}e-${ndigits}` : `${n}e${-ndigits}`;
  const r = Number(text);
  return x < 0 ? -r : r;
}
