/**
 * Statement visitors (compile.c's compiler_visit_stmt and the compiler_* functions it
 * dispatches to), one small function per construct, plus the frame-block unwinding that
 * `return`, `break` and `continue` do through loops, `try`, `with` and handlers.
 *
 * Every statement starts at its own line (SET_LOC). Recursion follows statement nesting
 * (and, for unwinding, the frame-block stack, at most CO_MAXBLOCKS deep).
 */
import type * as A from '../../ast.js';
import type { CodeConst } from '../code.js';
import { Op } from '../opcodes.js';
import { UnsupportedError } from '../../scope.js';
import { assemble } from './assemble.js';
import { type Codegen, mangle } from './codegen.js';
import { annotations, callHelper, defaultArguments, jumpIf, visitIter, parameters, visitExpr, binopArg } from './expr.js';
import { V } from './instr.js';
import { CO_MAXBLOCKS, type FBlock, type FBlockType } from './unit.js';

export function visitStmts(c: Codegen, body: A.Stmt[]): void {
  for (const s of body) visitStmt(c, s);
}

function pushFBlock(c: Codegen, type: FBlockType, block: A.Stmt | null | unknown, b: import('./instr.js').Block | null, exit: import('./instr.js').Block | null): void {
  if (c.u.fblocks.length >= CO_MAXBLOCKS) throw new UnsupportedError('too many statically nested blocks', c.u.line);
  c.u.pushFBlock(type, b, exit, block);
}

export function visitStmt(c: Codegen, s: A.Stmt): void {
  const u = c.u;
  u.setLoc(s);
  switch (s.type) {
    case 'FunctionDef': return visitFunction(c, s);
    case 'ClassDef': return visitClass(c, s);
    case 'Return': return visitReturn(c, s);
    case 'Delete':
      for (const t of s.targets) visitExpr(c, t);
      return;
    case 'Assign':
      visitExpr(c, s.value);
      s.targets.forEach((t, i) => {
        if (i < s.targets.length - 1) c.u.op(Op.COPY, 1);
        visitExpr(c, t);
      });
      return;
    case 'AugAssign': return visitAugAssign(c, s);
    case 'AnnAssign': return visitAnnAssign(c, s);
    case 'For': return visitFor(c, s);
    case 'While': return visitWhile(c, s);
    case 'If': return visitIf(c, s);
    case 'Raise': {
      let n = 0;
      if (s.exc) {
        visitExpr(c, s.exc);
        n++;
        if (s.cause) {
          visitExpr(c, s.cause);
          n++;
        }
      }
      c.u.op(Op.RAISE_VARARGS, n);
      return;
    }
    case 'Try':
      if (s.finalbody.length) return visitTryFinally(c, s);
      return visitTryExcept(c, s);
    case 'Assert': return visitAssert(c, s);
    case 'Import': return visitImport(c, s);
    case 'ImportFrom': return visitImportFrom(c, s);
    case 'Global': case 'Nonlocal': return;
    case 'Expr':
      if (c.constOf(s.value) !== null) {
        c.u.op(Op.NOP);
        return;
      }
      visitExpr(c, s.value);
      c.u.unsetLoc();
      c.u.op(Op.POP_TOP);
      return;
    case 'Pass': c.u.op(Op.NOP); return;
    case 'Break': return visitBreak(c);
    case 'Continue': return visitContinue(c);
    case 'With': return visitWith(c, s, 0);
  }
}

/** _PyAST_GetDocString: the first statement, when it is a str constant. */
export function docstring(c: Codegen, body: A.Stmt[]): CodeConst | null {
  const s = body[0];
  if (!s || s.type !== 'Expr') return null;
  const k = c.constOf(s.value);
  return k && k.kind === 'str' ? k : null;
}

