/**
 * SyntaxError raised by the Python front end, shaped like CPython's
 * SyntaxError: `lineno`/`endLineno` are 1-based lines, `offset`/`endOffset`
 * are 1-based columns counted in code points (CPython's `SyntaxError.offset`).
 * `text` is the offending source line without its line terminator.
 */

export type PySyntaxErrorType = 'SyntaxError' | 'IndentationError' | 'TabError';

export interface ErrorLocation {
  lineno: number;
  offset: number;
  endLineno: number;
  endOffset: number;
}

export class PySyntaxError extends Error {
  readonly type: PySyntaxErrorType;
  readonly msg: string;
  readonly filename: string;
  readonly lineno: number;
  readonly offset: number;
  readonly endLineno: number;
  readonly endOffset: number;
  readonly text: string;

  constructor(type: PySyntaxErrorType, msg: string, loc: ErrorLocation, text: string, filename = '<string>') {
    super(`${type}: ${msg} (${filename}, line ${loc.lineno})`);
    this.name = 'PySyntaxError';
    this.type = type;
    this.msg = msg;
    this.filename = filename;
    this.lineno = loc.lineno;
    this.offset = loc.offset;
    this.endLineno = loc.endLineno;
    this.endOffset = loc.endOffset;
    this.text = text;
  }
}

/**
 * The source split into lines, with the column conversions CPython uses:
 * JS strings index UTF-16 code units, CPython's ast columns are UTF-8 byte
 * offsets and SyntaxError offsets are code points.
 */
export class SourceLines {
  readonly lines: string[];

  constructor(
    source: string,
    readonly filename: string,
  ) {
    this.lines = source.split(/\r\n|\r|\n/);
  }

  /** Text of 1-based line `lineno` without terminator ('' past the end). */
  text(lineno: number): string {
    return this.lines[lineno - 1] ?? '';
  }

  private readonly ascii: (boolean | undefined)[] = [];

  private isAscii(lineno: number): boolean {
    return (this.ascii[lineno] ??= /^[\x00-\x7f]*$/.test(this.text(lineno)));
  }

  /** UTF-8 byte offset of UTF-16 column `col` on line `lineno`. */
  byteCol(lineno: number, col: number): number {
    if (this.isAscii(lineno)) return col;
    const prefix = this.text(lineno).slice(0, col);
    let bytes = 0;
    for (const ch of prefix) {
      const cp = ch.codePointAt(0)!;
      bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    }
    return bytes + Math.max(0, col - prefix.length);
  }

  /** Code point count of the first `col` UTF-16 units of line `lineno`. */
  charCol(lineno: number, col: number): number {
    if (this.isAscii(lineno)) return col;
    const prefix = this.text(lineno).slice(0, col);
    let n = 0;
    for (const _ of prefix) n++;
    return n + Math.max(0, col - prefix.length);
  }

  /** Code point column of UTF-8 byte offset `byteCol` on line `lineno` (inverse of byteCol). */
  charColOfByte(lineno: number, byteCol: number): number {
    if (this.isAscii(lineno)) return byteCol;
    let bytes = 0;
    let n = 0;
    for (const ch of this.text(lineno)) {
      if (bytes >= byteCol) break;
      const cp = ch.codePointAt(0)!;
      bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      n++;
    }
    return n + Math.max(0, byteCol - bytes);
  }

  /** Build an error at 0-based UTF-16 columns (converted to 1-based code points). */
  error(
    type: PySyntaxErrorType,
    msg: string,
    line: number,
    col: number,
    endLine = line,
    endCol = col,
  ): PySyntaxError {
    return this.errorAt(type, msg, {
      lineno: line,
      offset: this.charCol(line, col) + 1,
      endLineno: endLine,
      endOffset: this.charCol(endLine, endCol) + 1,
    });
  }

  /** Build an error from a CPython-style location, used as given. */
  errorAt(type: PySyntaxErrorType, msg: string, loc: ErrorLocation): PySyntaxError {
    return new PySyntaxError(type, msg, loc, this.text(loc.lineno), this.filename);
  }
}
