#!/usr/bin/env node
// The installed command. `npm install` compiles src/ to dist/ (the `prepare` script), so the CLI
// works right after installing; run `npm run build` after editing src/.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/src/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('shortcut-check: not built yet; run `npm install` (or `npm run build`) in the project folder\n');
  process.exit(2);
}
const { main } = await import(entry.href);
const code = await main(process.argv.slice(2));
process.exitCode = code;
