/**
 * Python 3.11 tokenizer.
 *
 * A pull tokenizer: `next()` returns one token at a time, so (as in CPython)
 * a tokenizer error later in the file does not hide a parser error earlier
 * on. It produces NAME (keywords included), NUMBER, STRING (raw source text,
 * prefix and quotes included; the parser decodes it), OP, NEWLINE, INDENT,
 * DEDENT, ERRORTOKEN (a character no rule accepts) and ENDMARKER.
 *
 * Layout follows CPython's rules: NEWLINE only ends a logical line that has
 * tokens and is outside brackets; blank and comment-only lines are ignored;
 * indentation is measured twice (tabs to multiples of 8, and tabs as 1) and
 * the two must agree, else TabError; backslash-newline joins lines.
 *
 * Positions: `line`/`endLine` are 1-based, `col`/`endCol` 0-based UTF-16
 * offsets in the line (SourceLines converts them for the AST and errors).
 */

import { PySyntaxError, SourceLines } from './errors.js';

export type TokenKind =
  | 'NAME'
  | 'NUMBER'
  | 'STRING'
  | 'OP'
  | 'NEWLINE'
  | 'INDENT'
  | 'DEDENT'
  | 'ERRORTOKEN'
  | 'ENDMARKER';

export interface Token {
  kind: TokenKind;
  value: string;
  line: number;
  col: number;
  endLine: number;
  endCol: number;
}

/** CPython's tokenizer refuses more than this many open brackets. */
export const MAX_PAREN_DEPTH = 200;

/** CPython's tokenizer refuses this many indentation levels. */
export const MAX_INDENT = 100;

const OPERATORS = [
  '**=', '//=', '>>=', '<<=', '...',
  '->', ':=', '**', '//', '<<', '>>', '<=', '>=', '==', '!=',
  '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '@=',
  '(', ')', '[', ']', '{', '}', ',', ':', ';', '.', '+', '-', '*', '/',
  '%', '&', '|', '^', '~', '<', '>', '=', '@',
];

const CLOSING: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

const STRING_PREFIXES = new Set(['r', 'u', 'b', 'br', 'rb', 'f', 'fr', 'rf']);

/** Keywords CPython lets a number run straight into (`1if x else 2`). */
const KEYWORDS_AFTER_NUMBER = ['and', 'else', 'for', 'if', 'in', 'is', 'not', 'or'];

interface OpenParen {
  ch: string;
  line: number;
  col: number;
}

interface IndentLevel {
  /** Width with tabs to multiples of 8. */
  col: number;
  /** Width with tabs counted as 1 (CPython's "altcol"). */
  alt: number;
}

const isIdStart = (c: string): boolean => /[\p{L}\p{Nl}_\u1885\u1886\u2118\u212e\u309b\u309c]/u.test(c);
const isIdChar = (c: string): boolean => /[\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}_\u00b7\u0387\u1369-\u1371\u19da]/u.test(c);
const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isHex = (c: string): boolean => /^[0-9a-fA-F]$/.test(c);

export class Lexer {
  private readonly s: string;
  private pos = 0;
  private line = 1;
  private lineStart = 0;
  private atLineStart = true;
  /** Whether the current logical line has produced a token yet. */
  private lineHasTokens = false;
  private readonly indents: IndentLevel[] = [{ col: 0, alt: 0 }];
  private readonly pending: Token[] = [];
  private readonly parens: OpenParen[] = [];
  private finished = false;

  /**
   * `indentation: false` ignores leading whitespace on the first line (used
   * to re-tokenize an f-string expression at its position in the source).
   */
  constructor(
    source: string,
    private readonly src: SourceLines,
    indentation = true,
  ) {
    this.s = source.replace(/\r\n?/g, '\n');
    this.atLineStart = indentation;
  }

  /** Brackets open at the current position, innermost last. */
  get openParens(): readonly OpenParen[] {
    return this.parens;
  }

  next(): Token {
    if (this.pending.length > 0) return this.pending.shift()!;
    if (this.finished) return this.make('ENDMARKER', '', this.pos);
    if (this.atLineStart && this.parens.length === 0) {
      const t = this.readIndentation();
      if (t) return t;
    }
    return this.readToken();
  }

  // -------------------------------------------------------------------------
  // Indentation

