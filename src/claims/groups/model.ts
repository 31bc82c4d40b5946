/** The registry's model claims (see ../registry.ts): the float64 core's properties (THEORY.md §2–3). */
import type { Claim } from '../claim.ts';
import { modelD1Orthogonal } from '../model.d1-orthogonal.ts';
import { modelD2NormGrowth } from '../model.d2-norm-growth.ts';
import { modelD3AngleClosing } from '../model.d3-angle-closing.ts';
import { modelD4AFixedPoint } from '../model.d4-a-fixed-point.ts';
import { modelD5StationaryPoints } from '../model.d5-stationary-points.ts';
import { modelD6ADissipativity } from '../model.d6-a-dissipativity.ts';
import { modelD7WIdentity } from '../model.d7-w-identity.ts';
import { modelFiniteDifferences } from '../model.finite-differences.ts';
import { modelFloatVsReference } from '../model.float-vs-reference.ts';
import { modelMonteCarlo } from '../model.monte-carlo.ts';

export const modelClaims: readonly Claim[] = [
  modelFloatVsReference,
  modelFiniteDifferences,
  modelMonteCarlo,
  modelD1Orthogonal,
  modelD2NormGrowth,
  modelD3AngleClosing,
  modelD4AFixedPoint,
  modelD5StationaryPoints,
  modelD6ADissipativity,
  modelD7WIdentity,
];
