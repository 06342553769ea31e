/** Finding the browser the playground's browser tests drive (Debian's chromium; playwright-core downloads none). */
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** A chromium binary: $CHROMIUM_PATH, else `chromium` or `chromium-browser` on PATH; null when there is none. */
export function findChromium(): string | null {
  if (process.env.CHROMIUM_PATH && existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    for (const name of ['chromium', 'chromium-browser']) if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return null;
}

export const NO_CHROMIUM = 'no chromium binary found (set CHROMIUM_PATH or `apt-get install chromium`)';
