/**
 * The HTML report (`shortcut-check report`): one self-contained page (inline CSS and SVG, no
 * script, no external resource) with
 *
 * - the `verify` verdict table (reports/verify.json, schema src/report/verify-report.ts), each claim
 *   linked to its evidence section (the evidence line, the structured details, the counterexample)
 *   and to the figures that are evidence for it;
 * - the figures of protocols P1–P4 (THEORY.md §7) from the sweeps' outputs, the basin map, and the
 *   figures of rebuttal.deep-pd and rebuttal.other-activations from those claims' details;
 *   each plot is drawn by Vega-Lite and rendered to SVG in Node (./plots/render-svg.ts).
 *
 * An input that is missing or does not match its schema does not stop the report: its figures say
 * which file is missing (and the command that writes it) or what is wrong with it.
 */
import { z } from 'zod';
import { VERDICTS } from '../claims/claim.ts';
import type { BasinMap } from '../experiments/basin-map.ts';
import { parseWith } from '../io/validation.ts';
import { ACTIVATION_PLOT } from './plots/activation-plot.ts';
import { BASIN_PLOT_CLAIMS, BASIN_PLOT_ID, BASIN_PLOT_TITLE, basinSpec } from './plots/basin-plot.ts';
import { DEEP_PD_DEPTH_PLOT, DEEP_PD_TRAINING_PLOT } from './plots/deep-pd-plots.ts';
import type { FigureDefinition, FigureResult } from './plots/figure.ts';
import { P1_AGAINST_BETA, P1_AGAINST_K } from './plots/p1-plots.ts';
import { P2_PLOT } from './plots/p2-plot.ts';
import { P3_PLOT } from './plots/p3-plot.ts';
import { P4_PLOT } from './plots/p4-plot.ts';
import { renderSvg } from './plots/render-svg.ts';

/** An input file as the command found it: parsed JSON, absent, or unreadable. */
export type ReportInput =
  | { readonly state: 'ok'; readonly value: unknown }
  | { readonly state: 'missing' }
  | { readonly state: 'invalid'; readonly message: string };

export const VERIFY_INPUT = 'verify.json';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const FIGURES: readonly FigureDefinition<any>[] = [
  P1_AGAINST_K,
  P1_AGAINST_BETA,
  P2_PLOT,
  P3_PLOT,
  P4_PLOT,
  DEEP_PD_TRAINING_PLOT,
  DEEP_PD_DEPTH_PLOT,
  ACTIVATION_PLOT,
];

/** Every input file the report reads, with the command that writes it. */
export const REPORT_INPUTS: readonly { readonly file: string; readonly producedBy: string }[] = [
  { file: VERIFY_INPUT, producedBy: 'shortcut-check verify' },
  ...[...new Map(FIGURES.map((f) => [f.input, { file: f.input, producedBy: f.producedBy }])).values()],
];

const verifySchema = z.looseObject({
  seed: z.number().int(),
  profile: z.string(),
  versions: z.record(z.string(), z.string()),
  ok: z.boolean(),
  claims: z.array(
    z.looseObject({
      id: z.string(),
      title: z.string(),
      kind: z.string(),
      verdict: z.enum(VERDICTS),
      expected: z.enum(VERDICTS),
      evidence: z.string(),
      runs: z.number(),
      seed: z.number(),
      formalizationVersion: z.number(),
      details: z.record(z.string(), z.unknown()).optional(),
      counterexample: z.unknown().optional(),
    }),
  ),
});

type VerifyInput = z.output<typeof verifySchema>;

export interface ReportOptions {
  /** The input folder as the user named it (shown in the page and in missing-file notes). */
  readonly inDir: string;
  readonly read: (file: string) => ReportInput;
  readonly basin: BasinMap;
}

/** What the page holds, for the command's summary line. */
export interface HtmlReport {
  readonly html: string;
  /** Figure ids drawn, and the notes of the inputs that were missing or invalid. */
  readonly drawn: readonly string[];
  readonly problems: readonly string[];
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly state: 'missing' | 'invalid'; readonly note: string };

function parseInput<T>(o: ReportOptions, file: string, producedBy: string, schema: z.ZodType<T>): Parsed<T> {
  const input = o.read(file);
  if (input.state === 'missing') {
    return { ok: false, state: 'missing', note: `${file} is missing from ${o.inDir}/ (written by \`${producedBy}\`)` };
  }
  if (input.state === 'invalid') return { ok: false, state: 'invalid', note: `${file} cannot be read: ${input.message}` };
  try {
    return { ok: true, value: parseWith(schema, input.value, file) };
  } catch (error) {
    return { ok: false, state: 'invalid', note: `${file} does not match its schema: ${(error as Error).message}` };
  }
}