/** find_ann: an annotated assignment anywhere in these statements (not in nested scopes). */
function findAnn(body: A.Stmt[]): boolean {
  const stack: A.Stmt[][] = [body];
  while (stack.length) {
    for (const s of stack.pop()!) {
      switch (s.type) {
        case 'AnnAssign': return true;
        case 'For': case 'While': case 'If': stack.push(s.body, s.orelse); break;
        case 'With': stack.push(s.body); break;
        case 'Try': stack.push(s.body, s.orelse, s.finalbody, ...s.handlers.map((h) => h.body)); break;
        default:
      }
    }
  }
  return false;
}

/** compiler_body: a module or class body (docstring stored as __doc__). */
export function visitBody(c: Codegen, body: A.Stmt[]): void {
  if (c.u.scopeType === 'module' && body.length) c.u.setLoc(body[0]!);
  if (findAnn(body)) c.u.op(Op.SETUP_ANNOTATIONS);
  if (!body.length) return;
  let i = 0;
  const doc = docstring(c, body);
  if (doc) {
    i = 1;
    visitExpr(c, (body[0] as A.ExprStmt).value);
    c.u.unsetLoc();
    c.nameop('__doc__', 'Store');
  }
  for (; i < body.length; i++) visitStmt(c, body[i]!);
}

function applyDecorators(c: Codegen, decos: A.Expr[]): void {
  const saved = c.u.saveLoc();
  for (let i = decos.length - 1; i >= 0; i--) {
    c.u.setLoc(decos[i]!);
    c.u.op(Op.PRECALL, 0);
    c.u.op(Op.CALL, 0);
  }
  c.u.restoreLoc(saved);
}

function visitFunction(c: Codegen, s: A.FunctionDef): void {
  for (const d of s.decorator_list) visitExpr(c, d);
  const firstlineno = s.decorator_list.length ? s.decorator_list[0]!.lineno : s.lineno;
  let flags = defaultArguments(c, s.args);
  if (annotations(c, s.args, s.returns)) flags |= 0x04;
  const { names, flags: coFlags } = parameters(s.args);
  const sym = c.child(s);
  const u = c.enterScope('function', s.name, sym, firstlineno, names);
  u.flags |= coFlags;
  const doc = docstring(c, s.body);
  u.constIndexOf(doc ?? { kind: 'None' });
  u.argcount = s.args.args.length;
  u.posonlyargcount = s.args.posonlyargs.length;
  u.kwonlyargcount = s.args.kwonlyargs.length;
  for (let i = doc ? 1 : 0; i < s.body.length; i++) visitStmt(c, s.body[i]!);
  const co = assemble(u, true, c.filename);
  c.exitScope();
  c.makeClosure(co, flags);
  applyDecorators(c, s.decorator_list);
  c.nameop(s.name, 'Store');
}

function visitClass(c: Codegen, s: A.ClassDef): void {
  for (const d of s.decorator_list) visitExpr(c, d);
  const firstlineno = s.decorator_list.length ? s.decorator_list[0]!.lineno : s.lineno;
  const sym = c.child(s);
  const u = c.enterScope('class', s.name, sym, firstlineno, []);
  c.nameop('__name__', 'Load');
  c.nameop('__module__', 'Store');
  u.loadConst({ kind: 'str', value: u.qualname });
  c.nameop('__qualname__', 'Store');
  visitBody(c, s.body);
  c.u.unsetLoc();
  if (u.cellvars.includes('__class__')) {
    u.op(Op.LOAD_CLOSURE, u.derefIndex('__class__', false));
    u.op(Op.COPY, 1);
    c.nameop('__classcell__', 'Store');
  } else u.loadNone();
  u.op(Op.RETURN_VALUE);
  const co = assemble(u, true, c.filename);
  c.exitScope();
  c.u.op(Op.PUSH_NULL);
  c.u.op(Op.LOAD_BUILD_CLASS);
  c.makeClosure(co, 0);
  c.u.loadConst({ kind: 'str', value: s.name });
  callHelper(c, 2, s.bases, s.keywords);
  applyDecorators(c, s.decorator_list);
  c.nameop(s.name, 'Store');
}

