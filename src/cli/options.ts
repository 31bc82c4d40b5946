/**
 * Parsers for option values, and checks of output paths made before any work starts; each failure
 * is a one-line InputError naming the option.
 */
import { existsSync, statSync } from 'node:fs';
import { InputError } from '../io/validation.ts';

/** An integer option in [min, max]. */
export function parseIntegerOption(name: string, text: string, min: number, max: number): number {
  const value = /^[+-]?\d+$/.test(text.trim()) ? Number(text) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new InputError(`${name}: must be an integer in [${min}, ${max}] (got ${JSON.stringify(text)})`);
  }
  return value;
}

/** A parser for a positive finite number option (at most `max`). */
export function positiveNumberOption(name: string, max = Infinity): (text: string) => number {
  return (text: string) => {
    const x = Number(text);
    if (!(text.trim() !== '' && Number.isFinite(x) && x > 0 && x <= max)) {
      throw new InputError(`${name}: must be a positive number${max < Infinity ? ` ≤ ${max}` : ''} (got ${JSON.stringify(text)})`);
    }
    return x;
  };
}

/** A duration like 60s, 500ms, 2m or a plain number of seconds; returns milliseconds. */
export function parseDurationOption(name: string, text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;
  const ms = match === null ? NaN : Number(match[1]) * unit[(match[2] ?? 's') as keyof typeof unit];
  if (!(ms > 0) || !Number.isFinite(ms)) {
    throw new InputError(`${name}: must be a positive duration such as 60s, 500ms or 2m (got ${JSON.stringify(text)})`);
  }
  return ms;
}

/**
 * Checks, before any work is done, that `path` can be written as a file: a non-empty name that is
 * not an existing folder (a rename onto it would fail only at the end of the run).
 */
export function checkOutputFile(name: string, path: string): void {
  if (path.trim() === '') throw new InputError(`${name}: must be a file name (got ${JSON.stringify(path)})`);
  if (existsSync(path) && statSync(path).isDirectory()) {
    throw new InputError(`${name}: ${JSON.stringify(path)} is a folder (expected a file name)`);
  }
}

/** Checks, before any work is done, that `path` is a non-empty name of a folder or of nothing yet. */
export function checkOutputFolder(name: string, path: string): void {
  if (path.trim() === '') throw new InputError(`${name}: must be a folder name (got ${JSON.stringify(path)})`);
  if (existsSync(path) && !statSync(path).isDirectory()) {
    throw new InputError(`${name}: ${JSON.stringify(path)} is a file (expected a folder)`);
  }
}