  /** Handles the start of a logical line; returns INDENT/DEDENT if any. */
  private readIndentation(): Token | undefined {
    for (;;) {
      let col = 0;
      let alt = 0;
      let p = this.pos;
      for (; p < this.s.length; p++) {
        const c = this.s[p];
        if (c === ' ') {
          col++;
          alt++;
        } else if (c === '\t') {
          col = (Math.floor(col / 8) + 1) * 8;
          alt++;
        } else if (c === '\f') {
          col = alt = 0;
        } else break;
      }
      const c = this.s[p];
      if (c === '#' || c === '\n' || c === '\\' || p >= this.s.length) {
        // Blank or comment-only line (or EOF): no indentation change.
        this.pos = p;
        if (c === '#') this.skipComment();
        if (this.s[this.pos] === '\n') {
          this.newLine(this.pos + 1);
          continue;
        }
        this.atLineStart = false;
        return undefined;
      }
      this.atLineStart = false;
      const width = p - this.pos;
      this.pos = p;
      return this.changeIndent({ col, alt }, width);
    }
  }

  private changeIndent(level: IndentLevel, width: number): Token | undefined {
    const top = this.indents[this.indents.length - 1];
    if (level.col === top.col) {
      if (level.alt !== top.alt) throw this.tabError();
      return undefined;
    }
    if (level.col > top.col) {
      if (level.alt <= top.alt) throw this.tabError();
      if (this.indents.length >= MAX_INDENT) {
        throw this.src.error('IndentationError', 'too many levels of indentation', this.line, width);
      }
      this.indents.push(level);
      return { kind: 'INDENT', value: '', line: this.line, col: 0, endLine: this.line, endCol: width };
    }
    while (level.col < this.indents[this.indents.length - 1].col) {
      this.indents.pop();
      this.pending.push(this.make('DEDENT', '', this.pos));
    }
    const now = this.indents[this.indents.length - 1];
    if (level.col !== now.col) {
      const lineLen = [...this.src.text(this.line)].length + 1;
      throw this.src.errorAt('IndentationError', 'unindent does not match any outer indentation level', {
        lineno: this.line,
        offset: lineLen,
        endLineno: this.line,
        endOffset: -1,
      });
    }
    if (level.alt !== now.alt) throw this.tabError();
    return this.pending.shift();
  }

  private tabError(): PySyntaxError {
    return this.src.errorAt('TabError', 'inconsistent use of tabs and spaces in indentation', {
      lineno: this.line,
      offset: 1,
      endLineno: this.line,
      endOffset: 0,
    });
  }

  // -------------------------------------------------------------------------
  // Tokens within a line

  private readToken(): Token {
    for (;;) {
      const c = this.s[this.pos];
      if (c === ' ' || c === '\t' || c === '\f') {
        this.pos++;
      } else if (c === '#') {
        this.skipComment();
      } else if (c === '\\') {
        this.lineContinuation();
      } else if (c === '\n') {
        const t = this.endOfLine();
        if (t) return t;
      } else if (c === undefined) {
        return this.endOfFile();
      } else {
        this.lineHasTokens = true;
        return this.readSignificant(c);
      }
    }
  }

  private readSignificant(c: string): Token {
    const cp = String.fromCodePoint(this.s.codePointAt(this.pos)!);
    if (isIdStart(cp)) return this.readNameOrString();
    if (isDigit(c) || (c === '.' && isDigit(this.s[this.pos + 1] ?? ''))) return this.readNumber();
    if (c === '"' || c === "'") return this.readString(this.pos, this.pos);
    return this.readOperator(cp);
  }

  private skipComment(): void {
    while (this.pos < this.s.length && this.s[this.pos] !== '\n') this.pos++;
  }

  private lineContinuation(): void {
    const next = this.s[this.pos + 1];
    if (next === '\n') {
      this.newLine(this.pos + 2);
      if (this.pos >= this.s.length) throw this.srcError('unexpected EOF while parsing', this.pos);
      return;
    }
    throw this.src.errorAt('SyntaxError', 'unexpected character after line continuation character', {
      lineno: this.line,
      offset: this.src.charCol(this.line, this.col(this.pos) + 1) + 1,
      endLineno: this.line,
      endOffset: 0,
    });
  }

  private endOfLine(): Token | undefined {
    const col = this.col(this.pos);
    this.newLine(this.pos + 1);
    if (this.parens.length > 0 || !this.lineHasTokens) return undefined;
    this.lineHasTokens = false;
    this.atLineStart = true;
    const line = this.line - 1;
    return { kind: 'NEWLINE', value: '', line, col, endLine: line, endCol: col };
  }

