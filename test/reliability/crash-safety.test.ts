/**
 * Crash safety (reliability issue, part 4; counterexample issue: "two hunts started together on the
 * same claim, and a hunt killed with SIGKILL midway, leave the store with only complete, valid
 * files, none lost"). Processes are killed with SIGKILL at points drawn from the profile's seed:
 *
 * - the atomic writer (src/util/atomic-write.ts), writing 1–2 MB files in a loop, where a kill
 *   lands mid-write most of the time: every target is absent or complete, and the leftovers are
 *   hidden `.…tmp` files that the store's reader skips;
 * - hunts of rebuttal.basin-R2 (which find a counterexample in about a second), killed at random
 *   times, and hunts started together: the store holds only valid records, each named by its
 *   content hash, every record a finished hunt reported is there, and `replay` reads them all;
 * - a sweep killed twice, after a random number of finished cells (plus a random few
 *   milliseconds, so a kill may land while the partial output is written) and resumed with another
 *   number of workers: each partial output read between kills is whole, keeps every cell it had,
 *   and the final output is byte-identical to an uninterrupted run. (test/cli/sweep.test.ts kills
 *   one P1 sweep once, at its first partial output.)
 *
 * The children run the installed binary (compiled by `npm test`'s build step).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveProfile } from '../../src/config/profile.ts';
import { Rng } from '../../src/random/rng.ts';
import { counterexampleHash, readRecord, recordFiles } from '../../src/search/counterexample-store.ts';
import { runInProcess } from './in-process-cli.ts';

const profile = resolveProfile();
const rng = new Rng(profile.seed);
const BIN = fileURLToPath(new URL('../../bin/shortcut-check.js', import.meta.url));
const ATOMIC_WRITE = new URL('../../dist/src/util/atomic-write.js', import.meta.url).href;
const workspace = mkdtempSync(join(tmpdir(), 'crash-safety-'));
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

function started(args: readonly string[], cwd: string): { child: ChildProcess; exit: Promise<Exit> } {
  const child = spawn(process.execPath, args, { cwd, env: { ...process.env, SHORTCUT_DEBUG: '' } });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exit = new Promise<Exit>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, exit };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A uniform integer in [min, max] from the profile's stream. */
function uniformInt(min: number, max: number): number {
  return min + Math.floor(rng.uniform() * (max - min + 1));
}

/** Files of `dir` (recursively) that are not hidden temporary files. */
function visibleFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Files of `dir` (recursively) that are hidden; each must be a temporary file of the writer. */
function hiddenFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.startsWith('.'))
    .map((entry) => entry.name);
}