/** compiler_unwind_fblock: leave one frame block on the way out of it. */
function unwindFBlock(c: Codegen, info: FBlock, preserveTos: boolean): void {
  const u = c.u;
  switch (info.type) {
    case 'WHILE_LOOP': case 'EXCEPTION_HANDLER': case 'EXCEPTION_GROUP_HANDLER': case 'ASYNC_COMPREHENSION_GENERATOR':
      return;
    case 'FOR_LOOP':
      if (preserveTos) u.op(Op.SWAP, 2);
      u.op(Op.POP_TOP);
      return;
    case 'TRY_EXCEPT':
      u.op(V.POP_BLOCK);
      return;
    case 'FINALLY_TRY':
      u.op(V.POP_BLOCK);
      if (preserveTos) pushFBlock(c, 'POP_VALUE', null, null, null);
      visitStmts(c, info.datum as A.Stmt[]);
      if (preserveTos) c.u.popFBlock('POP_VALUE');
      c.u.unsetLoc();
      return;
    case 'FINALLY_END':
      if (preserveTos) u.op(Op.SWAP, 2);
      u.op(Op.POP_TOP);
      if (preserveTos) u.op(Op.SWAP, 2);
      u.op(V.POP_BLOCK);
      u.op(Op.POP_EXCEPT);
      return;
    case 'WITH': case 'ASYNC_WITH':
      u.setLoc(info.datum as A.With);
      u.op(V.POP_BLOCK);
      if (preserveTos) u.op(Op.SWAP, 2);
      callExitWithNones(c);
      u.op(Op.POP_TOP);
      u.unsetLoc();
      return;
    case 'HANDLER_CLEANUP': {
      const name = info.datum as string | null;
      if (name) u.op(V.POP_BLOCK);
      if (preserveTos) u.op(Op.SWAP, 2);
      u.op(V.POP_BLOCK);
      u.op(Op.POP_EXCEPT);
      if (name) {
        u.loadNone();
        c.nameop(name, 'Store');
        c.nameop(name, 'Del');
      }
      return;
    }
    case 'POP_VALUE':
      if (preserveTos) u.op(Op.SWAP, 2);
      u.op(Op.POP_TOP);
  }
}

/**
 * compiler_unwind_fblock_stack: unwind every frame block (up to the innermost loop when
 * `stopAtLoop`); returns that loop. The blocks are taken off while their cleanup is
 * compiled and put back after (a `finally` body may itself return).
 */
function unwindFBlockStack(c: Codegen, preserveTos: boolean, stopAtLoop: boolean): FBlock | null {
  const u = c.u;
  const removed: FBlock[] = [];
  let loop: FBlock | null = null;
  while (u.fblocks.length > 0) {
    const top = u.fblocks[u.fblocks.length - 1]!;
    if (top.type === 'EXCEPTION_GROUP_HANDLER') throw new UnsupportedError("'break', 'continue' and 'return' in an except* block", u.line);
    if (stopAtLoop && (top.type === 'WHILE_LOOP' || top.type === 'FOR_LOOP')) {
      loop = top;
      break;
    }
    u.fblocks.pop();
    removed.push(top);
    unwindFBlock(c, top, preserveTos);
  }
  for (let i = removed.length - 1; i >= 0; i--) u.fblocks.push(removed[i]!);
  return loop;
}

function visitReturn(c: Codegen, s: A.Return): void {
  const value = s.value;
  const k = value ? c.constOf(value) : null;
  const preserveTos = value !== null && k === null;
  if (c.u.scopeType === 'module' || c.u.scopeType === 'class') throw new Error("compiler: 'return' outside function (the parser rejects it)");
  if (preserveTos) visitExpr(c, value!);
  else if (value) {
    c.u.setLoc(value);
    c.u.op(Op.NOP);
  }
  if (value === null || value.lineno !== s.lineno) {
    c.u.setLoc(s);
    c.u.op(Op.NOP);
  }
  unwindFBlockStack(c, preserveTos, false);
  if (value === null) c.u.loadNone();
  else if (!preserveTos) c.u.loadConst(k!);
  c.u.op(Op.RETURN_VALUE);
}

