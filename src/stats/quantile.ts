/**
 * Sample quantiles by linear interpolation between order statistics (Hyndman & Fan 1996 type 7,
 * R's default): with x_(1) ≤ … ≤ x_(n) and h = (n − 1)·q,
 *
 *   Q(q) = x_(⌊h⌋+1) + (h − ⌊h⌋)·(x_(⌊h⌋+2) − x_(⌊h⌋+1)).
 *
 * ## Special cases
 * - Q(0) = min, Q(1) = max; n = 1 gives that value for every q.
 * - Throws a RangeError on an empty sample, a NaN value, or q outside [0, 1].
 */

/** Q(q) of an ascending sample. */
export function quantileOfSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError('quantile of an empty sample (got length 0)');
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile level must be in [0, 1] (got ${q})`);
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  if (lo + 1 >= n) return sorted[n - 1];
  return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
}

/** Q(q) for each level q, sorting a copy of the sample once. */
export function quantiles(sample: ArrayLike<number>, levels: readonly number[]): number[] {
  const sorted = Float64Array.from(sample);
  for (let i = 0; i < sorted.length; i++) {
    if (Number.isNaN(sorted[i])) throw new RangeError(`sample[${i}] is NaN`);
  }
  sorted.sort();
  return levels.map((q) => quantileOfSorted(sorted, q));
}
