/**
 * The figures of rebuttal.deep-pd (src/claims/rebuttal.deep-pd.ts), drawn from that claim's
 * details in reports/verify.json. PD (THEORY.md §4) of block B with respect to the trained θ_T:
 *
 *   ⟨−∇_B L_n(θ), θ_T,B − θ_B⟩ ≥ c‖θ_B − θ_T,B‖² − ε.
 *
 * - Along training: the ratio ⟨−∇_B L_n, θ_T,B − θ_B⟩ / ‖θ_B − θ_T,B‖² at every recorded SGD/GD step
 *   of one network per depth L, the largest c for which the step satisfies PD with ε = 0 (below 0:
 *   block B moves away from θ_T there, and only ε > 0 covers the step). Blocks v, a, all of θ, and
 *   the smallest ratio over the residual blocks at each step.
 * - Against depth: ε* (the ε of the PD pair that minimizes the radius r* = √(ε/c), median over the
 *   networks) and r* / D_B (largest over the networks; the claim needs ≤ 1/2) against L ∈ {1, 2, 4, 8},
 *   for v, a, the worst residual block and all of θ.
 */
import type { TopLevelSpec } from 'vega-lite';
import { z } from 'zod';
import { fmt } from '../../claims/universal-runner.ts';
import { claimDetails, verifyDetailsSchema, verifyProvenance, type FigureDefinition, type FigureResult, type VerifyDetails } from './figure.ts';

const DEEP_PD = 'rebuttal.deep-pd';

/** JSON turns a non-finite ratio (a recorded step at θ_T itself) into null. */
const series = z.array(z.number().nullable());

const alongTrainingSchema = z.looseObject({
  alongTraining: z.array(
    z.looseObject({
      depth: z.number().int().positive(),
      index: z.number().int().nonnegative(),
      steps: z.array(z.number()),
      blocks: z.array(z.looseObject({ block: z.string(), ratio: series })),
    }),
  ),
});

const byDepthSchema = z.looseObject({
  radiusLimit: z.number().positive(),
  byDepth: z.array(
    z.looseObject({
      depth: z.number().int().positive(),
      block: z.string(),
      networks: z.number().int().positive(),
      failing: z.number().int().nonnegative(),
      radiusRatio: z.looseObject({ median: z.number(), max: z.number() }),
      c: z.number().nullable(),
      epsilon: z.number().nullable(),
    }),
  ),
});

/** The series drawn per depth: v, a, the residual blocks' minimum, all (the colour order). */
const RESIDUAL_MIN = 'residual (smallest)';
const SERIES = ['v', 'a', RESIDUAL_MIN, 'all'];
const SERIES_COLORS = { domain: SERIES, range: ['#1f77b4', '#ff7f0e', '#2ca02c', '#555555'] };

export function deepPdTrainingSpec(report: VerifyDetails): FigureResult {
  const details = claimDetails(report, DEEP_PD, alongTrainingSchema);
  if (!details.ok) return { empty: details.empty };
  const rows: { depth: string; step: number; series: string; ratio: number }[] = [];
  let hidden = 0;
  for (const run of details.value.alongTraining) {
    const depth = `L = ${run.depth}`;
    const residual = run.blocks.filter((b) => b.block.startsWith('residual'));
    run.steps.forEach((step, s) => {
      const push = (name: string, r: number | null): void => {
        if (r === null || !Number.isFinite(r)) hidden++;
        else rows.push({ depth, step, series: name, ratio: r });
      };
      for (const b of run.blocks) if (!b.block.startsWith('residual')) push(b.block, b.ratio[s] ?? null);
      const rs = residual.map((b) => b.ratio[s]);
      push(RESIDUAL_MIN, rs.length === 0 || rs.some((r) => r === null) ? null : Math.min(...(rs as number[])));
    });
  }
  if (rows.length === 0) return { empty: `the details of ${DEEP_PD} record no training step` };
  const spec: TopLevelSpec = {
    data: { values: rows },
    facet: { field: 'depth', type: 'ordinal', title: null, sort: { field: 'depth' } },
    columns: 2,
    spec: {
      width: 220,
      height: 150,
      layer: [
        { mark: { type: 'rule', color: '#999', strokeDash: [4, 3] }, encoding: { y: { datum: 0, type: 'quantitative' } } },
        {
          mark: { type: 'line', point: { size: 14, filled: true }, strokeWidth: 1.2 },
          encoding: {
            x: { field: 'step', type: 'quantitative', title: 'training step' },
            // symlog: the ratio spans decades near θ_T and changes sign.
            y: { field: 'ratio', type: 'quantitative', title: 'largest c at ε = 0 (symlog)', scale: { type: 'symlog', constant: 0.01 } },
            color: { field: 'series', type: 'nominal', title: 'block', scale: SERIES_COLORS, legend: { orient: 'bottom', labelLimit: 400 } },
          },
        },
      ],
    },
  };
  const networks = details.value.alongTraining.map((r) => `L = ${r.depth} network ${r.index}`).join(', ');
  return {
    spec,
    caption: `PD along training (${networks}): at each recorded step θ, the ratio ⟨−∇_B L_n(θ), θ_T,B − θ_B⟩ / ‖θ_B − θ_T,B‖², the largest c with which PD holds at θ with ε = 0; below the dashed line block B moves away from the trained θ_T. Residual blocks: the smallest ratio over them.${hidden > 0 ? ` ${hidden} undefined value(s) (a step at θ_T) not drawn.` : ''} Claim verdict ${details.verdict}; ${verifyProvenance(report)}.`,
  };
}

