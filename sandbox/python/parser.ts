/**
 * Python 3.11 parser: source text to the CPython-shaped AST in ast.ts.
 *
 * Approach
 * - The Lexer (lexer.ts) is an indentation-aware pull tokenizer producing
 *   NEWLINE/INDENT/DEDENT like CPython's. The parser pulls tokens on demand
 *   into a buffer, so the last token fetched is the point where parsing
 *   stopped — CPython reports its generic "invalid syntax" there, and so do we.
 * - Hand-written recursive descent, one method per grammar rule, following
 *   the structure (not the code) of CPython's PEG grammar. Binary operators
 *   use precedence climbing over a table; `**` is right associative and binds
 *   tighter than a unary operator on its left.
 * - Assignment targets are parsed as expressions and then checked and given
 *   Store/Del context, which is also where "cannot assign to ..." errors come
 *   from. Targets of `for` are parsed at `|` level so `in` is not swallowed.
 * - Error messages follow CPython 3.11's for common mistakes: the parser
 *   raises the specific messages where CPython's "invalid_*" rules would, and
 *   after a parser error the rest of the source is tokenized so that a
 *   tokenizer error (or an unclosed bracket on an earlier line) wins, as in
 *   CPython.
 * - f-strings are split in the parser; each `{expression}` is re-tokenized
 *   from its exact source position, so nested nodes get real positions.
 * - Nesting depth is bounded (brackets by the tokenizer, other recursion by a
 *   counter), so deep input gives a SyntaxError, never a JS stack overflow.
 * - `checkSemantics` does the checks CPython's compiler makes on a valid
 *   parse ('return' outside function, 'break' outside loop, ...).
 *
 * Known gaps: `async def/for/with` are refused by name (UnsupportedError); `await`,
 * `match`, `except*` and parenthesised with-items
 * are not parsed; `\N{name}` escapes raise (no Unicode name table); "no
 * binding for nonlocal" is not checked; format-spec JoinedStr positions in
 * concatenated f-strings differ from CPython 3.11's (quirky) ones; rarer
 * error messages fall back to "invalid syntax" at CPython's line.
 */

import type * as A from './ast.js';
import { PySyntaxError, SourceLines } from './errors.js';
import { UnsupportedError } from './scope.js';
import type { PySyntaxErrorType } from './errors.js';
import { decodeEscapes, EscapeError, Lexer, splitStringToken } from './lexer.js';
import type { Token } from './lexer.js';

export { PySyntaxError } from './errors.js';

export interface ParseOptions {
  /** Run the compiler-stage checks of `checkSemantics` (default true). */
  checkSemantics?: boolean;
}

/** Parses a module; throws PySyntaxError like CPython's compile(). */
export function parse(source: string, filename = '<string>', options: ParseOptions = {}): A.Module {
  const src = new SourceLines(source, filename);
  const parser = new Parser(new Lexer(source, src), src);
  const module = parser.parseModule();
  checkDepth(module, src);
  if (options.checkSemantics !== false) checkSemantics(module, source, filename);
  return module;
}

/** Parses a single expression (like `eval` mode). */
export function parseExpression(source: string, filename = '<string>'): A.Expr {
  const src = new SourceLines(source, filename);
  return new Parser(new Lexer(source, src), src).parseEvalInput();
}

const KEYWORDS = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def',
  'del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is',
  'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield',
]);

/** Keywords that can begin an expression. */
const EXPR_KEYWORDS = new Set(['None', 'True', 'False', 'not', 'lambda', 'await', 'yield']);

const AUG_OPS: Record<string, A.Operator> = {
  '+=': 'Add', '-=': 'Sub', '*=': 'Mult', '@=': 'MatMult', '/=': 'Div', '%=': 'Mod', '&=': 'BitAnd',
  '|=': 'BitOr', '^=': 'BitXor', '<<=': 'LShift', '>>=': 'RShift', '**=': 'Pow', '//=': 'FloorDiv',
};

/** Binary operators from `|` to `*`, loosest first (precedence climbing levels). */
const BINARY_LEVELS: Record<string, A.Operator>[] = [
  { '|': 'BitOr' },
  { '^': 'BitXor' },
  { '&': 'BitAnd' },
  { '<<': 'LShift', '>>': 'RShift' },
  { '+': 'Add', '-': 'Sub' },
  { '*': 'Mult', '/': 'Div', '//': 'FloorDiv', '%': 'Mod', '@': 'MatMult' },
];

/** Names that are constants. A Map, not an object: `toString` must stay a plain name. */
const NAME_CONSTANTS = new Map<string, A.ConstValue>([
  ['None', { kind: 'none' }],
  ['True', { kind: 'bool', value: true }],
  ['False', { kind: 'bool', value: false }],
]);

const UNARY_OPS: Record<string, A.UnaryOperator> = { '+': 'UAdd', '-': 'USub', '~': 'Invert' };

const COMPARE_OPS: Record<string, A.CmpOperator> = {
  '==': 'Eq', '!=': 'NotEq', '<': 'Lt', '<=': 'LtE', '>': 'Gt', '>=': 'GtE', in: 'In', is: 'Is',
};

const BLOCK_NAMES: Record<string, string> = {
  def: 'function definition',
  class: 'class definition',
};

/** Tokenizer errors that CPython's parser raises itself, so they never replace a parser error. */
const PARSER_RAISED_TOKENIZER_ERRORS = new Set(['unexpected EOF while parsing']);

/** Soft keywords: never the first half of a "forgot a comma" pair. */
const SOFT_KEYWORDS = new Set(['match', 'case', '_']);

/** Recursion budget for nested expressions (brackets are capped at 200 by the tokenizer). */
const MAX_EXPR_DEPTH = 400;

/**
 * Deepest syntax tree accepted. Left-nested chains (`a + b + ...`,
 * `a.b.c...`) are parsed by loops but still make deep trees, and whatever
 * walks a tree (the checks below, an interpreter) recurses; CPython's
 * compiler gives up similarly (RecursionError) past a few thousand.
 */
const MAX_TREE_DEPTH = 1000;

type Loc = Token | A.Position;

const isToken = (x: Loc): x is Token => 'kind' in x;

class Parser {
  private readonly toks: Token[] = [];
  private i = 0;
  private depth = 0;
  /** Nodes written inside their own parentheses, e.g. `(a)` or `(a, b)`. */
  private readonly parenthesized = new WeakSet<object>();
  /** Where parenthesized nodes start, parentheses included (an enclosing node starts there). */
  private readonly outerStart = new WeakMap<object, Token>();
  private lexerFailed = false;

  constructor(
    private readonly lexer: Lexer,
    private readonly src: SourceLines,
  ) {}

  // =========================================================================
  // Entry points and error arbitration

  parseModule(): A.Module {
    return this.guard(() => {
      const body: A.Stmt[] = [];
      while (!this.atKind('ENDMARKER')) body.push(...this.statement());
      return { type: 'Module', body };
    });
  }

  parseEvalInput(): A.Expr {
    return this.guard(() => {
      const e = this.starExpressions();
      while (this.atKind('NEWLINE')) this.i++;
      if (!this.atKind('ENDMARKER')) throw this.invalidSyntax();
      return e;
    });
  }

