/**
 * Step-size schedules for the first layer (THEORY.md §6, `rebuttal.warmup`, `rebuttal.layerwise`):
 *
 *   constant:   η_w(t) = η_w
 *   warmup:     η_w(t) = η_w · min(1, (t + 1)/W)          (linear ramp over W steps)
 *   layerwise:  η_w(t) = 0 for t < S, η_w afterwards     (train a first, then both)
 *
 * η_a is constant in every schedule.
 */

export type Schedule =
  | { readonly kind: 'constant' }
  | { readonly kind: 'warmup'; readonly steps: number }
  | { readonly kind: 'layerwise'; readonly switchStep: number };

export const CONSTANT: Schedule = { kind: 'constant' };

/** η_w at step t (t = 0 is the first update). */
export function firstLayerStep(schedule: Schedule, etaW: number, t: number): number {
  switch (schedule.kind) {
    case 'constant':
      return etaW;
    case 'warmup':
      return t + 1 >= schedule.steps ? etaW : (etaW * (t + 1)) / schedule.steps;
    case 'layerwise':
      return t < schedule.switchStep ? 0 : etaW;
  }
}

/** Whether η_w(t') = η_w(t) for every t' ≥ t (the schedule has reached its final step). */
export function scheduleSettled(schedule: Schedule, t: number): boolean {
  switch (schedule.kind) {
    case 'constant':
      return true;
    case 'warmup':
      return t + 1 >= schedule.steps;
    case 'layerwise':
      return t >= schedule.switchStep;
  }
}
