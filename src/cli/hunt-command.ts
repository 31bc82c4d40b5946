/**
 * `shortcut-check hunt --claim ID [--time 60s] [--seed N] [--targeted] [--store DIR]`: searches for
 * a counterexample to one claim until the budget ends or one is found; a found one is shrunk and
 * stored. A progress line shows elapsed time, samples tried and the best margin so far (rewritten
 * in place on a terminal, one line per second otherwise, on stderr). The result is one JSON line on
 * stdout.
 */
import type { Command } from 'commander';
import { resolveProfile } from '../config/profile.ts';
import { claimById } from '../claims/registry.ts';
import { fmt } from '../claims/universal-runner.ts';
import { InputError } from '../io/validation.ts';
import { claimFolder, DEFAULT_STORE } from '../search/counterexample-store.ts';
import { hunt } from '../search/hunt.ts';
import type { SearchProgress } from '../search/targeted-search.ts';
import { checkOutputFolder, parseDurationOption, parseIntegerOption } from './options.ts';

interface HuntCliOptions {
  claim: string;
  time: number;
  seed?: number;
  targeted?: boolean;
  store?: string;
  profile?: string;
}

export function progressLine(p: SearchProgress): string {
  return `hunt: ${(p.elapsedMs / 1000).toFixed(1)} s, ${p.samples} samples, best margin ${fmt(p.bestMargin)}`;
}

export function registerHunt(program: Command): void {
  program
    .command('hunt')
    .description('search one claim for a counterexample within a time budget; store it shrunk')
    .requiredOption('--claim <id>', 'the claim id')
    .option('--time <duration>', 'time budget, e.g. 60s, 5m (default 60s)', (v: string) => parseDurationOption('--time', v), 60_000)
    .option('--seed <n>', 'seed (default: random, printed)', (v: string) => parseIntegerOption('--seed', v, -(2 ** 31), 2 ** 31 - 1))
    .option('--targeted', 'climb the claim\'s violation margin instead of random search')
    .option('--store <dir>', 'counterexample store', DEFAULT_STORE)
    .option('--profile <name>', 'profile whose budgets a re-run claim uses (default nightly)', 'nightly')
    .action((o: HuntCliOptions) => {
      const claim = claimById(o.claim);
      if (claim === undefined) throw new InputError(`--claim: unknown claim id ${JSON.stringify(o.claim)}`);
      checkOutputFolder('--store', o.store ?? DEFAULT_STORE);
      checkOutputFolder('--store', claimFolder(o.store ?? DEFAULT_STORE, claim.id));
      let profile;
      try {
        profile = resolveProfile({ profile: o.profile, seed: o.seed });
      } catch (error) {
        throw new InputError(`--profile: ${(error as Error).message}`);
      }
      const tty = process.stderr.isTTY === true;
      const result = hunt({
        claim,
        profile,
        seed: profile.seed,
        timeMs: o.time,
        targeted: o.targeted === true,
        store: o.store ?? DEFAULT_STORE,
        onProgress: (p) => process.stderr.write(tty ? `\r${progressLine(p)}\u001b[K` : `${progressLine(p)}\n`),
      });
      if (tty) process.stderr.write('\n');
      process.stderr.write(
        result.found
          ? `hunt: counterexample to ${claim.id} stored in ${result.file} (margin ${fmt(result.margin ?? NaN)})\n`
          : `hunt: no counterexample to ${claim.id} in ${result.samples} samples (${(result.elapsedMs / 1000).toFixed(1)} s, best margin ${fmt(result.bestMargin)})\n`,
      );
      process.stdout.write(`${JSON.stringify(result)}\n`);
    });
}