  /**
   * Runs a parse, converting stack exhaustion to a SyntaxError and letting
   * tokenizer errors further on take precedence over parser errors.
   */
  private guard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      if (e instanceof RangeError) {
        const t = this.toks[this.toks.length - 1] ?? { line: 1, col: 0 };
        throw this.src.error('SyntaxError', 'too many nested parentheses', t.line, t.col);
      }
      if (e instanceof PySyntaxError && !this.lexerFailed) throw this.tokenizeRest(e);
      throw e;
    }
  }

  /**
   * CPython tokenizes the rest of the file after a parser error, and a
   * tokenizer error found there wins — except indentation-type errors (its
   * tokenizer leaves those for the parser to raise) and "unexpected indent".
   */
  private tokenizeRest(err: PySyntaxError): PySyntaxError {
    if (err.type === 'IndentationError' && err.msg.startsWith('unexpected')) return err;
    try {
      for (let t = this.lexer.next(); t.kind !== 'ENDMARKER'; t = this.lexer.next());
    } catch (e) {
      if (!(e instanceof PySyntaxError)) throw e;
      if (e.type !== 'SyntaxError' || PARSER_RAISED_TOKENIZER_ERRORS.has(e.msg)) return err;
      if (!e.msg.endsWith('was never closed')) return e;
      // Like CPython: only when parsing stopped on a later line than the bracket.
      return e.lineno < this.toks[this.toks.length - 1].line ? e : err;
    }
    return err;
  }

  // =========================================================================
  // Token access

  peek(k = 0): Token {
    while (this.toks.length <= this.i + k) {
      try {
        this.toks.push(this.lexer.next());
      } catch (e) {
        this.lexerFailed = true;
        throw e;
      }
    }
    return this.toks[this.i + k];
  }

  /** The last consumed token, layout tokens (NEWLINE/INDENT/DEDENT) excepted. */
  private get prev(): Token {
    for (let k = this.i - 1; k > 0; k--) {
      const kind = this.toks[k].kind;
      if (kind !== 'NEWLINE' && kind !== 'INDENT' && kind !== 'DEDENT') return this.toks[k];
    }
    return this.toks[0];
  }

  private next(): Token {
    const t = this.peek();
    this.i++;
    return t;
  }

  private atKind(kind: Token['kind'], k = 0): boolean {
    return this.peek(k).kind === kind;
  }

  /** Is the token an operator or keyword with this exact text? */
  private at(value: string, k = 0): boolean {
    const t = this.peek(k);
    return t.value === value && (t.kind === 'OP' || t.kind === 'NAME');
  }

  private eat(value: string): Token | undefined {
    return this.at(value) ? this.next() : undefined;
  }

  private expect(value: string): Token {
    const t = this.eat(value);
    if (!t) throw this.invalidSyntax();
    return t;
  }

  /** A token CPython's grammar requires outright ("expected ':'" whatever follows). */
  private expectForced(value: string): Token {
    const t = this.eat(value);
    if (!t) throw this.errorAtToken(`expected '${value}'`, this.peek());
    return t;
  }

  /** `:` ending a block header; a newline instead gives "expected ':'". */
  private expectColon(): Token {
    if (this.atKind('NEWLINE')) throw this.errorAtToken("expected ':'", this.peek());
    return this.expect(':');
  }

  private atName(k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'NAME' && !KEYWORDS.has(t.value);
  }

  private name(): Token {
    if (!this.atName()) throw this.invalidSyntax();
    return this.next();
  }

  /** Can the current token start an expression? */
  private atExpressionStart(k = 0): boolean {
    const t = this.peek(k);
    if (t.kind === 'NUMBER' || t.kind === 'STRING') return true;
    if (t.kind === 'NAME') return !KEYWORDS.has(t.value) || EXPR_KEYWORDS.has(t.value);
    return t.kind === 'OP' && ['(', '[', '{', '-', '+', '~', '...', '*'].includes(t.value);
  }

  // =========================================================================
  // Positions and errors

  /** Node position from `start` to `end`; `outer` includes parentheses around a start node. */
  private pos(start: Loc, end: Loc, outer = true): A.Position {
    if (!isToken(start) && outer) start = this.outerStart.get(start) ?? start;
    const s = isToken(start)
      ? { lineno: start.line, col_offset: this.src.byteCol(start.line, start.col) }
      : { lineno: start.lineno, col_offset: start.col_offset };
    const e = isToken(end)
      ? { end_lineno: end.endLine, end_col_offset: this.src.byteCol(end.endLine, end.endCol) }
      : { end_lineno: end.end_lineno, end_col_offset: end.end_col_offset };
    return { ...s, ...e };
  }

  /** Position from `start` to the last consumed token. */
  private from(start: Loc): A.Position {
    return this.pos(start, this.prev);
  }

  private error(msg: string, start: Loc, end: Loc = start, type: PySyntaxErrorType = 'SyntaxError'): PySyntaxError {
    return nodeError(this.src, type, msg, this.pos(start, end, false));
  }

  errorAtToken(msg: string, t: Token, type: PySyntaxErrorType = 'SyntaxError'): PySyntaxError {
    return this.src.error(type, msg, t.line, t.col, t.endLine, t.endCol);
  }

  /** CPython's generic error, at the furthest token read. */
  private invalidSyntax(): PySyntaxError {
    const t = this.toks[this.toks.length - 1];
    if (t.kind === 'INDENT') {
      return this.src.errorAt('IndentationError', 'unexpected indent', {
        lineno: t.line,
        offset: this.src.charCol(t.line, t.endCol),
        endLineno: t.line,
        endOffset: -1,
      });
    }
    if (t.kind === 'DEDENT') return this.errorAtToken('unexpected unindent', t, 'IndentationError');
    return this.errorAtToken('invalid syntax', t);
  }

  private enter(): void {
    if (++this.depth > MAX_EXPR_DEPTH) {
      const t = this.peek();
      throw this.src.error('SyntaxError', 'too many nested parentheses', t.line, t.col);
    }
  }

  private leave(): void {
    this.depth--;
  }

  // =========================================================================
  // Statements

  /** One statement line; simple statements joined by `;` give several. */
  private statement(): A.Stmt[] {
    const t = this.peek();
    if (t.kind === 'NAME' || (t.kind === 'OP' && t.value === '@')) {
      const compound = this.compoundStatement();
      if (compound) return [compound];
    }
    return this.simpleStatements();
  }

  private compoundStatement(): A.Stmt | undefined {
    switch (this.peek().value) {
      case 'def':
        return this.functionDef(this.next(), []);
      case 'class':
        return this.classDef(this.next(), []);
      case '@':
        return this.decorated();
      case 'if':
        return this.ifStatement(this.next());
      case 'while':
        return this.whileStatement(this.next());
      case 'for':
        return this.forStatement(this.next());
      case 'try':
        return this.tryStatement(this.next());
      case 'with':
        return this.withStatement(this.next());
      case 'async':
        return this.refuseAsync();
      default:
        return undefined;
    }
  }

  /**
   * `async def` / `async for` / `async with` are valid Python the sandbox does not run
   * (no coroutines): refused by name rather than reported as a SyntaxError CPython would
   * not give. `async` before anything else is CPython's invalid syntax.
   */
  private refuseAsync(): never {
    const kw = this.peek(1);
    if (kw.kind === 'NAME' && (kw.value === 'def' || kw.value === 'for' || kw.value === 'with')) {
      throw new UnsupportedError(`'async ${kw.value}' (coroutines)`, this.peek().line);
    }
    throw this.invalidSyntax();
  }

  private simpleStatements(): A.Stmt[] {
    const out = [this.simpleStatement()];
    while (this.eat(';')) {
      if (this.atKind('NEWLINE')) break;
      out.push(this.simpleStatement());
    }
    if (!this.atKind('NEWLINE')) throw this.junkAfterStatement();
    this.next();
    return out;
  }

  /**
   * Generic error at the token after a complete statement. CPython's parser
   * has read an expression beyond it first (looking for a missing comma), so
   * do the same: that decides whether an unclosed bracket there is reported.
   */
  private junkAfterStatement(): PySyntaxError {
    const err = this.invalidSyntax();
    if (this.atExpressionStart()) this.safely(() => this.expression());
    return err;
  }

  private simpleStatement(): A.Stmt {
    const t = this.peek();
    if (t.kind === 'NAME') {
      switch (t.value) {
        case 'pass':
        case 'break':
        case 'continue':
          this.next();
          return { type: capitalize(t.value) as 'Pass', ...this.pos(t, t) };
        case 'return':
          return this.returnStatement(this.next());
        case 'raise':
          return this.raiseStatement(this.next());
        case 'global':
        case 'nonlocal':
          return this.globalStatement(this.next());
        case 'del':
          return this.delStatement(this.next());
        case 'assert':
          return this.assertStatement(this.next());
        case 'import':
          return this.importStatement(this.next());
        case 'from':
          return this.fromImport(this.next());
      }
    }
    return this.expressionStatement();
  }

  private returnStatement(kw: Token): A.Return {
    const value = this.atSimpleEnd() ? null : this.starExpressions();
    return { type: 'Return', value, ...this.from(kw) };
  }

  private raiseStatement(kw: Token): A.Raise {
    if (this.atSimpleEnd()) return { type: 'Raise', exc: null, cause: null, ...this.from(kw) };
    const exc = this.expression();
    const cause = this.eat('from') ? this.expression() : null;
    return { type: 'Raise', exc, cause, ...this.from(kw) };
  }

  private globalStatement(kw: Token): A.Global | A.Nonlocal {
    const names = [this.name().value];
    while (this.eat(',')) names.push(this.name().value);
    return { type: kw.value === 'global' ? 'Global' : 'Nonlocal', names, ...this.from(kw) };
  }

  private delStatement(kw: Token): A.Delete {
    const targets: A.Expr[] = [];
    do {
      if (this.atSimpleEnd()) break;
      targets.push(this.bitwiseOr());
    } while (this.eat(','));
    if (targets.length === 0 || !this.atSimpleEnd()) throw this.invalidSyntax();
    for (const target of targets) this.setContext(target, 'Del');
    return { type: 'Delete', targets, ...this.from(kw) };
  }

  private assertStatement(kw: Token): A.Assert {
    const test = this.expression();
    const msg = this.eat(',') ? this.expression() : null;
    return { type: 'Assert', test, msg, ...this.from(kw) };
  }

  private importStatement(kw: Token): A.Import {
    const names = [this.alias(true)];
    while (this.eat(',')) names.push(this.alias(true));
    return { type: 'Import', names, ...this.from(kw) };
  }

  private fromImport(kw: Token): A.ImportFrom {
    let level = 0;
    while (this.at('.') || this.at('...')) level += this.next().value.length;
    const module = this.at('import') && level > 0 ? null : this.dottedName().name;
    this.expect('import');
    const names: A.Alias[] = [];
    if (this.at('*')) {
      const star = this.next();
      names.push({ type: 'alias', name: '*', asname: null, ...this.pos(star, star) });
    } else if (this.eat('(')) {
      do {
        if (this.at(')') && names.length > 0) break;
        names.push(this.alias(false));
      } while (this.eat(','));
      this.expect(')');
    } else {
      do names.push(this.alias(false));
      while (this.eat(',') && !this.atSimpleEnd());
      if (this.prev.value === ',') {
        throw this.errorAtToken('trailing comma not allowed without surrounding parentheses', this.peek());
      }
    }
    return { type: 'ImportFrom', module, names, level, ...this.from(kw) };
  }

  private dottedName(): { name: string; start: Token } {
    const start = this.name();
    let name = start.value;
    while (this.eat('.')) name += '.' + this.name().value;
    return { name, start };
  }

  private alias(dotted: boolean): A.Alias {
    const { name, start } = dotted ? this.dottedName() : { name: this.name().value, start: this.prev };
    const asname = this.eat('as') ? this.name().value : null;
    return { type: 'alias', name, asname, ...this.from(start) };
  }

  /** At the end of a simple statement (`;` or NEWLINE)? */
  private atSimpleEnd(): boolean {
    return this.atKind('NEWLINE') || this.at(';');
  }

  // -------------------------------------------------------------------------
  // Expression statements and assignments

  private expressionStatement(): A.Stmt {
    const start = this.peek();
    const first = this.yieldOrStarExpressions();
    if (this.at(':') && !this.atKind('NEWLINE', 1)) return this.annAssign(start, first);
    const aug = AUG_OPS[this.peek().value];
    if (aug && this.peek().kind === 'OP') return this.augAssign(start, first, aug);
    if (this.at('=')) return this.assignment(start, first);
    if (!this.atSimpleEnd()) this.legacyPrintCheck(first);
    return { type: 'Expr', value: first, ...this.from(start) };
  }

  /** `print 'x'` gets CPython's "Missing parentheses" hint. */
  private legacyPrintCheck(first: A.Expr): void {
    if (first.type !== 'Name' || (first.id !== 'print' && first.id !== 'exec') || !this.atExpressionStart()) return;
    const arg = this.safely(() => this.starExpressions());
    if (!arg) return;
    throw this.error(`Missing parentheses in call to '${first.id}'. Did you mean ${first.id}(...)?`, first, arg);
  }

  /** Runs a speculative parse; returns undefined on a SyntaxError. */
  private safely<T>(fn: () => T): T | undefined {
    try {
      return fn();
    } catch (e) {
      if (e instanceof PySyntaxError && !this.lexerFailed) return undefined;
      throw e;
    }
  }

  private annAssign(start: Token, target: A.Expr): A.AnnAssign {
    this.expect(':');
    if (target.type === 'Tuple' && !this.parenthesized.has(target)) {
      throw this.error('only single target (not tuple) can be annotated', target);
    }
    if (target.type !== 'Name' && target.type !== 'Attribute' && target.type !== 'Subscript') {
      const what = target.type === 'Tuple' ? 'tuple' : target.type === 'List' ? 'list' : '';
      throw this.error(what ? `only single target (not ${what}) can be annotated` : 'illegal target for annotation', target);
    }
    this.setContext(target, 'Store');
    const annotation = this.expression();
    const value = this.eat('=') ? this.yieldOrStarExpressions() : null;
    const simple = target.type === 'Name' && !this.parenthesized.has(target) ? 1 : 0;
    return { type: 'AnnAssign', target, annotation, value, simple, ...this.from(start) };
  }

  private augAssign(start: Token, target: A.Expr, op: A.Operator): A.AugAssign {
    if (target.type !== 'Name' && target.type !== 'Attribute' && target.type !== 'Subscript') {
      throw this.error(`'${exprName(target)}' is an illegal expression for augmented assignment`, target);
    }
    this.next();
    this.setContext(target, 'Store');
    const value = this.yieldOrStarExpressions();
    return { type: 'AugAssign', target, op, value, ...this.from(start) };
  }

  private assignment(start: Token, first: A.Expr): A.Assign {
    const parts = [first];
    while (this.eat('=')) {
      if (this.atSimpleEnd()) throw this.invalidSyntax();
      parts.push(this.yieldOrStarExpressions());
    }
    const value = parts.pop()!;
    this.checkMaybeComparison(parts, value);
    for (const target of parts) this.setContext(target, 'Store');
    return { type: 'Assign', targets: parts, value, ...this.from(start) };
  }

  /**
   * `1 = x` or `f() = x` (a single `=`) get CPython's "... here. Maybe you
   * meant '==' instead of '='?" (its invalid_named_expression rule).
   */
  private checkMaybeComparison(targets: A.Expr[], value: A.Expr): void {
    if (targets.length !== 1) return;
    const t = targets[0];
    const last = t.type === 'Tuple' && !this.parenthesized.has(t) ? t.elts[t.elts.length - 1] : t;
    if (!last || !isBitwiseLevel(last) || isDisplayOrSingleton(last, this.parenthesized)) return;
    if (value.type === 'Yield' || value.type === 'YieldFrom') return;
    if (validTarget(last, 'Store')) return;
    throw this.error(`cannot assign to ${exprName(last)} here. Maybe you meant '==' instead of '='?`, last);
  }

  /** Checks an assignment/deletion target and sets its context. */
  private setContext(e: A.Expr, ctx: 'Store' | 'Del'): void {
    const bad = invalidTarget(e, ctx);
    if (bad) {
      const verb = ctx === 'Store' ? 'assign to' : 'delete';
      if (bad.type === 'Yield' || bad.type === 'YieldFrom') {
        throw this.error('assignment to yield expression not possible', bad);
      }
      throw this.error(`cannot ${verb} ${exprName(bad)}`, bad);
    }
    applyContext(e, ctx);
  }

  // -------------------------------------------------------------------------
  // Compound statements

  /** The body after a block header's `:`. */
  private block(header: Token): A.Stmt[] {
    if (!this.atKind('NEWLINE')) return this.simpleStatements();
    this.next();
    if (!this.atKind('INDENT')) {
      const what = BLOCK_NAMES[header.value] ?? `'${header.value}' statement`;
      throw this.expectedIndent(`expected an indented block after ${what} on line ${header.line}`);
    }
    this.next();
    const body: A.Stmt[] = [];
    while (!this.atKind('DEDENT')) body.push(...this.statement());
    this.next();
    return body;
  }

  private expectedIndent(msg: string): PySyntaxError {
    const t = this.peek();
    if (t.kind === 'NAME' || t.kind === 'OP' || t.kind === 'NUMBER' || t.kind === 'STRING' || t.kind === 'ERRORTOKEN') {
      return this.errorAtToken(msg, t, 'IndentationError');
    }
    // A DEDENT has no column in CPython; at the end of the file it points past the header line.
    const nl = this.toks[this.i - 1];
    const loc =
      t.kind === 'DEDENT'
        ? { lineno: t.line, offset: 0 }
        : { lineno: nl.line, offset: this.src.charCol(nl.line, nl.col) + 1 };
    return this.src.errorAt('IndentationError', msg, { ...loc, endLineno: loc.lineno, endOffset: -1 });
  }

  private decorated(): A.Stmt {
    const decorators: A.Expr[] = [];
    while (this.eat('@')) {
      decorators.push(this.namedExpression());
      if (!this.atKind('NEWLINE')) throw this.invalidSyntax();
      this.next();
    }
    if (this.at('def')) return this.functionDef(this.next(), decorators);
    if (this.at('class')) return this.classDef(this.next(), decorators);
    if (this.at('async')) return this.refuseAsync();
    throw this.invalidSyntax();
  }

  private functionDef(kw: Token, decorator_list: A.Expr[]): A.FunctionDef {
    const name = this.name().value;
    this.expectForced('(');
    const args = this.parameters(')', true);
    this.expect(')');
    const returns = this.eat('->') ? this.expression() : null;
    this.expectForced(':');
    const body = this.block(kw);
    return { type: 'FunctionDef', name, args, body, decorator_list, returns, ...this.from(kw) };
  }

  private classDef(kw: Token, decorator_list: A.Expr[]): A.ClassDef {
    const name = this.name().value;
    let bases: A.Expr[] = [];
    let keywords: A.Keyword[] = [];
    if (this.at('(')) {
      const open = this.next();
      ({ args: bases, keywords } = this.callArguments(open));
    }
    this.expectColon();
    const body = this.block(kw);
    return { type: 'ClassDef', name, bases, keywords, body, decorator_list, ...this.from(kw) };
  }

  private ifStatement(kw: Token): A.If {
    const test = this.conditionExpression();
    this.expectColon();
    const body = this.block(kw);
    let orelse: A.Stmt[] = [];
    if (this.at('elif')) orelse = [this.ifStatement(this.next())];
    else if (this.at('else')) orelse = this.elseBlock();
    return { type: 'If', test, body, orelse, ...this.from(kw) };
  }

  /** `else:` or `finally:` and its block. */
  private elseBlock(): A.Stmt[] {
    const kw = this.next();
    this.expectForced(':');
    return this.block(kw);
  }

  private whileStatement(kw: Token): A.While {
    const test = this.conditionExpression();
    this.expectColon();
    const body = this.block(kw);
    const orelse = this.at('else') ? this.elseBlock() : [];
    return { type: 'While', test, body, orelse, ...this.from(kw) };
  }

  private forStatement(kw: Token): A.For {
    const target = this.targetList();
    if (!this.at('in')) throw this.invalidSyntax();
    this.next();
    const iter = this.starExpressions();
    this.expectColon();
    const body = this.block(kw);
    const orelse = this.at('else') ? this.elseBlock() : [];
    return { type: 'For', target, iter, body, orelse, ...this.from(kw) };
  }

  private tryStatement(kw: Token): A.Try {
    this.expectForced(':');
    const body = this.block(kw);
    const handlers: A.ExceptHandler[] = [];
    while (this.at('except')) {
      const bare = handlers.find((h) => h.type_ === null);
      if (bare) throw this.error("default 'except:' must be last", bare);
      handlers.push(this.exceptHandler(this.next()));
    }
    const orelse = handlers.length > 0 && this.at('else') ? this.elseBlock() : [];
    let finalbody: A.Stmt[] = [];
    if (this.at('finally')) finalbody = this.elseBlock();
    if (handlers.length === 0 && finalbody.length === 0) throw this.missingExcept();
    return { type: 'Try', body, handlers, orelse, finalbody, ...this.from(kw) };
  }

  private missingExcept(): PySyntaxError {
    const msg = "expected 'except' or 'finally' block";
    const t = this.peek();
    if (t.kind !== 'DEDENT' && t.kind !== 'ENDMARKER') return this.errorAtToken(msg, t);
    // At the end of the file CPython points after the last line, with no end.
    const nl = this.toks.slice(0, this.i).reverse().find((x) => x.kind === 'NEWLINE') ?? t;
    return this.src.errorAt('SyntaxError', msg, {
      lineno: nl.line,
      offset: this.src.charCol(nl.line, nl.col) + 1,
      endLineno: nl.line,
      endOffset: -1,
    });
  }

  private exceptHandler(kw: Token): A.ExceptHandler {
    let type_: A.Expr | null = null;
    let name: string | null = null;
    if (!this.at(':')) {
      type_ = this.expression();
      if (this.at(',')) {
        this.next();
        const rest = this.expression();
        throw this.error('multiple exception types must be parenthesized', type_, rest);
      }
      if (this.eat('as')) name = this.name().value;
    }
    this.expectColon();
    const body = this.block(kw);
    return { type: 'ExceptHandler', type_, name, body, ...this.from(kw) };
  }

  private withStatement(kw: Token): A.With {
    const items: A.WithItem[] = (this.at('(') && this.parenthesizedWithItems()) || [];
    if (items.length === 0) {
      do items.push(this.withItem());
      while (this.eat(','));
    }
    this.expectColon();
    const body = this.block(kw);
    return { type: 'With', items, body, ...this.from(kw) };
  }

  /** with_item: expression ['as' star_target]. */
  private withItem(): A.WithItem {
    const context_expr = this.expression();
    let optional_vars: A.Expr | null = null;
    if (this.eat('as')) {
      optional_vars = this.target();
      this.setContext(optional_vars, 'Store');
    }
    return { type: 'withitem', context_expr, optional_vars };
  }

  /**
   * with_stmt's first alternative, tried first as the PEG grammar does:
   * `'(' ','.with_item+ ','? ')' ':'`. When it does not match (`with (a) as b:`,
   * `with (a, b) as c:`, `with ():`), the parenthesis belongs to an expression and the
   * tokens are read again. Returns null then.
   */
  private parenthesizedWithItems(): A.WithItem[] | null {
    const save = this.i;
    const items = this.safely(() => {
      this.next();
      const out: A.WithItem[] = [];
      while (!this.at(')')) {
        out.push(this.withItem());
        if (!this.eat(',')) break;
      }
      return out.length > 0 && this.eat(')') && this.at(':') ? out : null;
    });
    if (items) return items;
    this.i = save;
    return null;
  }

  // -------------------------------------------------------------------------
  // Targets (for loops, comprehensions, with ... as)

  /** A single target: `*x`, or an expression at `|` level. */
  private target(): A.Expr {
    if (this.at('*')) {
      const star = this.next();
      const value = this.bitwiseOr();
      return { type: 'Starred', value, ctx: 'Load', ...this.from(star) };
    }
    return this.bitwiseOr();
  }

  /** `a, b` style target list, stored. */
  private targetList(): A.Expr {
    const start = this.peek();
    const first = this.target();
    let target = first;
    if (this.at(',')) {
      const elts = [first];
      while (this.eat(',') && !this.at('in') && !this.at('=')) elts.push(this.target());
      target = { type: 'Tuple', elts, ctx: 'Load', ...this.from(start) };
    }
    this.setContext(target, 'Store');
    return target;
  }

  // =========================================================================
  // Function parameters

  /** Parameters up to `close` (')' for def, ':' for lambda). */
  private parameters(close: string, annotations: boolean): A.Arguments {
    const args: A.Arguments = {
      type: 'arguments',
      posonlyargs: [],
      args: [],
      vararg: null,
      kwonlyargs: [],
      kw_defaults: [],
      kwarg: null,
      defaults: [],
    };
    let star: Token | undefined;
    while (!this.at(close)) {
      if (args.kwarg) throw this.invalidSyntax();
      if (this.at('/')) this.slash(args, star);
      else if (this.at('*')) star = this.starParameter(args, star, close, annotations);
      else if (this.at('**')) {
        this.next();
        args.kwarg = this.parameter(annotations);
      } else this.plainParameter(args, star, annotations);
      if (!this.eat(',')) break;
    }
    if (star && !args.vararg && args.kwonlyargs.length === 0) {
      throw this.error('named arguments must follow bare *', star);
    }
    return args;
  }

  private slash(args: A.Arguments, star: Token | undefined): void {
    const slash = this.next();
    if (star || args.posonlyargs.length > 0 || args.args.length === 0) {
      const msg = star ? '/ must be ahead of *' : args.args.length === 0 ? 'at least one argument must precede /' : '/ may appear only once';
      throw this.error(msg, slash);
    }
    args.posonlyargs = args.args;
    args.args = [];
  }

  private starParameter(args: A.Arguments, star: Token | undefined, close: string, ann: boolean): Token {
    const t = this.next();
    if (star) throw this.error('* argument may appear only once', t);
    if (!this.at(',') && !this.at(close)) args.vararg = this.parameter(ann);
    return t;
  }

  private plainParameter(args: A.Arguments, star: Token | undefined, annotations: boolean): void {
    const param = this.parameter(annotations);
    const value = this.eat('=') ? this.expression() : null;
    if (star) {
      args.kwonlyargs.push(param);
      args.kw_defaults.push(value);
    } else {
      if (value) args.defaults.push(value);
      else if (args.defaults.length > 0) throw this.error('non-default argument follows default argument', param);
      args.args.push(param);
    }
  }

  private parameter(annotations: boolean): A.Arg {
    const t = this.name();
    const annotation = annotations && this.eat(':') ? this.expression() : null;
    return { type: 'arg', arg: t.value, annotation, ...this.from(t) };
  }

  // =========================================================================
  // Expressions

  /** star_expressions: `a`, `*a`, `a, b` (a bare tuple). */
  private starExpressions(): A.Expr {
    const start = this.peek();
    const first = this.starExpression();
    if (!this.at(',')) return first;
    const elts = [first];
    while (this.eat(',')) {
      if (!this.atExpressionStart()) break;
      elts.push(this.starExpression());
    }
    return { type: 'Tuple', elts, ctx: 'Load', ...this.from(start) };
  }

  private yieldOrStarExpressions(): A.Expr {
    return this.at('yield') ? this.yieldExpression() : this.starExpressions();
  }

  private starExpression(): A.Expr {
    if (!this.at('*')) return this.expression();
    const star = this.next();
    const value = this.bitwiseOr();
    return { type: 'Starred', value, ctx: 'Load', ...this.from(star) };
  }

  /** star_named_expression, as found in displays. */
  private starNamedExpression(): A.Expr {
    if (!this.at('*')) return this.namedExpression();
    const star = this.next();
    const value = this.bitwiseOr();
    return { type: 'Starred', value, ctx: 'Load', ...this.from(star) };
  }

  private yieldExpression(): A.Expr {
    const kw = this.next();
    if (this.eat('from')) {
      const value = this.expression();
      return { type: 'YieldFrom', value, ...this.from(kw) };
    }
    const value = this.atExpressionStart() ? this.starExpressions() : null;
    return { type: 'Yield', value, ...this.from(kw) };
  }

  /** `if`/`while` condition: CPython suggests `==` or `:=` for a stray `=`. */
  private conditionExpression(): A.Expr {
    return this.namedExpression();
  }

  /** named_expression: `NAME := expression` or an expression. */
  private namedExpression(checkEquals = true): A.Expr {
    if (this.atName() && this.at(':=', 1)) {
      const name = this.next();
      this.next();
      const value = this.expression();
      const target: A.Name = { type: 'Name', id: name.value, ctx: 'Store', ...this.pos(name, name) };
      return { type: 'NamedExpr', target, value, ...this.from(name) };
    }
    const e = this.expression();
    if (checkEquals && this.at('=') && !this.at('=', 1)) this.strayEquals(e);
    return e;
  }

  /** A `=` after an expression where an assignment cannot be. */
  private strayEquals(e: A.Expr): void {
    if (e.type === 'Name' && !this.parenthesized.has(e)) {
      const save = this.i;
      this.next();
      const value = this.safely(() => this.bitwiseOr());
      if (value && !this.at('=') && !this.at(':=')) {
        throw this.error("invalid syntax. Maybe you meant '==' or ':=' instead of '='?", e, value);
      }
      this.i = save;
      return;
    }
    if (isBitwiseLevel(e) && !isDisplayOrSingleton(e, this.parenthesized)) {
      throw this.error(`cannot assign to ${exprName(e)} here. Maybe you meant '==' instead of '='?`, e);
    }
  }

  /** expression: lambda, or a disjunction with an optional `if ... else ...`. */
  private expression(): A.Expr {
    if (this.at('lambda')) return this.lambda();
    this.enter();
    const body = this.disjunction();
    if (this.at('if')) {
      this.next();
      const test = this.disjunction();
      if (!this.at('else')) {
        if (!this.at(':')) throw this.error("expected 'else' after 'if' expression", body, test);
        throw this.invalidSyntax();
      }
      this.next();
      const orelse = this.expression();
      this.leave();
      return { type: 'IfExp', test, body, orelse, ...this.from(body) };
    }
    this.leave();
    return body;
  }

  private lambda(): A.Lambda {
    const kw = this.next();
    this.enter();
    const args = this.parameters(':', false);
    this.expect(':');
    const body = this.expression();
    this.leave();
    return { type: 'Lambda', args, body, ...this.from(kw) };
  }

  private disjunction(): A.Expr {
    return this.boolOp('or', 'Or', () => this.conjunction());
  }

  private conjunction(): A.Expr {
    return this.boolOp('and', 'And', () => this.inversion());
  }

  private boolOp(word: string, op: A.BoolOperator, operand: () => A.Expr): A.Expr {
    const first = operand();
    if (!this.at(word)) return first;
    const values = [first];
    while (this.eat(word)) values.push(operand());
    return { type: 'BoolOp', op, values, ...this.from(first) };
  }

  private inversion(): A.Expr {
    if (!this.at('not')) return this.comparison();
    const kw = this.next();
    this.enter();
    const operand = this.inversion();
    this.leave();
    return { type: 'UnaryOp', op: 'Not', operand, ...this.from(kw) };
  }

  private comparison(): A.Expr {
    const left = this.bitwiseOr();
    const ops: A.CmpOperator[] = [];
    const comparators: A.Expr[] = [];
    for (let op = this.compareOp(); op; op = this.compareOp()) {
      ops.push(op);
      comparators.push(this.bitwiseOr());
    }
    if (ops.length === 0) return left;
    return { type: 'Compare', left, ops, comparators, ...this.from(left) };
  }

  /** Consumes a comparison operator (`not in`, `is not` included) if present. */
  private compareOp(): A.CmpOperator | undefined {
    const t = this.peek();
    if (t.kind !== 'OP' && t.kind !== 'NAME') return undefined;
    if (t.value === 'not' && t.kind === 'NAME' && this.at('in', 1)) {
      this.i += 2;
      return 'NotIn';
    }
    const op = Object.hasOwn(COMPARE_OPS, t.value) ? COMPARE_OPS[t.value] : undefined;
    if (!op) return undefined;
    this.next();
    if (op === 'Is' && this.eat('not')) return 'IsNot';
    return op;
  }

  /** `|` down to `*`: precedence climbing over BINARY_LEVELS. */
  private bitwiseOr(): A.Expr {
    return this.binary(0);
  }

  private binary(level: number): A.Expr {
    if (level === BINARY_LEVELS.length) return this.factor();
    const ops = BINARY_LEVELS[level];
    let left = this.binary(level + 1);
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'OP' || !Object.hasOwn(ops, t.value)) return left;
      this.next();
      const right = this.binary(level + 1);
      left = { type: 'BinOp', left, op: ops[t.value], right, ...this.from(left) };
    }
  }

  private factor(): A.Expr {
    const t = this.peek();
    if (t.kind !== 'OP' || !Object.hasOwn(UNARY_OPS, t.value)) return this.power();
    this.next();
    this.enter();
    const operand = this.factor();
    this.leave();
    return { type: 'UnaryOp', op: UNARY_OPS[t.value], operand, ...this.from(t) };
  }

  private power(): A.Expr {
    const left = this.primary();
    if (!this.at('**')) return left;
    this.next();
    this.enter();
    const right = this.factor();
    this.leave();
    return { type: 'BinOp', left, op: 'Pow', right, ...this.from(left) };
  }

  /** An atom followed by `.name`, `(args)` and `[index]` trailers. */
  private primary(): A.Expr {
    let e = this.atom();
    for (;;) {
      if (this.at('.')) {
        this.next();
        const attr = this.name().value;
        e = { type: 'Attribute', value: e, attr, ctx: 'Load', ...this.from(e) };
      } else if (this.at('(')) {
        const open = this.next();
        const { args, keywords } = this.callArguments(open);
        e = { type: 'Call', func: e, args, keywords, ...this.from(e) };
      } else if (this.at('[')) {
        this.next();
        const slice = this.slices();
        this.expect(']');
        e = { type: 'Subscript', value: e, slice, ctx: 'Load', ...this.from(e) };
      } else return e;
    }
  }

  // -------------------------------------------------------------------------
  // Calls and subscripts

  /** Arguments after `(` up to and including `)`. */
  private callArguments(open: Token): { args: A.Expr[]; keywords: A.Keyword[] } {
    const args: A.Expr[] = [];
    const keywords: A.Keyword[] = [];
    while (!this.at(')')) {
      if (this.at('*') || this.at('**')) this.starArgument(args, keywords);
      else if (this.atName() && this.at('=', 1)) keywords.push(this.keywordArgument());
      else this.positionalArgument(open, args, keywords);
      if (!this.at(')')) {
        if (this.atExpressionStart() && !this.at('*')) this.forgotCommaAfter(lastArgument(args, keywords));
        this.expect(',');
      }
    }
    this.next();
    return { args, keywords };
  }

  private starArgument(args: A.Expr[], keywords: A.Keyword[]): void {
    const star = this.next();
    const value = this.expression();
    if (star.value === '*') {
      args.push({ type: 'Starred', value, ctx: 'Load', ...this.from(star) });
    } else {
      keywords.push({ type: 'keyword', arg: null, value, ...this.from(star) });
    }
  }

  private keywordArgument(): A.Keyword {
    const name = this.next();
    this.next();
    const value = this.expression();
    return { type: 'keyword', arg: name.value, value, ...this.from(name) };
  }

  private positionalArgument(open: Token, args: A.Expr[], keywords: A.Keyword[]): void {
    let e = this.namedExpression(false);
    if (this.at('for')) {
      const generators = this.comprehensionClauses();
      const sole = args.length === 0 && keywords.length === 0 && this.at(')');
      if (!sole) {
        if (!this.at(',') && !this.at(')')) throw this.invalidSyntax();
        throw this.error('Generator expression must be parenthesized', e, this.prev);
      }
      e = { type: 'GeneratorExp', elt: e, generators, ...this.pos(open, this.peek()) };
    } else if (this.at('=')) {
      throw this.error('expression cannot contain assignment, perhaps you meant "=="?', e, this.peek());
    }
    if (keywords.length > 0) {
      const unpacking = keywords.some((k) => k.arg === null);
      const msg = unpacking ? 'positional argument follows keyword argument unpacking' : 'positional argument follows keyword argument';
      throw this.errorAtToken(msg, this.peek());
    }
    args.push(e);
  }

  /** Subscript contents: one slice, or a tuple of them. */
  private slices(): A.Expr {
    const start = this.peek();
    const first = this.slice();
    if (!this.at(',')) return first;
    const elts = [first];
    while (this.eat(',') && !this.at(']')) elts.push(this.slice());
    return { type: 'Tuple', elts, ctx: 'Load', ...this.from(start) };
  }

  private slice(): A.Expr {
    const start = this.peek();
    const lower = this.at(':') ? null : this.starNamedExpression();
    if (!this.at(':')) {
      if (lower && this.atExpressionStart() && !this.at('*')) this.forgotCommaAfter(lower);
      return lower!;
    }
    this.next();
    const upper = this.at(':') || this.at(']') || this.at(',') ? null : this.expression();
    let step: A.Expr | null = null;
    if (this.eat(':')) step = this.at(']') || this.at(',') ? null : this.expression();
    return { type: 'Slice', lower, upper, step, ...this.from(start) };
  }

  private forgotCommaAfter(a: A.Expr): never {
    const softKeyword = a.type === 'Name' && SOFT_KEYWORDS.has(a.id);
    const fString = a.type === 'Name' && this.atKind('STRING');
    if (isDisjunctionLevel(a) && !softKeyword && !fString) {
      const b = this.safely(() => this.expression());
      if (b) throw this.error('invalid syntax. Perhaps you forgot a comma?', a, b);
    }
    throw this.invalidSyntax();
  }

  // -------------------------------------------------------------------------
  // Atoms

  private atom(): A.Expr {
    const t = this.peek();
    switch (t.kind) {
      case 'NAME':
        return this.nameAtom(t);
      case 'NUMBER':
        this.next();
        return { type: 'Constant', value: parseNumber(t.value), ...this.pos(t, t) };
      case 'STRING':
        return this.strings();
      case 'OP':
        if (t.value === '(') return this.parenthesizedAtom(this.next());
        if (t.value === '[') return this.listAtom(this.next());
        if (t.value === '{') return this.braceAtom(this.next());
        if (t.value === '...') {
          this.next();
          return { type: 'Constant', value: { kind: 'ellipsis' }, ...this.pos(t, t) };
        }
    }
    throw this.invalidSyntax();
  }

  private nameAtom(t: Token): A.Expr {
    const constant = NAME_CONSTANTS.get(t.value);
    if (constant !== undefined) {
      this.next();
      return { type: 'Constant', value: constant, ...this.pos(t, t) };
    }
    if (KEYWORDS.has(t.value)) throw this.invalidSyntax();
    this.next();
    return { type: 'Name', id: t.value, ctx: 'Load', ...this.pos(t, t) };
  }

  /** `( ... )`: empty tuple, yield, generator expression, tuple or grouping. */
  private parenthesizedAtom(open: Token): A.Expr {
    this.enter();
    let e: A.Expr;
    if (this.at(')')) {
      this.next();
      e = { type: 'Tuple', elts: [], ctx: 'Load', ...this.from(open) };
    } else if (this.at('yield')) {
      e = this.yieldExpression();
      this.closeBracket(')');
      this.parenthesized.add(e);
    } else {
      const first = this.starNamedExpression();
      if (this.at('for')) {
        const generators = this.comprehensionClauses();
        this.closeBracket(')');
        e = { type: 'GeneratorExp', elt: first, generators, ...this.from(open) };
      } else if (this.at(',')) {
        const elts = this.displayElements(first, ')');
        e = { type: 'Tuple', elts, ctx: 'Load', ...this.from(open) };
      } else {
        this.closeBracket(')', first);
        e = first;
      }
    }
    this.parenthesized.add(e);
    if (e.type !== 'Tuple' && e.type !== 'GeneratorExp') this.outerStart.set(e, open);
    this.leave();
    return e;
  }

  /** Expects the closing bracket, diagnosing a forgotten comma after `last`. */
  private closeBracket(close: string, last?: A.Expr): void {
    if (this.at(close)) {
      this.next();
      return;
    }
    if (last && this.atExpressionStart() && !this.at('*')) this.forgotCommaAfter(last);
    throw this.invalidSyntax();
  }

  /** Remaining `, elt` items of a display after `first`, through `close`. */
  private displayElements(first: A.Expr, close: string): A.Expr[] {
    const elts = [first];
    while (this.eat(',')) {
      if (this.at(close)) break;
      elts.push(this.starNamedExpression());
    }
    this.closeBracket(close, elts[elts.length - 1]);
    return elts;
  }

  private listAtom(open: Token): A.Expr {
    this.enter();
    let e: A.Expr;
    if (this.eat(']')) {
      e = { type: 'List', elts: [], ctx: 'Load', ...this.from(open) };
    } else {
      const first = this.starNamedExpression();
      if (this.at('for')) {
        const generators = this.comprehensionClauses();
        this.closeBracket(']');
        e = { type: 'ListComp', elt: first, generators, ...this.from(open) };
      } else {
        const elts = this.displayElements(first, ']');
        e = { type: 'List', elts, ctx: 'Load', ...this.from(open) };
      }
    }
    this.leave();
    return e;
  }

  /** `{...}`: dict, set, or their comprehensions. */
  private braceAtom(open: Token): A.Expr {
    this.enter();
    let e: A.Expr;
    if (this.eat('}')) {
      e = { type: 'Dict', keys: [], values: [], ...this.from(open) };
    } else if (this.at('**')) {
      e = this.dictDisplay(open, null);
    } else {
      const first = this.starNamedExpression();
      if (this.at(':') && first.type !== 'Starred') {
        e = this.dictDisplay(open, first);
      } else if (this.at('for')) {
        const generators = this.comprehensionClauses();
        this.closeBracket('}');
        e = { type: 'SetComp', elt: first, generators, ...this.from(open) };
      } else {
        const elts = this.displayElements(first, '}');
        e = { type: 'Set', elts, ...this.from(open) };
      }
    }
    this.leave();
    return e;
  }

  /** A dict display or comprehension; `firstKey` is already parsed (null: starts with `**`). */
  private dictDisplay(open: Token, firstKey: A.Expr | null): A.Expr {
    const keys: (A.Expr | null)[] = [];
    const values: A.Expr[] = [];
    let key = firstKey;
    for (;;) {
      if (key === null) {
        this.expect('**');
        keys.push(null);
        values.push(this.bitwiseOr());
      } else {
        this.expect(':');
        const value = this.expression();
        if (keys.length === 0 && this.at('for')) {
          const generators = this.comprehensionClauses();
          this.closeBracket('}');
          return { type: 'DictComp', key, value, generators, ...this.from(open) };
        }
        keys.push(key);
        values.push(value);
      }
      if (!this.eat(',') || this.at('}')) break;
      key = this.at('**') ? null : this.expression();
      if (key && !this.at(':')) {
        const loc = this.pos(key, key);
        throw this.src.errorAt('SyntaxError', "':' expected after dictionary key", {
          lineno: loc.lineno,
          offset: this.src.charColOfByte(loc.lineno, loc.col_offset) + 1,
          endLineno: loc.lineno,
          endOffset: 0,
        });
      }
    }
    this.closeBracket('}', values[values.length - 1]);
    return { type: 'Dict', keys, values, ...this.from(open) };
  }

  /** One or more `for target in iter (if cond)*` clauses. */
  private comprehensionClauses(): A.Comprehension[] {
    const out: A.Comprehension[] = [];
    while (this.at('for')) {
      this.next();
      const target = this.targetList();
      if (!this.at('in')) {
        const last = target.type === 'Tuple' && !this.parenthesized.has(target) ? target.elts[target.elts.length - 1] : target;
        if (this.atExpressionStart() && !this.at('*')) this.forgotCommaAfter(last);
        throw this.invalidSyntax();
      }
      this.next();
      const iter = this.disjunction();
      const ifs: A.Expr[] = [];
      while (this.eat('if')) ifs.push(this.disjunction());
      out.push({ type: 'comprehension', target, iter, ifs, is_async: 0 });
    }
    return out;
  }

  // -------------------------------------------------------------------------
  // String literals and f-strings

  /** Adjacent string literals, concatenated into a Constant or a JoinedStr. */
  private strings(): A.Expr {
    const toks: Token[] = [];
    while (this.atKind('STRING')) toks.push(this.next());
    const first = toks[0];
    const last = toks[toks.length - 1];
    const position = this.pos(first, last);
    const lits = toks.map((t) => splitStringToken(t.value));
    const bytes = lits.map((l) => l.isBytes);
    if (bytes.some((b) => b !== bytes[0])) throw this.errorAtToken('cannot mix bytes and nonbytes literals', this.peek());
    if (bytes[0]) return { type: 'Constant', value: this.bytesValue(toks), ...position };
    if (!lits.some((l) => l.isFormat)) {
      const value = toks.map((t, k) => this.decodeStr(t, lits[k].body, lits[k].isRaw)).join('');
      return { type: 'Constant', value: { kind: 'str', value }, ...position };
    }
    const builder = new JoinedBuilder(position);
    toks.forEach((t, k) => {
      const lit = lits[k];
      if (lit.isFormat) new FStringParser(this, t, lit.isRaw, lit.bodyStart, position).parseInto(builder);
      else builder.text(this.decodeStr(t, lit.body, lit.isRaw));
    });
    return builder.build();
  }

  decodeStr(t: Token, body: string, raw: boolean): string {
    if (raw) return body;
    try {
      return decodeEscapes(body, false);
    } catch (e) {
      if (e instanceof EscapeError) throw this.errorAtToken(e.message, this.peek());
      throw e;
    }
  }

  private bytesValue(toks: Token[]): A.ConstValue {
    let text = '';
    for (const t of toks) {
      const lit = splitStringToken(t.value);
      if (/[^\x00-\x7f]/.test(lit.body)) throw this.errorAtToken('bytes can only contain ASCII literal characters', t);
      text += lit.isRaw ? lit.body : this.decodeBytes(t, lit.body);
    }
    return { kind: 'bytes', value: Uint8Array.from(text, (c) => c.charCodeAt(0)) };
  }

  private decodeBytes(t: Token, body: string): string {
    try {
      return decodeEscapes(body, true);
    } catch (e) {
      if (e instanceof EscapeError) throw this.errorAtToken(e.message, this.peek());
      throw e;
    }
  }

  /** Error for an f-string problem, reported like CPython 3.11 (at the token after the string). */
  fstringError(msg: string): PySyntaxError {
    return this.errorAtToken(`f-string: ${msg}`, this.peek());
  }

  /** Parses an f-string replacement field's expression, given its exact source location. */
  parseFieldExpression(text: string, line: number, col: number): A.Expr {
    // Re-tokenize in place: pad so the tokens land at their real positions, and
    // wrap in parentheses (the '(' sits just before the text) like CPython.
    const padded = '\n'.repeat(line - 1) + ' '.repeat(col - 1) + '(' + text + ')';
    const sub = new Parser(new Lexer(padded, this.src, false), this.src);
    sub.depth = this.depth;
    try {
      const open = sub.next();
      const e = sub.parenthesizedAtom(open);
      if (e.type === 'Starred') throw sub.error('cannot use starred expression here', e);
      if (!sub.atKind('NEWLINE') && !sub.atKind('ENDMARKER')) throw sub.invalidSyntax();
      return e;
    } catch (err) {
      if (!(err instanceof PySyntaxError) || err.msg.startsWith('f-string')) throw err;
      throw this.fieldError(err, line, col, sub.lexerFailed);
    }
  }

  /**
   * CPython 3.11 prefixes errors inside a replacement field with "f-string: "
   * and, for parser errors, counts columns from the start of "(expression)".
   */
  private fieldError(err: PySyntaxError, line: number, col: number, fromLexer: boolean): PySyntaxError {
    const loc = { lineno: err.lineno, offset: err.offset, endLineno: err.endLineno, endOffset: err.endOffset };
    if (!fromLexer && err.lineno === line && err.endLineno === line) {
      const base = this.src.charCol(line, col - 1);
      loc.offset -= base;
      loc.endOffset -= base;
    }
    return this.src.errorAt(err.type, `f-string: ${err.msg}`, loc);
  }
}

