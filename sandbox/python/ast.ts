/**
 * Python syntax tree, mirroring CPython 3.11's `ast` module.
 *
 * Every node is a plain object whose `type` is the CPython ast class name
 * and whose fields carry CPython's field names, so `ast.dump()` output and
 * these objects line up one to one (a differential test relies on that).
 *
 * Deliberate differences from CPython:
 * - `Constant.value` is a tagged value (see `ConstValue`) because JS has no
 *   bigint/float/bytes distinction in one type; `Constant.kind` is omitted.
 * - `type_comment` / `type_ignores` fields are omitted (always None/[] for
 *   code we run).
 * - Async constructs, `match`, `TryStar` and `Await` are not represented.
 * - `ExceptHandler.type` is spelled `type_` (see ExceptHandler).
 *
 * TypeScript interface names equal the CPython class name except where that
 * would clash: the `Expr` statement is `ExprStmt` (the name `Expr` is the
 * union of all expressions, CPython's `ast.expr`), and `Set` is `SetExpr`
 * (so the JS global `Set` stays usable). Use `NodeOf<'Set'>` to name a node
 * by its `type` string.
 *
 * Positions: `lineno`/`end_lineno` are 1-based, `col_offset`/`end_col_offset`
 * are 0-based UTF-8 byte offsets within the line, exactly like CPython.
 */

export interface Position {
  lineno: number;
  col_offset: number;
  end_lineno: number;
  end_col_offset: number;
}

export type ExprContext = 'Load' | 'Store' | 'Del';

export type BoolOperator = 'And' | 'Or';

export type Operator =
  | 'Add'
  | 'Sub'
  | 'Mult'
  | 'MatMult'
  | 'Div'
  | 'Mod'
  | 'Pow'
  | 'LShift'
  | 'RShift'
  | 'BitOr'
  | 'BitXor'
  | 'BitAnd'
  | 'FloorDiv';

export type UnaryOperator = 'Invert' | 'Not' | 'UAdd' | 'USub';

export type CmpOperator = 'Eq' | 'NotEq' | 'Lt' | 'LtE' | 'Gt' | 'GtE' | 'Is' | 'IsNot' | 'In' | 'NotIn';

/** The value of a `Constant` node. */
export type ConstValue =
  | { kind: 'int'; value: bigint }
  | { kind: 'float'; value: number }
  | { kind: 'complex'; real: number; imag: number }
  | { kind: 'str'; value: string }
  | { kind: 'bytes'; value: Uint8Array }
  | { kind: 'bool'; value: boolean }
  | { kind: 'none' }
  | { kind: 'ellipsis' };

// ---------------------------------------------------------------------------
// Module

export interface Module {
  type: 'Module';
  body: Stmt[];
}

// ---------------------------------------------------------------------------
// Statements

export interface FunctionDef extends Position {
  type: 'FunctionDef';
  name: string;
  args: Arguments;
  body: Stmt[];
  decorator_list: Expr[];
  returns: Expr | null;
}

export interface ClassDef extends Position {
  type: 'ClassDef';
  name: string;
  bases: Expr[];
  keywords: Keyword[];
  body: Stmt[];
  decorator_list: Expr[];
}

export interface Return extends Position {
  type: 'Return';
  value: Expr | null;
}

export interface Delete extends Position {
  type: 'Delete';
  targets: Expr[];
}

export interface Assign extends Position {
  type: 'Assign';
  targets: Expr[];
  value: Expr;
}

export interface AugAssign extends Position {
  type: 'AugAssign';
  target: Name | Attribute | Subscript;
  op: Operator;
  value: Expr;
}

export interface AnnAssign extends Position {
  type: 'AnnAssign';
  target: Name | Attribute | Subscript;
  annotation: Expr;
  value: Expr | null;
  /** 1 when the target is a bare (unparenthesised) name, else 0. */
  simple: number;
}

export interface For extends Position {
  type: 'For';
  target: Expr;
  iter: Expr;
  body: Stmt[];
  orelse: Stmt[];
}

