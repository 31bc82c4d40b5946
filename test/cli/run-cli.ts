/** Runs the built CLI (`bin/shortcut-check.js`, compiled by `npm test`'s build step) in a child process. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/shortcut-check.js', import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(args: readonly string[], input?: string, cwd?: string): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    input,
    cwd,
    encoding: 'utf8',
    env: { ...process.env, SHORTCUT_DEBUG: '' },
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** The CLI's contract for bad input: exit 2, exactly one line on stderr, no stack trace. */
export function isCleanRejection(r: CliResult): boolean {
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  return r.code === 2 && lines.length === 1 && !/\n\s+at /.test(r.stderr) && r.stdout === '';
}