  private newLine(nextPos: number): void {
    this.pos = nextPos;
    this.line++;
    this.lineStart = nextPos;
  }

  private endOfFile(): Token {
    if (this.parens.length > 0) throw this.neverClosed();
    if (this.lineHasTokens) {
      this.lineHasTokens = false;
      return this.make('NEWLINE', '', this.pos);
    }
    while (this.indents.length > 1) {
      this.indents.pop();
      this.pending.push(this.make('DEDENT', '', this.pos));
    }
    this.finished = true;
    this.pending.push(this.make('ENDMARKER', '', this.pos));
    return this.pending.shift()!;
  }

  /** The "'(' was never closed" error for the innermost open bracket. */
  neverClosed(): PySyntaxError {
    const p = this.parens[this.parens.length - 1];
    return this.src.errorAt('SyntaxError', `'${p.ch}' was never closed`, {
      lineno: p.line,
      offset: this.src.charCol(p.line, p.col) + 1,
      endLineno: p.line,
      endOffset: 0,
    });
  }

  private readOperator(cp: string): Token {
    const start = this.pos;
    const op = OPERATORS.find((o) => this.s.startsWith(o, start));
    if (op === undefined) return this.readBadCharacter(cp);
    this.pos += op.length;
    if (op === '(' || op === '[' || op === '{') this.openParen(op, start);
    else if (op in CLOSING) this.closeParen(op, start);
    return this.make('OP', op, start);
  }

  private readBadCharacter(cp: string): Token {
    const start = this.pos;
    const code = cp.codePointAt(0)!;
    if (code >= 0x80 || code < 0x20) {
      const hex = code.toString(16).toUpperCase().padStart(4, '0');
      const shown = code < 0x20 ? '' : `'${cp}' `;
      throw this.srcError(`invalid ${code < 0x20 ? 'non-printable ' : ''}character ${shown}(U+${hex})`, start);
    }
    this.pos += cp.length;
    return this.make('ERRORTOKEN', cp, start);
  }

  private openParen(ch: string, start: number): void {
    if (this.parens.length >= MAX_PAREN_DEPTH) throw this.srcError('too many nested parentheses', start);
    this.parens.push({ ch, line: this.line, col: this.col(start) });
  }

  private closeParen(ch: string, start: number): void {
    const open = this.parens.pop();
    if (!open) throw this.srcError(`unmatched '${ch}'`, start);
    if (open.ch !== CLOSING[ch]) {
      const where = open.line !== this.line ? ` on line ${open.line}` : '';
      throw this.srcError(`closing parenthesis '${ch}' does not match opening parenthesis '${open.ch}'${where}`, start);
    }
  }

  // -------------------------------------------------------------------------
  // Names and strings

  private readNameOrString(): Token {
    const start = this.pos;
    let p = start;
    while (p < this.s.length) {
      const cp = String.fromCodePoint(this.s.codePointAt(p)!);
      if (!isIdChar(cp)) break;
      p += cp.length;
    }
    const text = this.s.slice(start, p);
    const q = this.s[p];
    if ((q === '"' || q === "'") && STRING_PREFIXES.has(text.toLowerCase())) return this.readString(start, p);
    this.pos = p;
    return this.make('NAME', /^[\x20-\x7e]*$/.test(text) ? text : text.normalize('NFKC'), start);
  }

  /** Reads a string literal whose prefix starts at `start` and quote at `q`. */
  private readString(start: number, q: number): Token {
    const quote = this.s[q];
    const triple = this.s.startsWith(quote.repeat(3), q);
    const close = triple ? quote.repeat(3) : quote;
    const startLine = this.line;
    const startLineStart = this.lineStart;
    let p = q + close.length;
    for (;;) {
      const c = this.s[p];
      if (c === undefined) {
        this.pos = p;
        throw this.unterminated(triple, start, startLine, startLineStart);
      }
      if (c === '\\') {
        if (this.s[p + 1] === '\n') this.newLine(p + 2);
        p += 2;
      } else if (c === '\n') {
        if (!triple) throw this.unterminated(false, start, startLine, startLineStart);
        this.newLine(p + 1);
        p++;
      } else if (this.s.startsWith(close, p)) {
        p += close.length;
        break;
      } else p++;
    }
    this.pos = p;
    return {
      kind: 'STRING',
      value: this.s.slice(start, p),
      line: startLine,
      col: start - startLineStart,
      endLine: this.line,
      endCol: p - this.lineStart,
    };
  }