export interface While extends Position {
  type: 'While';
  test: Expr;
  body: Stmt[];
  orelse: Stmt[];
}

export interface If extends Position {
  type: 'If';
  test: Expr;
  body: Stmt[];
  orelse: Stmt[];
}

export interface With extends Position {
  type: 'With';
  items: WithItem[];
  body: Stmt[];
}

export interface Raise extends Position {
  type: 'Raise';
  exc: Expr | null;
  cause: Expr | null;
}

export interface Try extends Position {
  type: 'Try';
  body: Stmt[];
  handlers: ExceptHandler[];
  orelse: Stmt[];
  finalbody: Stmt[];
}

export interface Assert extends Position {
  type: 'Assert';
  test: Expr;
  msg: Expr | null;
}

export interface Import extends Position {
  type: 'Import';
  names: Alias[];
}

export interface ImportFrom extends Position {
  type: 'ImportFrom';
  /** null for `from . import x`. */
  module: string | null;
  names: Alias[];
  /** Number of leading dots. */
  level: number;
}

export interface Global extends Position {
  type: 'Global';
  names: string[];
}

export interface Nonlocal extends Position {
  type: 'Nonlocal';
  names: string[];
}

/** CPython's `ast.Expr`: an expression used as a statement. */
export interface ExprStmt extends Position {
  type: 'Expr';
  value: Expr;
}

export interface Pass extends Position {
  type: 'Pass';
}

export interface Break extends Position {
  type: 'Break';
}

export interface Continue extends Position {
  type: 'Continue';
}

export type Stmt =
  | FunctionDef
  | ClassDef
  | Return
  | Delete
  | Assign
  | AugAssign
  | AnnAssign
  | For
  | While
  | If
  | With
  | Raise
  | Try
  | Assert
  | Import
  | ImportFrom
  | Global
  | Nonlocal
  | ExprStmt
  | Pass
  | Break
  | Continue;

// ---------------------------------------------------------------------------
// Expressions

export interface BoolOp extends Position {
  type: 'BoolOp';
  op: BoolOperator;
  values: Expr[];
}

export interface NamedExpr extends Position {
  type: 'NamedExpr';
  target: Name;
  value: Expr;
}

export interface BinOp extends Position {
  type: 'BinOp';
  left: Expr;
  op: Operator;
  right: Expr;
}

export interface UnaryOp extends Position {
  type: 'UnaryOp';
  op: UnaryOperator;
  operand: Expr;
}

export interface Lambda extends Position {
  type: 'Lambda';
  args: Arguments;
  body: Expr;
}

export interface IfExp extends Position {
  type: 'IfExp';
  test: Expr;
  body: Expr;
  orelse: Expr;
}

export interface Dict extends Position {
  type: 'Dict';
  /** A null key marks `**value` unpacking. */
  keys: (Expr | null)[];
  values: Expr[];
}

/** CPython's `ast.Set`. */
export interface SetExpr extends Position {
  type: 'Set';
  elts: Expr[];
}

export interface ListComp extends Position {
  type: 'ListComp';
  elt: Expr;
  generators: Comprehension[];
}

export interface SetComp extends Position {
  type: 'SetComp';
  elt: Expr;
  generators: Comprehension[];
}

export interface DictComp extends Position {
  type: 'DictComp';
  key: Expr;
  value: Expr;
  generators: Comprehension[];
}

export interface GeneratorExp extends Position {
  type: 'GeneratorExp';
  elt: Expr;
  generators: Comprehension[];
}

export interface Yield extends Position {
  type: 'Yield';
  value: Expr | null;
}

export interface YieldFrom extends Position {
  type: 'YieldFrom';
  value: Expr;
}

export interface Compare extends Position {
  type: 'Compare';
  left: Expr;
  ops: CmpOperator[];
  comparators: Expr[];
}

export interface Call extends Position {
  type: 'Call';
  func: Expr;
  args: Expr[];
  keywords: Keyword[];
}

