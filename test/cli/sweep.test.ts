import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isCleanRejection, runCli } from './run-cli.ts';

const BIN = fileURLToPath(new URL('../../bin/shortcut-check.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'sweep-test-'));

function sweep(args: string[], out: string): string {
  const r = runCli(['sweep', 'P1', '--trials', '3', '--seed', '7', ...args, '--out', out]);
  expect(r.code, r.stderr).toBe(0);
  return readFileSync(out, 'utf8');
}

describe('shortcut-check sweep and merge', () => {
  const single = join(dir, 'single.json');
  let reference = '';

  it('should write one cell per grid point with counts and Wilson intervals', () => {
    reference = sweep(['--workers', '1'], single);
    const out = JSON.parse(reference) as { protocol: string; cells: Record<string, number>[] };
    expect(out.protocol).toBe('P1');
    expect(out.cells).toHaveLength(62);
    for (const c of out.cells) {
      expect(c.global + c.spurious + c.undecided + c.diverged).toBe(3);
      expect(c.ciLow).toBeLessThanOrEqual(c.global / 3);
      expect(c.ciHigh).toBeGreaterThanOrEqual(c.global / 3);
    }
    expect(existsSync(join(dir, 'single.timings.json'))).toBe(true);
  });

  it('should give byte-identical output with 2 workers', () => {
    expect(sweep(['--workers', '2'], join(dir, 'two.json'))).toBe(reference);
  });

  it('should merge a 3-way sharded run into the single run, byte for byte', () => {
    const shards = [1, 2, 3].map((i) => {
      const file = join(dir, `shard-${i}.json`);
      sweep(['--shard', `${i}/3`, '--workers', '1'], file);
      return file;
    });
    const merged = join(dir, 'merged.json');
    const r = runCli(['merge', ...shards, '--out', merged]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(merged, 'utf8')).toBe(reference);
  });

  it('should refuse to merge an incomplete or inconsistent set of shards', () => {
    const r = runCli(['merge', join(dir, 'shard-1.json'), join(dir, 'shard-2.json'), '--out', join(dir, 'bad.json')]);
    expect(isCleanRejection(r), r.stderr).toBe(true);
    expect(r.stderr).toMatch(/missing/);
    expect(existsSync(join(dir, 'bad.json'))).toBe(false);
  });

  it('should resume a sweep killed with SIGKILL without losing or redoing finished cells', async () => {
    const out = join(dir, 'killed.json');
    const child = spawn(process.execPath, [BIN, 'sweep', 'P1', '--trials', '3', '--seed', '7', '--workers', '1', '--out', out]);
    const partial = `${out}.partial.json`;
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (existsSync(partial)) {
          clearInterval(poll);
          child.kill('SIGKILL');
          resolve();
        }
      }, 5);
    });
    await new Promise((resolve) => child.on('exit', resolve));
    const saved = JSON.parse(readFileSync(partial, 'utf8')) as { cells: unknown[] };
    expect(saved.cells.length).toBeGreaterThan(0);
    const r = runCli(['sweep', 'P1', '--trials', '3', '--seed', '7', '--workers', '1', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(reference);
    expect(JSON.parse(readFileSync(join(dir, 'killed.timings.json'), 'utf8')).resumedCells).toBe(saved.cells.length);
    expect(existsSync(partial)).toBe(false);
    // A temporary file the killed writer may have left is removed by the resumed run.
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('should refuse a partial output that belongs to another sweep', () => {
    const out = join(dir, 'other.json');
    writeFileSync(`${out}.partial.json`, JSON.stringify({ config: { protocol: 'P1', seed: 1, trials: 3, shard: null }, cells: [] }));
    const r = runCli(['sweep', 'P1', '--trials', '3', '--seed', '7', '--out', out]);
    expect(isCleanRejection(r), r.stderr).toBe(true);
    expect(r.stderr).toMatch(/different sweep/);
  });

  const bad: [string, string[], RegExp][] = [
    ['an unknown protocol', ['sweep', 'P9'], /protocol must be one of/],
    ['a bad shard', ['sweep', 'P1', '--shard', '4/3'], /--shard/],
    ['zero trials', ['sweep', 'P1', '--trials', '0'], /--trials/],
    ['zero workers', ['sweep', 'P1', '--workers', '0'], /--workers/],
    ['a malformed merge input', ['merge', '/dev/null', '--out', join(dir, 'x.json')], /empty input|malformed/],
  ];
  for (const [what, args, message] of bad) {
    it(`should reject ${what} with one line and exit code 2`, () => {
      const r = runCli(args);
      expect(isCleanRejection(r), r.stderr).toBe(true);
      expect(r.stderr).toMatch(message);
    });
  }
});
