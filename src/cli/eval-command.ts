/**
 * `shortcut-check eval [--input FILE|-] [--reference] [--digits N]`: evaluates the closed forms at
 * one point `{"p","k","w","a","wStar","aStar"}` or at an array of them, and prints
 * `{"loss","phi","gradW","gradA"}` in the same shape: doubles in shortest round-trip form, or with
 * `--reference` decimal strings of N significant digits from the decimal.js twin.
 */
import type { Command } from 'commander';
import { evaluate } from '../model/population-loss.ts';
import { makeTeacher } from '../model/teacher.ts';
import { modelPointSchema, type ModelPoint } from '../io/model-input.ts';
import { InputError, parseWith } from '../io/validation.ts';
import { referenceEvaluate } from '../reference/population-loss.ts';
import { readJson } from './json-input.ts';
import { parseIntegerOption } from './options.ts';

export interface EvalOptions {
  input?: string;
  reference?: boolean;
  digits?: number;
}

/** Evaluates one validated point in float64. */
export function evalFloat(point: ModelPoint): { loss: number; phi: number; gradW: number[]; gradA: number[] } {
  const teacher = makeTeacher(Float64Array.from(point.wStar), Float64Array.from(point.aStar));
  const r = evaluate(teacher, Float64Array.from(point.w), Float64Array.from(point.a));
  return { loss: r.loss, phi: r.phi, gradW: Array.from(r.gradW), gradA: Array.from(r.gradA) };
}

/** Runs `eval` on an already-parsed JSON document and returns the output document. */
export function runEval(document: unknown, options: EvalOptions): unknown {
  const points: ModelPoint[] = Array.isArray(document)
    ? document.map((item, i) => parseWith(modelPointSchema, item, `input[${i}]`))
    : [parseWith(modelPointSchema, document, 'input')];
  if (options.digits !== undefined && options.reference !== true) {
    throw new InputError('--digits: only meaningful with --reference');
  }
  const one = (point: ModelPoint): unknown =>
    options.reference === true ? referenceEvaluate(point, { digits: options.digits ?? 40 }) : evalFloat(point);
  return Array.isArray(document) ? points.map(one) : one(points[0]);
}

export function registerEval(program: Command): void {
  program
    .command('eval')
    .description('evaluate the loss, φ and both gradients at {"p","k","w","a","wStar","aStar"} (or an array of them)')
    .option('--input <file>', 'JSON input file, or - for stdin (default: stdin)')
    .option('--reference', 'use the high-precision decimal.js reference instead of float64')
    .option('--digits <n>', 'significant digits of --reference output (default 40, at most 500)', (v: string) =>
      parseIntegerOption('--digits', v, 1, 500),
    )
    .action((options: EvalOptions) => {
      const output = runEval(readJson(options.input), options);
      process.stdout.write(`${JSON.stringify(output)}\n`);
    });
}