function visitBreak(c: Codegen): void {
  c.u.op(Op.NOP);
  const loop = unwindFBlockStack(c, false, true);
  if (!loop) throw new Error("compiler: 'break' outside loop (the parser rejects it)");
  unwindFBlock(c, loop, false);
  c.u.jump(V.JUMP, loop.exit!);
}

function visitContinue(c: Codegen): void {
  c.u.op(Op.NOP);
  const loop = unwindFBlockStack(c, false, true);
  if (!loop) throw new Error("compiler: 'continue' not properly in loop (the parser rejects it)");
  c.u.jump(V.JUMP, loop.block!);
}

function visitIf(c: Codegen, s: A.If): void {
  const end = c.u.newBlock();
  const next = s.orelse.length ? c.u.newBlock() : end;
  jumpIf(c, s.test, next, false);
  visitStmts(c, s.body);
  if (s.orelse.length) {
    c.u.jumpNoLine(V.JUMP, end);
    c.u.useNextBlock(next);
    visitStmts(c, s.orelse);
  }
  c.u.useNextBlock(end);
}

function visitFor(c: Codegen, s: A.For): void {
  const u = c.u;
  const start = u.newBlock();
  const body = u.newBlock();
  const cleanup = u.newBlock();
  const end = u.newBlock();
  pushFBlock(c, 'FOR_LOOP', null, start, end);
  visitIter(c, s.iter);
  c.u.op(Op.GET_ITER);
  c.u.useNextBlock(start);
  c.u.jump(Op.FOR_ITER, cleanup);
  c.u.useNextBlock(body);
  visitExpr(c, s.target);
  visitStmts(c, s.body);
  c.u.unsetLoc();
  c.u.jump(V.JUMP, start);
  c.u.useNextBlock(cleanup);
  c.u.popFBlock('FOR_LOOP');
  visitStmts(c, s.orelse);
  c.u.useNextBlock(end);
}

function visitWhile(c: Codegen, s: A.While): void {
  const u = c.u;
  const loop = u.newBlock();
  const body = u.newBlock();
  const anchor = u.newBlock();
  const end = u.newBlock();
  u.useNextBlock(loop);
  pushFBlock(c, 'WHILE_LOOP', null, loop, end);
  jumpIf(c, s.test, anchor, false);
  c.u.useNextBlock(body);
  visitStmts(c, s.body);
  c.u.setLoc(s);
  jumpIf(c, s.test, body, true);
  c.u.popFBlock('WHILE_LOOP');
  c.u.useNextBlock(anchor);
  visitStmts(c, s.orelse);
  c.u.useNextBlock(end);
}

/** POP_EXCEPT_AND_RERAISE. */
function popExceptAndReraise(c: Codegen): void {
  c.u.op(Op.COPY, 3);
  c.u.op(Op.POP_EXCEPT);
  c.u.op(Op.RERAISE, 1);
}

function visitTryFinally(c: Codegen, s: A.Try): void {
  const u = c.u;
  const body = u.newBlock();
  const end = u.newBlock();
  const exit = u.newBlock();
  const cleanup = u.newBlock();
  u.jump(V.SETUP_FINALLY, end);
  u.useNextBlock(body);
  pushFBlock(c, 'FINALLY_TRY', s.finalbody, body, end);
  if (s.handlers.length) visitTryExcept(c, s);
  else visitStmts(c, s.body);
  c.u.opNoLine(V.POP_BLOCK);
  c.u.popFBlock('FINALLY_TRY');
  visitStmts(c, s.finalbody);
  c.u.jumpNoLine(V.JUMP, exit);
  c.u.useNextBlock(end);
  c.u.unsetLoc();
  c.u.jump(V.SETUP_CLEANUP, cleanup);
  c.u.op(Op.PUSH_EXC_INFO);
  pushFBlock(c, 'FINALLY_END', null, end, null);
  visitStmts(c, s.finalbody);
  c.u.popFBlock('FINALLY_END');
  c.u.op(Op.RERAISE, 0);
  c.u.useNextBlock(cleanup);
  popExceptAndReraise(c);
  c.u.useNextBlock(exit);
}

