/**
 * The identifiers of a program, as CPython's parser interns them while it reads the
 * source (_PyPegen_new_identifier): names, attribute names, function, class, argument and
 * keyword names, imported names. They exist before the program runs — so a name first
 * bound later in the program takes no memory then (which would change which freed block
 * the next object reuses; see addresses.ts).
 */
import type * as A from './ast.js';

/** Every identifier in `mod`, each once, in a deterministic order. Iterative. */
export function identifiersOf(mod: A.Module): string[] {
  const seen = new Set<string>();
  const add = (s: string | null | undefined): void => {
    if (s) seen.add(s);
  };
  const stack: unknown[] = [mod];
  while (stack.length > 0) {
    const n = stack.pop();
    if (Array.isArray(n)) {
      for (let i = n.length - 1; i >= 0; i--) stack.push(n[i]);
      continue;
    }
    if (n === null || typeof n !== 'object' || !('type' in n)) continue;
    const node = n as A.Node;
    switch (node.type) {
      case 'Name': add(node.id); break;
      case 'Attribute': add(node.attr); break;
      case 'FunctionDef': case 'ClassDef': add(node.name); break;
      case 'arg': add(node.arg); break;
      case 'keyword': add(node.arg); break;
      case 'alias': for (const part of [...node.name.split('.'), node.asname]) add(part); break;
      case 'ImportFrom': for (const part of node.module?.split('.') ?? []) add(part); break;
      case 'Global': case 'Nonlocal': for (const name of node.names) add(name); break;
      case 'ExceptHandler': add(node.name); break;
      default: break;
    }
    const fields = Object.entries(node).filter(([k]) => k !== 'type' && !k.startsWith('_')).map(([, v]) => v);
    for (let i = fields.length - 1; i >= 0; i--) {
      const v = fields[i];
      if (v !== null && typeof v === 'object') stack.push(v);
    }
  }
  return [...seen];
}