export function deepPdDepthSpec(report: VerifyDetails): FigureResult {
  const details = claimDetails(report, DEEP_PD, byDepthSchema);
  if (!details.ok) return { empty: details.empty };
  const name = (block: string): string | null => (block === 'residual (worst)' ? 'residual (worst)' : block === 'v' || block === 'a' || block === 'all' ? block : null);
  const rows = details.value.byDepth.flatMap((r) => {
    const series = name(r.block);
    return series === null ? [] : [{ depth: r.depth, series, epsilon: r.epsilon, radius: r.radiusRatio.max, failing: r.failing, networks: r.networks }];
  });
  if (rows.length === 0) return { empty: `the details of ${DEEP_PD} have no row per depth` };
  const depths = [...new Set(rows.map((r) => r.depth))].sort((x, y) => x - y);
  const x = { field: 'depth', type: 'quantitative', title: 'depth L (log scale)', scale: { type: 'log', base: 2, nice: false, padding: 10 }, axis: { values: depths, format: 'd' } } as const;
  const color = { field: 'series', type: 'nominal', title: 'block', scale: { domain: ['v', 'a', 'residual (worst)', 'all'], range: SERIES_COLORS.range }, legend: { orient: 'bottom', labelLimit: 400 } } as const;
  const limit = details.value.radiusLimit;
  const spec: TopLevelSpec = {
    data: { values: rows },
    hconcat: [
      {
        width: 220,
        height: 180,
        transform: [{ filter: 'datum.epsilon !== null' }],
        mark: { type: 'line', point: { size: 40, filled: true } },
        encoding: { x, y: { field: 'epsilon', type: 'quantitative', title: 'ε* at the best c (median over networks)' }, color },
      },
      {
        width: 220,
        height: 180,
        layer: [
          { mark: { type: 'rule', color: '#c62828', strokeDash: [4, 3] }, encoding: { y: { datum: limit, type: 'quantitative' } } },
          { mark: { type: 'line', point: { size: 40, filled: true } }, encoding: { x, y: { field: 'radius', type: 'quantitative', title: 'r* / D_B (largest over networks)' }, color } },
        ],
      },
    ],
  };
  const noPair = rows.filter((r) => r.epsilon === null).length;
  const failing = rows.filter((r) => r.series !== 'all' && r.failing > 0).map((r) => `${r.series} at L = ${r.depth} (${r.failing} of ${r.networks})`);
  return {
    spec,
    caption: `Best PD pair against depth: ε* of the pair (c*, ε*) with the smallest radius r* = √(ε*/c*) (left), and r* relative to the block's largest distance D_B (right; the claim needs r*/D_B ≤ ${fmt(limit, 2)}, dashed).${noPair > 0 ? ` ${noPair} row(s) without a finite pair not drawn on the left.` : ''} ${failing.length === 0 ? 'No block exceeds the limit.' : `Over the limit: ${failing.join('; ')}.`} Claim verdict ${details.verdict}; ${verifyProvenance(report)}.`,
  };
}

export const DEEP_PD_TRAINING_PLOT: FigureDefinition<VerifyDetails> = {
  id: 'plot-deep-pd-training',
  title: 'Deep ResNet: PD margin along training',
  input: 'verify.json',
  producedBy: 'shortcut-check verify',
  schema: verifyDetailsSchema,
  claims: [DEEP_PD],
  build: deepPdTrainingSpec,
};

export const DEEP_PD_DEPTH_PLOT: FigureDefinition<VerifyDetails> = {
  id: 'plot-deep-pd-depth',
  title: 'Deep ResNet: best ε against depth',
  input: 'verify.json',
  producedBy: 'shortcut-check verify',
  schema: verifyDetailsSchema,
  claims: [DEEP_PD],
  build: deepPdDepthSpec,
};