function visitTryExcept(c: Codegen, s: A.Try): void {
  const u = c.u;
  const body = u.newBlock();
  let except = u.newBlock();
  const end = u.newBlock();
  const cleanup = u.newBlock();
  u.jump(V.SETUP_FINALLY, except);
  u.useNextBlock(body);
  pushFBlock(c, 'TRY_EXCEPT', null, body, null);
  visitStmts(c, s.body);
  c.u.popFBlock('TRY_EXCEPT');
  c.u.opNoLine(V.POP_BLOCK);
  visitStmts(c, s.orelse);
  c.u.jumpNoLine(V.JUMP, end);
  const n = s.handlers.length;
  c.u.useNextBlock(except);
  c.u.unsetLoc();
  c.u.jump(V.SETUP_CLEANUP, cleanup);
  c.u.op(Op.PUSH_EXC_INFO);
  pushFBlock(c, 'EXCEPTION_HANDLER', null, null, null);
  s.handlers.forEach((h, i) => {
    c.u.setLoc(h);
    if (!h.type_ && i < n - 1) throw new Error("compiler: default 'except:' must be last (the parser rejects it)");
    except = c.u.newBlock();
    if (h.type_) {
      visitExpr(c, h.type_);
      c.u.op(Op.CHECK_EXC_MATCH);
      c.u.jump(V.POP_JUMP_IF_FALSE, except);
    }
    if (h.name) {
      const cleanupEnd = c.u.newBlock();
      const cleanupBody = c.u.newBlock();
      c.nameop(h.name, 'Store');
      c.u.jump(V.SETUP_CLEANUP, cleanupEnd);
      c.u.useNextBlock(cleanupBody);
      pushFBlock(c, 'HANDLER_CLEANUP', h.name, cleanupBody, null);
      visitStmts(c, h.body);
      c.u.popFBlock('HANDLER_CLEANUP');
      c.u.unsetLoc();
      c.u.op(V.POP_BLOCK);
      c.u.op(V.POP_BLOCK);
      c.u.op(Op.POP_EXCEPT);
      c.u.loadNone();
      c.nameop(h.name, 'Store');
      c.nameop(h.name, 'Del');
      c.u.jump(V.JUMP, end);
      c.u.useNextBlock(cleanupEnd);
      c.u.unsetLoc();
      c.u.loadNone();
      c.nameop(h.name, 'Store');
      c.nameop(h.name, 'Del');
      c.u.op(Op.RERAISE, 1);
    } else {
      const cleanupBody = c.u.newBlock();
      c.u.op(Op.POP_TOP);
      c.u.useNextBlock(cleanupBody);
      pushFBlock(c, 'HANDLER_CLEANUP', null, cleanupBody, null);
      visitStmts(c, h.body);
      c.u.popFBlock('HANDLER_CLEANUP');
      c.u.unsetLoc();
      c.u.op(V.POP_BLOCK);
      c.u.op(Op.POP_EXCEPT);
      c.u.jump(V.JUMP, end);
    }
    c.u.useNextBlock(except);
  });
  c.u.unsetLoc();
  c.u.popFBlock('EXCEPTION_HANDLER');
  c.u.op(Op.RERAISE, 0);
  c.u.useNextBlock(cleanup);
  popExceptAndReraise(c);
  c.u.useNextBlock(end);
}