describe('crash safety under SIGKILL', () => {
  it('should leave every target of the atomic writer absent or complete, whenever the writer is killed', async () => {
    const dir = join(workspace, 'writer');
    mkdirSync(dir);
    // Each document says how long its payload is: a truncated file fails to parse or to match. The
    // documents are built once, so the loop spends its time writing: a writer that wrote the
    // target in place (writeFileSync) is caught with a torn file in nearly every round.
    const script = `
      const { writeFileAtomic } = await import(${JSON.stringify(ATOMIC_WRITE)});
      const docs = Array.from({ length: 7 }, (_, i) => JSON.stringify({ length: 1e6 + i * 15e4, payload: 'x'.repeat(1e6 + i * 15e4) }));
      for (let n = 0; ; n++) writeFileAtomic(${JSON.stringify(dir)} + '/target-' + (n % 3) + '.json', docs[n % 7]);`;
    const targets = ['target-0.json', 'target-1.json', 'target-2.json'];
    for (let round = 0; round < 6; round++) {
      const { child, exit } = started(['--input-type=module', '-e', script], dir);
      // The last round first waits for a target to exist, so that some round surely killed a writer
      // that had finished a file and was writing the next.
      while (round === 5 && targets.every((t) => !existsSync(join(dir, t)))) await sleep(5);
      await sleep(uniformInt(round === 5 ? 0 : 60, 400));
      child.kill('SIGKILL');
      const { signal, stderr } = await exit;
      expect(signal, stderr).toBe('SIGKILL');
      for (const name of targets.filter((t) => existsSync(join(dir, t)))) {
        const doc = JSON.parse(readFileSync(join(dir, name), 'utf8')) as { length: number; payload: string };
        expect(doc.payload.length, name).toBe(doc.length);
      }
      expect(hiddenFiles(dir).every((name) => /^\.target-\d\.json\.\d+\.[0-9a-f]+\.tmp$/.test(name)), hiddenFiles(dir).join(', ')).toBe(true);
      expect(visibleFiles(dir).map((f) => basename(f)).sort()).toEqual(targets.filter((t) => existsSync(join(dir, t))));
    }
    // The store's reader lists the complete files only.
    expect(recordFiles(dir).map((f) => basename(f)).sort()).toEqual(visibleFiles(dir).map((f) => basename(f)).sort());
  });

  /** Every record file in `store` is valid, named by its content hash; returns their paths. */
  function expectValidStore(store: string): string[] {
    const files = visibleFiles(store).sort();
    expect(recordFiles(store).sort()).toEqual(files);
    for (const file of files) {
      const loaded = readRecord(file);
      expect(loaded.error, file).toBeUndefined();
      if (loaded.record !== undefined) expect(basename(file)).toBe(`${counterexampleHash(loaded.record)}.json`);
    }
    expect(hiddenFiles(store).every((name) => name.endsWith('.tmp')), hiddenFiles(store).join(', ')).toBe(true);
    return files;
  }

  /** How long three hunts started together took (measured by the first hunt test). */
  let huntMs = 3000;

  /** `hunt` of rebuttal.basin-R2 with a seed that finds a counterexample in about a second. */
  const huntArgs = (seed: number, store: string): string[] => [BIN, 'hunt', '--claim', 'rebuttal.basin-R2', '--time', '30s', '--seed', String(seed), '--store', store];

  it('should keep every record of hunts started together on the same claim, including two writing the same record', async () => {
    const store = join(workspace, 'store-concurrent');
    // Seeds 1 and 3 shrink to the same counterexample (the same file name); seed 4 to another.
    const start = performance.now();
    const exits = await Promise.all(
      [1, 3, 4].map(async (seed) => {
        const e = await started(huntArgs(seed, store), workspace).exit;
        huntMs = Math.max(huntMs, performance.now() - start);
        return e;
      }),
    );
    const reported = exits.map((e) => {
      expect(e.code, e.stderr).toBe(0);
      return (JSON.parse(e.stdout) as { found: boolean; file: string }).file;
    });
    const files = expectValidStore(store);
    expect(files).toEqual([...new Set(reported)].sort());
    expect(reported[0]).toBe(reported[1]);
    expect(files).toHaveLength(2);
  });

  it('should keep the store valid, and every reported record, when hunts are killed at random times', async () => {
    const store = join(workspace, 'store-killed');
    // Kill times span the whole life of a hunt on this machine, as measured by the test above.
    const hunts = [1, 3, 4].map((seed) => ({ seed, delay: uniformInt(0, Math.ceil(1.2 * huntMs)), ...started(huntArgs(seed, store), workspace) }));
    await Promise.all(hunts.map(async (h) => {
      await sleep(h.delay);
      h.child.kill('SIGKILL');
    }));
    const exits = await Promise.all(hunts.map((h) => h.exit));
    mkdirSync(store, { recursive: true });
    const files = expectValidStore(store);
    exits.forEach((e, i) => {
      if (e.code === 0) {
        // A hunt that finished before its kill: its record is in the store, whatever the others did.
        const reported = (JSON.parse(e.stdout) as { file: string }).file;
        expect(files, `hunt with seed ${hunts[i].seed}`).toContain(reported);
      } else {
        expect(e.signal, `hunt with seed ${hunts[i].seed}: ${e.stderr}`).toBe('SIGKILL');
      }
    });
    if (files.length > 0) {
      const r = await runInProcess(['replay', store], workspace);
      expect(r.stdout, r.stderr).toContain(`replay: ${files.length} of ${files.length} still violate`);
    }
  });

  it('should resume a sweep killed at random points, twice, into the output of an uninterrupted run', async () => {
    const dir = join(workspace, 'sweep');
    mkdirSync(dir);
    const sweep = (out: string, workers: number): string[] => [BIN, 'sweep', 'P2', '--trials', '1', '--seed', '11', '--workers', String(workers), '--out', out];
    const reference = started(sweep(join(dir, 'reference.json'), 2), dir).exit;
    const out = join(dir, 'killed.json');
    const partial = `${out}.partial.json`;
    const cellCount = 12;
    // Kill twice, after a random number of finished cells (more the second time), plus 0–30 ms.
    const targets = [uniformInt(1, 5), uniformInt(6, cellCount - 1)];
    let kept: string[] = [];
    for (const target of targets) {
      const { child, exit } = started(sweep(out, 2), dir);
      let done = false;
      void exit.then(() => (done = true));
      while (!done) {
        // Every read must see a whole partial output: the old one or the new one.
        const cells = existsSync(partial) ? (JSON.parse(readFileSync(partial, 'utf8')) as { cells: unknown[] }).cells : [];
        if (cells.length >= target) break;
        await sleep(5);
      }
      await sleep(uniformInt(0, 30));
      child.kill('SIGKILL');
      if ((await exit).code === 0) break; // it finished all cells before the kill (a slow poll)
      const now = existsSync(partial) ? (JSON.parse(readFileSync(partial, 'utf8')) as { cells: unknown[] }).cells.map((c) => JSON.stringify(c)) : [];
      expect(now.length, 'a kill lost finished cells').toBeGreaterThanOrEqual(kept.length);
      for (const cell of kept) expect(now, 'a kill lost a finished cell').toContain(cell);
      kept = now;
      expect(hiddenFiles(dir).every((name) => name.endsWith('.tmp')), hiddenFiles(dir).join(', ')).toBe(true);
    }
    const resumed = await started(sweep(out, 1), dir).exit;
    expect(resumed.code, resumed.stderr).toBe(0);
    const ref = await reference;
    expect(ref.code, ref.stderr).toBe(0);
    const output = readFileSync(out, 'utf8');
    expect(output).toBe(readFileSync(join(dir, 'reference.json'), 'utf8'));
    const final = (JSON.parse(output) as { cells: Record<string, unknown>[] }).cells.map((c) => JSON.stringify(c));
    for (const cell of kept) expect(final, 'a cell of the partial output changed on resuming').toContain(cell);
    expect(existsSync(partial)).toBe(false);
  });
});
