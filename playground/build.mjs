// Builds the playground into dist/playground/: the page and its stylesheet copied as they are,
// and main.js bundled with CodeMirror 6 into one ES module for the browser (esbuild). Every
// asset is then served by heaplab itself: the page works offline, with no CDN.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', 'dist', 'playground');
mkdirSync(out, { recursive: true });

// Each file is written whole and renamed into place: a server (or a test) reading the folder
// while another build runs sees the old file or the new one, never half of one.
function put(name, bytes) {
  const tmp = join(out, `.${name}.${process.pid}.tmp`);
  writeFileSync(tmp, bytes);
  renameSync(tmp, join(out, name));
}

for (const f of ['index.html', 'playground.css', 'lesson.json']) put(f, readFileSync(join(here, f)));
const result = await build({
  entryPoints: [join(here, 'main.js')],
  bundle: true,
  format: 'esm',
  minify: true,
  target: 'es2022',
  outfile: join(out, 'playground.js'),
  write: false,
  logLevel: 'warning',
});
for (const f of result.outputFiles) put('playground.js', f.contents);