export interface FormattedValue extends Position {
  type: 'FormattedValue';
  value: Expr;
  /** -1 for none, else the char code of 's' (115), 'r' (114) or 'a' (97). */
  conversion: number;
  format_spec: JoinedStr | null;
}

export interface JoinedStr extends Position {
  type: 'JoinedStr';
  /** Constant (str) and FormattedValue parts. */
  values: (Constant | FormattedValue)[];
}

export interface Constant extends Position {
  type: 'Constant';
  value: ConstValue;
}

export interface Attribute extends Position {
  type: 'Attribute';
  value: Expr;
  attr: string;
  ctx: ExprContext;
}

export interface Subscript extends Position {
  type: 'Subscript';
  value: Expr;
  slice: Expr;
  ctx: ExprContext;
}

export interface Starred extends Position {
  type: 'Starred';
  value: Expr;
  ctx: ExprContext;
}

export interface Name extends Position {
  type: 'Name';
  id: string;
  ctx: ExprContext;
}

export interface List extends Position {
  type: 'List';
  elts: Expr[];
  ctx: ExprContext;
}

export interface Tuple extends Position {
  type: 'Tuple';
  elts: Expr[];
  ctx: ExprContext;
}

/** Only appears as (an element of) `Subscript.slice`. */
export interface Slice extends Position {
  type: 'Slice';
  lower: Expr | null;
  upper: Expr | null;
  step: Expr | null;
}

export type Expr =
  | BoolOp
  | NamedExpr
  | BinOp
  | UnaryOp
  | Lambda
  | IfExp
  | Dict
  | SetExpr
  | ListComp
  | SetComp
  | DictComp
  | GeneratorExp
  | Yield
  | YieldFrom
  | Compare
  | Call
  | FormattedValue
  | JoinedStr
  | Constant
  | Attribute
  | Subscript
  | Starred
  | Name
  | List
  | Tuple
  | Slice;

// ---------------------------------------------------------------------------
// Helper nodes

/** CPython's `ast.arguments`. */
export interface Arguments {
  type: 'arguments';
  posonlyargs: Arg[];
  args: Arg[];
  vararg: Arg | null;
  kwonlyargs: Arg[];
  /** Parallel to kwonlyargs; null where the parameter has no default. */
  kw_defaults: (Expr | null)[];
  kwarg: Arg | null;
  /** Defaults for the last `defaults.length` of posonlyargs + args. */
  defaults: Expr[];
}

/** CPython's `ast.arg`. */
export interface Arg extends Position {
  type: 'arg';
  arg: string;
  annotation: Expr | null;
}

/** CPython's `ast.keyword`; `arg` is null for `**kwargs`. */
export interface Keyword extends Position {
  type: 'keyword';
  arg: string | null;
  value: Expr;
}

/** CPython's `ast.alias` (`name` may be dotted, or '*'). */
export interface Alias extends Position {
  type: 'alias';
  name: string;
  asname: string | null;
}

/** CPython's `ast.comprehension`. */
export interface Comprehension {
  type: 'comprehension';
  target: Expr;
  iter: Expr;
  ifs: Expr[];
  is_async: number;
}

/**
 * CPython's `ast.ExceptHandler`. CPython's field `type` (the exception class
 * expression, null for a bare `except:`) clashes with the discriminant, so it
 * is called `type_` here.
 */
export interface ExceptHandler extends Position {
  type: 'ExceptHandler';
  type_: Expr | null;
  name: string | null;
  body: Stmt[];
}

/** CPython's `ast.withitem`. */
export interface WithItem {
  type: 'withitem';
  context_expr: Expr;
  optional_vars: Expr | null;
}

export type Node = Module | Stmt | Expr | Arguments | Arg | Keyword | Alias | Comprehension | ExceptHandler | WithItem;

/** The node interface whose `type` is K, e.g. `NodeOf<'Set'>` is `SetExpr`. */
export type NodeOf<K extends Node['type']> = Extract<Node, { type: K }>;