// ===========================================================================
// f-strings

/** Accumulates the parts of a JoinedStr, merging adjacent literal text. */
class JoinedBuilder {
  private readonly values: (A.Constant | A.FormattedValue)[] = [];
  private pending = '';

  constructor(readonly position: A.Position) {}

  text(s: string): void {
    this.pending += s;
  }

  field(value: A.FormattedValue): void {
    this.flush();
    this.values.push(value);
  }

  private flush(): void {
    if (this.pending) this.values.push({ type: 'Constant', value: { kind: 'str', value: this.pending }, ...this.position });
    this.pending = '';
  }

  build(): A.JoinedStr {
    this.flush();
    return { type: 'JoinedStr', values: this.values, ...this.position };
  }
}

/**
 * Splits one f-string token's body into literal text and `{...}` fields
 * (3.11 rules: expressions cannot contain backslashes, comments, or the
 * string's own quote).
 */
class FStringParser {
  private readonly s: string;
  private p: number;
  private readonly end: number;

  constructor(
    private readonly parser: Parser,
    private readonly tok: Token,
    private readonly raw: boolean,
    bodyStart: number,
    private readonly position: A.Position,
  ) {
    const lit = splitStringToken(tok.value);
    this.s = tok.value;
    this.p = bodyStart;
    this.end = bodyStart + lit.body.length;
  }

