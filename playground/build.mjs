// Builds the playground into dist/playground/: the page and its stylesheet copied as they are,
// and main.js bundled with CodeMirror 6 into one ES module for the browser (esbuild). Every
// asset is then served by heaplab itself: the page works offline, with no CDN.
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', 'dist', 'playground');
mkdirSync(out, { recursive: true });
for (const f of ['index.html', 'playground.css']) copyFileSync(join(here, f), join(out, f));
await build({
  entryPoints: [join(here, 'main.js')],
  bundle: true,
  format: 'esm',
  minify: true,
  target: 'es2022',
  outfile: join(out, 'playground.js'),
  logLevel: 'warning',
});
