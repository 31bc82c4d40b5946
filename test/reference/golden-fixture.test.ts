/**
 * The committed golden fixture (fixtures/reference/model-golden.json) and its generator's
 * `--check` mode (scripts/generate-reference.ts → src/reference/golden-fixture.ts): the stored
 * values recompute bit for bit, the generator still produces the stored inputs, and every kind of
 * drift (case count, name, shape, input entries and lengths, loss, φ, gradient entries and
 * lengths, at index 0 and at the last index, in the last case) is reported with its exact
 * one-line message naming the case and the field. Also: the generator's writing path (build,
 * write to a fresh directory, read back), the schema check on reading, and the field names in the
 * errors for non-finite or non-round-trip inputs, and the error of a copy of the module that lies
 * outside any package.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { goldenCases } from '../../src/reference/golden-cases.ts';
import {
  buildGoldenFixture,
  checkGoldenFixture,
  defaultFixturePath,
  fixtureInput,
  projectRoot,
  GOLDEN_SCHEMA,
  type GoldenFixture,
  readGoldenFixture,
  serializeGoldenFixture,
  writeGoldenFixture,
} from '../../src/reference/golden-fixture.ts';

describe('golden reference fixture', () => {
  const path = defaultFixturePath();

  it('should exist, be modest in size and hold the hard regimes', () => {
    expect(existsSync(path)).toBe(true);
    expect(statSync(path).size).toBeLessThan(1_000_000);
    const names = readGoldenFixture(path).cases.map((c) => c.name);
    for (const name of ['k1-p1', 'a-zero', 'sum-astar-zero', 'optimum', 'phi-near-0-1e-12', 'phi-near-pi-1e-12', 'norm-u-1e-6', 'norm-u-1e6', 'k200-p200']) {
      expect(names).toContain(name);
    }
  });

  it('should pass --check (every stored value recomputes identically)', () => {
    const result = checkGoldenFixture(readGoldenFixture(path));
    expect(result).toEqual({ ok: true, cases: goldenCases().length });
  });

  it('should be byte-identical to a fresh serialization of itself', () => {
    const fixture = readGoldenFixture(path);
    // the stored file is exactly what the generator writes
    expect(serializeGoldenFixture(fixture)).toBe(readFileSync(path, 'utf8'));
  });

  it('should report a drifted value in one line naming the case', () => {
    const fixture = readGoldenFixture(path);
    const tampered: GoldenFixture = structuredClone(fixture);
    const target = tampered.cases.findIndex((c) => c.name === 'phi-near-pi-1e-12');
    const gradA = tampered.cases[target].expected.gradA;
    gradA[1] = gradA[1].replace(/\d(?=\d*$)/, (d) => String((Number(d) + 1) % 10));
    const result = checkGoldenFixture(tampered);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toMatch(/^reference drift in case "phi-near-pi-1e-12" \(#\d+\): gradA\[1\]: stored .* recomputed /);
      expect(result.message).not.toContain('\n');
    }
  });

  it('should report changed generator inputs', () => {
    const fixture: GoldenFixture = structuredClone(readGoldenFixture(path));
    fixture.cases[0].w[0] = '0.5';
    const result = checkGoldenFixture(fixture);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/case "random-k3-p4" \(#0\): input w\[0\]/);
  });

  it('should store inputs that read back as the generator doubles bit for bit', () => {
    const fixture = readGoldenFixture(path);
    const cases = goldenCases();
    fixture.cases.forEach((c, i) => {
      const input = fixtureInput(c);
      for (const key of ['w', 'a', 'wStar', 'aStar'] as const) {
        input[key].forEach((x, j) => expect(Object.is(x, cases[i].input[key][j])).toBe(true));
      }
    });
  });
});

/** The same decimal string with its last digit changed (a one-unit drift in the last place). */
function bumpLastDigit(s: string): string {
  const bumped = s.replace(/\d(?=\D*$)/, (d) => String((Number(d) + 1) % 10));
  expect(bumped).not.toBe(s);
  return bumped;
}