function callExitWithNones(c: Codegen): void {
  c.u.loadNone();
  c.u.loadNone();
  c.u.loadNone();
  c.u.op(Op.PRECALL, 2);
  c.u.op(Op.CALL, 2);
}

/** compiler_with (recursing once per `with` item). */
function visitWith(c: Codegen, s: A.With, pos: number): void {
  const u = c.u;
  const item = s.items[pos]!;
  const block = u.newBlock();
  const final = u.newBlock();
  const exit = u.newBlock();
  const cleanup = u.newBlock();
  visitExpr(c, item.context_expr);
  c.u.op(Op.BEFORE_WITH);
  c.u.jump(V.SETUP_WITH, final);
  c.u.useNextBlock(block);
  pushFBlock(c, 'WITH', s, block, final);
  if (item.optional_vars) visitExpr(c, item.optional_vars);
  else c.u.op(Op.POP_TOP);
  pos++;
  if (pos === s.items.length) visitStmts(c, s.body);
  else visitWith(c, s, pos);
  c.u.unsetLoc();
  c.u.op(V.POP_BLOCK);
  c.u.popFBlock('WITH');
  c.u.setLoc(s);
  callExitWithNones(c);
  c.u.op(Op.POP_TOP);
  c.u.jump(V.JUMP, exit);
  c.u.useNextBlock(final);
  c.u.jump(V.SETUP_CLEANUP, cleanup);
  c.u.op(Op.PUSH_EXC_INFO);
  c.u.op(Op.WITH_EXCEPT_START);
  // compiler_with_except_finish
  c.u.unsetLoc();
  const exit2 = c.u.newBlock();
  c.u.jump(V.POP_JUMP_IF_TRUE, exit2);
  c.u.op(Op.RERAISE, 2);
  c.u.useNextBlock(cleanup);
  popExceptAndReraise(c);
  c.u.useNextBlock(exit2);
  c.u.op(Op.POP_TOP);
  c.u.op(V.POP_BLOCK);
  c.u.op(Op.POP_EXCEPT);
  c.u.op(Op.POP_TOP);
  c.u.op(Op.POP_TOP);
  c.u.useNextBlock(exit);
}

function visitAssert(c: Codegen, s: A.Assert): void {
  const end = c.u.newBlock();
  jumpIf(c, s.test, end, true);
  c.u.op(Op.LOAD_ASSERTION_ERROR);
  if (s.msg) {
    visitExpr(c, s.msg);
    c.u.op(Op.PRECALL, 0);
    c.u.op(Op.CALL, 0);
  }
  c.u.op(Op.RAISE_VARARGS, 1);
  c.u.useNextBlock(end);
}

function visitImport(c: Codegen, s: A.Import): void {
  for (const alias of s.names) {
    c.u.loadConst({ kind: 'int', value: 0n });
    c.u.loadNone();
    c.u.op(Op.IMPORT_NAME, c.nameArg(alias.name));
    if (alias.asname) {
      const parts = alias.name.split('.');
      if (parts.length > 1) {
        for (let i = 1; i < parts.length; i++) {
          c.u.op(Op.IMPORT_FROM, c.nameArg(parts[i]!));
          if (i === parts.length - 1) break;
          c.u.op(Op.SWAP, 2);
          c.u.op(Op.POP_TOP);
        }
        c.nameop(alias.asname, 'Store');
        c.u.op(Op.POP_TOP);
      } else c.nameop(alias.asname, 'Store');
    } else c.nameop(alias.name.split('.')[0]!, 'Store');
  }
}

