/**
 * Argument checks of src/model/sample-model.ts ("Special cases": e + w = 0 and non-finite ‖e + w‖,
 * non-finite w or a and wrong lengths are RangeErrors naming the value and the expected shape),
 * for every entry point and every checked argument, and the caller-owned scratch contract.
 */
import { describe, expect, it } from 'vitest';
import { gaussianBatch } from '../../src/model/gaussian-batch.ts';
import {
  batchLoss,
  batchLossAndGradient,
  networkOutput,
  newSampleModelScratch,
  sampleLossAndGradient,
  studentDirection,
  studentOutputs,
  teacherOutputs,
} from '../../src/model/sample-model.ts';
import { makeTeacher } from '../../src/model/teacher.ts';
import { Rng } from '../../src/random/rng.ts';

const P = 3;
const K = 2;
const N = 4;

function setup() {
  const rng = new Rng(17);
  const t = makeTeacher(rng.fillNormal(new Float64Array(P)).map((x) => 0.5 * x), rng.fillNormal(new Float64Array(K)));
  const batch = gaussianBatch(rng, N, K, P);
  return { t, batch, w: rng.fillNormal(new Float64Array(P)), a: rng.fillNormal(new Float64Array(K)) };
}

describe('studentDirection', () => {
  it('should write the unit v = (e + w)/‖e + w‖ and return ‖e + w‖ (p = 4, e = ½·1)', () => {
    const t = makeTeacher(new Float64Array(4), Float64Array.of(1));
    const v = new Float64Array(4);
    expect(studentDirection(t, Float64Array.of(2.5, 3.5, -0.5, -0.5), v)).toBe(5);
    expect(Array.from(v)).toEqual([0.6, 0.8, 0, 0]);
  });

  it('should reject a ‖e + w‖ that is not finite and wrong lengths, naming them', () => {
    const t = makeTeacher(new Float64Array(2), Float64Array.of(1));
    // Each e + w_i ≈ 1.5e308 is finite, but ‖e + w‖ ≈ 2.1e308 is not a double.
    expect(() => studentDirection(t, Float64Array.of(1.5e308, 1.5e308), new Float64Array(2))).toThrow(
      new RangeError('e + w must be finite (got ‖e + w‖ = Infinity)'),
    );
    expect(() => studentDirection(t, new Float64Array(3), new Float64Array(2))).toThrow(new RangeError('w must have length p = 2 (got 3)'));
    expect(() => studentDirection(t, new Float64Array(2), new Float64Array(1))).toThrow(new RangeError('vOut must have length p = 2 (got 1)'));
    // A large but finite ‖e + w‖ (its square overflows) is accepted: the scaled norm is
    // 1e200·√(1 + (e/1e200)²) = 1e200 exactly in doubles.
    const v = new Float64Array(2);
    expect(studentDirection(t, Float64Array.of(1e200, 0), v)).toBe(1e200);
    expect(v[0]).toBe(1);
  });
});

describe('networkOutput', () => {
  it('should check the batch, the sample index and the lengths of v and a', () => {
    const { batch } = setup();
    const v = Float64Array.of(1, 0, 0);
    const a = Float64Array.of(1, 1);
    expect(() => networkOutput(batch, -1, v, a)).toThrow(new RangeError('sample index i must be an integer in [0, n) = [0, 4) (got -1)'));
    expect(() => networkOutput(batch, 0.5, v, a)).toThrow(new RangeError('sample index i must be an integer in [0, n) = [0, 4) (got 0.5)'));
    expect(() => networkOutput(batch, 4, v, a)).toThrow(new RangeError('sample index i must be an integer in [0, n) = [0, 4) (got 4)'));
    expect(() => networkOutput(batch, 0, Float64Array.of(1, 0), a)).toThrow(new RangeError('v must have length p = 3 (got 2)'));
    expect(() => networkOutput(batch, 0, v, Float64Array.of(1))).toThrow(new RangeError('a must have length k = 2 (got 1)'));
    expect(() => networkOutput({ ...batch, z: new Float64Array(5) }, 0, v, a)).toThrow(RangeError);
    // The last sample is a valid index: f = Σ_j a_j σ(Z_{3j,0}) with v = (1, 0, 0).
    const z = batch.z;
    const expected = Math.max(z[(3 * K + 0) * P], 0) + Math.max(z[(3 * K + 1) * P], 0);
    expect(networkOutput(batch, 3, v, a)).toBe(expected);
  });
});