  private unterminated(triple: boolean, start: number, startLine: number, startLineStart: number): PySyntaxError {
    // At EOF CPython reports the last line (a final newline ends it).
    const detected = this.pos >= this.s.length || triple ? this.lastLineNumber() : this.line;
    const kind = triple ? 'unterminated triple-quoted string literal' : 'unterminated string literal';
    return this.src.error('SyntaxError', `${kind} (detected at line ${detected})`, startLine, start - startLineStart);
  }

  private lastLineNumber(): number {
    let n = 1;
    for (let i = 0; i < this.s.length - 1; i++) if (this.s[i] === '\n') n++;
    return n;
  }

  // -------------------------------------------------------------------------
  // Numbers

  private readNumber(): Token {
    const start = this.pos;
    const c0 = this.s[start];
    const c1 = (this.s[start + 1] ?? '').toLowerCase();
    if (c0 === '0' && (c1 === 'x' || c1 === 'o' || c1 === 'b')) {
      this.readRadixNumber(c1);
    } else {
      this.readDecimalNumber(start);
    }
    this.checkEndOfNumber();
    return this.make('NUMBER', this.s.slice(start, this.pos), start);
  }

  private readRadixNumber(kind: string): void {
    const name = kind === 'x' ? 'hexadecimal' : kind === 'o' ? 'octal' : 'binary';
    const ok = kind === 'x' ? isHex : kind === 'o' ? (c: string) => c >= '0' && c <= '7' : (c: string) => c === '0' || c === '1';
    this.pos += 2;
    do {
      if (this.s[this.pos] === '_') this.pos++;
      const c = this.s[this.pos] ?? '';
      if (!ok(c)) {
        if (isDigit(c)) throw this.srcError(`invalid digit '${c}' in ${name} literal`, this.pos);
        throw this.srcError(`invalid ${name} literal`, this.pos - 1);
      }
      while (ok(this.s[this.pos] ?? '')) this.pos++;
    } while (this.s[this.pos] === '_');
    const c = this.s[this.pos] ?? '';
    if (isDigit(c)) throw this.srcError(`invalid digit '${c}' in ${name} literal`, this.pos);
  }

  private readDecimalNumber(start: number): void {
    let isFloat = false;
    if (this.s[this.pos] !== '.') this.readDigits();
    if (this.s[this.pos] === '.') {
      isFloat = true;
      this.pos++;
      if (isDigit(this.s[this.pos] ?? '')) this.readDigits();
    }
    const e = this.s[this.pos];
    if (e === 'e' || e === 'E') {
      let p = this.pos + 1;
      if (this.s[p] === '+' || this.s[p] === '-') p++;
      if (isDigit(this.s[p] ?? '')) {
        isFloat = true;
        this.pos = p;
        this.readDigits();
      } else {
        throw this.srcError('invalid decimal literal', this.pos - 1);
      }
    }
    if (this.s[this.pos] === 'j' || this.s[this.pos] === 'J') {
      this.pos++;
      return;
    }
    const text = this.s.slice(start, this.pos).replace(/_/g, '');
    if (!isFloat && /^0+[1-9]/.test(text)) {
      throw this.src.error(
        'SyntaxError',
        'leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers',
        this.line,
        this.col(start),
        this.line,
        this.col(start) + 1,
      );
    }
  }

  /** digit ('_'? digit)* */
  private readDigits(): void {
    for (;;) {
      while (isDigit(this.s[this.pos] ?? '')) this.pos++;
      if (this.s[this.pos] !== '_') return;
      this.pos++;
      if (!isDigit(this.s[this.pos] ?? '')) throw this.srcError('invalid decimal literal', this.pos - 1);
    }
  }

  private checkEndOfNumber(): void {
    const cp = String.fromCodePoint(this.s.codePointAt(this.pos) ?? 32);
    if (!isIdChar(cp)) return;
    if (KEYWORDS_AFTER_NUMBER.some((k) => this.s.startsWith(k, this.pos))) return;
    throw this.srcError('invalid decimal literal', this.pos - 1);
  }

  // -------------------------------------------------------------------------
  // Helpers

  private col(p: number): number {
    return p - this.lineStart;
  }