interface DrawnFigure {
  readonly id: string;
  readonly title: string;
  readonly claims: readonly string[];
  readonly input: string;
  readonly body: { readonly svg: string; readonly caption: string } | { readonly state: 'missing' | 'invalid' | 'empty'; readonly note: string };
}

async function drawFigure(o: ReportOptions, f: FigureDefinition<unknown>): Promise<DrawnFigure> {
  const base = { id: f.id, title: f.title, claims: f.claims, input: f.input };
  const parsed = parseInput(o, f.input, f.producedBy, f.schema);
  if (!parsed.ok) return { ...base, body: { state: parsed.state, note: parsed.note } };
  const result: FigureResult = f.build(parsed.value);
  if ('empty' in result) return { ...base, body: { state: 'empty', note: `${f.input}: ${result.empty}` } };
  return { ...base, body: { svg: await renderSvg(result.spec), caption: result.caption } };
}

function claimAnchor(id: string): string {
  return `claim-${id}`;
}

function figureHtml(f: DrawnFigure, claimIds: ReadonlySet<string>): string {
  const links = f.claims
    .filter((id) => claimIds.has(id))
    .map((id) => `<a href="#${escapeHtml(claimAnchor(id))}"><code>${escapeHtml(id)}</code></a>`);
  const evidenceFor = links.length === 0 ? '' : ` Evidence for ${links.join(', ')}.`;
  const head = `<h3>${escapeHtml(f.title)}</h3>`;
  if ('svg' in f.body) {
    return `<figure class="plot" id="${f.id}" data-state="plot" data-input="${escapeHtml(f.input)}">${head}<div class="svg">${f.body.svg}</div><figcaption>${escapeHtml(f.body.caption)}${evidenceFor}</figcaption></figure>`;
  }
  return `<figure class="plot" id="${f.id}" data-state="${f.body.state}" data-input="${escapeHtml(f.input)}">${head}<div class="placeholder">${escapeHtml(f.body.note)}</div><figcaption>${evidenceFor}</figcaption></figure>`;
}

function verdictBadge(verdict: string): string {
  return `<span class="verdict v-${escapeHtml(verdict)}">${escapeHtml(verdict)}</span>`;
}

function figureLinks(id: string, figures: readonly DrawnFigure[]): string {
  return figures
    .filter((f) => f.claims.includes(id))
    .map((f) => `<a href="#${f.id}">${escapeHtml(f.title.split(':')[0])}</a>`)
    .join(', ');
}

function verdictTable(v: VerifyInput, figures: readonly DrawnFigure[]): string {
  const rows = v.claims.map((c) => {
    const expected = c.verdict === c.expected ? escapeHtml(c.expected) : `<strong class="differs">≠ ${escapeHtml(c.expected)}</strong>`;
    return `<tr><td><a href="#${escapeHtml(claimAnchor(c.id))}"><code>${escapeHtml(c.id)}</code></a><div class="title">${escapeHtml(c.title)}</div></td><td>${verdictBadge(c.verdict)}</td><td>${expected}</td><td class="num">${c.runs}</td><td class="evidence">${escapeHtml(c.evidence)}</td><td>${figureLinks(c.id, figures)}</td></tr>`;
  });
  return `<p>profile <code>${escapeHtml(v.profile)}</code>, seed ${v.seed}; ${escapeHtml(
    Object.entries(v.versions)
      .map(([name, version]) => `${name} ${version}`)
      .join(', '),
  )}. ${v.ok ? 'Every verdict equals the registry’s expectation.' : '<strong class="differs">Some verdicts differ from the registry’s expectation (marked ≠).</strong>'}</p>
<table class="verdicts"><thead><tr><th>claim</th><th>verdict</th><th>expected</th><th>runs</th><th>evidence</th><th>figures</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>`;
}

function evidenceSections(v: VerifyInput, figures: readonly DrawnFigure[]): string {
  return v.claims
    .map((c) => {
      const figs = figureLinks(c.id, figures);
      const details = c.details === undefined ? '' : `<details><summary>details</summary><pre>${escapeHtml(JSON.stringify(c.details, null, 2))}</pre></details>`;
      const counterexample =
        c.counterexample === undefined
          ? ''
          : `<details><summary>counterexample (replay its <code>input</code> with <code>shortcut-check train</code>)</summary><pre>${escapeHtml(JSON.stringify(c.counterexample, null, 2))}</pre></details>`;
      return `<section class="claim" id="${escapeHtml(claimAnchor(c.id))}"><h3><code>${escapeHtml(c.id)}</code> ${verdictBadge(c.verdict)}</h3><p>${escapeHtml(c.title)} (${escapeHtml(c.kind)}, formalization v${c.formalizationVersion}, ${c.runs} runs, seed ${c.seed}).</p><p class="evidence">${escapeHtml(c.evidence)}</p>${figs === '' ? '' : `<p>Figures: ${figs}.</p>`}${details}${counterexample}<p><a href="#verdicts">back to the table</a></p></section>`;
    })
    .join('\n');
}