  parseInto(out: JoinedBuilder): void {
    this.parseParts(out, false);
  }

  /** Literal text and fields until the end (or, in a format spec, a `}`). */
  private parseParts(out: JoinedBuilder, inSpec: boolean): void {
    let literal = '';
    const flushLiteral = (): void => {
      if (literal) out.text(this.raw ? literal : this.parser.decodeStr(this.tok, literal, false));
      literal = '';
    };
    while (this.p < this.end) {
      const c = this.s[this.p];
      if (c === '{') {
        if (this.s[this.p + 1] === '{' && !inSpec) {
          literal += '{';
          this.p += 2;
          continue;
        }
        flushLiteral();
        this.field(out);
      } else if (c === '}') {
        if (inSpec) break;
        if (this.s[this.p + 1] !== '}') throw this.parser.fstringError("single '}' is not allowed");
        literal += '}';
        this.p += 2;
      } else {
        literal += c;
        this.p++;
      }
    }
    flushLiteral();
  }

  /** One `{expr[=][!c][:spec]}` field, starting at the `{`. */
  private field(out: JoinedBuilder): void {
    this.p++;
    const exprStart = this.p;
    const exprEnd = this.scanExpression();
    const text = this.s.slice(exprStart, exprEnd);
    if (!text.trim()) {
      const c = this.s[exprEnd];
      throw this.parser.fstringError(c === '!' || c === ':' || c === '=' ? `expression required before '${c}'` : 'empty expression not allowed');
    }
    const value = this.parseExpression(text, exprStart);
    let conversion = -1;
    if (this.s[this.p] === '=') {
      this.p++;
      while (this.p < this.end && /\s/.test(this.s[this.p])) this.p++;
      out.text(this.s.slice(exprStart, this.p));
      conversion = 114;
    }
    if (this.s[this.p] === '!') {
      const conv = this.s[this.p + 1];
      if (!conv || !'sra'.includes(conv) || this.p + 1 >= this.end) {
        throw this.parser.fstringError("invalid conversion character: expected 's', 'r', or 'a'");
      }
      conversion = conv.charCodeAt(0);
      this.p += 2;
    }
    let format_spec: A.JoinedStr | null = null;
    if (this.s[this.p] === ':') {
      this.p++;
      const spec = new JoinedBuilder(this.position);
      this.parseParts(spec, true);
      format_spec = spec.build();
      if (conversion === 114 && this.s[exprEnd] === '=' && this.s[exprEnd + 1] === ':') conversion = -1;
    }
    if (this.s[this.p] !== '}' || this.p >= this.end) throw this.parser.fstringError("expecting '}'");
    this.p++;
    out.field({ type: 'FormattedValue', value, conversion, format_spec, ...this.position });
  }

