/**
 * The Cochran–Armitage test for a trend in proportions (Cochran 1954; Armitage 1955): groups i
 * with scores s_i, n_i trials and r_i successes, N = Σ n_i, R = Σ r_i, p̄ = R/N:
 *
 *   T = Σ s_i (r_i − n_i p̄),   Var_0(T) = p̄(1 − p̄) [Σ n_i s_i² − (Σ n_i s_i)²/N],   z = T/√Var_0(T),
 *
 * z ~ N(0, 1) under H0 (equal proportions); z > 0 when success rises with the score. The
 * one-sided p-values are 1 − Φ(z) (rising) and Φ(z) (falling).
 *
 * ## Special cases
 * - When every trial succeeds or every trial fails (p̄ ∈ {0, 1}) there is no information: z = 0
 *   and both p-values are 1.
 */
import { normalCdf, normalSurvival } from './normal.ts';
import { checkCount } from './wilson.ts';

export interface TrendGroup {
  readonly score: number;
  readonly successes: number;
  readonly trials: number;
}

export interface TrendTest {
  readonly z: number;
  /** One-sided p-value against "success rises with the score". */
  readonly pRising: number;
  /** One-sided p-value against "success falls with the score". */
  readonly pFalling: number;
}

export function cochranArmitage(groups: readonly TrendGroup[]): TrendTest {
  if (groups.length < 2) throw new RangeError(`a trend test needs at least 2 groups (got ${groups.length})`);
  let n = 0;
  let r = 0;
  let sn = 0;
  let s2n = 0;
  for (const g of groups) {
    checkCount(`cochranArmitage (score ${g.score})`, g.successes, g.trials);
    n += g.trials;
    r += g.successes;
    sn += g.score * g.trials;
    s2n += g.score * g.score * g.trials;
  }
  const p = r / n;
  const variance = p * (1 - p) * (s2n - (sn * sn) / n);
  if (!(variance > 0)) return { z: 0, pRising: 1, pFalling: 1 };
  let t = 0;
  for (const g of groups) t += g.score * (g.successes - g.trials * p);
  const z = t / Math.sqrt(variance);
  return { z, pRising: normalSurvival(z), pFalling: normalCdf(z) };
}
