/**
 * `shortcut-check threshold` (rebuttal.trap-threshold, P2 of THEORY.md §7): for a given teacher
 * (`--input FILE|-` with {"p","k","wStar","aStar"}) or a generated one (`--k`, `--scale`,
 * `--index`, `--seed`), locates every switch of GD's outcome along a_0(s) = s·a* / ‖a*‖², s in
 * [−r‖a*‖, r‖a*‖], bisects each to the resolution, and reports ε = −(switch point) with its
 * bracket, or that no switch exists. `--grid` instead reports how ε varies with ‖w*‖, k and β over
 * the P2 sweep grid (`--teachers` per cell).
 */
import type { Command } from 'commander';
import { fmt } from '../claims/universal-runner.ts';
import { P2_DEFAULTS, p2Instance, p2InstanceFromTeacher, p2Scan, type P2Instance } from '../experiments/p2-threshold.ts';
import { p2Protocol } from '../experiments/sweep/p2-protocol.ts';
import { teacherInputSchema } from '../io/model-input.ts';
import { parseWith } from '../io/validation.ts';
import { makeTeacher } from '../model/teacher.ts';
import { readJson } from './json-input.ts';
import { parseIntegerOption, positiveNumberOption } from './options.ts';

interface ThresholdCliOptions {
  input?: string;
  k: number;
  scale: number;
  index: number;
  seed: number;
  alpha: number;
  beta: number;
  steps: number;
  gridPoints: number;
  resolution: number;
  grid?: boolean;
  teachers: number;
  json?: boolean;
}

function scanReport(inst: P2Instance, o: ThresholdCliOptions): Record<string, unknown> {
  const options = {
    ...P2_DEFAULTS,
    alpha: o.alpha,
    beta: o.beta,
    steps: o.steps,
    gridPoints: o.gridPoints,
    resolution: { kind: 'relative' as const, value: o.resolution },
  };
  const result = p2Scan(inst, options);
  const line = result.lines[0];
  return {
    p: inst.teacher.p,
    k: inst.k,
    phi0: inst.phi0,
    aStarNorm: inst.aStarNorm,
    sRange: [-inst.sMax, inst.sMax],
    alpha: o.alpha,
    beta: o.beta,
    steps: o.steps,
    switches: line.scan.switches,
    segments: line.scan.segments,
    separation: result.separation.kind,
    epsilon: result.epsilon,
    evaluations: line.scan.evaluations,
  };
}

export function registerThreshold(program: Command): void {
  program
    .command('threshold')
    .description('locate the switches of GD\'s outcome along a_0 = s·a*/‖a*‖² and report ε (P2)')
    .option('--input <file>', 'teacher {"p","k","wStar","aStar"} (default: a generated P2 teacher)')
    .option('--k <k>', 'k = p of a generated teacher', (v: string) => parseIntegerOption('--k', v, 1, 4096), 8)
    .option('--scale <s>', 'scale s of a generated teacher (w* = s·ξ/√p)', positiveNumberOption('--scale'), 0.5)
    .option('--index <i>', 'which generated teacher', (v: string) => parseIntegerOption('--index', v, 0, 1_000_000), 0)
    .option('--seed <n>', 'seed of generated teachers', (v: string) => parseIntegerOption('--seed', v, -(2 ** 31), 2 ** 31 - 1), 2019)
    .option('--alpha <α>', 'η_a = α·2π/(π−1+k)', positiveNumberOption('--alpha', 2), 1)
    .option('--beta <β>', 'η_w = β·η_a', positiveNumberOption('--beta'), 10)
    .option('--steps <T>', 'GD horizon T', (v: string) => parseIntegerOption('--steps', v, 1, 10_000_000), 20_000)
    .option('--grid-points <n>', 'scan grid points', (v: string) => parseIntegerOption('--grid-points', v, 2, 100_000), 41)
    .option('--resolution <r>', 'bracket width relative to r‖a*‖', positiveNumberOption('--resolution', 1), 1e-3)
    .option('--grid', 'report ε over the P2 grid of (‖w*‖ scale, k, β)')
    .option('--teachers <n>', 'teachers per grid cell with --grid', (v: string) => parseIntegerOption('--teachers', v, 1, 1000), 2)
    .option('--json', 'print JSON')
    .action((o: ThresholdCliOptions) => {
      if (o.grid === true) {
        const rows = p2Protocol.cells().map((cell, index) => {
          const chunk = p2Protocol.runChunk(cell, index, o.seed, 0, o.teachers);
          return p2Protocol.mergeCell(cell, index, o.teachers, [chunk]);
        });
        if (o.json === true) {
          process.stdout.write(`${JSON.stringify({ seed: o.seed, cells: rows }, null, 2)}\n`);
          return;
        }
        process.stdout.write('k    ‖w*‖ scale  β     median ε   separated  no switch  violated\n');
        for (const r of rows) {
          process.stdout.write(
            `${String(r.k).padEnd(4)} ${String(r.scale).padEnd(11)} ${String(r.beta).padEnd(5)} ${(r.medianEpsilon === null ? '–' : fmt(r.medianEpsilon as number)).padEnd(10)} ${String(r.separated).padEnd(10)} ${String(r.noSwitch).padEnd(10)} ${r.violated}\n`,
          );
        }
        return;
      }
      let inst: P2Instance;
      if (o.input !== undefined) {
        const t = parseWith(teacherInputSchema, readJson(o.input), 'input');
        inst = p2InstanceFromTeacher(makeTeacher(Float64Array.from(t.wStar), Float64Array.from(t.aStar)));
      } else {
        inst = p2Instance(o.seed, o.k, o.scale, o.index);
      }
      const report = scanReport(inst, o);
      if (o.json === true) {
        process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        return;
      }
      const switches = report.switches as { below: string; above: string; lo: number; hi: number; point: number }[];
      process.stdout.write(
        [
          `threshold: k = ${inst.k}, p = ${inst.teacher.p}, φ_0 = ${fmt(inst.phi0)}, s ∈ [${fmt(-inst.sMax)}, ${fmt(inst.sMax)}], β = ${o.beta}, T = ${o.steps}`,
          switches.length === 0
            ? '  no switch of the outcome along the segment'
            : switches.map((w) => `  switch ${w.below} → ${w.above} at s = ${fmt(w.point, 8)} (bracket [${fmt(w.lo, 10)}, ${fmt(w.hi, 10)}])`).join('\n'),
          report.epsilon === null
            ? `  ε: not defined (${report.separation})`
            : `  ε = ${fmt((report.epsilon as { value: number }).value, 8)} (bracket [${fmt((report.epsilon as { lower: number }).lower, 10)}, ${fmt((report.epsilon as { upper: number }).upper, 10)}])`,
          '',
        ].join('\n'),
      );
    });
}
