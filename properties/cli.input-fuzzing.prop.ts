/**
 * cli.input-fuzzing — the CLI's contract for bad input (src/cli/exit-codes.ts): every malformed or
 * invalid input of a command that reads one (`eval`, `train`, `threshold --input`, `pd --teacher`,
 * `merge`, `replay`, a sweep's partial output, and the option values of every command) is rejected
 * with exit code 2, exactly one line on stderr that names the field or option, nothing on stdout,
 * no stack trace, and no file written, changed or removed in the working directory.
 *
 * Each input is built by construction as a valid input plus one defect, and the defect knows the
 * name the message must contain:
 * - JSON documents: a field set to a wrong type, to a non-finite number (spelled 1e999, −1e999 or
 *   as the strings "NaN", "Infinity"), to an out-of-range integer (0, −1, 1.5, 2^53, 1e300), a
 *   vector of the wrong length or with one bad entry, w = −e (so e + w = 0), a missing required
 *   field, an unknown extra field, or the document's text made malformed (truncated, bare NaN or
 *   Infinity, leading or trailing garbage, a trailing comma, single quotes, a comment);
 * - options: out-of-range, fractional, exponent, hexadecimal, empty or non-numeric values, unknown
 *   enum values, a missing value, an unknown option.
 * The CLI runs in-process (test/reliability/in-process-cli.ts), each call in a fresh temporary
 * working directory fingerprinted before and after. A failure prints the input (fast-check's
 * counterexample) and the seed: `SHORTCUT_SEED=<seed> npx vitest run properties/cli.input-fuzzing.prop.ts`.
 */
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { claimById } from '../src/claims/registry.ts';
import { counterexampleOf } from '../src/claims/universal-runner.ts';
import { resolveProfile } from '../src/config/profile.ts';
import { MAX_STEPS } from '../src/io/train-spec.ts';
import { STORE_SCHEMA_VERSION } from '../src/search/counterexample-store.ts';
import type { CliResult } from '../test/cli/run-cli.ts';
import { expectCleanRejection, runInProcess, type RejectionCase } from '../test/reliability/in-process-cli.ts';

const profile = resolveProfile();

// ---------------------------------------------------------------- JSON documents and their defects

/** A value that prints verbatim into the JSON text: spellings JSON.stringify cannot produce. */
function raw(text: string): string {
  return `\u0000raw:${text}`;
}

function jsonText(document: unknown): string {
  return JSON.stringify(document).replace(/"\\u0000raw:([^"]*)"/g, '$1');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A message that names `field` as a path component: `input.w[2]: …`, `record: input.w0.1: …`. */
function namesField(field: string): RegExp {
  return new RegExp(`(^|[\\s.])${escapeRegExp(field)}([\\s.[:]|$)`);
}