const STYLE = `
body { font-family: 'DejaVu Sans', Helvetica, Arial, sans-serif; margin: 24px; color: #222; max-width: 1500px; }
h1 { font-size: 22px; } h2 { font-size: 18px; border-bottom: 1px solid #ccc; padding-bottom: 4px; margin-top: 32px; } h3 { font-size: 14px; margin: 0 0 8px; }
code { font-size: 12px; } pre { font-size: 11px; background: #f6f6f6; padding: 8px; overflow-x: auto; max-height: 320px; }
table { border-collapse: collapse; font-size: 12px; } th, td { border: 1px solid #ddd; padding: 4px 6px; vertical-align: top; text-align: left; }
td.num { text-align: right; } .evidence { max-width: 640px; overflow-wrap: anywhere; } .title { color: #666; font-size: 11px; max-width: 260px; }
.verdict { padding: 1px 6px; border-radius: 3px; color: #fff; white-space: nowrap; }
.v-holds { background: #2e7d32; } .v-refuted { background: #c62828; } .v-inconclusive { background: #ef6c00; } .v-not-formalized { background: #757575; }
.differs { color: #c62828; }
.figures { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 20px; }
figure.plot { margin: 0; padding: 12px; border: 1px solid #ddd; border-radius: 4px; overflow-x: auto; }
figure.plot figcaption { font-size: 12px; color: #444; max-width: 680px; margin-top: 6px; }
.placeholder { width: 460px; padding: 40px 20px; background: #fbf3e6; border: 1px dashed #d9a441; font-size: 13px; }
section.claim { border-top: 1px solid #eee; padding-top: 8px; }
.inputs td:first-child { font-family: monospace; }
`;

/** Builds the page. */
export async function renderHtmlReport(options: ReportOptions): Promise<HtmlReport> {
  // Each input is read once, however many figures (and the input table) use it.
  const cache = new Map<string, ReportInput>();
  const read = (file: string): ReportInput => {
    let input = cache.get(file);
    if (input === undefined) {
      input = options.read(file);
      cache.set(file, input);
    }
    return input;
  };
  const o: ReportOptions = { ...options, read };
  const figures: DrawnFigure[] = [];
  for (const f of FIGURES) figures.push(await drawFigure(o, f));
  const basin = basinSpec(o.basin);
  figures.push({
    id: BASIN_PLOT_ID,
    title: BASIN_PLOT_TITLE,
    claims: BASIN_PLOT_CLAIMS,
    input: '(computed by the report)',
    body: { svg: await renderSvg(basin.spec), caption: basin.caption },
  });
  const verify = parseInput(o, VERIFY_INPUT, 'shortcut-check verify', verifySchema);
  const claimIds = new Set(verify.ok ? verify.value.claims.map((c) => c.id) : []);
  const problems = [
    ...(verify.ok ? [] : [verify.note]),
    ...new Set(figures.flatMap((f) => ('note' in f.body ? [f.body.note] : []))),
  ];
  const inputRows = REPORT_INPUTS.map(({ file, producedBy }) => {
    const state = o.read(file).state;
    return `<tr><td>${escapeHtml(file)}</td><td>${state === 'ok' ? 'read' : state}</td><td><code>${escapeHtml(producedBy)}</code></td></tr>`;
  });
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>shortcut-check report</title><style>${STYLE}</style></head>
<body>
<h1>shortcut-check report</h1>
<p>Verdicts of the claims of Liu et al. (NeurIPS 2019) and of its rebuttal, and the reference protocols P1–P4 (THEORY.md §7), from <code>${escapeHtml(o.inDir)}/</code>.</p>
<table class="inputs"><thead><tr><th>input</th><th>state</th><th>written by</th></tr></thead><tbody>${inputRows.join('')}</tbody></table>
<h2 id="verdicts">Verdicts</h2>
${verify.ok ? verdictTable(verify.value, figures) : `<div class="placeholder" id="verdicts-missing">${escapeHtml(verify.note)}</div>`}
<h2 id="figures">Figures</h2>
<div class="figures">
${figures.map((f) => figureHtml(f, claimIds)).join('\n')}
</div>
<h2 id="evidence">Evidence per claim</h2>
${verify.ok ? evidenceSections(verify.value, figures) : '<p>No verify report.</p>'}
</body></html>
`;
  return { html, drawn: figures.filter((f) => 'svg' in f.body).map((f) => f.id), problems };
}
