/**
 * linecache, for the program's own source: `getline(filename, lineno)` returns the line
 * with its newline ('' past the end or for any other file — the sandbox has no files), as
 * tracemalloc's "display top" recipe reads it. `clearcache`/`checkcache` do nothing.
 */
import { SHARED, PyInt, PyNative, PyObject, PyStr } from '../../objects.js';
import type { Builtins } from '../builtins.js';
import { PyModule } from '../pyobjects.js';

/**
 * Addresses of the module's objects (a range no other native uses), counted from
 * INSTALL_ADDR again by each sandbox's install: no id depends on other sandboxes.
 */
const INSTALL_ADDR = 0x55d0c0f80000;
let nextAddr = INSTALL_ADDR;
function immortal<T extends PyObject>(o: T): T {
  o.gcFlags |= SHARED;
  o.addr = nextAddr;
  nextAddr += 0x48;
  return o;
}

export function installLinecache(b: Builtins): PyModule {
  nextAddr = INSTALL_ADDR;
  const I = b.I;
  /** The program's lines for `file`: from any running code compiled from it. */
  const sourceOf = (file: string): string[] | null => {
    for (let i = I.frames.length - 1; i >= 0; i--) {
      const code = I.frames[i]!.code;
      if (code.filename === file) return code.lines;
    }
    return null;
  };
  const getline = immortal(new PyNative('getline', (args, kw) => {
    const file = args[0] ?? kw?.get('filename');
    const lineno = args[1] ?? kw?.get('lineno');
    if (!(file instanceof PyStr) || !(lineno instanceof PyInt)) return b.str('');
    const lines = sourceOf(file.value);
    const n = Number(lineno.value);
    if (!lines || n < 1 || n > lines.length) return b.str('');
    return b.str(lines[n - 1]! + '\n');
  }));
  const noop = (name: string): PyNative => immortal(new PyNative(name, () => b.none()));
  const m = immortal(new PyModule('linecache', new Map<string, PyObject>([
    ['getline', getline],
    ['clearcache', noop('clearcache')],
    ['checkcache', noop('checkcache')],
  ])));
  b.modules.set('linecache', m);
  return m;
}