  /** Advances to the end of a field's expression; returns that offset. */
  private scanExpression(): number {
    const stack: string[] = [];
    let quote = '';
    for (; this.p < this.end; this.p++) {
      const c = this.s[this.p];
      if (c === '\\') throw this.parser.errorAtToken('f-string expression part cannot include a backslash', this.parser.peek());
      if (quote) {
        if (this.s.startsWith(quote, this.p)) {
          this.p += quote.length - 1;
          quote = '';
        }
        continue;
      }
      if (c === "'" || c === '"') {
        quote = this.s.startsWith(c.repeat(3), this.p) ? c.repeat(3) : c;
        this.p += quote.length - 1;
      } else if ('([{'.includes(c)) stack.push(c);
      else if (')]}'.includes(c) && stack.length > 0) stack.pop();
      else if (c === '#') throw this.parser.errorAtToken("f-string expression part cannot include '#'", this.parser.peek());
      else if (stack.length === 0 && this.endsExpression(c)) return this.p;
    }
    if (quote) throw this.parser.fstringError('unterminated string');
    throw this.parser.fstringError("expecting '}'");
  }

  private endsExpression(c: string): boolean {
    const next = this.s[this.p + 1];
    const prev = this.s[this.p - 1];
    if (c === '}' || c === ':') return true;
    if (c === '!') return next !== '=';
    if (c === '=') return next !== '=' && !'=!<>'.includes(prev);
    return false;
  }

