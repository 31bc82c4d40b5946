/**
 * The claim registry: the single source of truth that the properties, `verify`, `hunt` and the
 * report read. Follow an id here to its module (statement, sources, formalization, check), to
 * properties/<id>.prop.ts, and to its evidence in reports/verify.json.
 */
import type { Claim } from './claim.ts';
import { estimatesClaims } from './groups/estimates.ts';
import { modelClaims } from './groups/model.ts';
import { successRateClaims } from './groups/success-rates.ts';
import { trajectoryClaims } from './groups/trajectory.ts';
import { thmMain } from './thm.main.ts';

/** THEORY.md §6's order; model.* claims follow in their own order. */
const ORDER = [
  'thm.main',
  'thm.rates',
  'thm.polynomial-time',
  'rebuttal.sgd-large-batch',
  'rebuttal.init-scale',
  'rebuttal.warmup',
  'rebuttal.lemma5-any-w0',
  'rebuttal.trap-threshold',
  'rebuttal.basin-R2',
  'rebuttal.basin-R1',
  'rebuttal.layerwise',
  'rebuttal.pd-global',
  'rebuttal.success-vs-k',
  'rebuttal.small-lr',
  'rebuttal.deep-pd',
  'rebuttal.other-activations',
];

function rank(id: string): number {
  const i = ORDER.indexOf(id);
  return i === -1 ? ORDER.length : i;
}

export const CLAIMS: readonly Claim[] = [
  thmMain,
  ...trajectoryClaims,
  ...successRateClaims,
  ...estimatesClaims,
  ...modelClaims,
].sort((x, y) => rank(x.id) - rank(y.id));

export function claimById(id: string): Claim | undefined {
  return CLAIMS.find((c) => c.id === id);
}

export function claimIds(): string[] {
  return CLAIMS.map((c) => c.id);
}
