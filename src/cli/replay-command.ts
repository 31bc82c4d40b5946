/**
 * `shortcut-check replay FILE|DIR [--json]`: re-checks stored counterexamples through the current
 * code and says which still violate, by how much. Each record's `input` is re-run through `train`;
 * a universal claim's hypothesis is re-scored by the claim's margin, and a statistical or estimate
 * claim's witness run must end with the outcome it recorded. Exit 0 when every record still
 * violates; 1 when one no longer does, is stale (older formalization) or, in a folder, is not a
 * valid record; 2 when the one file named is not a valid record (bad input).
 */
import type { Command } from 'commander';
import { existsSync, statSync } from 'node:fs';
import { violates } from '../claims/claim.ts';
import { claimById } from '../claims/registry.ts';
import { fmt } from '../claims/universal-runner.ts';
import { runTrainSpec } from '../io/train-spec.ts';
import { InputError } from '../io/validation.ts';
import { readRecord, recordFiles } from '../search/counterexample-store.ts';
import { EXIT_FINDING } from './exit-codes.ts';

export type ReplayStatus = 'violates' | 'no-longer-violates' | 'stale' | 'unknown-claim' | 'invalid';

export interface ReplayEntry {
  file: string;
  claim?: string;
  status: ReplayStatus;
  storedMargin?: number;
  margin?: number;
  train?: { outcome: string; steps: number; loss: number | null; phi: number | null };
  message?: string;
}

export function replayFile(file: string): ReplayEntry {
  const loaded = readRecord(file);
  if (loaded.record === undefined) return { file, status: 'invalid', message: loaded.error };
  const r = loaded.record;
  const claim = claimById(r.claim);
  if (claim === undefined) return { file, claim: r.claim, status: 'unknown-claim', message: `claim: no claim ${JSON.stringify(r.claim)} in the registry` };
  if (claim.formalizationVersion !== r.formalizationVersion) {
    return {
      file,
      claim: r.claim,
      status: 'stale',
      storedMargin: r.margin,
      message: `stored for formalization v${r.formalizationVersion}, the claim is now v${claim.formalizationVersion}`,
    };
  }
  const run = runTrainSpec(r.input);
  const train = {
    outcome: run.outcome,
    steps: run.steps,
    loss: Number.isFinite(run.loss) ? run.loss : null,
    phi: Number.isFinite(run.phi) ? run.phi : null,
  };
  const scorer = 'margin' in claim && typeof claim.margin === 'function' ? claim.margin.bind(claim) : undefined;
  if (scorer === undefined) {
    // Statistical and estimate claims store a witness run with the outcome it had: it still
    // violates while `train` reproduces that outcome.
    const expected = (r.hypothesis as { outcome?: unknown } | null)?.outcome;
    if (typeof expected !== 'string') {
      return { file, claim: r.claim, status: 'invalid', message: 'hypothesis: a witness run must record its "outcome"' };
    }
    const same = train.outcome === expected;
    return {
      file,
      claim: r.claim,
      status: same ? 'violates' : 'no-longer-violates',
      storedMargin: r.margin,
      train,
      message: same ? `witness run still ends ${expected}` : `witness run ended ${train.outcome}, stored ${expected}`,
    };
  }
  let margin: number;
  try {
    margin = scorer(r.hypothesis); // the stored hypothesis is data: its shape is only known to the claim
  } catch (error) {
    return { file, claim: r.claim, status: 'invalid', message: `hypothesis: not a hypothesis of ${r.claim} (${(error as Error).message.split('\n')[0]})` };
  }
  if (Number.isNaN(margin)) return { file, claim: r.claim, status: 'invalid', message: `hypothesis: not a hypothesis of ${r.claim} (margin NaN)` };
  return { file, claim: r.claim, status: violates(claim as { robustness?: number }, margin) ? 'violates' : 'no-longer-violates', storedMargin: r.margin, margin, train };
}

export function registerReplay(program: Command): void {
  program
    .command('replay')
    .description('re-check stored counterexamples (a file or a folder) through the current code')
    .argument('<path>', 'a counterexample file or a folder of them')
    .option('--json', 'print JSON')
    .action((path: string, o: { json?: boolean }) => {
      if (!existsSync(path)) throw new InputError(`${path}: no such file or folder`);
      const files = recordFiles(path);
      if (files.length === 0) throw new InputError(`${path}: no counterexample records (*.json) found`);
      const entries = files.map(replayFile);
      const single = entries.length === 1 && !statSync(path).isDirectory() ? entries[0] : undefined;
      if (single !== undefined && (single.status === 'invalid' || single.status === 'unknown-claim')) {
        throw new InputError(`${path}: ${single.message ?? 'not a counterexample record'}`);
      }
      if (o.json === true) {
        process.stdout.write(`${JSON.stringify(entries, null, 2)}\n`);
      } else {
        for (const e of entries) {
          const how =
            e.margin !== undefined
              ? `margin ${fmt(e.margin)} (stored ${fmt(e.storedMargin ?? NaN)})`
              : (e.message ?? '');
          const train = e.train === undefined ? '' : `; train: ${e.train.outcome} after ${e.train.steps} steps, loss ${fmt(e.train.loss ?? NaN)}, φ ${fmt(e.train.phi ?? NaN)}`;
          process.stdout.write(`${e.status.padEnd(19)} ${e.claim ?? '?'} ${e.file}: ${how}${train}\n`);
        }
      }
      const bad = entries.filter((e) => e.status !== 'violates').length;
      process.stdout.write(`replay: ${entries.length - bad} of ${entries.length} still violate\n`);
      process.exitCode = bad === 0 ? 0 : EXIT_FINDING;
    });
}