  private parseExpression(text: string, offset: number): A.Expr {
    // Locate `offset` (an index into the token text) in the source.
    const before = this.s.slice(0, offset);
    const nl = before.lastIndexOf('\n');
    const line = this.tok.line + (before.match(/\n/g)?.length ?? 0);
    const col = nl < 0 ? this.tok.col + offset : offset - nl - 1;
    return this.parser.parseFieldExpression(text, line, col);
  }
}

// ===========================================================================
// Helpers over expressions

/** The expression of the argument parsed last (keywords come after positionals only in order of parsing). */
function lastArgument(args: A.Expr[], keywords: A.Keyword[]): A.Expr {
  const a = args[args.length - 1];
  const k = keywords[keywords.length - 1];
  if (!k) return a;
  if (!a) return k.value;
  return a.lineno > k.lineno || (a.lineno === k.lineno && a.col_offset > k.col_offset) ? a : k.value;
}

function capitalize(s: string): string {
  return s[0].toUpperCase() + s.slice(1);
}

function nodeError(src: SourceLines, type: PySyntaxErrorType, msg: string, p: A.Position): PySyntaxError {
  return src.errorAt(type, msg, {
    lineno: p.lineno,
    offset: src.charColOfByte(p.lineno, p.col_offset) + 1,
    endLineno: p.end_lineno,
    endOffset: src.charColOfByte(p.end_lineno, p.end_col_offset) + 1,
  });
}