describe('studentOutputs and teacherOutputs', () => {
  it('should check the output length and the batch against the teacher', () => {
    const { t, batch, w, a } = setup();
    expect(() => studentOutputs(t, batch, w, a, new Float64Array(3))).toThrow(new RangeError('out must have length n = 4 (got 3)'));
    expect(() => teacherOutputs(t, batch, new Float64Array(5))).toThrow(new RangeError('out must have length n = 4 (got 5)'));
    expect(() => teacherOutputs(t, gaussianBatch(new Rng(1), 2, K + 1, P))).toThrow(new RangeError("batch.k must equal the teacher's k = 2 (got 3)"));
    expect(() => teacherOutputs(t, gaussianBatch(new Rng(1), 2, K, P + 1))).toThrow(new RangeError("batch.p must equal the teacher's p = 3 (got 4)"));
    expect(() => studentOutputs(t, batch, w, Float64Array.of(1, Number.POSITIVE_INFINITY))).toThrow(new RangeError('a[1] must be finite (got Infinity)'));
  });

  it('should write into the caller’s out and return it', () => {
    const { t, batch, w, a } = setup();
    const out = new Float64Array(N);
    expect(studentOutputs(t, batch, w, a, out)).toBe(out);
    const labels = new Float64Array(N);
    expect(teacherOutputs(t, batch, labels)).toBe(labels);
    // y_i = f(Z_i; w*, a*): the student at the teacher's weights gives the labels exactly.
    expect(Array.from(studentOutputs(t, batch, t.wStar, t.aStar))).toEqual(Array.from(labels));
  });
});

describe('the loss kernels: scratch and gradient buffers', () => {
  it('should name each scratch buffer of the wrong length', () => {
    const { t, batch, w, a } = setup();
    const good = newSampleModelScratch(P, K);
    const gW = new Float64Array(P);
    const gA = new Float64Array(K);
    expect(() => batchLoss(t, batch, w, a, { ...good, v: new Float64Array(P + 1) })).toThrow(new RangeError('scratch.v must have length p = 3 (got 4)'));
    expect(() => batchLoss(t, batch, w, a, { ...good, g: new Float64Array(1) })).toThrow(new RangeError('scratch.g must have length p = 3 (got 1)'));
    expect(() => batchLossAndGradient(t, batch, w, a, gW, gA, { ...good, act: new Float64Array(0) })).toThrow(
      new RangeError('scratch.act must have length k = 2 (got 0)'),
    );
    expect(() => sampleLossAndGradient(t, batch, 0, w, a, gW, gA, { ...good, g: new Float64Array(2) })).toThrow(
      new RangeError('scratch.g must have length p = 3 (got 2)'),
    );
  });

  it('should check sampleLossAndGradient’s index and gradient lengths', () => {
    const { t, batch, w, a } = setup();
    const gW = new Float64Array(P);
    const gA = new Float64Array(K);
    expect(() => sampleLossAndGradient(t, batch, -1, w, a, gW, gA)).toThrow(new RangeError('sample index i must be an integer in [0, n) = [0, 4) (got -1)'));
    expect(() => sampleLossAndGradient(t, batch, 1.5, w, a, gW, gA)).toThrow(RangeError);
    expect(() => sampleLossAndGradient(t, batch, 0, w, a, new Float64Array(2), gA)).toThrow(new RangeError('gradW must have length p = 3 (got 2)'));
    expect(() => sampleLossAndGradient(t, batch, 0, w, a, gW, new Float64Array(3))).toThrow(new RangeError('gradA must have length k = 2 (got 3)'));
    expect(() => sampleLossAndGradient(t, batch, 0, w, Float64Array.of(Number.NaN, 0), gW, gA)).toThrow(new RangeError('a[0] must be finite (got NaN)'));
    expect(() => sampleLossAndGradient(t, batch, 0, w, a, gW, gA)).not.toThrow();
  });

  it('should leave ‖e + w‖ and v of the call in the scratch', () => {
    const { t, batch, w, a } = setup();
    const v = new Float64Array(P);
    const normU = studentDirection(t, w, v);
    for (const call of [
      (s: ReturnType<typeof newSampleModelScratch>) => batchLoss(t, batch, w, a, s),
      (s: ReturnType<typeof newSampleModelScratch>) => batchLossAndGradient(t, batch, w, a, new Float64Array(P), new Float64Array(K), s),
      (s: ReturnType<typeof newSampleModelScratch>) => sampleLossAndGradient(t, batch, 2, w, a, new Float64Array(P), new Float64Array(K), s),
    ]) {
      const scratch = newSampleModelScratch(P, K);
      call(scratch);
      expect(scratch.normU).toBe(normU);
      expect(Array.from(scratch.v)).toEqual(Array.from(v));
    }
  });
});
