/**
 * The C baseline of the gd-step benchmark: bench/gd_step.c (the arithmetic of the plain GD step,
 * ../model/plain-descent-step.ts, in separate passes; see its header) compiled with
 * `gcc -O2 -ffp-contract=off` into a temporary folder when gcc is on the PATH, and run on the same
 * problem as the JavaScript loop.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DescentSpec } from '../optim/descent.ts';
import { packageRoot } from './package-root.ts';

export interface CBaselineRun {
  /** Median over the repetitions of (steps / time of one run of `steps` steps). */
  readonly medianStepsPerSecond: number;
  readonly bestStepsPerSecond: number;
  /** L and φ at the end of a run (to compare with the JavaScript run of the same problem). */
  readonly loss: number;
  readonly phi: number;
}

/** A compiled baseline; `dispose` removes its temporary folder. */
export interface CBaseline {
  readonly compiler: string;
  run(spec: DescentSpec, repetitions: number): CBaselineRun;
  dispose(): void;
}

const FLAGS = ['-O2', '-ffp-contract=off'];

/** Compiles bench/gd_step.c; `{ unavailable: reason }` when gcc is missing or fails. */
export function compileCBaseline(): CBaseline | { readonly unavailable: string } {
  const source = join(packageRoot(), 'bench', 'gd_step.c');
  const dir = mkdtempSync(join(tmpdir(), 'shortcut-check-bench-'));
  const binary = join(dir, 'gd_step');
  let compiler: string;
  try {
    compiler = execFileSync('gcc', ['--version'], { encoding: 'utf8' }).split('\n')[0];
    execFileSync('gcc', [...FLAGS, '-o', binary, source, '-lm'], { stdio: 'pipe' });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    return { unavailable: `gcc ${FLAGS.join(' ')} failed or is missing (${(error as Error).message.split('\n')[0]})` };
  }
  return {
    compiler: `${compiler} ${FLAGS.join(' ')}`,
    run(spec, repetitions) {
      const t = spec.teacher;
      const lines = [
        `${t.p} ${t.k} ${spec.etaW} ${spec.etaA} ${spec.steps} ${repetitions}`,
        ...[t.wStar, t.aStar, spec.w0, spec.a0].map((x) => Array.from(x, (v) => v.toString()).join(' ')),
      ];
      const problem = join(dir, `problem-${t.p}-${t.k}.txt`);
      writeFileSync(problem, `${lines.join('\n')}\n`);
      return JSON.parse(execFileSync(binary, [problem], { encoding: 'utf8' })) as CBaselineRun;
    },
    dispose() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
