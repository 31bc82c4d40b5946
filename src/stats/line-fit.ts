/**
 * The least-squares line y ≈ b_0 + b_1·x, with standard errors (used for the log–log slopes of
 * `rebuttal.success-vs-k`). With weights w_i (1 for ordinary least squares), x̄ = Σw x / Σw,
 * S_xx = Σ w (x − x̄)²:
 *
 *   b_1 = Σ w (x − x̄)(y − ȳ) / S_xx,   b_0 = ȳ − b_1 x̄,
 *   SE(b_1) = σ / √S_xx,   SE(b_0) = σ·√(1/Σw + x̄²/S_xx),
 *
 * where σ² = Σ w r² / (n − 2) from the residuals r (ordinary fit; a Student t with n − 2 degrees of
 * freedom gives its confidence intervals), or σ = 1 when the variances Var(y_i) = 1/w_i are known
 * (a normal z gives its intervals).
 *
 * ## Special cases
 * - Needs n ≥ 3 points for residual standard errors, n ≥ 2 with known variances, and at least two
 *   distinct x; throws a RangeError naming the problem otherwise.
 */

export interface LineFit {
  readonly slope: number;
  readonly intercept: number;
  readonly slopeStandardError: number;
  readonly interceptStandardError: number;
  /** Degrees of freedom of σ: n − 2 for residual standard errors, Infinity for known variances. */
  readonly dof: number;
}

function checkPoints(x: readonly number[], y: readonly number[], min: number): void {
  if (x.length !== y.length) throw new RangeError(`x and y must have the same length (got ${x.length} and ${y.length})`);
  if (x.length < min) throw new RangeError(`a line fit needs at least ${min} points (got ${x.length})`);
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i]) || !Number.isFinite(y[i])) throw new RangeError(`point ${i} must be finite (got (${x[i]}, ${y[i]}))`);
  }
}

function weightedFit(x: readonly number[], y: readonly number[], w: readonly number[], knownVariance: boolean): LineFit {
  let sw = 0;
  let swx = 0;
  let swy = 0;
  for (let i = 0; i < x.length; i++) {
    sw += w[i];
    swx += w[i] * x[i];
    swy += w[i] * y[i];
  }
  const xBar = swx / sw;
  const yBar = swy / sw;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < x.length; i++) {
    sxx += w[i] * (x[i] - xBar) ** 2;
    sxy += w[i] * (x[i] - xBar) * (y[i] - yBar);
  }
  if (!(sxx > 0)) throw new RangeError('a line fit needs at least two distinct x values (got all equal)');
  const slope = sxy / sxx;
  const intercept = yBar - slope * xBar;
  let sigma = 1;
  if (!knownVariance) {
    let rss = 0;
    for (let i = 0; i < x.length; i++) rss += w[i] * (y[i] - intercept - slope * x[i]) ** 2;
    sigma = Math.sqrt(rss / (x.length - 2));
  }
  return {
    slope,
    intercept,
    slopeStandardError: sigma / Math.sqrt(sxx),
    interceptStandardError: sigma * Math.sqrt(1 / sw + (xBar * xBar) / sxx),
    dof: knownVariance ? Infinity : x.length - 2,
  };
}

/** Ordinary least squares with standard errors from the residuals (n − 2 degrees of freedom). */
export function fitLine(x: readonly number[], y: readonly number[]): LineFit {
  checkPoints(x, y, 3);
  return weightedFit(x, y, new Array<number>(x.length).fill(1), false);
}

/** Weighted least squares with w_i = 1/variances[i] and standard errors from the known variances. */
export function fitLineKnownVariance(x: readonly number[], y: readonly number[], variances: readonly number[]): LineFit {
  checkPoints(x, y, 2);
  if (variances.length !== x.length) {
    throw new RangeError(`variances must have length ${x.length} (got ${variances.length})`);
  }
  const w = variances.map((v, i) => {
    if (!(v > 0 && Number.isFinite(v))) throw new RangeError(`variances[${i}] must be finite and > 0 (got ${v})`);
    return 1 / v;
  });
  return weightedFit(x, y, w, true);
}
