/**
 * The golden reference fixture: fixtures/reference/model-golden.json holds the cases of
 * ./golden-cases.ts with their inputs as round-trip double strings (bit-exact; `-0` kept) and
 * the reference outputs at 60 significant digits. {@link checkGoldenFixture} recomputes every
 * stored value and reports the first drift with a one-line message naming the case.
 */
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { doubleToRoundTripString, parseRoundTripDouble } from './exact-double.ts';
import { type GoldenCase, type GoldenInput, goldenCases } from './golden-cases.ts';
import { referenceEvaluate, type ReferenceResult } from './population-loss.ts';

export const GOLDEN_SCHEMA = 'shortcut-check/reference-golden/v1';
export const GOLDEN_DIGITS = 60;
/** Path of the fixture relative to the project root. */
export const GOLDEN_RELATIVE_PATH = 'fixtures/reference/model-golden.json';

export interface GoldenFixtureCase {
  readonly name: string;
  readonly note: string;
  readonly p: number;
  readonly k: number;
  readonly w: string[];
  readonly a: string[];
  readonly wStar: string[];
  readonly aStar: string[];
  readonly expected: ReferenceResult;
}

export interface GoldenFixture {
  readonly schema: string;
  readonly generator: string;
  readonly description: string;
  readonly digits: number;
  readonly cases: GoldenFixtureCase[];
}

/** The project root: the nearest ancestor of this module holding package.json. */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('reference: cannot find the project root (package.json)');
    dir = parent;
  }
}

export function defaultFixturePath(): string {
  return join(projectRoot(), GOLDEN_RELATIVE_PATH);
}

function encode(xs: readonly number[], name: string): string[] {
  return xs.map((x, i) => doubleToRoundTripString(x, `${name}[${i}]`));
}

function decode(xs: readonly string[], name: string): number[] {
  return xs.map((x, i) => parseRoundTripDouble(x, `${name}[${i}]`));
}

/** The inputs of a stored case, as doubles (bit-exact). */
export function fixtureInput(c: GoldenFixtureCase): GoldenInput {
  return {
    p: c.p,
    k: c.k,
    w: decode(c.w, `${c.name}.w`),
    a: decode(c.a, `${c.name}.a`),
    wStar: decode(c.wStar, `${c.name}.wStar`),
    aStar: decode(c.aStar, `${c.name}.aStar`),
  };
}

function toFixtureCase(c: GoldenCase, digits: number): GoldenFixtureCase {
  const { input } = c;
  return {
    name: c.name,
    note: c.note,
    p: input.p,
    k: input.k,
    w: encode(input.w, 'w'),
    a: encode(input.a, 'a'),
    wStar: encode(input.wStar, 'wStar'),
    aStar: encode(input.aStar, 'aStar'),
    expected: referenceEvaluate(input, { digits }),
  };
}

/** Builds the fixture from the generator's cases. */
export function buildGoldenFixture(cases: readonly GoldenCase[] = goldenCases(), digits = GOLDEN_DIGITS): GoldenFixture {
  return {
    schema: GOLDEN_SCHEMA,
    generator: 'scripts/generate-reference.ts (src/reference/golden-cases.ts)',
    description:
      'Golden values of the population loss, φ, ∇_w L and ∇_a L (THEORY.md §2) from the decimal.js/BigInt reference ' +
      '(src/reference/), rounded half-even to `digits` significant digits. Inputs are doubles written as round-trip ' +
      'strings (Number(s) gives the exact double; -0 is "-0").',
    digits,
    cases: cases.map((c) => toFixtureCase(c, digits)),
  };
}

/** JSON with one line per array, so that the file diffs well and stays small. */
export function serializeGoldenFixture(fixture: GoldenFixture): string {
  const line = (value: unknown): string => JSON.stringify(value);
  const caseText = (c: GoldenFixtureCase): string =>
    [
      '    {',
      `      "name": ${line(c.name)},`,
      `      "note": ${line(c.note)},`,
      `      "p": ${c.p},`,
      `      "k": ${c.k},`,
      `      "w": ${line(c.w)},`,
      `      "a": ${line(c.a)},`,
      `      "wStar": ${line(c.wStar)},`,
      `      "aStar": ${line(c.aStar)},`,
      '      "expected": {',
      `        "loss": ${line(c.expected.loss)},`,
      `        "phi": ${line(c.expected.phi)},`,
      `        "gradW": ${line(c.expected.gradW)},`,
      `        "gradA": ${line(c.expected.gradA)}`,
      '      }',
      '    }',
    ].join('\n');
  return [
    '{',
    `  "schema": ${line(fixture.schema)},`,
    `  "generator": ${line(fixture.generator)},`,
    `  "description": ${line(fixture.description)},`,
    `  "digits": ${fixture.digits},`,
    '  "cases": [',
    fixture.cases.map(caseText).join(',\n'),
    '  ]',
    '}',
    '',
  ].join('\n');
}

