/** The project folder (the nearest ancestor with this package's package.json), from src/ or dist/. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function packageRoot(fromUrl: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(fromUrl));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'shortcut-check') return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no shortcut-check package.json above ${fileURLToPath(fromUrl)}`);
    dir = parent;
  }
}
