/**
 * An independent, deliberately plain float64 implementation of THEORY.md §2 and §7 (GD with
 * simultaneous updates and the three schedules), sharing no code with src/. Used only to
 * cross-check `train` and the optimizers.
 */
export interface NaiveSpec {
  p: number;
  k: number;
  w0: number[];
  a0: number[];
  wStar: number[];
  aStar: number[];
  etaW: number;
  etaA: number;
  steps: number;
  schedule?: 'constant' | { kind: 'constant' } | { kind: 'warmup'; steps: number } | { kind: 'layerwise'; switchStep: number };
}

function norm(x: number[]): number {
  return Math.sqrt(x.reduce((s, xi) => s + xi * xi, 0));
}

export function naiveLossAndGradient(
  s: NaiveSpec,
  w: number[],
  a: number[],
): { loss: number; phi: number; gw: number[]; ga: number[] } {
  const e = 1 / Math.sqrt(s.p);
  const u = w.map((x) => x + e);
  const us = s.wStar.map((x) => x + e);
  const nu = norm(u);
  const nus = norm(us);
  const v = u.map((x) => x / nu);
  const vs = us.map((x) => x / nus);
  // φ by atan2 of ‖v − v*‖ and ‖v + v*‖ (acos of a rounded cosine loses half the digits near 0).
  const phi = 2 * Math.atan2(norm(v.map((x, i) => x - vs[i])), norm(v.map((x, i) => x + vs[i])));
  const cos = Math.cos(phi);
  const g = (Math.PI - phi) * Math.cos(phi) + Math.sin(phi);
  const h = Math.PI - g;
  const diff = a.map((x, j) => x - s.aStar[j]);
  const sum = diff.reduce((t, x) => t + x, 0);
  const aa = a.reduce((t, x, j) => t + x * s.aStar[j], 0);
  const loss =
    ((Math.PI - 1) * diff.reduce((t, x) => t + x * x, 0) + sum * sum) / (4 * Math.PI) + (h * aa) / (2 * Math.PI);
  const ga = diff.map((x, j) => ((Math.PI - 1) * x + sum + h * s.aStar[j]) / (2 * Math.PI));
  const coef = (-aa * (Math.PI - phi)) / (2 * Math.PI * nu);
  const gw = v.map((vi, i) => coef * (vs[i] - cos * vi));
  return { loss, phi, gw, ga };
}

function etaWAt(s: NaiveSpec, t: number): number {
  const sch = s.schedule;
  if (sch === undefined || sch === 'constant' || sch.kind === 'constant') return s.etaW;
  if (sch.kind === 'warmup') return s.etaW * Math.min(1, (t + 1) / sch.steps);
  return t < sch.switchStep ? 0 : s.etaW;
}

/** GD for s.steps steps (no early stop unless the loss reaches 1e-12, as in THEORY §7). */
export function naiveGd(s: NaiveSpec): { w: number[]; a: number[]; steps: number } {
  let w = s.w0.slice();
  let a = s.a0.slice();
  let t = 0;
  for (; t < s.steps; t++) {
    const r = naiveLossAndGradient(s, w, a);
    if (r.loss <= 1e-12) break;
    const ew = etaWAt(s, t);
    w = w.map((x, i) => x - ew * r.gw[i]);
    a = a.map((x, j) => x - s.etaA * r.ga[j]);
  }
  return { w, a, steps: t };
}
