/**
 * Switch points of a piecewise-constant outcome along a line (protocol P2, THEORY.md §7; reused by
 * `shortcut-check threshold`): given x ↦ O(x) (e.g. the GD outcome of the start a_0(s)), scan a
 * grid x_0 < … < x_N of [lo, hi], and bisect every grid cell [x_i, x_{i+1}] whose end outcomes
 * differ until its width is at most the resolution:
 *
 *   width ≤ δ                                   (absolute resolution δ), or
 *   width ≤ δ · max(|x_lo|, |x_hi|)             (relative resolution δ),
 *
 * or a bisection budget runs out. A midpoint whose outcome differs from both ends reveals (at least)
 * two switches, and both halves are bisected, so every switch the grid separates is located.
 * Switches closer together than one grid cell with equal outcomes at the cell's ends are invisible
 * to any scan; the grid size is the caller's statement of that limit.
 *
 * ## Special cases
 * - lo < hi and a grid of ≥ 2 points are required (RangeError names the value).
 * - A constant outcome gives no switch; `segments` then holds one segment [lo, hi].
 */

/** How fine a switch's bracket must be. */
export type Resolution = { readonly kind: 'absolute'; readonly value: number } | { readonly kind: 'relative'; readonly value: number };

export interface SwitchScanOptions {
  readonly lo: number;
  readonly hi: number;
  /** Number of grid points (≥ 2), equally spaced, ends included. */
  readonly gridPoints: number;
  readonly resolution: Resolution;
  /** The most bisections per bracket (default 60: beyond that doubles run out). */
  readonly maxBisections?: number;
}

/** One switch: the outcome changes from `below` to `above` inside the bracket [lo, hi]. */
export interface SwitchPoint<O> {
  readonly below: O;
  readonly above: O;
  readonly lo: number;
  readonly hi: number;
  /** The bracket's midpoint, the reported switch point. */
  readonly point: number;
  /** Whether the bracket reached the resolution (false: the bisection budget ran out). */
  readonly resolved: boolean;
}

/** A maximal run of evaluated points with the same outcome (from the first to the last of them). */
export interface OutcomeSegment<O> {
  readonly outcome: O;
  readonly from: number;
  readonly to: number;
}

export interface SwitchScan<O> {
  readonly switches: readonly SwitchPoint<O>[];
  /** The outcomes between consecutive switches, in order. */
  readonly segments: readonly OutcomeSegment<O>[];
  /** Every evaluated point, sorted by x. */
  readonly points: readonly { readonly x: number; readonly outcome: O }[];
  /** Number of evaluations of the outcome. */
  readonly evaluations: number;
}

function isResolved(lo: number, hi: number, r: Resolution): boolean {
  const width = hi - lo;
  return r.kind === 'absolute' ? width <= r.value : width <= r.value * Math.max(Math.abs(lo), Math.abs(hi));
}

function assertOptions(o: SwitchScanOptions): void {
  if (!(Number.isFinite(o.lo) && Number.isFinite(o.hi) && o.lo < o.hi)) {
    throw new RangeError(`lo < hi must be finite (got lo = ${o.lo}, hi = ${o.hi})`);
  }
  if (!Number.isSafeInteger(o.gridPoints) || o.gridPoints < 2) {
    throw new RangeError(`gridPoints must be an integer ≥ 2 (got ${o.gridPoints})`);
  }
  if (!(o.resolution.value > 0)) {
    throw new RangeError(`resolution.value must be positive (got ${o.resolution.value})`);
  }
}

/** Scans [lo, hi] on the grid and bisects every bracket where the outcome changes. */
export function locateSwitches<O>(outcomeAt: (x: number) => O, options: SwitchScanOptions): SwitchScan<O> {
  assertOptions(options);
  const maxBisections = options.maxBisections ?? 60;
  const points: { x: number; outcome: O }[] = [];
  const evaluate = (x: number): O => {
    const outcome = outcomeAt(x);
    points.push({ x, outcome });
    return outcome;
  };
  const n = options.gridPoints;
  const grid: { x: number; outcome: O }[] = [];
  for (let i = 0; i < n; i++) {
    const x = i === n - 1 ? options.hi : options.lo + ((options.hi - options.lo) * i) / (n - 1);
    grid.push({ x, outcome: evaluate(x) });
  }
  const switches: SwitchPoint<O>[] = [];
  const bisect = (lo: number, oLo: O, hi: number, oHi: O, budget: number): void => {
    let a = lo;
    let b = hi;
    let left = budget;
    while (!isResolved(a, b, options.resolution) && left > 0) {
      const mid = a + (b - a) / 2;
      if (mid <= a || mid >= b) break;
      left--;
      const o = evaluate(mid);
      if (o === oLo) a = mid;
      else if (o === oHi) b = mid;
      else {
        bisect(a, oLo, mid, o, left);
        bisect(mid, o, b, oHi, left);
        return;
      }
    }
    switches.push({ below: oLo, above: oHi, lo: a, hi: b, point: a + (b - a) / 2, resolved: isResolved(a, b, options.resolution) });
  };
  for (let i = 0; i + 1 < n; i++) {
    if (grid[i].outcome !== grid[i + 1].outcome) {
      bisect(grid[i].x, grid[i].outcome, grid[i + 1].x, grid[i + 1].outcome, maxBisections);
    }
  }
  points.sort((p, q) => p.x - q.x);
  const segments: OutcomeSegment<O>[] = [];
  for (const { x, outcome } of points) {
    const last = segments[segments.length - 1];
    if (last !== undefined && last.outcome === outcome) segments[segments.length - 1] = { outcome, from: last.from, to: x };
    else segments.push({ outcome, from: x, to: x });
  }
  return { switches, segments, points, evaluations: points.length };
}