/** Value of a NUMBER token. */
export function parseNumber(text: string): A.ConstValue {
  const t = text.replace(/_/g, '');
  if (/[jJ]$/.test(t)) return { kind: 'complex', real: 0, imag: Number(t.slice(0, -1)) };
  if (/^0[xXoObB]/.test(t)) return { kind: 'int', value: BigInt(t.slice(0, 2).toLowerCase() + t.slice(2)) };
  if (/[.eE]/.test(t)) return { kind: 'float', value: Number(t) };
  return { kind: 'int', value: BigInt(t) };
}

/** Could this node have been produced by CPython's `bitwise_or` rule? */
function isBitwiseLevel(e: A.Expr): boolean {
  switch (e.type) {
    case 'BoolOp':
    case 'Compare':
    case 'IfExp':
    case 'Lambda':
    case 'NamedExpr':
    case 'Starred':
    case 'Yield':
    case 'YieldFrom':
      return false;
    case 'UnaryOp':
      return e.op !== 'Not';
    default:
      return true;
  }
}

function isDisjunctionLevel(e: A.Expr): boolean {
  return e.type !== 'IfExp' && e.type !== 'Lambda' && e.type !== 'NamedExpr' && e.type !== 'Starred';
}

/** Lists, tuples, generator expressions and True/None/False are excluded from the "Maybe you meant '=='" hint. */
function isDisplayOrSingleton(e: A.Expr, parenthesized: WeakSet<object>): boolean {
  if (e.type === 'List' || e.type === 'GeneratorExp') return true;
  if (e.type === 'Tuple') return parenthesized.has(e);
  return e.type === 'Constant' && (e.value.kind === 'bool' || e.value.kind === 'none');
}

function validTarget(e: A.Expr, ctx: 'Store' | 'Del'): boolean {
  return invalidTarget(e, ctx) === undefined;
}

/** The first sub-expression that cannot be a target, if any. */
function invalidTarget(e: A.Expr, ctx: 'Store' | 'Del'): A.Expr | undefined {
  switch (e.type) {
    case 'Name':
    case 'Attribute':
    case 'Subscript':
      return undefined;
    case 'Starred':
      return ctx === 'Del' ? e : invalidTarget(e.value, ctx);
    case 'Tuple':
    case 'List':
      for (const elt of e.elts) {
        const bad = invalidTarget(elt, ctx);
        if (bad) return bad;
      }
      return undefined;
    case 'Compare':
      // CPython points at the `in` comparison's left side in `for x in y in z`.
      return e;
    default:
      return e;
  }
}

function applyContext(e: A.Expr, ctx: A.ExprContext): void {
  switch (e.type) {
    case 'Name':
    case 'Attribute':
    case 'Subscript':
      e.ctx = ctx;
      return;
    case 'Starred':
      e.ctx = ctx;
      applyContext(e.value, ctx);
      return;
    case 'Tuple':
    case 'List':
      e.ctx = ctx;
      for (const elt of e.elts) applyContext(elt, ctx);
      return;
  }
}

/** CPython's description of an expression kind in error messages. */
export function exprName(e: A.Expr): string {
  switch (e.type) {
    case 'Attribute':
      return 'attribute';
    case 'Subscript':
      return 'subscript';
    case 'Starred':
      return 'starred';
    case 'Name':
      return 'name';
    case 'List':
      return 'list';
    case 'Tuple':
      return 'tuple';
    case 'Lambda':
      return 'lambda';
    case 'Call':
      return 'function call';
    case 'BoolOp':
    case 'BinOp':
    case 'UnaryOp':
      return 'expression';
    case 'GeneratorExp':
      return 'generator expression';
    case 'Yield':
    case 'YieldFrom':
      return 'yield expression';
    case 'ListComp':
      return 'list comprehension';
    case 'SetComp':
      return 'set comprehension';
    case 'DictComp':
      return 'dict comprehension';
    case 'Dict':
      return 'dict literal';
    case 'Set':
      return 'set display';
    case 'JoinedStr':
    case 'FormattedValue':
      return 'f-string expression';
    case 'Constant':
      if (e.value.kind === 'none') return 'None';
      if (e.value.kind === 'bool') return e.value.value ? 'True' : 'False';
      if (e.value.kind === 'ellipsis') return 'ellipsis';
      return 'literal';
    case 'Compare':
      return 'comparison';
    case 'IfExp':
      return 'conditional expression';
    case 'NamedExpr':
      return 'named expression';
    case 'Slice':
      return 'slice';
  }
}

