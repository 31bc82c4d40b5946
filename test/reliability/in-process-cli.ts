/**
 * Runs the CLI's `main(argv)` inside the test process (no node start-up, ~1 ms per rejected input,
 * so properties can try hundreds of inputs), in a given working directory, capturing what it
 * writes to stdout and stderr; fingerprints a directory tree to show that a call wrote, changed or
 * removed nothing; and checks the CLI's whole contract for bad input on one call. Commands that
 * would read stdin (`eval`/`train` without `--input`) are refused: stdin is the test runner's.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import { main } from '../../src/cli/main.ts';
import type { CliResult } from '../cli/run-cli.ts';

type Write = typeof process.stdout.write;

function capture(chunks: string[]): Write {
  return ((chunk: string | Uint8Array) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  }) as Write;
}

/** `shortcut-check ...args` run in-process with `cwd` as the working directory. */
export async function runInProcess(args: readonly string[], cwd: string): Promise<CliResult> {
  if ((args[0] === 'eval' || args[0] === 'train') && !args.includes('--input')) {
    throw new Error(`runInProcess: ${args[0]} without --input would read the test runner's stdin`);
  }
  const out: string[] = [];
  const err: string[] = [];
  const stdoutWrite = process.stdout.write;
  const stderrWrite = process.stderr.write;
  const previousCwd = process.cwd();
  process.chdir(cwd);
  process.exitCode = undefined;
  process.stdout.write = capture(out);
  process.stderr.write = capture(err);
  let code: number;
  try {
    code = await main(args);
  } finally {
    process.stdout.write = stdoutWrite;
    process.stderr.write = stderrWrite;
    process.chdir(previousCwd);
    process.exitCode = undefined; // `replay` and `verify` set it; it must not leak into the runner
  }
  return { code, stdout: out.join(''), stderr: err.join('') };
}

/** Every file and folder under `dir` with the SHA-256 of each file's bytes, in a stable order. */
export function treeFingerprint(dir: string): string[] {
  const entries: string[] = [];
  const walk = (folder: string, prefix: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true }).sort((x, y) => x.name.localeCompare(y.name))) {
      const path = join(folder, entry.name);
      const name = `${prefix}${entry.name}`;
      if (entry.isDirectory()) {
        entries.push(`${name}/`);
        walk(path, `${name}/`);
      } else {
        entries.push(`${name} ${createHash('sha256').update(readFileSync(path)).digest('hex')}`);
      }
    }
  };
  walk(dir, '');
  return entries;
}

/** One call with bad input: its argv, the files it reads, and what its one-line message must mention. */
export interface RejectionCase {
  readonly args: readonly string[];
  readonly files: Readonly<Record<string, string>>;
  readonly mentions: RegExp;
}

/**
 * Runs `c` in-process in a fresh directory under `workspace` holding only `c.files`, and checks the
 * contract of src/cli/exit-codes.ts for bad input: exit code 2, nothing on stdout, exactly one line
 * on stderr mentioning `c.mentions`, no stack trace, and the directory unchanged.
 */
export async function expectCleanRejection(workspace: string, c: RejectionCase): Promise<void> {
  const cwd = mkdtempSync(join(workspace, 'call-'));
  for (const [name, text] of Object.entries(c.files)) {
    mkdirSync(dirname(join(cwd, name)), { recursive: true });
    writeFileSync(join(cwd, name), text);
  }
  const before = treeFingerprint(cwd);
  const r = await runInProcess(c.args, cwd);
  const shown = `${JSON.stringify(c.args)} → exit ${r.code}, stderr ${JSON.stringify(r.stderr)}, stdout ${JSON.stringify(r.stdout.slice(0, 200))}`;
  expect(r.code, shown).toBe(2);
  expect(r.stdout, shown).toBe('');
  expect(r.stderr, shown).toMatch(/^shortcut-check: [^\n]+\n$/);
  expect(r.stderr, shown).not.toMatch(/\n\s+at |internal error/);
  expect(r.stderr, shown).toMatch(c.mentions);
  expect(treeFingerprint(cwd), `${shown}: the working directory changed`).toEqual(before);
  rmSync(cwd, { recursive: true, force: true });
}
