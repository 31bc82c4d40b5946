/**
 * `shortcut-check bench --quick --json` (src/cli/bench-command.ts): the output is the documented
 * schema `[{"name", "params", "unit", "value"}]` with every measurement of the quick run. No
 * timing is asserted (the machine is shared); only that each rate is a positive finite number.
 */
import { describe, expect, it } from 'vitest';
import { benchEntriesSchema } from '../../src/bench/bench-entry.ts';
import { runCli } from '../cli/run-cli.ts';

describe('bench --quick --json', () => {
  it('should print entries of the documented schema covering every quick measurement', () => {
    const r = runCli(['bench', '--quick', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const entries = benchEntriesSchema.parse(JSON.parse(r.stdout));
    const names = new Set(entries.map((e) => e.name));
    for (const name of ['gd-step', 'gd-step-tail', 'gd-step-scaling', 'batch-gradient', 'reference-eval', 'eval', 'eval-cancelling', 'p1-trials']) {
      expect(names.has(name), `missing ${name}`).toBe(true);
    }
    const gdSizes = entries.filter((e) => e.name === 'gd-step' && e.params.impl === 'js').map((e) => e.params.k);
    expect(gdSizes).toEqual([16, 256, 4096]);
    const p1 = entries.filter((e) => e.name === 'p1-trials');
    expect(new Set(p1.map((e) => e.params.init))).toEqual(new Set(['resnet', 'cnn']));
    expect(p1.some((e) => e.params.workers === 1)).toBe(true);
    for (const e of entries.filter((x) => x.unit.endsWith('/s'))) {
      expect(Number.isFinite(e.value) && e.value > 0, `${e.name} ${JSON.stringify(e.params)}: ${e.value}`).toBe(true);
    }
    expect(entries.some((e) => e.name === 'suite')).toBe(false); // the quick run skips the suite
  });
});