/**
 * The statement "there is θ < `before` with O(x) = `below` for x < θ and O(x) = `above` for x > θ"
 * (for P2: x = a_0ᵀa*, θ = −ε, below = spurious, above = global, before = 0), judged on the points
 * of one or several scans (several lines of starts with the same coordinate x: the statement says
 * the outcome depends on the start through x alone):
 *
 * - `separated`: every `below` point lies at x ≤ lo and every `above` point at x ≥ hi, hi < before;
 *   θ ∈ [lo, hi] (for one scan, [lo, hi] is its single switch's bracket);
 * - `no-switch`: the outcome is `above` everywhere (θ lies below the range: the statement holds
 *   there with any θ below the smallest x);
 * - `violated`: a point on the wrong side of every θ: an outcome that is neither, a `below` point
 *   at a larger x than an `above` point (several switches, the wrong order, or lines that switch at
 *   different x), or a `below` point at x ≥ before;
 * - `unresolved`: lo < before ≤ hi.
 */
export type Separation<O> =
  | { readonly kind: 'separated'; readonly lo: number; readonly hi: number }
  | { readonly kind: 'no-switch' }
  | {
      readonly kind: 'violated';
      /** A point on the wrong side of every θ, and the index of its scan. */
      readonly witness: number;
      readonly witnessScan: number;
      readonly witnessOutcome: O;
      /** The `above` point the witness contradicts (x and scan index), when there is one. */
      readonly against: { readonly x: number; readonly scan: number } | null;
      readonly reason: string;
      /** < 0: minus the length of the x-interval where outcomes contradict, relative to the range of x. */
      readonly margin: number;
    }
  | { readonly kind: 'unresolved'; readonly lo: number; readonly hi: number };

export interface SeparationStatement<O> {
  readonly below: O;
  readonly above: O;
  /** θ must lie strictly below this value (0 for "ε > 0"). */
  readonly before: number;
}

/** Judges the scans' points against the separation statement (see {@link Separation}). */
export function judgeSeparation<O>(scans: readonly SwitchScan<O>[], st: SeparationStatement<O>): Separation<O> {
  const points = scans.flatMap((scan, index) => scan.points.map((p) => ({ ...p, index })));
  if (points.length === 0) throw new RangeError('judgeSeparation needs at least one evaluated point (got 0)');
  const xs = points.map((p) => p.x);
  const range = Math.max(...xs) - Math.min(...xs) || 1;
  const where = (index: number): string => (scans.length > 1 ? ` (scan ${index})` : '');
  const other = points.find((p) => p.outcome !== st.below && p.outcome !== st.above);
  if (other !== undefined) {
    return {
      kind: 'violated',
      witness: other.x,
      witnessScan: other.index,
      witnessOutcome: other.outcome,
      against: null,
      reason: `outcome ${String(other.outcome)} at x = ${other.x}${where(other.index)} is neither ${String(st.below)} nor ${String(st.above)}`,
      margin: -Math.max(Number.MIN_VALUE, segmentWidthAt(scans[other.index].segments, other.x) / range),
    };
  }
  const aboves = points.filter((p) => p.outcome === st.above);
  const belows = points.filter((p) => p.outcome === st.below);
  const firstAbove = aboves.reduce<(typeof points)[number] | undefined>((m, p) => (m === undefined || p.x < m.x ? p : m), undefined);
  const lastBelow = belows.reduce<(typeof points)[number] | undefined>((m, p) => (m === undefined || p.x > m.x ? p : m), undefined);
  if (firstAbove !== undefined && lastBelow !== undefined && lastBelow.x > firstAbove.x) {
    const switches = scans.reduce((n, scan) => n + scan.switches.length, 0);
    return {
      kind: 'violated',
      witness: lastBelow.x,
      witnessScan: lastBelow.index,
      witnessOutcome: lastBelow.outcome,
      against: { x: firstAbove.x, scan: firstAbove.index },
      reason: `${String(st.below)} at x = ${lastBelow.x}${where(lastBelow.index)} although ${String(st.above)} at x = ${firstAbove.x}${where(firstAbove.index)} < ${lastBelow.x} (${switches} switches in ${scans.length} scans)`,
      margin: -(lastBelow.x - firstAbove.x) / range,
    };
  }
  if (lastBelow !== undefined && lastBelow.x >= st.before) {
    return {
      kind: 'violated',
      witness: lastBelow.x,
      witnessScan: lastBelow.index,
      witnessOutcome: lastBelow.outcome,
      against: null,
      reason: `${String(st.below)} at x = ${lastBelow.x}${where(lastBelow.index)} ≥ ${st.before}`,
      margin: -Math.max(Number.MIN_VALUE, (lastBelow.x - st.before) / range),
    };
  }
  if (lastBelow === undefined) return { kind: 'no-switch' };
  // Every point is `below` or `above` and all `below` points precede all `above` points.
  const hi = firstAbove === undefined ? Infinity : firstAbove.x;
  return hi < st.before ? { kind: 'separated', lo: lastBelow.x, hi } : { kind: 'unresolved', lo: lastBelow.x, hi };
}

function segmentWidthAt<O>(segments: readonly OutcomeSegment<O>[], x: number): number {
  const s = segments.find((g) => g.from <= x && x <= g.to);
  return s === undefined ? 0 : s.to - s.from;
}
