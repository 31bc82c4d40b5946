/**
 * Example tests of the HTML report (src/report/html-report.ts) and its parts: the basin map's slice
 * of starts (src/experiments/basin-map.ts), the P1 and P2 figures' data, and the page itself with
 * missing, malformed and complete inputs (the page is self-contained, its text escaped, its links
 * resolve), and the data of the figures drawn from the details of rebuttal.deep-pd and
 * rebuttal.other-activations. The page in a real browser: test/browser/report-page.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { basinMap, basinStartW, type BasinMap } from '../../src/experiments/basin-map.ts';
import { p2Instance, p2Start } from '../../src/experiments/p2-threshold.ts';
import { evaluate } from '../../src/model/population-loss.ts';
import { FIGURES, renderHtmlReport, REPORT_INPUTS, type ReportInput } from '../../src/report/html-report.ts';
import { p1AgainstKSpec, p1SweepSchema } from '../../src/report/plots/p1-plots.ts';
import { p2Spec, p2SweepSchema } from '../../src/report/plots/p2-plot.ts';
import { BASIN_PLOT_ID } from '../../src/report/plots/basin-plot.ts';
import { activationSpec } from '../../src/report/plots/activation-plot.ts';
import { deepPdDepthSpec, deepPdTrainingSpec } from '../../src/report/plots/deep-pd-plots.ts';
import { verifyDetailsSchema } from '../../src/report/plots/figure.ts';

/** The layers' inline data of a figure's spec (the figures put their data in `data.values`). */
function layerValues(spec: unknown): Record<string, unknown>[][] {
  const s = spec as { data?: { values: Record<string, unknown>[] }; layer: { data?: { values: Record<string, unknown>[] } }[] };
  return s.layer.map((l) => (l.data ?? s.data)?.values ?? []);
}

describe('basinStartW', () => {
  const inst = p2Instance(2019, 8, 1, 0);
  const t = inst.teacher;

  it('should put e + w_0 at angle φ_0 from v*, with norm 1', () => {
    for (const phi0 of [0.05, 0.7, Math.PI / 2, 2.5, 3.1]) {
      const w0 = basinStartW(t, phi0);
      const u = w0.map((x) => x + t.e);
      // Measured on these five angles: |‖e + w_0‖ − 1| ≤ 1.1e-16 and |φ − φ_0| ≤ 1.1e-16 (one ulp
      // of 0.7), φ from the closed-form evaluation (2·atan2 form); ε = 2.2e-16 (relative to φ_0
      // when φ_0 > 1) is the smallest bound of this form that they meet.
      expect(Math.abs(Math.hypot(...u) - 1)).toBeLessThanOrEqual(Number.EPSILON);
      expect(Math.abs(evaluate(t, w0, p2Start(inst, 0.3)).phi - phi0)).toBeLessThanOrEqual(Number.EPSILON * Math.max(phi0, 1));
    }
  });

  it('should give w_0 = 0 on the row φ_0 = ∠(e, e + w*)', () => {
    const w0 = basinStartW(t, inst.phi0);
    // Measured ‖w_0‖ = 1.6e-16 (rounding of cos and sin of the angle); ε is the smallest bound of that form.
    expect(Math.hypot(...w0)).toBeLessThanOrEqual(Number.EPSILON);
  });
});

describe('basinMap', () => {
  it('should tile (0, π) × [−r‖a*‖, r‖a*‖] with one GD outcome per cell', () => {
    const map = basinMap({ seed: 2019, k: 4, scale: 1, alpha: 1, beta: 10, steps: 50, phiCells: 3, sCells: 4 });
    expect(map.cells).toHaveLength(12);
    expect(map.cells[0]).toMatchObject({ phiLo: 0, sLo: -map.sMax });
    const last = map.cells[11];
    expect(last.phiHi).toBeCloseTo(Math.PI, 15);
    expect(last.sHi).toBeCloseTo(map.sMax, 15);
    for (const c of map.cells) {
      expect(c.phi0).toBeCloseTo((c.phiLo + c.phiHi) / 2, 15);
      expect(['global', 'spurious', 'undecided', 'diverged']).toContain(c.outcome);
    }
  });

  it('should reject an empty grid, naming the value', () => {
    expect(() => basinMap({ seed: 1, k: 4, scale: 1, alpha: 1, beta: 10, steps: 10, phiCells: 0, sCells: 3 })).toThrow(
      /phiCells must be a positive integer \(got 0\)/,
    );
  });
});