describe('golden reference fixture: drift messages', () => {
  // The first three (small) cases, recomputed in well under a second; the tampered copies are
  // checked against the generator's first three cases.
  const fixture = readGoldenFixture();
  const N = 3;
  const generated = goldenCases().slice(0, N);
  const small = (): GoldenFixture => structuredClone({ ...fixture, cases: fixture.cases.slice(0, N) });
  const drift = (f: GoldenFixture): string => {
    const result = checkGoldenFixture(f, generated);
    if (result.ok) throw new Error(`expected a drift, got ${JSON.stringify(result)}`);
    expect(result.message).not.toContain('\n');
    return result.message;
  };
  const last = N - 1;
  const lastName = fixture.cases[last].name;

  it('should pass the untampered first cases', () => {
    expect(checkGoldenFixture(small(), generated)).toEqual({ ok: true, cases: N });
  });

  it('should report a different number of cases', () => {
    const f = small();
    f.cases.pop();
    expect(drift(f)).toBe(
      `reference drift: the fixture has ${N - 1} cases, the generator ${N} (regenerate with npm run reference:generate)`,
    );
  });

  it('should report a renamed case', () => {
    const f = small();
    f.cases[last] = { ...f.cases[last], name: 'renamed' };
    expect(drift(f)).toBe(`reference drift in case "renamed" (#${last}): name: stored renamed, generator ${lastName}`);
  });

  it('should report a changed p alone and a changed k alone', () => {
    const { p, k } = fixture.cases[last];
    const fp = small();
    fp.cases[last] = { ...fp.cases[last], p: p + 1 };
    expect(drift(fp)).toBe(
      `reference drift in case "${lastName}" (#${last}): shape: stored (p, k) = (${p + 1}, ${k}), generator (${p}, ${k})`,
    );
    const fk = small();
    fk.cases[last] = { ...fk.cases[last], k: k + 1 };
    expect(drift(fk)).toBe(
      `reference drift in case "${lastName}" (#${last}): shape: stored (p, k) = (${p}, ${k + 1}), generator (${p}, ${k})`,
    );
  });

  it('should report a changed last input entry of every input vector', () => {
    for (const key of ['w', 'a', 'wStar', 'aStar'] as const) {
      const f = small();
      const xs = f.cases[last][key];
      const j = xs.length - 1;
      const original = xs[j];
      xs[j] = '0.5';
      expect(drift(f)).toBe(`reference drift in case "${lastName}" (#${last}): input ${key}[${j}]: stored 0.5, generator ${original}`);
    }
  });

  it('should report a stored input vector that is shorter or longer than the generator\'s', () => {
    const shorter = small();
    const w = shorter.cases[last].w;
    const dropped = w.pop();
    expect(drift(shorter)).toBe(
      `reference drift in case "${lastName}" (#${last}): input w[${w.length}]: stored undefined, generator ${dropped}`,
    );
    const longer = small();
    const a = longer.cases[last].a;
    a.push('0.5');
    expect(drift(longer)).toBe(
      `reference drift in case "${lastName}" (#${last}): input a[${a.length - 1}]: stored 0.5, generator undefined`,
    );
  });

  it('should report a drifted loss and a drifted φ', () => {
    const { loss, phi } = fixture.cases[last].expected;
    const fl = small();
    fl.cases[last] = { ...fl.cases[last], expected: { ...fl.cases[last].expected, loss: bumpLastDigit(loss) } };
    expect(drift(fl)).toBe(`reference drift in case "${lastName}" (#${last}): loss: stored ${bumpLastDigit(loss)}, recomputed ${loss}`);
    const fp = small();
    fp.cases[last] = { ...fp.cases[last], expected: { ...fp.cases[last].expected, phi: bumpLastDigit(phi) } };
    expect(drift(fp)).toBe(`reference drift in case "${lastName}" (#${last}): phi: stored ${bumpLastDigit(phi)}, recomputed ${phi}`);
  });

  it('should report a drifted gradient entry at index 0 and at the last index', () => {
    for (const key of ['gradW', 'gradA'] as const) {
      const original = fixture.cases[last].expected[key];
      for (const j of [0, original.length - 1]) {
        const f = small();
        f.cases[last].expected[key][j] = bumpLastDigit(original[j]);
        expect(drift(f)).toBe(
          `reference drift in case "${lastName}" (#${last}): ${key}[${j}]: stored ${bumpLastDigit(original[j])}, recomputed ${original[j]}`,
        );
      }
    }
  });

  it('should report a stored gradient that is shorter or longer than the recomputed one', () => {
    const shorter = small();
    const gradW = shorter.cases[last].expected.gradW;
    const dropped = gradW.pop();
    expect(drift(shorter)).toBe(
      `reference drift in case "${lastName}" (#${last}): gradW[${gradW.length}]: stored undefined, recomputed ${dropped}`,
    );
    const longer = small();
    const gradA = longer.cases[last].expected.gradA;
    gradA.push('1');
    expect(drift(longer)).toBe(
      `reference drift in case "${lastName}" (#${last}): gradA[${gradA.length - 1}]: stored 1, recomputed undefined`,
    );
  });

  it('should name the field and index of a non-finite generator input', () => {
    for (const key of ['w', 'a', 'wStar', 'aStar'] as const) {
      const cases = structuredClone(generated);
      const xs = cases[last].input[key] as number[];
      const j = xs.length - 1;
      xs[j] = Number.NaN;
      expect(() => checkGoldenFixture(small(), cases)).toThrow(new RangeError(`${key}[${j}] must be a finite double (got NaN)`));
    }
  });

  it('should name the case, field and index of a stored input that is not a round-trip double string', () => {
    for (const key of ['w', 'a', 'wStar', 'aStar'] as const) {
      const c = structuredClone(fixture.cases[0]);
      c[key][1] = '0.50';
      expect(() => fixtureInput(c)).toThrow(new RangeError(`${c.name}.${key}[1] is not a round-trip double string (got "0.50")`));
    }
  });
});