/** Rejects trees deeper than MAX_TREE_DEPTH (walked with an explicit stack). */
function checkDepth(module: A.Module, src: SourceLines): void {
  const stack: [unknown, number][] = [[module, 0]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (Array.isArray(value)) {
      for (const v of value) stack.push([v, depth]);
      continue;
    }
    if (typeof value !== 'object' || value === null || !('type' in value)) continue;
    if (depth > MAX_TREE_DEPTH && 'lineno' in value) {
      throw nodeError(src, 'SyntaxError', 'expression is too deeply nested', value as unknown as A.Position);
    }
    for (const v of Object.values(value)) if (typeof v === 'object') stack.push([v, depth + 1]);
  }
}

// ===========================================================================
// Compiler-stage checks

interface Scope {
  kind: 'module' | 'function' | 'class';
  /** Names seen (used or bound) so far in this scope, for global/nonlocal ordering checks. */
  assigned: Set<string>;
  used: Set<string>;
  params: Set<string>;
}

/**
 * The SyntaxErrors CPython raises after parsing, while compiling: misplaced
 * return/break/continue/yield, nonlocal at module level, names used before
 * their global declaration, duplicate parameters and keyword arguments,
 * misplaced starred expressions.
 */
export function checkSemantics(module: A.Module, source: string, filename = '<string>'): void {
  new SemanticChecker(new SourceLines(source, filename)).module(module);
}

class SemanticChecker {
  private scope: Scope = { kind: 'module', assigned: new Set(), used: new Set(), params: new Set() };
  private inLoop = false;

  constructor(private readonly src: SourceLines) {}

  module(m: A.Module): void {
    this.stmts(m.body);
  }

  private fail(msg: string, p: A.Position): never {
    throw nodeError(this.src, 'SyntaxError', msg, p);
  }

  private stmts(body: A.Stmt[]): void {
    for (const s of body) this.stmt(s);
  }

  private loopBody(body: A.Stmt[]): void {
    const saved = this.inLoop;
    this.inLoop = true;
    this.stmts(body);
    this.inLoop = saved;
  }

  private stmt(s: A.Stmt): void {
    switch (s.type) {
      case 'FunctionDef':
        return this.functionDef(s);
      case 'ClassDef':
        s.decorator_list.forEach((d) => this.expr(d));
        s.bases.forEach((b) => this.expr(b));
        this.keywords(s.keywords);
        this.bind(s.name);
        return this.inScope('class', [], () => this.stmts(s.body));
      case 'Return':
        if (this.scope.kind !== 'function') this.fail("'return' outside function", s);
        if (s.value) this.expr(s.value);
        return;
      case 'Delete':
        return s.targets.forEach((t) => this.target(t));
      case 'Assign':
        this.expr(s.value);
        return s.targets.forEach((t) => this.assignTarget(t));
      case 'AugAssign':
      case 'AnnAssign':
        if (s.value) this.expr(s.value);
        if (s.type === 'AnnAssign') this.expr(s.annotation);
        return this.target(s.target);
      case 'For':
        this.expr(s.iter);
        this.assignTarget(s.target);
        this.loopBody(s.body);
        return this.stmts(s.orelse);
      case 'While':
        this.expr(s.test);
        this.loopBody(s.body);
        return this.stmts(s.orelse);
      case 'If':
        this.expr(s.test);
        this.stmts(s.body);
        return this.stmts(s.orelse);
      case 'With':
        for (const item of s.items) {
          this.expr(item.context_expr);
          if (item.optional_vars) this.assignTarget(item.optional_vars);
        }
        return this.stmts(s.body);
      case 'Raise':
        if (s.exc) this.expr(s.exc);
        if (s.cause) this.expr(s.cause);
        return;
      case 'Try':
        this.stmts(s.body);
        for (const h of s.handlers) {
          if (h.type_) this.expr(h.type_);
          if (h.name) this.bind(h.name);
          this.stmts(h.body);
        }
        this.stmts(s.orelse);
        return this.stmts(s.finalbody);
      case 'Assert':
        this.expr(s.test);
        if (s.msg) this.expr(s.msg);
        return;
      case 'Import':
      case 'ImportFrom':
        for (const a of s.names) if (a.name !== '*') this.bind(a.asname ?? a.name.split('.')[0]);
        return;
      case 'Global':
      case 'Nonlocal':
        return this.declaration(s);
      case 'Expr':
        return this.expr(s.value);
      case 'Break':
        if (!this.inLoop) this.fail("'break' outside loop", s);
        return;
      case 'Continue':
        if (!this.inLoop) this.fail("'continue' not properly in loop", s);
        return;
      case 'Pass':
        return;
    }
  }

  private functionDef(s: A.FunctionDef): void {
    s.decorator_list.forEach((d) => this.expr(d));
    this.arguments(s.args);
    if (s.returns) this.expr(s.returns);
    this.bind(s.name);
    this.inScope('function', allArgs(s.args), () => this.stmts(s.body));
  }

  private arguments(args: A.Arguments): void {
    args.defaults.forEach((d) => this.expr(d));
    args.kw_defaults.forEach((d) => d && this.expr(d));
    const seen = new Set<string>();
    for (const a of allArgs(args)) {
      if (a.annotation) this.expr(a.annotation);
      if (seen.has(a.arg)) this.fail(`duplicate argument '${a.arg}' in function definition`, a);
      seen.add(a.arg);
    }
  }

  private inScope(kind: Scope['kind'], params: A.Arg[], fn: () => void): void {
    const saved = { scope: this.scope, inLoop: this.inLoop };
    const names = new Set(params.map((p) => p.arg));
    this.scope = { kind, assigned: new Set(), used: new Set(), params: names };
    this.inLoop = false;
    fn();
    this.scope = saved.scope;
    this.inLoop = saved.inLoop;
  }

  private declaration(s: A.Global | A.Nonlocal): void {
    const word = s.type === 'Global' ? 'global' : 'nonlocal';
    if (s.type === 'Nonlocal' && this.scope.kind === 'module') {
      this.fail('nonlocal declaration not allowed at module level', s);
    }
    for (const name of s.names) {
      if (this.scope.params.has(name)) this.fail(`name '${name}' is parameter and ${word}`, s);
      if (this.scope.assigned.has(name)) this.fail(`name '${name}' is assigned to before ${word} declaration`, s);
      if (this.scope.used.has(name)) this.fail(`name '${name}' is used prior to ${word} declaration`, s);
    }
  }

  private bind(name: string): void {
    this.scope.assigned.add(name);
  }

  private assignTarget(t: A.Expr): void {
    if (t.type === 'Starred') this.fail('starred assignment target must be in a list or tuple', t);
    this.target(t);
  }

  private target(t: A.Expr): void {
    if (t.type === 'Tuple' || t.type === 'List') {
      const stars = t.elts.filter((e) => e.type === 'Starred');
      if (stars.length > 1 && t.ctx === 'Store') this.fail('multiple starred expressions in assignment', t);
      t.elts.forEach((e) => (e.type === 'Starred' ? this.target(e.value) : this.target(e)));
    } else if (t.type === 'Name') {
      this.bind(t.id);
    } else {
      this.expr(t);
    }
  }

  private keywords(kws: A.Keyword[]): void {
    const seen = new Set<string>();
    for (const k of kws) {
      if (k.arg !== null) {
        if (seen.has(k.arg)) this.fail(`keyword argument repeated: ${k.arg}`, k);
        seen.add(k.arg);
      }
      this.expr(k.value);
    }
  }

  /** Visits an expression; `starOk` says a Starred is allowed right here. */
  private expr(e: A.Expr, starOk = false): void {
    switch (e.type) {
      case 'Starred':
        if (!starOk) this.fail("can't use starred expression here", e);
        return this.expr(e.value);
      case 'Name':
        if (e.ctx === 'Load') this.scope.used.add(e.id);
        else this.bind(e.id);
        return;
      case 'Yield':
      case 'YieldFrom':
        if (this.scope.kind !== 'function') this.fail("'yield' outside function", e);
        if (e.value) this.expr(e.value, e.type === 'Yield' && e.value.type === 'Tuple');
        return;
      case 'Lambda':
        this.arguments(e.args);
        return this.inScope('function', allArgs(e.args), () => this.expr(e.body));
      case 'Call':
        this.expr(e.func);
        e.args.forEach((a) => this.expr(a, true));
        return this.keywords(e.keywords);
      case 'Tuple':
      case 'List':
      case 'Set':
        return e.elts.forEach((x) => this.expr(x, true));
      case 'NamedExpr':
        this.bind(e.target.id);
        return this.expr(e.value);
      default:
        return this.children(e);
    }
  }

  /** Visits the sub-expressions of a node without special rules. */
  private children(e: A.Expr): void {
    for (const value of Object.values(e)) {
      if (Array.isArray(value)) {
        for (const v of value) this.child(v);
      } else this.child(value);
    }
  }

  private child(v: unknown): void {
    if (typeof v !== 'object' || v === null || !('type' in v)) return;
    const node = v as A.Expr | A.Comprehension;
    if (node.type === 'comprehension') {
      this.expr(node.iter);
      this.target(node.target);
      node.ifs.forEach((x) => this.expr(x));
    } else if (typeof node.type === 'string' && 'lineno' in node) {
      this.expr(node, node.type === 'Tuple');
    }
  }
}

function allArgs(a: A.Arguments): A.Arg[] {
  const out = [...a.posonlyargs, ...a.args];
  if (a.vararg) out.push(a.vararg);
  out.push(...a.kwonlyargs);
  if (a.kwarg) out.push(a.kwarg);
  return out;
}