describe('P1 figures', () => {
  const cell = (k: number, init: 'resnet' | 'cnn', beta: number, grids: ('A' | 'B')[], global: number) => ({
    index: 0, k, p: k, s: 1, alpha: 1, beta, init, grids, trials: 10, global, ciLow: 0.1, ciHigh: 0.9,
  });

  it('should plot the grid-B cells against k, one series per init', () => {
    const sweep = p1SweepSchema.parse({
      protocol: 'P1', seed: 1, trials: 10,
      cells: [cell(4, 'resnet', 10, ['A', 'B'], 7), cell(4, 'cnn', 1, ['A', 'B'], 5), cell(16, 'resnet', 0.1, ['A'], 1)],
    });
    const result = p1AgainstKSpec(sweep);
    if ('empty' in result) throw new Error(result.empty);
    const [values] = layerValues(result.spec);
    expect(values.map((v) => [v.k, v.rate, v.series])).toEqual([
      [4, 0.7, 'ResNet (w₀ = 0), β = 10'],
      [4, 0.5, 'CNN (w₀ = u − e), β = 1'],
    ]);
  });

  it('should say so when a shard holds no grid-B cell', () => {
    const sweep = p1SweepSchema.parse({ protocol: 'P1', seed: 1, trials: 10, shard: '1/2', cells: [cell(16, 'cnn', 0.1, ['A'], 1)] });
    expect(p1AgainstKSpec(sweep)).toEqual({ empty: expect.stringMatching(/no cell of grid B/) });
  });
});

describe('P2 figure', () => {
  const sweep = (teachers: unknown[]) =>
    p2SweepSchema.parse({ protocol: 'P2', seed: 1, trials: teachers.length, cells: [{ index: 0, k: 4, scale: 1, beta: 10, trials: teachers.length, teachers }] });
  const teacher = { index: 0, sMax: 2, separation: 'separated', epsilon: null, switches: [] };

  it('should colour each teacher\'s line by the outcomes between its switches and mark −ε', () => {
    const result = p2Spec(
      sweep([
        {
          ...teacher,
          epsilon: { value: 0.5, lower: 0.49, upper: 0.51 },
          switches: [{ below: 'spurious', above: 'global', lo: -0.51, hi: -0.49, point: -0.5, resolved: true }],
        },
      ]),
    );
    if ('empty' in result) throw new Error(result.empty);
    const [bars, , ticks] = layerValues(result.spec);
    // Units of r‖a*‖ = 2: the switch at a_0ᵀa* = −0.5 is at −0.25.
    expect(bars.map((b) => [b.from, b.to, b.outcome])).toEqual([
      [-1, -0.25, 'spurious'],
      [-0.25, 1, 'global'],
    ]);
    expect(ticks).toEqual([{ row: 'k=4 s=1 β=10 #0: ε = 0.5', x: -0.25 }]);
  });

  it('should give a line without switches the outcome of its points, else global only for no-switch', () => {
    const result = p2Spec(
      sweep([
        { ...teacher, index: 0, separation: 'violated', points: [{ s: -2, outcome: 'spurious' }, { s: 2, outcome: 'spurious' }] },
        { ...teacher, index: 1, separation: 'no-switch' },
        { ...teacher, index: 2, separation: 'violated' },
      ]),
    );
    if ('empty' in result) throw new Error(result.empty);
    expect(layerValues(result.spec)[0].map((b) => b.outcome)).toEqual(['spurious', 'global', 'not in the input']);
  });
});