/** Writes the fixture (creating its directory). */
export function writeGoldenFixture(path: string = defaultFixturePath(), fixture: GoldenFixture = buildGoldenFixture()): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, serializeGoldenFixture(fixture));
}

export function readGoldenFixture(path: string = defaultFixturePath()): GoldenFixture {
  const fixture = JSON.parse(readFileSync(path, 'utf8')) as GoldenFixture;
  if (fixture.schema !== GOLDEN_SCHEMA) {
    throw new Error(`reference fixture ${path}: schema must be ${GOLDEN_SCHEMA} (got ${JSON.stringify(fixture.schema)})`);
  }
  return fixture;
}

export type GoldenCheck = { readonly ok: true; readonly cases: number } | { readonly ok: false; readonly message: string };

function sameStrings(x: readonly string[], y: readonly string[]): number {
  if (x.length !== y.length) return Math.min(x.length, y.length);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return i;
  return -1;
}

/** The first difference between two results, as "field: stored … recomputed …", or null. */
function resultDrift(stored: ReferenceResult, fresh: ReferenceResult): string | null {
  if (stored.loss !== fresh.loss) return `loss: stored ${stored.loss}, recomputed ${fresh.loss}`;
  if (stored.phi !== fresh.phi) return `phi: stored ${stored.phi}, recomputed ${fresh.phi}`;
  for (const key of ['gradW', 'gradA'] as const) {
    const i = sameStrings(stored[key], fresh[key]);
    if (i >= 0) return `${key}[${i}]: stored ${stored[key][i]}, recomputed ${fresh[key][i]}`;
  }
  return null;
}

/** The first difference between a stored case's inputs and the generator's, or null. */
function inputDrift(stored: GoldenFixtureCase, generated: GoldenFixtureCase): string | null {
  if (stored.name !== generated.name) return `name: stored ${stored.name}, generator ${generated.name}`;
  if (stored.p !== generated.p || stored.k !== generated.k) {
    return `shape: stored (p, k) = (${stored.p}, ${stored.k}), generator (${generated.p}, ${generated.k})`;
  }
  for (const key of ['w', 'a', 'wStar', 'aStar'] as const) {
    const i = sameStrings(stored[key], generated[key]);
    if (i >= 0) return `input ${key}[${i}]: stored ${stored[key][i]}, generator ${generated[key][i]}`;
  }
  return null;
}

/**
 * Recomputes every stored value from the stored inputs (and compares the inputs with the
 * generator's): `{ ok: false, message }` names the first drifting case in one line.
 */
export function checkGoldenFixture(fixture: GoldenFixture, cases: readonly GoldenCase[] = goldenCases()): GoldenCheck {
  if (fixture.cases.length !== cases.length) {
    return { ok: false, message: `reference drift: the fixture has ${fixture.cases.length} cases, the generator ${cases.length} (regenerate with npm run reference:generate)` };
  }
  for (let i = 0; i < cases.length; i++) {
    const stored = fixture.cases[i];
    const generated = cases[i];
    const generatedCase: GoldenFixtureCase = {
      name: generated.name,
      note: generated.note,
      p: generated.input.p,
      k: generated.input.k,
      w: encode(generated.input.w, 'w'),
      a: encode(generated.input.a, 'a'),
      wStar: encode(generated.input.wStar, 'wStar'),
      aStar: encode(generated.input.aStar, 'aStar'),
      expected: stored.expected,
    };
    const drift = inputDrift(stored, generatedCase);
    if (drift !== null) return { ok: false, message: `reference drift in case "${stored.name}" (#${i}): ${drift}` };
    const fresh = referenceEvaluate(fixtureInput(stored), { digits: fixture.digits });
    const outDrift = resultDrift(stored.expected, fresh);
    if (outDrift !== null) return { ok: false, message: `reference drift in case "${stored.name}" (#${i}): ${outDrift}` };
  }
  return { ok: true, cases: cases.length };
}
