/**
 * Input validation through zod: one place that turns a schema failure into a one-line message that
 * names the field, its constraint and the value received, e.g.
 * `input[2].w: must have length p = 5 (got 4)`.
 */
import { z } from 'zod';

/** A user-facing input error: the CLI prints its one-line message and exits with code 2. */
export class InputError extends Error {
  override readonly name = 'InputError';
}

/** `a.b[3].c` from a zod issue path, prefixed by `root`. */
export function formatPath(root: string, path: readonly PropertyKey[]): string {
  let out = root;
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? 'input' : out;
}

function describeValue(x: unknown): string {
  if (typeof x === 'number') return String(x);
  if (x === undefined) return 'nothing';
  let text: string | undefined;
  try {
    text = JSON.stringify(x);
  } catch {
    return Array.isArray(x) ? 'a too deeply nested array' : 'a too deeply nested object'; // the stack ran out
  }
  if (text === undefined) return String(x);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Parses `value` with `schema`, or throws an InputError describing the first issue. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, root = 'input'): z.output<S> {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = formatPath(root, issue.path);
  if (issue.code === 'invalid_type' && 'input' in issue && issue.input === undefined) {
    throw new InputError(`${where}: missing (a required field)`);
  }
  let message = issue.message;
  if (issue.code === 'unrecognized_keys') {
    throw new InputError(`${where}: unknown field ${issue.keys.map((key) => JSON.stringify(key)).join(', ')}`);
  }
  if ('input' in issue && !/\(got /.test(message)) message += ` (got ${describeValue(issue.input)})`;
  throw new InputError(`${where}: ${message}`);
}

/** A finite double (JSON's 1e999 parses to Infinity and is rejected here). */
export const finiteNumber = z.number({ error: 'must be a finite number' }).refine(Number.isFinite, 'must be a finite number');

/** A positive safe integer. */
export const positiveInteger = z
  .number({ error: 'must be a positive integer' })
  .refine((x) => Number.isSafeInteger(x) && x > 0, 'must be a positive integer');

/** An array of finite doubles. */
export const finiteVector = z.array(finiteNumber, { error: 'must be an array of finite numbers' });