describe('figures from claim details (rebuttal.deep-pd, rebuttal.other-activations)', () => {
  const report = (claims: unknown[]) => verifyDetailsSchema.parse({ seed: 7, profile: 'ci', claims });
  const deepPd = (details: unknown) => report([{ id: 'rebuttal.deep-pd', verdict: 'refuted', details }]);

  it('should draw the PD ratio per step for v, a, all and the smallest residual ratio, skipping undefined ones', () => {
    const result = deepPdTrainingSpec(
      deepPd({
        alongTraining: [
          {
            depth: 2, index: 0, steps: [0, 100],
            blocks: [
              { block: 'v', ratio: [0.5, null] },
              { block: 'a', ratio: [1, 2] },
              { block: 'residual 1', ratio: [0.3, -1] },
              { block: 'residual 2', ratio: [-0.2, 4] },
              { block: 'all', ratio: [0.1, 0.2] },
            ],
          },
        ],
      }),
    );
    if ('empty' in result) throw new Error(result.empty);
    const rows = (result.spec as { data: { values: Record<string, unknown>[] } }).data.values;
    expect(rows.map((r) => [r.step, r.series, r.ratio])).toEqual([
      [0, 'v', 0.5], [0, 'a', 1], [0, 'all', 0.1], [0, 'residual (smallest)', -0.2],
      [100, 'a', 2], [100, 'all', 0.2], [100, 'residual (smallest)', -1],
    ]);
    expect(result.caption).toMatch(/1 undefined value\(s\)/);
  });

  it('should plot ε* and the largest r*/D_B against depth for v, a, the worst residual block and all', () => {
    const row = (depth: number, block: string, epsilon: number | null, max: number, failing = 0) => ({
      depth, block, networks: 2, failing, radiusRatio: { median: max / 2, max }, c: 0.1, epsilon,
    });
    const result = deepPdDepthSpec(
      deepPd({ radiusLimit: 0.5, byDepth: [row(1, 'v', 0.01, 0.2), row(1, 'residual 1', 0.02, 0.3), row(1, 'residual (worst)', 0.02, 0.9, 2), row(2, 'all', null, 1)] }),
    );
    if ('empty' in result) throw new Error(result.empty);
    const rows = (result.spec as { data: { values: Record<string, unknown>[] } }).data.values;
    expect(rows.map((r) => [r.depth, r.series, r.epsilon, r.radius])).toEqual([
      [1, 'v', 0.01, 0.2], [1, 'residual (worst)', 0.02, 0.9], [2, 'all', null, 1],
    ]);
    expect(result.caption).toMatch(/Over the limit: residual \(worst\) at L = 1 \(2 of 2\)/);
    expect(result.caption).toMatch(/1 row\(s\) without a finite pair/);
  });

  it('should put the a-block ε relative to D6\'s (V/2)‖a*‖² and both success arms per activation', () => {
    const ci = (estimate: number) => ({ estimate, lower: estimate - 0.1, upper: estimate + 0.05 });
    const result = activationSpec(
      report([
        {
          id: 'rebuttal.other-activations', verdict: 'holds',
          details: {
            success: { trialsPerArm: 30 },
            activations: [{ name: 'tanh', d6Epsilon: 2, search: { aEpsilonFound: 1, aEpsilonBound: 1.5 }, success: { first: ci(0.9), second: ci(0.6) } }],
          },
        },
      ]),
    );
    if ('empty' in result) throw new Error(result.empty);
    const [eps, success] = (result.spec as { vconcat: { data: { values: Record<string, unknown>[] } }[] }).vconcat.map((h) => h.data.values);
    expect(eps.map((r) => [r.what, r.value])).toEqual([['required by the search', 0.5], ['supremum bound', 0.75]]);
    expect(success.map((r) => [r.arm, r.estimate])).toEqual([['ResNet (w₀ = 0, β = 10)', 0.9], ['CNN (β = 1)', 0.6]]);
  });

  it('should say which claim is missing, or which field its details lack', () => {
    expect(deepPdTrainingSpec(report([]))).toEqual({ empty: expect.stringMatching(/no result for rebuttal.deep-pd/) });
    expect(deepPdDepthSpec(deepPd({ byDepth: [] }))).toEqual({ empty: expect.stringMatching(/lack the data of this figure \(radiusLimit:/) });
    expect(activationSpec(report([]))).toEqual({ empty: expect.stringMatching(/no result for rebuttal.other-activations/) });
  });
});

describe('renderHtmlReport', () => {
  let basin: BasinMap;
  beforeAll(() => {
    basin = basinMap({ seed: 2019, k: 4, scale: 1, alpha: 1, beta: 10, steps: 100, phiCells: 3, sCells: 3 });
  });

  const verify = {
    schemaVersion: 1, seed: 7, profile: 'ci', versions: { 'shortcut-check': '0.1.0' }, ok: false,
    claims: [
      {
        id: 'rebuttal.trap-threshold', title: 'A threshold <ε>', kind: 'estimate', verdict: 'refuted', expected: 'holds',
        evidence: 'two starts <script>alert(1)</script> & more', runs: 3, seed: 1, formalizationVersion: 2,
        details: { note: '<b>' },
      },
    ],
  };

  const read = (files: Record<string, ReportInput>) => (file: string): ReportInput => files[file] ?? { state: 'missing' };

  it('should name every missing input and the command that writes it, and still draw the basin map', async () => {
    const report = await renderHtmlReport({ inDir: 'nowhere', read: read({}), basin });
    expect(report.drawn).toEqual([BASIN_PLOT_ID]);
    for (const { file, producedBy } of REPORT_INPUTS) {
      expect(report.problems).toContain(`${file} is missing from nowhere/ (written by \`${producedBy}\`)`);
    }
    for (const f of FIGURES) {
      const figure = new RegExp(`<figure class="plot" id="${f.id}" data-state="missing"[^]*?${f.input} is missing`);
      expect(report.html).toMatch(figure);
    }
    expect(report.html).toMatch(/id="verdicts-missing">verify.json is missing/);
  });

  it('should say what is wrong with an unreadable or mismatched input', async () => {
    const report = await renderHtmlReport({
      inDir: 'in',
      read: read({
        'sweep-P1.json': { state: 'invalid', message: 'in/sweep-P1.json: malformed JSON (Unexpected end)' },
        'sweep-P3.json': { state: 'ok', value: { protocol: 'P3', seed: 1, trials: 2, cells: [{ k: 4 }] } },
      }),
      basin,
    });
    expect(report.problems).toContain('sweep-P1.json cannot be read: in/sweep-P1.json: malformed JSON (Unexpected end)');
    expect(report.problems).toContain('sweep-P3.json does not match its schema: sweep-P3.json.cells[0].trials: missing (a required field)');
  });

  it('should escape the inputs\' text, link each claim to its evidence and its figures, and load nothing', async () => {
    const report = await renderHtmlReport({ inDir: 'in', read: read({ 'verify.json': { state: 'ok', value: verify } }), basin });
    const html = report.html;
    expect(html).not.toMatch(/<script|<link|src=|@import|url\(/i);
    expect(html).toContain('two starts &lt;script&gt;alert(1)&lt;/script&gt; &amp; more');
    expect(html).toContain('&quot;&lt;b&gt;&quot;');
    expect(html).toContain('≠ holds');
    const targets = [...html.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
    expect(targets).toContain('claim-rebuttal.trap-threshold');
    expect(targets).toContain('plot-p2');
    expect(targets).toContain(BASIN_PLOT_ID);
    for (const id of new Set(targets)) expect(html).toContain(`id="${id}"`);
  });
});