function visitImportFrom(c: Codegen, s: A.ImportFrom): void {
  // future.c: only `annotations` (and barry_as_FLUFL) change how the module compiles.
  if (s.module === '__future__' && s.names.some((a) => a.name === 'annotations' || a.name === 'barry_as_FLUFL')) {
    throw new UnsupportedError(`from __future__ import ${s.names.map((a) => a.name).join(', ')} (bytecode compiler)`, s.lineno);
  }
  c.u.loadConst({ kind: 'int', value: BigInt(s.level) });
  c.u.loadConst({ kind: 'tuple', items: s.names.map((a) => ({ kind: 'str', value: a.name }) as CodeConst) });
  c.u.op(Op.IMPORT_NAME, c.nameArg(s.module ?? ''));
  for (let i = 0; i < s.names.length; i++) {
    const alias = s.names[i]!;
    if (i === 0 && alias.name === '*') {
      c.u.op(Op.IMPORT_STAR);
      return;
    }
    c.u.op(Op.IMPORT_FROM, c.nameArg(alias.name));
    c.nameop(alias.asname ?? alias.name, 'Store');
  }
  c.u.op(Op.POP_TOP);
}

function visitAugAssign(c: Codegen, s: A.AugAssign): void {
  const e = s.target;
  const saved = c.u.saveLoc();
  c.u.setLoc(e);
  switch (e.type) {
    case 'Attribute':
      visitExpr(c, e.value);
      c.u.op(Op.COPY, 1);
      c.u.matchAttr(e);
      c.u.op(Op.LOAD_ATTR, c.nameArg(e.attr));
      break;
    case 'Subscript':
      visitExpr(c, e.value);
      visitExpr(c, e.slice);
      c.u.op(Op.COPY, 2);
      c.u.op(Op.COPY, 2);
      c.u.op(Op.BINARY_SUBSCR);
      break;
    case 'Name':
      c.nameop(e.id, 'Load');
      break;
  }
  c.u.restoreLoc(saved);
  visitExpr(c, s.value);
  c.u.op(Op.BINARY_OP, binopArg(s.op, true));
  c.u.setLoc(e);
  switch (e.type) {
    case 'Attribute':
      c.u.matchAttr(e);
      c.u.op(Op.SWAP, 2);
      c.u.op(Op.STORE_ATTR, c.nameArg(e.attr));
      return;
    case 'Subscript':
      c.u.op(Op.SWAP, 3);
      c.u.op(Op.SWAP, 2);
      c.u.op(Op.STORE_SUBSCR);
      return;
    case 'Name':
      c.nameop(e.id, 'Store');
  }
}

/** check_ann_expr: evaluate and drop (annotations of complex targets are still checked). */
function checkAnnExpr(c: Codegen, e: A.Expr): void {
  visitExpr(c, e);
  c.u.op(Op.POP_TOP);
}

function checkAnnSubscr(c: Codegen, e: A.Expr): void {
  if (e.type === 'Slice') {
    for (const x of [e.lower, e.upper, e.step]) if (x) checkAnnExpr(c, x);
  } else if (e.type === 'Tuple') {
    for (const x of e.elts) checkAnnSubscr(c, x);
  } else checkAnnExpr(c, e);
}

/** compiler_annassign: assign, then record a simple name's annotation in a module or class. */
function visitAnnAssign(c: Codegen, s: A.AnnAssign): void {
  const t = s.target;
  const moduleOrClass = c.u.scopeType === 'module' || c.u.scopeType === 'class';
  if (s.value) {
    visitExpr(c, s.value);
    visitExpr(c, t);
  }
  switch (t.type) {
    case 'Name':
      if (s.simple && moduleOrClass) {
        visitExpr(c, s.annotation);
        c.u.op(Op.LOAD_NAME, c.u.nameIndexOf('__annotations__'));
        c.u.loadConst({ kind: 'str', value: mangle(c.u.privateName, t.id) });
        c.u.op(Op.STORE_SUBSCR);
      }
      break;
    case 'Attribute':
      if (!s.value) checkAnnExpr(c, t.value);
      break;
    case 'Subscript':
      if (!s.value) {
        checkAnnExpr(c, t.value);
        checkAnnSubscr(c, t.slice);
      }
      break;
  }
  if (!s.simple && moduleOrClass) checkAnnExpr(c, s.annotation);
}
