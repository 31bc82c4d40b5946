/**
 * Argument checks of src/model/gaussian-batch.ts (its "Special cases": n, k and p must be positive
 * integers, and a RangeError names the offending value), and the shape contract of a filled
 * batch. The draws themselves are checked in test/model/sample-model.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { allocateGaussianBatch, assertBatchShape, fillGaussianBatch, gaussianBatch, patchOffset } from '../../src/model/gaussian-batch.ts';
import { Rng } from '../../src/random/rng.ts';

describe('allocateGaussianBatch: argument checks', () => {
  it('should name each size that is not a positive integer', () => {
    expect(() => allocateGaussianBatch(0, 2, 3)).toThrow(new RangeError('n must be a positive integer (got 0)'));
    expect(() => allocateGaussianBatch(2, 0, 3)).toThrow(new RangeError('k must be a positive integer (got 0)'));
    expect(() => allocateGaussianBatch(2, 3, 0)).toThrow(new RangeError('p must be a positive integer (got 0)'));
    expect(() => allocateGaussianBatch(-1, 2, 3)).toThrow(new RangeError('n must be a positive integer (got -1)'));
    expect(() => allocateGaussianBatch(2, 2, 2.5)).toThrow(new RangeError('p must be a positive integer (got 2.5)'));
    expect(() => allocateGaussianBatch(Number.NaN, 2, 3)).toThrow(new RangeError('n must be a positive integer (got NaN)'));
    expect(() => allocateGaussianBatch(2 ** 53, 1, 1)).toThrow(new RangeError(`n must be a positive integer (got ${2 ** 53})`));
  });

  it('should accept the smallest shape 1 × 1 × 1', () => {
    const batch = allocateGaussianBatch(1, 1, 1);
    expect(batch).toEqual({ n: 1, k: 1, p: 1, z: new Float64Array(1) });
    expect(() => assertBatchShape(batch)).not.toThrow();
    expect(gaussianBatch(new Rng(1), 1, 1, 1).z).toHaveLength(1);
  });
});

describe('assertBatchShape: a batch built by hand', () => {
  it('should name the field of a batch whose size is not a positive integer', () => {
    const z = new Float64Array(6);
    expect(() => assertBatchShape({ n: 0, k: 2, p: 3, z })).toThrow(new RangeError('batch.n must be a positive integer (got 0)'));
    expect(() => assertBatchShape({ n: 1, k: 0, p: 3, z })).toThrow(new RangeError('batch.k must be a positive integer (got 0)'));
    expect(() => assertBatchShape({ n: 1, k: 2, p: 0, z })).toThrow(new RangeError('batch.p must be a positive integer (got 0)'));
    expect(() => assertBatchShape({ n: 1, k: 1.5, p: 4, z })).toThrow(new RangeError('batch.k must be a positive integer (got 1.5)'));
    expect(() => assertBatchShape({ n: 1, k: 2, p: 3, z })).not.toThrow();
  });

  it('should reject z longer than n·k·p as well as shorter', () => {
    expect(() => assertBatchShape({ n: 1, k: 2, p: 3, z: new Float64Array(7) })).toThrow(
      new RangeError('batch.z must have length n·k·p = 1·2·3 = 6 (got 7)'),
    );
    expect(() => fillGaussianBatch(new Rng(1), { n: 2, k: 1, p: 1, z: new Float64Array(1) })).toThrow(
      new RangeError('batch.z must have length n·k·p = 2·1·1 = 2 (got 1)'),
    );
  });
});

describe('fillGaussianBatch: storage order', () => {
  it('should overwrite every entry, in storage order, with the stream of rng.normal()', () => {
    const batch = allocateGaussianBatch(2, 3, 2);
    batch.z.fill(Number.NaN);
    fillGaussianBatch(new Rng(5), batch);
    const rng = new Rng(5);
    for (let i = 0; i < 2; i++) {
      for (let j = 0; j < 3; j++) {
        for (let c = 0; c < 2; c++) expect(batch.z[patchOffset(batch, i, j) + c]).toBe(rng.normal());
      }
    }
  });
});
