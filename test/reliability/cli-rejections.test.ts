/**
 * Bad inputs that once broke the CLI's contract for bad input (exit 2, one line on stderr naming
 * the field or option, no stack trace, nothing written; src/cli/exit-codes.ts), each with what it
 * did before its fix. properties/cli.input-fuzzing.prop.ts searches the same space at random; these
 * are the named regressions. They run in-process, and two through the installed binary's stdin.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { claimById } from '../../src/claims/registry.ts';
import { isCleanRejection, runCli } from '../cli/run-cli.ts';
import { expectCleanRejection, runInProcess, type RejectionCase } from './in-process-cli.ts';

const workspace = mkdtempSync(join(tmpdir(), 'cli-rejections-'));
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

const spec = { p: 3, k: 4, w0: [0, 0, 0], a0: [0.1, -0.2, 0.05, 0.3], wStar: [0.2, -0.1, 0.05], aStar: [1, 0.5, -0.3, 0.8], etaW: 0.5, etaA: 0.5, steps: 5 };
/** An array nested 10^5 deep: JSON.parse reads it; JSON.stringify of it overflows the stack. */
const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
const partialConfig = { protocol: 'P3', seed: 7, trials: 1, shard: '1/7' };
const sweepArgs = ['sweep', 'P3', '--trials', '1', '--seed', '7', '--shard', '1/7', '--workers', '1', '--out', 'out/s.json'];
const partialFile = 'out/s.json.partial.json';
/** A record whose shape is valid but whose hypothesis is not one of rebuttal.basin-R2's. */
const record = {
  schemaVersion: 1,
  claim: 'rebuttal.basin-R2',
  formalizationVersion: claimById('rebuttal.basin-R2')?.formalizationVersion,
  input: spec,
  violated: 'x',
  margin: -1,
  foundBy: { tool: 'test', mode: 'random', seed: 1, profile: 'ci' },
};

