/**
 * The figure of rebuttal.other-activations (src/claims/rebuttal.other-activations.ts), drawn from
 * that claim's details in reports/verify.json, per activation σ:
 *
 * - top: the a-block's PD on R1 at c = V/2 (V = Var σ(X)): the largest ε the search required and
 *   the supremum bound (γ(π/2)²/4)·a*ᵀ(A_σ − cI)⁻¹a*, both relative to D6's ε = (V/2)‖a*‖² — the
 *   claim needs search ≤ bound ≤ 1;
 * - bottom: the share of GD runs from w_0 = 0 ending at a zero-loss optimum, ResNet against CNN
 *   (P1's pairing), with Wilson 95% intervals (reported beside the verdict, not part of it).
 */
import type { TopLevelSpec } from 'vega-lite';
import { z } from 'zod';
import { claimDetails, verifyDetailsSchema, verifyProvenance, type FigureDefinition, type FigureResult, type VerifyDetails } from './figure.ts';

const OTHER_ACTIVATIONS = 'rebuttal.other-activations';

const interval = z.looseObject({ estimate: z.number(), lower: z.number(), upper: z.number() });

const activationsSchema = z.looseObject({
  success: z.looseObject({ trialsPerArm: z.number().int().positive() }),
  activations: z.array(
    z.looseObject({
      name: z.string(),
      d6Epsilon: z.number(),
      search: z.looseObject({ aEpsilonFound: z.number().nullable(), aEpsilonBound: z.number() }),
      success: z.looseObject({ first: interval, second: interval }),
    }),
  ),
});

export function activationSpec(report: VerifyDetails): FigureResult {
  const details = claimDetails(report, OTHER_ACTIVATIONS, activationsSchema);
  if (!details.ok) return { empty: details.empty };
  const acts = details.value.activations;
  if (acts.length === 0) return { empty: `the details of ${OTHER_ACTIVATIONS} list no activation` };
  const names = acts.map((a) => a.name);
  const epsilon = acts.flatMap((a) => [
    ...(a.search.aEpsilonFound === null ? [] : [{ activation: a.name, what: 'required by the search', value: a.search.aEpsilonFound / a.d6Epsilon }]),
    { activation: a.name, what: 'supremum bound', value: a.search.aEpsilonBound / a.d6Epsilon },
  ]);
  const success = acts.flatMap((a) => [
    { activation: a.name, arm: 'ResNet (w₀ = 0, β = 10)', ...a.success.first },
    { activation: a.name, arm: 'CNN (β = 1)', ...a.success.second },
  ]);
  const y = { field: 'activation', type: 'nominal', title: null, sort: names } as const;
  const spec: TopLevelSpec = {
    vconcat: [
      {
        width: 320,
        height: 24 * acts.length,
        data: { values: epsilon },
        layer: [
          { mark: { type: 'rule', color: '#c62828', strokeDash: [4, 3] }, encoding: { x: { datum: 1, type: 'quantitative' } } },
          {
            mark: { type: 'point', filled: true, size: 60 },
            encoding: {
              x: { field: 'value', type: 'quantitative', title: 'a-block ε at c = V/2, over (V/2)‖a*‖²', scale: { zero: true } },
              y,
              shape: { field: 'what', type: 'nominal', title: null, legend: { orient: 'bottom', direction: 'vertical', labelLimit: 400 } },
              color: { field: 'what', type: 'nominal', title: null, scale: { range: ['#1f77b4', '#555555'] } },
            },
          },
        ],
      },
      {
        width: 320,
        height: 24 * acts.length,
        data: { values: success },
        layer: [
          { mark: { type: 'rule', strokeWidth: 1.5 }, encoding: { x: { field: 'lower', type: 'quantitative' }, x2: { field: 'upper' }, y, yOffset: { field: 'arm' }, color: { field: 'arm', type: 'nominal' } } },
          {
            mark: { type: 'point', filled: true, size: 50 },
            encoding: {
              x: { field: 'estimate', type: 'quantitative', title: 'share of runs ending at a zero-loss optimum', scale: { domain: [0, 1] } },
              y,
              yOffset: { field: 'arm' },
              color: { field: 'arm', type: 'nominal', title: null, scale: { range: ['#2c7bb6', '#d7191c'] }, legend: { orient: 'bottom', direction: 'vertical', labelLimit: 400 } },
            },
          },
        ],
      },
    ],
    resolve: { scale: { color: 'independent', shape: 'independent' } },
  };
  return {
    spec,
    caption: `Other activations (two-layer model, σ in teacher and student): top, the a-block's PD on R1 at c = V/2 — the largest ε the search required and the supremum bound, both over D6's ε = (V/2)‖a*‖² (the claim needs search ≤ bound ≤ 1, dashed); bottom, the share of ${details.value.success.trialsPerArm} GD runs per arm ending at a zero-loss optimum, with Wilson 95% intervals (reported, not part of the verdict). Claim verdict ${details.verdict}; ${verifyProvenance(report)}.`,
  };
}

export const ACTIVATION_PLOT: FigureDefinition<VerifyDetails> = {
  id: 'plot-other-activations',
  title: 'Other activations: PD constants and success rates',
  input: 'verify.json',
  producedBy: 'shortcut-check verify',
  schema: verifyDetailsSchema,
  claims: [OTHER_ACTIVATIONS],
  build: activationSpec,
};
