/**
 * linecache, for the program's own source: `getline(filename, lineno)` returns the line
 * with its newline ('' past the end or for any other file — the sandbox has no files), as
 * tracemalloc's "display top" recipe reads it. `clearcache`/`checkcache` do nothing.
 */
import { PyInt, PyStr } from '../../objects.js';
import type { ExtensionKit } from '../extension.js';

export function installLinecache(kit: ExtensionKit): void {
  const { b } = kit;
  const I = b.I;
  /** The program's lines for `file`: from any running code compiled from it. */
  const sourceOf = (file: string): string[] | null => {
    for (let i = I.frames.length - 1; i >= 0; i--) {
      const code = I.frames[i]!.code;
      if (code.filename === file) return code.lines;
    }
    return null;
  };
  kit.mod('linecache', {
    getline: kit.fn('getline', (args, kw) => {
      const file = args[0] ?? kw?.get('filename');
      const lineno = args[1] ?? kw?.get('lineno');
      if (!(file instanceof PyStr) || !(lineno instanceof PyInt)) return b.str('');
      const lines = sourceOf(file.value);
      const n = Number(lineno.value);
      if (!lines || n < 1 || n > lines.length) return b.str('');
      return b.str(lines[n - 1]! + '\n');
    }),
    clearcache: kit.fn('clearcache', () => b.none()),
    checkcache: kit.fn('checkcache', () => b.none()),
  });
}
