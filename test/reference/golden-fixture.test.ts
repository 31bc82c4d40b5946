/**
 * The committed golden fixture (fixtures/reference/model-golden.json) and its generator's
 * `--check` mode (scripts/generate-reference.ts → src/reference/golden-fixture.ts): the stored
 * values recompute bit for bit, the generator still produces the stored inputs, and a tampered
 * value is reported in one line naming its case.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { goldenCases } from '../../src/reference/golden-cases.ts';
import {
  checkGoldenFixture,
  defaultFixturePath,
  fixtureInput,
  type GoldenFixture,
  readGoldenFixture,
  serializeGoldenFixture,
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