const nonFinite = fc.constantFrom(raw('1e999'), raw('-1e999'), 'NaN', 'Infinity', '-Infinity');
/** An array nested 10^5 deep: JSON.parse reads it, JSON.stringify of it overflows the stack. */
const deep = raw(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
const notANumber = fc.constantFrom<unknown>(null, true, '1', {}, [], [1], deep);
const badNumber = fc.oneof(nonFinite, notANumber);

const bad = {
  count: fc.oneof(badNumber, fc.constantFrom(0, -1, 1.5, 2 ** 53, 1e300, -0.5)),
  positive: fc.oneof(badNumber, fc.constantFrom(0, -1e-300, -5, -1e300)),
  steps: fc.oneof(badNumber, fc.constantFrom(-1, 2.5, MAX_STEPS + 1, 1e300)),
  integer: fc.oneof(badNumber, fc.constantFrom(1.5, 2 ** 53, -(2 ** 53), 1e300)),
  string: fc.constantFrom<unknown>(null, 5, true, [], {}),
  vector(length: number): fc.Arbitrary<unknown> {
    const filler = (n: number): number[] => Array.from({ length: n }, (_, i) => 0.25 - 0.1 * i);
    return fc.oneof(
      fc.constantFrom<unknown>(null, true, '1', {}, 1, deep),
      fc.integer({ min: 0, max: length + 2 }).map((n) => filler(n >= length ? n + 1 : n)),
      fc.tuple(fc.integer({ min: 0, max: length - 1 }), fc.oneof(nonFinite, notANumber))
        .map(([i, x]) => filler(length).map((v, j) => (j === i ? x : v))),
    );
  },
};

interface Field {
  readonly name: string;
  readonly bad: fc.Arbitrary<unknown>;
  readonly required: boolean;
}

interface DocumentSpec {
  readonly base: Record<string, unknown>;
  readonly fields: readonly Field[];
  /** Unknown fields are refused (zod strictObject). */
  readonly strict: boolean;
  /** Further defects: a whole-document change and the name it must produce. */
  readonly special?: readonly FieldDefect[];
}

/** A document with one defect, and the name (a field path, or an unknown key) it must produce. */
interface FieldDefect {
  readonly doc: unknown;
  readonly name: string;
  readonly unknownKey?: boolean;
}

interface Defective {
  readonly text: string;
  readonly mentions: RegExp;
}

/** The message a field defect must produce, its field path prefixed by `prefix`. */
function mentionsOf(d: FieldDefect, prefix = ''): RegExp {
  return d.unknownKey === true
    ? new RegExp(`unknown field ${escapeRegExp(JSON.stringify(d.name))}`)
    : namesField(`${prefix}${d.name}`);
}

/** −e = −1_p/√p: the vector for which e + w is exactly 0 in double precision. */
function minusShortcut(p: number): number[] {
  return new Array<number>(p).fill(-1 / Math.sqrt(p));
}

function fieldDefect(spec: DocumentSpec, unknownKeys = spec.strict): fc.Arbitrary<FieldDefect> {
  const set = fc
    .constantFrom(...spec.fields)
    .chain((field) => field.bad.map((value) => ({ doc: { ...spec.base, [field.name]: value }, name: field.name })));
  const required = spec.fields.filter((f) => f.required);
  const drop = fc.constantFrom(...required).map((field) => {
    const { [field.name]: _dropped, ...rest } = spec.base;
    return { doc: rest, name: field.name };
  });
  const options: fc.Arbitrary<FieldDefect>[] = [set, drop];
  if (unknownKeys) {
    options.push(
      fc.string({ unit: 'binary', maxLength: 8 }).map((suffix) => ({ doc: { ...spec.base, [`x_${suffix}`]: 1 }, name: `x_${suffix}`, unknownKey: true })),
    );
  }
  if (spec.special !== undefined && spec.special.length > 0) options.push(fc.constantFrom(...spec.special));
  return fc.oneof(...options);
}

/** [start, length] of every number token of a JSON text (outside string literals). */
function numberTokens(text: string): [number, number][] {
  const tokens: [number, number][] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"') {
      for (i++; text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (/[-\d]/.test(text[i])) {
      const m = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
      if (m === null) continue;
      tokens.push([i, m[0].length]);
      i += m[0].length - 1;
    }
  }
  return tokens;
}

/** The valid text of `document` made malformed; the message names the source and says so. */
function malformedText(document: unknown, source: string): fc.Arbitrary<Defective> {
  const text = jsonText(document);
  const says = new RegExp(`${escapeRegExp(source)}: (malformed JSON|empty input|unreadable or malformed JSON)`);
  return fc
    .oneof(
      fc.integer({ min: 0, max: text.length - 1 }).map((cut) => text.slice(0, cut)),
      fc.constantFrom('x', '}', ',', ']', ' 1', '{}').map((tail) => text + tail),
      fc.constantFrom('\ufeff', 'x', ")]}'\n", '/* c */').map((head) => head + text),
      fc.tuple(fc.constantFrom(...numberTokens(text)), fc.constantFrom('NaN', 'Infinity', '-Infinity', '+1', '.5', '01', '0x10', '1.'))
        .map(([[at, length], token]) => text.slice(0, at) + token + text.slice(at + length)),
      fc.constant(`${text.slice(0, -1)},}`),
      fc.constant(text.replace(/"([^"]+)":/, "'$1':")),
    )
    .map((bytes) => ({ text: bytes, mentions: says }));
}

/** A field defect (three times in four) or malformed text, as the bytes of a file. */
function documentDefect(spec: DocumentSpec, source: string): fc.Arbitrary<Defective> {
  return fc.oneof(
    { weight: 3, arbitrary: fieldDefect(spec).map((d) => ({ text: jsonText(d.doc), mentions: mentionsOf(d) })) },
    { weight: 1, arbitrary: malformedText(spec.base, source) },
  );
}

const point = { p: 2, k: 3, w: [0.1, -0.2], a: [0.5, -0.1, 0.3], wStar: [0.05, 0.02], aStar: [1, -0.5, 0.25] };
const pointSpec: DocumentSpec = {
  base: point,
  strict: true,
  fields: [
    { name: 'p', bad: bad.count, required: true },
    { name: 'k', bad: bad.count, required: true },
    { name: 'w', bad: fc.oneof(bad.vector(2), fc.constant(minusShortcut(2))), required: true },
    { name: 'a', bad: bad.vector(3), required: true },
    { name: 'wStar', bad: fc.oneof(bad.vector(2), fc.constant(minusShortcut(2))), required: true },
    { name: 'aStar', bad: bad.vector(3), required: true },
  ],
};

const spec = {
  p: 3,
  k: 4,
  w0: [0, 0, 0],
  a0: [0.1, -0.2, 0.05, 0.3],
  wStar: [0.2, -0.1, 0.05],
  aStar: [1, 0.5, -0.3, 0.8],
  etaW: 0.5,
  etaA: 0.5,
  steps: 5,
};
const specFields: readonly Field[] = [
  { name: 'p', bad: bad.count, required: true },
  { name: 'k', bad: bad.count, required: true },
  { name: 'w0', bad: fc.oneof(bad.vector(3), fc.constant(minusShortcut(3))), required: true },
  { name: 'a0', bad: bad.vector(4), required: true },
  { name: 'wStar', bad: fc.oneof(bad.vector(3), fc.constant(minusShortcut(3))), required: true },
  { name: 'aStar', bad: bad.vector(4), required: true },
  { name: 'etaW', bad: bad.positive, required: true },
  { name: 'etaA', bad: bad.positive, required: true },
  { name: 'steps', bad: bad.steps, required: true },
  {
    name: 'schedule',
    bad: fc.constantFrom<unknown>('warmup', 5, null, {}, { kind: 'cosine' }, { kind: 'warmup', steps: 0 }, { kind: 'layerwise' }, { kind: 'layerwise', switchStep: -1 }),
    required: false,
  },
  { name: 'batch', bad: fc.oneof(bad.count, fc.constantFrom(2 ** 30)), required: false },
  { name: 'seed', bad: bad.integer, required: false },
  { name: 'record', bad: fc.constantFrom<unknown>(0, -1, 1.5, {}, { every: 0 }, { every: 1, vectors: 'yes' }, 'all', null), required: false },
];
const specSpec: DocumentSpec = {
  base: spec,
  strict: true,
  fields: specFields,
  special: [{ doc: { ...spec, steps: MAX_STEPS, record: 1 }, name: 'record' }],
};

const teacher = { p: 2, k: 2, wStar: [0.1, -0.3], aStar: [1, -0.5] };
const teacherSpec: DocumentSpec = {
  base: teacher,
  strict: true,
  fields: [
    { name: 'p', bad: bad.count, required: true },
    { name: 'k', bad: bad.count, required: true },
    { name: 'wStar', bad: fc.oneof(bad.vector(2), fc.constant(minusShortcut(2))), required: true },
    { name: 'aStar', bad: bad.vector(2), required: true },
  ],
  special: [{ doc: { ...teacher, aStar: [0, 0] }, name: 'aStar' }],
};

const sweepOutput = { protocol: 'P1', seed: 7, trials: 3, shard: '1/2', cells: [{ index: 0, trials: 3 }] };
const sweepOutputSpec: DocumentSpec = {
  base: sweepOutput,
  strict: false,
  fields: [
    { name: 'protocol', bad: fc.constantFrom<unknown>('P9', 'p1', '', 1, null), required: true },
    { name: 'seed', bad: bad.integer, required: true },
    { name: 'trials', bad: bad.count, required: true },
    { name: 'shard', bad: bad.string, required: false },
    { name: 'cells', bad: fc.constantFrom<unknown>(null, 'x', {}, 1), required: true },
  ],
  special: [
    { doc: { ...sweepOutput, cells: ['x'] }, name: 'cells' },
    { doc: { ...sweepOutput, cells: [{ index: -1, trials: 3 }] }, name: 'index' },
    { doc: { ...sweepOutput, cells: [{ index: 1.5, trials: 3 }] }, name: 'index' },
    { doc: { ...sweepOutput, cells: [{ index: 0, trials: 0 }] }, name: 'trials' },
  ],
};

/** The partial output of `sweep P3 --trials 1 --seed 7 --shard 1/7` (its one cell is cell 0). */
const partialConfig = { protocol: 'P3', seed: 7, trials: 1, shard: '1/7' };
const partial = { config: partialConfig, cells: [{ index: 0, trials: 1 }] };
const partialSpec: DocumentSpec = {
  base: partial,
  strict: false,
  fields: [
    { name: 'config', bad: fc.constantFrom<unknown>(null, 'x', 1, []), required: true },
    { name: 'cells', bad: fc.constantFrom<unknown>(null, 'x', {}, 1), required: true },
  ],
  special: [
    { doc: { ...partial, cells: ['x'] }, name: 'cells' },
    { doc: { ...partial, cells: [{ index: 1, trials: 1 }] }, name: 'index' },
    { doc: { ...partial, cells: [{ index: 0, trials: 1 }, { index: 0, trials: 1 }] }, name: 'index' },
    { doc: { ...partial, cells: [{ index: -1, trials: 1 }] }, name: 'index' },
    { doc: { ...partial, cells: [{ index: 0, trials: 2 }] }, name: 'trials' },
  ],
};

/** A valid counterexample record of rebuttal.basin-R2, around a hypothesis its arbitrary draws. */
function basinRecord(): Record<string, unknown> {
  const claim = claimById('rebuttal.basin-R2');
  if (claim === undefined || claim.kind !== 'universal') throw new Error('rebuttal.basin-R2 is not a universal claim of the registry');
  const context = { profile, seed: 1, budget: claim.budgets.ci, examples: [] };
  const [h] = fc.sample(claim.hypotheses(context), { seed: 1, numRuns: 1 });
  return {
    schemaVersion: STORE_SCHEMA_VERSION,
    ...counterexampleOf(claim, h, -1),
    foundBy: { tool: 'test', mode: 'random', seed: 1, profile: 'ci' },
  };
}
const record = JSON.parse(JSON.stringify(basinRecord())) as Record<string, unknown>;
const recordSpec: DocumentSpec = {
  base: record,
  strict: false,
  fields: [
    { name: 'schemaVersion', bad: fc.constantFrom<unknown>(STORE_SCHEMA_VERSION + 1, '1', null), required: true },
    { name: 'claim', bad: fc.constantFrom<unknown>('', 5, null, 'no.such-claim'), required: true },
    { name: 'formalizationVersion', bad: fc.constantFrom<unknown>(1.5, '1', null), required: true },
    { name: 'hypothesis', bad: fc.constantFrom<unknown>(null, 5, 'x', [], {}, true), required: true },
    { name: 'violated', bad: bad.string, required: true },
    { name: 'margin', bad: badNumber, required: true },
    { name: 'foundBy', bad: fc.constantFrom<unknown>(null, {}, 'x', { tool: 5, mode: 'm', seed: 1, profile: 'ci' }), required: true },
    { name: 'input', bad: fc.constantFrom<unknown>(null, 5, []), required: true },
  ],
};
/**
 * Defects of the record's `input` (a train spec), named `input.<field>`. Unknown keys are left out:
 * readRecord (src/search/counterexample-store.ts) words them with zod's default message, which does
 * not escape the key.
 */
const recordInputDefect: fc.Arbitrary<Defective> = fieldDefect(specSpec, false).map((d) => ({
  text: jsonText({ ...record, input: d.doc }),
  mentions: mentionsOf(d, 'input.'),
}));

// ------------------------------------------------------------------------- calls reading documents

/** Command lines whose only defect is the one a case adds (checked by the first test). */
const evalBase = ['eval', '--input', 'in.json', '--reference'];
const sweepBase = ['sweep', 'P3', '--trials', '1', '--seed', '7', '--shard', '1/7', '--workers', '1', '--out', 'out/s.json'];
const thresholdBase = ['threshold', '--steps', '10', '--grid-points', '2'];
const pdBase = ['pd', '--block', 'a', '--region', 'r1', '--time', '100ms'];
const huntBase = ['hunt', '--claim', 'rebuttal.basin-R2', '--time', '200ms', '--store', 'store'];
const verifyBase = ['verify', '--claims', 'model.d2-norm-growth'];

const documentCases: fc.Arbitrary<RejectionCase> = fc.oneof(
  fc.oneof(
    // One point, or a defective point after a valid one in an array (named input[1].…).
    fieldDefect(pointSpec).chain((d) =>
      fc.boolean().map((asArray) => ({ text: jsonText(asArray ? [point, d.doc] : d.doc), mentions: mentionsOf(d) })),
    ),
    malformedText(point, 'in.json'),
  ).map((d) => ({ args: ['eval', '--input', 'in.json'], files: { 'in.json': d.text }, mentions: d.mentions })),
  documentDefect(specSpec, 'in.json').map((d) => ({ args: ['train', '--input', 'in.json'], files: { 'in.json': d.text }, mentions: d.mentions })),
  documentDefect(teacherSpec, 'in.json').map((d) => ({
    args: ['threshold', '--input', 'in.json', '--steps', '10', '--grid-points', '2'],
    files: { 'in.json': d.text },
    mentions: d.mentions,
  })),
  documentDefect(teacherSpec, 'teacher.json').map((d) => ({
    args: ['pd', '--block', 'a', '--region', 'r1', '--time', '100ms', '--teacher', 'teacher.json'],
    files: { 'teacher.json': d.text },
    mentions: d.mentions,
  })),
  documentDefect(sweepOutputSpec, 'part.json').map((d) => ({
    args: ['merge', 'part.json', '--out', 'merged.json'],
    files: { 'part.json': d.text },
    mentions: d.mentions,
  })),
  fc.oneof(documentDefect(recordSpec, 'record.json'), recordInputDefect).map((d) => ({
    args: ['replay', 'record.json'],
    files: { 'record.json': d.text },
    mentions: d.mentions,
  })),
  documentDefect(partialSpec, 'out/s.json.partial.json').map((d) => ({
    args: sweepBase,
    files: { 'out/s.json.partial.json': d.text },
    mentions: d.mentions,
  })),
);

// ---------------------------------------------------------------------------------- option values

type OptionKind =
  | { readonly kind: 'integer'; readonly min: number; readonly max: number }
  | { readonly kind: 'positive'; readonly max?: number }
  | { readonly kind: 'duration' }
  | { readonly kind: 'enum' }
  | { readonly kind: 'shard' };

const notAnInteger = fc.constantFrom('', ' ', 'abc', '1.5', '1e3', '0x10', 'NaN', 'Infinity', '5x', '1_000', '١', '2 3', '3\n4');

function badOptionValue(o: OptionKind): fc.Arbitrary<string> {
  switch (o.kind) {
    case 'integer':
      return fc.oneof(
        notAnInteger,
        fc.bigInt({ min: 1n, max: 10n ** 30n }).map((d) => String(BigInt(o.max) + d)),
        fc.bigInt({ min: 1n, max: 10n ** 30n }).map((d) => String(BigInt(o.min) - d)),
      );
    case 'positive':
      return fc.oneof(
        fc.constantFrom('', ' ', 'abc', '0', '-0', '-1', '-1e-300', 'NaN', 'Infinity', '1e999', '5x', '1,5'),
        ...(o.max === undefined ? [] : [fc.constant(String(o.max * 2))]),
      );
    case 'duration':
      return fc.constantFrom('', '0', '0s', '-1s', '1x', 's', '1e3s', '1.5.2s', 'Infinity', 'NaN', '10 s', '9'.repeat(400));
    case 'enum':
      return fc.oneof(fc.constant(''), fc.string({ unit: 'binary', maxLength: 6 }).map((s) => `x${s}`));
    case 'shard':
      return fc.constantFrom('0/1', '2/1', '1/0', 'a/b', '1', '1/2/3', '', '-1/2', '1.5/2', '1/99999999999999999999');
  }
}

interface OptionSpec {
  readonly base: readonly string[];
  readonly option: string;
  readonly value: OptionKind;
}

const SEED = { kind: 'integer', min: -(2 ** 31), max: 2 ** 31 - 1 } as const;
const optionSpecs: readonly OptionSpec[] = [
  { base: evalBase, option: '--digits', value: { kind: 'integer', min: 1, max: 500 } },
  { base: sweepBase, option: '--trials', value: { kind: 'integer', min: 1, max: 10_000_000 } },
  { base: sweepBase, option: '--workers', value: { kind: 'integer', min: 1, max: 1024 } },
  { base: sweepBase, option: '--seed', value: SEED },
  { base: sweepBase, option: '--shard', value: { kind: 'shard' } },
  { base: thresholdBase, option: '--k', value: { kind: 'integer', min: 1, max: 4096 } },
  { base: thresholdBase, option: '--index', value: { kind: 'integer', min: 0, max: 1_000_000 } },
  { base: thresholdBase, option: '--seed', value: SEED },
  { base: thresholdBase, option: '--steps', value: { kind: 'integer', min: 1, max: 10_000_000 } },
  { base: thresholdBase, option: '--grid-points', value: { kind: 'integer', min: 2, max: 100_000 } },
  { base: thresholdBase, option: '--teachers', value: { kind: 'integer', min: 1, max: 1000 } },
  { base: thresholdBase, option: '--scale', value: { kind: 'positive' } },
  { base: thresholdBase, option: '--alpha', value: { kind: 'positive', max: 2 } },
  { base: thresholdBase, option: '--beta', value: { kind: 'positive' } },
  { base: thresholdBase, option: '--resolution', value: { kind: 'positive', max: 1 } },
  { base: pdBase, option: '--block', value: { kind: 'enum' } },
  { base: pdBase, option: '--region', value: { kind: 'enum' } },
  { base: pdBase, option: '--c', value: { kind: 'positive' } },
  { base: pdBase, option: '--a-norm-max', value: { kind: 'positive' } },
  { base: pdBase, option: '--radius', value: { kind: 'positive' } },
  { base: pdBase, option: '--phi-max', value: { kind: 'positive' } },
  { base: pdBase, option: '--r-min', value: { kind: 'positive' } },
  { base: pdBase, option: '--r-max', value: { kind: 'positive' } },
  { base: pdBase, option: '--k', value: { kind: 'integer', min: 1, max: 4096 } },
  { base: pdBase, option: '--p', value: { kind: 'integer', min: 1, max: 4096 } },
  { base: pdBase, option: '--seed', value: SEED },
  { base: pdBase, option: '--time', value: { kind: 'duration' } },
  { base: huntBase, option: '--claim', value: { kind: 'enum' } },
  { base: huntBase, option: '--time', value: { kind: 'duration' } },
  { base: huntBase, option: '--seed', value: SEED },
  { base: huntBase, option: '--profile', value: { kind: 'enum' } },
  { base: verifyBase, option: '--profile', value: { kind: 'enum' } },
  { base: verifyBase, option: '--seed', value: SEED },
  { base: verifyBase, option: '--claims', value: { kind: 'enum' } },
  { base: verifyBase, option: '--workers', value: { kind: 'integer', min: 1, max: 1024 } },
];
const inputFiles = { 'in.json': jsonText(point) };

const optionCases: fc.Arbitrary<RejectionCase> = fc.oneof(
  // A bad value; given after the base's own value of the same option, it is the one that counts.
  fc.constantFrom(...optionSpecs).chain((o) =>
    badOptionValue(o.value).map((value) => ({
      args: [...o.base, o.option, value],
      files: inputFiles,
      mentions: new RegExp(escapeRegExp(o.option)),
    })),
  ),
  // The option last, without its value.
  fc.constantFrom(...optionSpecs).map((o) => ({ args: [...o.base, o.option], files: inputFiles, mentions: new RegExp(`${escapeRegExp(o.option)}\\b`) })),
  // An option no command has.
  fc.tuple(fc.constantFrom(...optionSpecs), fc.stringMatching(/^[a-z][a-z-]{0,10}$/)).map(([o, name]) => ({
    args: [...o.base, `--zz${name}`],
    files: inputFiles,
    mentions: new RegExp(`unknown option '--zz${escapeRegExp(name)}'`),
  })),
  // A sweep protocol or a claim id that does not exist.
  fc.string({ unit: 'binary', maxLength: 6 }).map((s) => ({
    args: ['sweep', `X${s}`, '--out', 'out/s.json'],
    files: {},
    mentions: /protocol must be one of/,
  })),
  fc.string({ unit: 'binary', maxLength: 6 }).map((s) => ({ args: ['claims', `x${s}`], files: {}, mentions: /unknown claim id/ })),
);

// ------------------------------------------------------------------------------------- the check

/** The case as fast-check prints a counterexample: file contents cut to 300 characters. */
function printable(c: RejectionCase): RejectionCase {
  const files = Object.fromEntries(Object.entries(c.files).map(([name, text]) => [name, text.length > 300 ? `${text.slice(0, 300)}… (${text.length} characters)` : text]));
  return Object.assign(c, { [fc.toStringMethod]: (): string => JSON.stringify({ args: c.args, files, mentions: String(c.mentions) }) });
}

const workspace = mkdtempSync(join(tmpdir(), 'input-fuzzing-'));
afterAll(() => rmSync(workspace, { recursive: true, force: true }));
let bases = 0;

const checkRejected = (c: RejectionCase): Promise<void> => expectCleanRejection(workspace, c);

describe('cli.input-fuzzing', () => {
  it('should start from valid inputs: every base document and base command line is accepted', async () => {
    // Otherwise a case could be rejected for a defect of its base rather than its own.
    const run = async (args: readonly string[], files: Record<string, unknown>): Promise<CliResult> => {
      const cwd = join(workspace, `base-${bases++}`);
      mkdirSync(join(cwd, 'out'), { recursive: true });
      for (const [name, document] of Object.entries(files)) writeFileSync(join(cwd, name), jsonText(document));
      return runInProcess(args, cwd);
    };
    const ok = async (args: readonly string[], files: Record<string, unknown> = { 'in.json': point }): Promise<void> => {
      const r = await run(args, files);
      expect(r.code, `${JSON.stringify(args)}: ${r.stderr}`).toBe(0);
    };
    await ok(['train', '--input', 'in.json'], { 'in.json': spec });
    await ok(['threshold', '--input', 'in.json', ...thresholdBase.slice(1)], { 'in.json': teacher });
    await ok([...pdBase, '--teacher', 'teacher.json'], { 'teacher.json': teacher });
    await ok(sweepBase, { 'out/s.json.partial.json': partial });
    for (const base of new Set(optionSpecs.map((o) => o.base))) await ok(base);
    const replay = await run(['replay', 'record.json'], { 'record.json': record });
    expect(replay.stdout, replay.stderr).toMatch(/^(violates|no-longer-violates) /); // a valid record, replayed
    const merge = await run(['merge', 'part.json', '--out', 'merged.json'], { 'part.json': sweepOutput });
    expect(merge.stderr).toMatch(/cells 1, 2, .* are missing/); // past the schema: only the other shard is absent
  });

  it('should reject every malformed or invalid JSON document with one line naming the field, exit 2, nothing written', async () => {
    await fc.assert(fc.asyncProperty(documentCases.map(printable), checkRejected), { seed: profile.seed, numRuns: 400 * profile.runsScale });
  });

  it('should reject every bad option value with one line naming the option, exit 2, nothing written', async () => {
    await fc.assert(fc.asyncProperty(optionCases.map(printable), checkRejected), { seed: profile.seed, numRuns: 300 * profile.runsScale });
  });
});
