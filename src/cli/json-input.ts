/**
 * Reads one JSON document from a file or standard input (`-` or no file). Malformed JSON and
 * unreadable files become one-line InputErrors naming the source.
 */
import { readFileSync } from 'node:fs';
import { InputError } from '../io/validation.ts';

/** The text of `source` (a path, or `-`/undefined for stdin). */
export function readSource(source: string | undefined): { text: string; name: string } {
  const fromStdin = source === undefined || source === '-';
  const name = fromStdin ? 'stdin' : source;
  try {
    return { text: readFileSync(fromStdin ? 0 : source, 'utf8'), name };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new InputError(`cannot read ${name}: ${code === 'ENOENT' ? 'no such file' : code}`);
  }
}

/** Parses a JSON document, naming the source and the position on failure. */
export function parseJson(text: string, name: string): unknown {
  if (text.trim() === '') throw new InputError(`${name}: empty input (expected a JSON document)`);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const detail = (error as Error).message.split('\n')[0];
    throw new InputError(`${name}: malformed JSON (${detail})`);
  }
}

export function readJson(source: string | undefined): unknown {
  const { text, name } = readSource(source);
  return parseJson(text, name);
}
