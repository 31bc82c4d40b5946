/**
 * The `shortcut-check` entry point: it only registers the commands and maps failures to exit codes.
 * Exit codes: 0 success; 1 a finding (`verify` verdicts differ from the registry's expectation);
 * 2 bad input or usage (one line on stderr, no stack trace); 70 an internal error.
 */
import { Command, CommanderError } from 'commander';
import { InputError } from '../io/validation.ts';
import { registerClaims } from './claims-command.ts';
import { registerEval } from './eval-command.ts';
import { registerHunt } from './hunt-command.ts';
import { registerPd } from './pd-command.ts';
import { registerReplay } from './replay-command.ts';
import { registerReport } from './report-command.ts';
import { registerSweep } from './sweep-command.ts';
import { registerThreshold } from './threshold-command.ts';
import { EXIT_INTERNAL, EXIT_USAGE } from './exit-codes.ts';
import { registerTrain } from './train-command.ts';
import { registerVerify } from './verify-command.ts';
import { registerBench } from './bench-command.ts';

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('shortcut-check')
    .description('Property-based verification of the shortcut-connection theory (Liu et al., NeurIPS 2019)')
    .exitOverride()
    .configureOutput({ writeErr: () => undefined, outputError: () => undefined })
    .showSuggestionAfterError(true);
  registerEval(program);
  registerTrain(program);
  registerVerify(program);
  registerClaims(program);
  registerHunt(program);
  registerReplay(program);
  registerSweep(program);
  registerReport(program);
  registerPd(program);
  registerThreshold(program);
  registerBench(program);
  for (const command of program.commands) {
    command.exitOverride().configureOutput({ writeErr: () => undefined, outputError: () => undefined });
  }
  return program;
}

/** Runs the CLI and returns the exit code (never throws). */
export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv as string[], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0) {
        return 0;
      }
      if (error.code === 'commander.help') {
        // Help shown because of an error (no command, or `help` of an unknown one): one line instead.
        process.stderr.write('shortcut-check: missing or unknown command (see `shortcut-check --help`)\n');
        return EXIT_USAGE;
      }
      process.stderr.write(`shortcut-check: ${error.message.replace(/^error: /, '').split('\n')[0]}\n`);
      return EXIT_USAGE;
    }
    if (error instanceof InputError) {
      process.stderr.write(`shortcut-check: ${error.message.split('\n')[0]}\n`);
      return EXIT_USAGE;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`shortcut-check: internal error: ${message.split('\n')[0]}\n`);
    if (process.env.SHORTCUT_DEBUG) process.stderr.write(`${(error as Error).stack ?? ''}\n`);
    return EXIT_INTERNAL;
  }
}
