/** Versions of the tool, Node and the libraries that decide results, for reports and stored records. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

function packageVersion(name: string): string {
  try {
    let dir = dirname(require.resolve(name));
    for (let i = 0; i < 6; i++) {
      try {
        const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
        if (pkg.name === name && pkg.version !== undefined) return pkg.version;
      } catch {
        // keep walking up
      }
      dir = dirname(dir);
    }
  } catch {
    // not resolvable
  }
  return 'unknown';
}

function ownVersion(): string {
  let dir = dirname(new URL(import.meta.url).pathname);
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'shortcut-check' && pkg.version !== undefined) return pkg.version;
    } catch {
      // keep walking up
    }
    dir = dirname(dir);
  }
  return 'unknown';
}

export interface Versions {
  readonly 'shortcut-check': string;
  readonly node: string;
  readonly 'fast-check': string;
  readonly 'decimal.js': string;
  readonly mathjs: string;
}

let cached: Versions | undefined;

export function versions(): Versions {
  cached ??= {
    'shortcut-check': ownVersion(),
    node: process.versions.node,
    'fast-check': packageVersion('fast-check'),
    'decimal.js': packageVersion('decimal.js'),
    mathjs: packageVersion('mathjs'),
  };
  return cached;
}