describe('golden reference fixture: generator writing path', () => {
  const fixture = readGoldenFixture();

  it('should build exactly the stored cases and header, write them to a new directory and read them back', () => {
    const n = 3;
    const built = buildGoldenFixture(goldenCases().slice(0, n));
    expect(built).toEqual({ ...fixture, cases: fixture.cases.slice(0, n) });
    const dir = mkdtempSync(join(tmpdir(), 'golden-fixture-'));
    try {
      const path = join(dir, 'nested', 'reference', 'model-golden.json');
      writeGoldenFixture(path, built);
      expect(readFileSync(path, 'utf8')).toBe(serializeGoldenFixture(built));
      expect(readGoldenFixture(path)).toEqual(built);
      expect(checkGoldenFixture(readGoldenFixture(path), goldenCases().slice(0, n))).toEqual({ ok: true, cases: n });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('should build at the requested number of digits', () => {
    const built = buildGoldenFixture(goldenCases().slice(0, 1), 20);
    expect(built.digits).toBe(20);
    // the stored 60-digit loss is 1.0862311346155519407|249…: its 20-digit rounding is the prefix
    expect(built.cases[0].expected.loss).toBe(fixture.cases[0].expected.loss.slice(0, 21));
  });

  it('should name the field and index of a non-finite input when building', () => {
    for (const key of ['w', 'a', 'wStar', 'aStar'] as const) {
      const cases = structuredClone(goldenCases().slice(0, 1));
      const xs = cases[0].input[key] as number[];
      xs[0] = Number.POSITIVE_INFINITY;
      expect(() => buildGoldenFixture(cases)).toThrow(new RangeError(`${key}[0] must be a finite double (got Infinity)`));
    }
  });

  it('should refuse to read a file of another schema, naming the path and the schema found', () => {
    const dir = mkdtempSync(join(tmpdir(), 'golden-fixture-'));
    try {
      const path = join(dir, 'old.json');
      writeFileSync(path, serializeGoldenFixture({ ...fixture, schema: 'shortcut-check/reference-golden/v0', cases: [] }));
      expect(() => readGoldenFixture(path)).toThrow(
        new Error(`reference fixture ${path}: schema must be ${GOLDEN_SCHEMA} (got "shortcut-check/reference-golden/v0")`),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('golden reference fixture: project root', () => {
  it('should find the project root holding package.json and the fixture', () => {
    expect(existsSync(join(projectRoot(), 'package.json'))).toBe(true);
    expect(defaultFixturePath()).toBe(join(projectRoot(), 'fixtures', 'reference', 'model-golden.json'));
  });

  it('should say so when the module lies outside any package', async () => {
    // A copy of src/reference/ under the temporary directory, with no package.json above it
    // (node_modules is linked so that decimal.js resolves).
    const dir = mkdtempSync(join(tmpdir(), 'golden-root-'));
    try {
      expect(existsSync(join(tmpdir(), 'package.json'))).toBe(false);
      cpSync(join(projectRoot(), 'src', 'reference'), join(dir, 'reference'), { recursive: true });
      symlinkSync(join(projectRoot(), 'node_modules'), join(dir, 'node_modules'), 'dir');
      const copy = (await import(pathToFileURL(join(dir, 'reference', 'golden-fixture.ts')).href)) as {
        projectRoot: () => string;
      };
      expect(() => copy.projectRoot()).toThrow(new Error('reference: cannot find the project root (package.json)'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