const regressions: [string, RejectionCase][] = [
  [
    'a value nested too deeply to describe (was: exit 70, "Maximum call stack size exceeded")',
    { args: ['eval', '--input', 'in.json'], files: { 'in.json': `[${deep}]` }, mentions: /input\[0\]: .*too deeply nested/ },
  ],
  [
    'an SGD batch too large to allocate (was: exit 70, "Invalid typed array length")',
    { args: ['train', '--input', 'in.json'], files: { 'in.json': JSON.stringify({ ...spec, batch: 2 ** 40 }) }, mentions: /input\.batch: batch·k·p must be at most/ },
  ],
  [
    'a trajectory too long to record (was: the heap ran out after hours)',
    { args: ['train', '--input', 'in.json'], files: { 'in.json': JSON.stringify({ ...spec, steps: 100_000_000, record: 1 }) }, mentions: /input\.record: would record/ },
  ],
  [
    'a sweep partial output that is null (was: exit 70, "Cannot read properties of null")',
    { args: sweepArgs, files: { [partialFile]: 'null' }, mentions: /partial\.json: .*expected object/ },
  ],
  [
    'a sweep partial output whose cells are not a list (was: exit 70, "partial.cells is not iterable")',
    { args: sweepArgs, files: { [partialFile]: JSON.stringify({ config: partialConfig, cells: 5 }) }, mentions: /partial\.json\.cells: / },
  ],
  [
    'a sweep partial output with a cell outside the grid (was: the sweep ran and wrote it into its output)',
    { args: sweepArgs, files: { [partialFile]: JSON.stringify({ config: partialConfig, cells: [{ index: 1000, trials: 1 }] }) }, mentions: /cells\[0\]\.index: cell 1000 is not a cell of this sweep/ },
  ],
  [
    'a shard count beyond 2^53 (was: accepted, writing sweep-P1-shard-1-of-100000000000000000000.json)',
    { args: ['sweep', 'P1', '--shard', '1/99999999999999999999'], files: {}, mentions: /--shard: / },
  ],
  [
    'a sweep --out that is a folder (was: exit 70 after the whole sweep, its partial output left behind)',
    { args: [...sweepArgs.slice(0, -1), 'out'], files: { 'out/keep': '' }, mentions: /--out: "out" is a folder/ },
  ],
  [
    'a merge --out that is a folder (was: exit 70, a temporary file left behind)',
    { args: ['merge', 'part.json', '--out', 'out'], files: { 'part.json': '{}', 'out/keep': '' }, mentions: /--out: "out" is a folder/ },
  ],
  [
    'a hunt --store that is a file (was: exit 70 after the hunt, "ENOTDIR")',
    { args: ['hunt', '--claim', 'rebuttal.basin-R2', '--time', '1s', '--store', 'store'], files: { store: 'x' }, mentions: /--store: "store" is a file/ },
  ],
  [
    'a verify --json that is a folder (was: exit 70 after every claim ran, reports written, a temporary file left next to it)',
    { args: ['verify', '--claims', 'model.d2-norm-growth', '--json', 'out'], files: { 'out/keep': '' }, mentions: /--json: "out" is a folder/ },
  ],
  [
    'a replayed file that is not JSON (was: exit 1, reported as a finding)',
    { args: ['replay', 'record.json'], files: { 'record.json': '{"claim":' }, mentions: /record\.json: unreadable or malformed JSON/ },
  ],
  [
    'a replayed record with a field of the wrong shape (was: exit 1, reported as a finding)',
    { args: ['replay', 'record.json'], files: { 'record.json': JSON.stringify({ ...record, hypothesis: spec, input: { ...spec, w0: [1] } }) }, mentions: /input\.w0: must have length p = 3/ },
  ],
  [
    'a replayed record whose hypothesis is not the claim\'s (was: exit 70, "Cannot read properties of null")',
    { args: ['replay', 'record.json'], files: { 'record.json': JSON.stringify({ ...record, hypothesis: null }) }, mentions: /hypothesis: not a hypothesis of rebuttal\.basin-R2/ },
  ],
  [
    'a replayed record of an unknown claim (was: exit 1, reported as a finding)',
    { args: ['replay', 'record.json'], files: { 'record.json': JSON.stringify({ ...record, claim: 'no.such-claim', hypothesis: spec }) }, mentions: /claim: no claim "no\.such-claim"/ },
  ],
  [
    'no command at all (was: exit 0 and no output: the help text went to a silenced stream)',
    { args: [], files: {}, mentions: /missing or unknown command/ },
  ],
];

describe('cli rejections (regressions)', () => {
  for (const [what, c] of regressions) {
    it(`should reject ${what}`, async () => {
      await expectCleanRejection(workspace, c);
    });
  }

  it('should list records of a folder that are not valid, and call that a finding (exit 1), not bad input', async () => {
    const cwd = mkdtempSync(join(workspace, 'store-'));
    writeFileSync(join(cwd, 'broken.json'), '{"claim":');
    const r = await runInProcess(['replay', '.'], cwd);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/^invalid +\? broken\.json: unreadable or malformed JSON/m);
  });

  it('should reject bad input given on stdin to the installed binary the same way, writing nothing', () => {
    const cwd = mkdtempSync(join(workspace, 'bin-'));
    // Two calls only: a node start-up with every command loaded costs about a second.
    const cases: [string[], string, RegExp][] = [
      [['eval'], `[${deep}]`, /too deeply nested/],
      [['train', '--input', '-'], JSON.stringify({ ...spec, batch: 2 ** 40 }), /input\.batch/],
    ];
    for (const [args, input, mentions] of cases) {
      const r = runCli(args, input, cwd);
      expect(isCleanRejection(r), `${JSON.stringify(args)}: ${r.code} ${r.stderr}`).toBe(true);
      expect(r.stderr).toMatch(mentions);
    }
    expect(readdirSync(cwd)).toEqual([]);
  });
});
