/**
 * `shortcut-check train [--input FILE|-]`: runs GD (or SGD with "batch") from a JSON spec (see
 * {@link ../io/train-spec.ts}) and prints {"w","a","steps","outcome","loss","phi"} (plus
 * "trajectory" when "record" is set). A diverging run prints outcome "diverged" and null numbers.
 */
import type { Command } from 'commander';
import { parseWith } from '../io/validation.ts';
import { runTrainSpec, trainOutput, trainSpecSchema } from '../io/train-spec.ts';
import { readJson } from './json-input.ts';

export function registerTrain(program: Command): void {
  program
    .command('train')
    .description('run GD or SGD from {"p","k","w0","a0","wStar","aStar","etaW","etaA","steps",...}')
    .option('--input <file>', 'JSON spec file, or - for stdin (default: stdin)')
    .action((options: { input?: string }) => {
      const spec = parseWith(trainSpecSchema, readJson(options.input), 'input');
      process.stdout.write(`${JSON.stringify(trainOutput(runTrainSpec(spec)))}\n`);
    });
}