  private make(kind: TokenKind, value: string, start: number): Token {
    return { kind, value, line: this.line, col: this.col(start), endLine: this.line, endCol: this.col(this.pos) };
  }

  private srcError(msg: string, p: number): PySyntaxError {
    return this.src.error('SyntaxError', msg, this.line, this.col(p));
  }
}

/** Tokenizes a whole source (convenience for tests and tools). */
export function tokenize(source: string, filename = '<string>'): Token[] {
  const lexer = new Lexer(source, new SourceLines(source, filename));
  const out: Token[] = [];
  for (;;) {
    const t = lexer.next();
    out.push(t);
    if (t.kind === 'ENDMARKER') return out;
  }
}

// ---------------------------------------------------------------------------
// String literal decoding

export interface StringLiteral {
  /** Lower-cased prefix letters. */
  prefix: string;
  isBytes: boolean;
  isRaw: boolean;
  isFormat: boolean;
  /** Text between the quotes, undecoded. */
  body: string;
  /** Offset of `body` within the token text. */
  bodyStart: number;
}

/** Splits a STRING token's text into prefix and body. */
export function splitStringToken(text: string): StringLiteral {
  let i = 0;
  while (text[i] !== '"' && text[i] !== "'") i++;
  const prefix = text.slice(0, i).toLowerCase();
  const q = text[i];
  const quoteLen = text.startsWith(q.repeat(3), i) && text.length >= i + 6 ? 3 : 1;
  return {
    prefix,
    isBytes: prefix.includes('b'),
    isRaw: prefix.includes('r'),
    isFormat: prefix.includes('f'),
    body: text.slice(i + quoteLen, text.length - quoteLen),
    bodyStart: i + quoteLen,
  };
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '\n': '',
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

/** A decoding failure: message and offset of the bad escape in the body. */
export class EscapeError extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}

/**
 * Decodes backslash escapes in a (non-raw) str or bytes literal body.
 * `\N{name}` is not supported (no Unicode name table): it raises EscapeError.
 */
export function decodeEscapes(body: string, isBytes: boolean): string {
  if (!body.includes('\\')) return body;
  let out = '';
  let i = 0;
  while (i < body.length) {
    const c = body[i];
    if (c !== '\\') {
      out += c;
      i++;
      continue;
    }
    const [text, len] = decodeOneEscape(body, i, isBytes);
    out += text;
    i += len;
  }
  return out;
}

function decodeOneEscape(body: string, i: number, isBytes: boolean): [string, number] {
  const e = body[i + 1] ?? '';
  if (e in SIMPLE_ESCAPES) return [SIMPLE_ESCAPES[e], 2];
  if (e >= '0' && e <= '7') {
    const m = /^[0-7]{1,3}/.exec(body.slice(i + 1))![0];
    const code = parseInt(m, 8);
    return [String.fromCharCode(isBytes ? code & 0xff : code), 1 + m.length];
  }
  const hexLen = e === 'x' ? 2 : !isBytes && e === 'u' ? 4 : !isBytes && e === 'U' ? 8 : 0;
  if (hexLen > 0) {
    const digits = body.slice(i + 2, i + 2 + hexLen);
    if (!new RegExp(`^[0-9a-fA-F]{${hexLen}}$`).test(digits)) {
      if (isBytes) throw new EscapeError(`(value error) invalid \\x escape at position ${i}`, i);
      const valid = /^[0-9a-fA-F]*/.exec(digits)![0].length;
      const range = `${i}-${i + 1 + valid}`;
      const what = `truncated \\${e}${'X'.repeat(hexLen)} escape`;
      throw new EscapeError(`(unicode error) 'unicodeescape' codec can't decode bytes in position ${range}: ${what}`, i);
    }
    const code = parseInt(digits, 16);
    if (code > 0x10ffff) {
      throw new EscapeError(
        `(unicode error) 'unicodeescape' codec can't decode bytes in position ${i}-${i + 9}: illegal Unicode character`,
        i,
      );
    }
    return [String.fromCodePoint(code), 2 + hexLen];
  }
  if (!isBytes && e === 'N') {
    const end = body.indexOf('}', i);
    throw new EscapeError(
      `(unicode error) 'unicodeescape' codec can't decode bytes in position ${i}-${end < 0 ? i + 1 : end}: unknown Unicode character name`,
      i,
    );
  }
  // Unknown escapes are kept verbatim (CPython only warns).
  return ['\\', 1];
}
