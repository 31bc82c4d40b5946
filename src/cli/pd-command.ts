/**
 * `shortcut-check pd --block a|v --region r1|ball|bounded [--c C] [...bounds] [--teacher FILE]
 * [--k K] [--p P] [--seed N] [--time 10s] [--json]`: searches the smallest ε at c and the largest c
 * at ε = 0 for one block on one region (THEORY.md §4), and compares them with the exact constants
 * of D6/D7 (src/theory/pd-constants.ts).
 */
import type { Command } from 'commander';
import { fmt } from '../claims/universal-runner.ts';
import { resolveProfile } from '../config/profile.ts';
import { teacherInputSchema } from '../io/model-input.ts';
import { InputError, parseWith } from '../io/validation.ts';
import { makeTeacher, type Teacher } from '../model/teacher.ts';
import { Rng } from '../random/rng.ts';
import { searchPdConstants } from '../search/pd-search.ts';
import { A_BLOCK_C } from '../theory/dissipativity.ts';
import { protocolTeacher } from '../theory/initialization.ts';
import { checkRegion, PD_REGION_KINDS, type PdBlock, type PdRegion } from '../theory/pd-region.ts';
import { readJson } from './json-input.ts';
import { parseDurationOption, parseIntegerOption, positiveNumberOption } from './options.ts';

interface PdCliOptions {
  block: string;
  region: string;
  c?: number;
  aNormMax?: number;
  radius?: number;
  phiMax?: number;
  rMin: number;
  rMax: number;
  teacher?: string;
  k: number;
  p: number;
  seed?: number;
  time: number;
  json?: boolean;
}

export function registerPd(program: Command): void {
  program
    .command('pd')
    .description('search PD constants of one block on one region and compare with the exact ones (D6/D7)')
    .requiredOption('--block <a|v>', 'the block: a (target a*) or v (the direction, target v*)')
    .requiredOption('--region <kind>', PD_REGION_KINDS.join(' | '))
    .option('--c <c>', `the constant c (default (π−1)/4π = ${A_BLOCK_C.toFixed(6)})`, positiveNumberOption('--c'))
    .option('--a-norm-max <x>', 'r1/bounded: ‖a‖ ≤ x (default 3‖a*‖)', positiveNumberOption('--a-norm-max'))
    .option('--radius <x>', 'ball: ‖a − a*‖ ≤ x (default ‖a*‖/2)', positiveNumberOption('--radius'))
    .option('--phi-max <x>', 'ball: φ ≤ x (default 0.5)', positiveNumberOption('--phi-max'))
    .option('--r-min <x>', '‖e + w‖ ≥ x', positiveNumberOption('--r-min'), 0.1)
    .option('--r-max <x>', '‖e + w‖ ≤ x', positiveNumberOption('--r-max'), 10)
    .option('--teacher <file>', 'teacher {"p","k","wStar","aStar"} (default: a P1 teacher, s = 0.5)')
    .option('--k <k>', 'k of the default teacher', (v: string) => parseIntegerOption('--k', v, 1, 4096), 8)
    .option('--p <p>', 'p of the default teacher', (v: string) => parseIntegerOption('--p', v, 1, 4096), 8)
    .option('--seed <n>', 'seed', (v: string) => parseIntegerOption('--seed', v, -(2 ** 31), 2 ** 31 - 1))
    .option('--time <duration>', 'search time (default 10s)', (v: string) => parseDurationOption('--time', v), 10_000)
    .option('--json', 'print JSON')
    .action((o: PdCliOptions) => {
      if (o.block !== 'a' && o.block !== 'v') throw new InputError(`--block: must be a or v (got ${JSON.stringify(o.block)})`);
      if (!(PD_REGION_KINDS as readonly string[]).includes(o.region)) {
        throw new InputError(`--region: must be one of ${PD_REGION_KINDS.join(', ')} (got ${JSON.stringify(o.region)})`);
      }
      const seed = resolveProfile({ seed: o.seed }).seed;
      let teacher: Teacher;
      if (o.teacher !== undefined) {
        const t = parseWith(teacherInputSchema, readJson(o.teacher), o.teacher);
        teacher = makeTeacher(Float64Array.from(t.wStar), Float64Array.from(t.aStar));
      } else {
        const t = protocolTeacher(new Rng(seed), o.p, o.k, 0.5);
        teacher = makeTeacher(t.wStar, t.aStar);
      }
      const aStarNorm = Math.sqrt(teacher.aStarNormSq);
      const bounds = { rMin: o.rMin, rMax: o.rMax };
      const region: PdRegion =
        o.region === 'ball'
          ? { kind: 'ball', radius: o.radius ?? aStarNorm / 2, phiMax: Math.min(Math.PI, o.phiMax ?? 0.5), ...bounds }
          : { kind: o.region as 'r1' | 'bounded', aNormMax: o.aNormMax ?? 3 * aStarNorm, ...bounds };
      try {
        checkRegion(region);
      } catch (error) {
        throw new InputError(`region: ${(error as Error).message}`);
      }
      const c = o.c ?? A_BLOCK_C;
      const result = searchPdConstants(teacher, o.block as PdBlock, region, c, { seed, timeMs: o.time });
      if (o.json === true) {
        process.stdout.write(`${JSON.stringify({ seed, region, ...result }, null, 2)}\n`);
        return;
      }
      process.stdout.write(
        [
          `pd: block ${o.block}, region ${JSON.stringify(region)}, k = ${teacher.k}, p = ${teacher.p}, seed ${seed}, ${result.samples} samples`,
          `  smallest ε at c = ${fmt(c, 6)}: search ${fmt(result.epsilonFound, 6)}, exact ${result.exact.epsilon === null ? 'n/a' : fmt(result.exact.epsilon, 6)}`,
          `  largest c at ε = 0:  search ${fmt(result.cMaxFound, 6)}, exact ${result.exact.cMax === null ? 'none (no c > 0 works)' : fmt(result.exact.cMax, 6)}`,
          `  exact: ${result.exact.note}`,
          '',
        ].join('\n'),
      );
    });
}
