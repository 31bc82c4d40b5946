/**
 * The claim registry (src/claims/registry.ts) and its groups (src/claims/groups/*.ts): every claim
 * once, in THEORY.md §6's order followed by the model claims, with the kind and the verdict the suite
 * currently expects; lookups by id; and the shape every claim must have (universal claims expose
 * hypotheses, margin and train spec; budgets for every profile).
 */
import { describe, expect, it } from 'vitest';
import { VERDICTS } from '../../src/claims/claim.ts';
import { estimatesClaims } from '../../src/claims/groups/estimates.ts';
import { modelClaims } from '../../src/claims/groups/model.ts';
import { successRateClaims } from '../../src/claims/groups/success-rates.ts';
import { trajectoryClaims } from '../../src/claims/groups/trajectory.ts';
import { claimById, claimIds, CLAIMS } from '../../src/claims/registry.ts';
import { PROFILE_NAMES } from '../../src/config/profile.ts';

/** id, kind, expected verdict: the registry as THEORY.md §6 lists it, then the model claims. */
const TABLE: readonly (readonly [string, string, string])[] = [
  ['thm.main', 'universal', 'refuted'],
  ['thm.rates', 'universal', 'refuted'],
  ['thm.polynomial-time', 'estimate', 'holds'],
  ['rebuttal.sgd-large-batch', 'statistical', 'holds'],
  ['rebuttal.init-scale', 'statistical', 'refuted'],
  ['rebuttal.warmup', 'statistical', 'holds'],
  ['rebuttal.lemma5-any-w0', 'universal', 'holds'],
  ['rebuttal.trap-threshold', 'estimate', 'refuted'],
  ['rebuttal.basin-R2', 'universal', 'refuted'],
  ['rebuttal.basin-R1', 'universal', 'refuted'],
  ['rebuttal.layerwise', 'universal', 'holds'],
  ['rebuttal.pd-global', 'universal', 'refuted'],
  ['rebuttal.success-vs-k', 'statistical', 'inconclusive'],
  ['rebuttal.small-lr', 'statistical', 'holds'],
  ['rebuttal.deep-pd', 'estimate', 'refuted'],
  ['rebuttal.other-activations', 'estimate', 'holds'],
  ['model.float-vs-reference', 'universal', 'holds'],
  ['model.finite-differences', 'universal', 'holds'],
  ['model.monte-carlo', 'universal', 'holds'],
  ['model.d1-orthogonal', 'universal', 'holds'],
  ['model.d2-norm-growth', 'universal', 'holds'],
  ['model.d3-angle-closing', 'universal', 'holds'],
  ['model.d4-a-fixed-point', 'universal', 'refuted'],
  ['model.d5-stationary-points', 'universal', 'holds'],
  ['model.d6-a-dissipativity', 'universal', 'holds'],
  ['model.d7-w-identity', 'universal', 'refuted'],
];

describe('CLAIMS', () => {
  it("should list every claim once, in THEORY.md §6's order then the model claims, with its kind and expected verdict", () => {
    expect(CLAIMS.map((c) => [c.id, c.kind, c.expected])).toEqual(TABLE);
    expect(new Set(CLAIMS.map((c) => c.id)).size).toBe(CLAIMS.length);
  });

  it('should be exactly the union of the groups and thm.main', () => {
    const grouped = [...trajectoryClaims, ...successRateClaims, ...estimatesClaims, ...modelClaims];
    expect(grouped.length + 1).toBe(CLAIMS.length);
    for (const c of grouped) expect(CLAIMS).toContain(c);
    expect(CLAIMS.filter((c) => !grouped.includes(c)).map((c) => c.id)).toEqual(['thm.main']);
  });

  it('should give every claim a title, statement, source, version, budgets for every profile and a check', () => {
    for (const c of CLAIMS) {
      expect(c.title.length).toBeGreaterThan(10);
      expect(c.statement.length).toBeGreaterThan(20);
      expect(c.source.lines.length).toBeGreaterThan(0);
      expect(c.source.ours.length).toBeGreaterThan(0);
      expect(Number.isInteger(c.formalizationVersion) && c.formalizationVersion >= 1).toBe(true);
      expect(VERDICTS).toContain(c.expected);
      expect(typeof c.run).toBe('function');
      for (const name of PROFILE_NAMES) {
        expect(c.budgets[name].runs, `${c.id} ${name}`).toBeGreaterThan(0);
        expect(c.budgets[name].timeMs, `${c.id} ${name}`).toBeGreaterThan(0);
      }
      if (c.kind === 'universal') {
        expect(typeof c.hypotheses).toBe('function');
        expect(typeof c.margin).toBe('function');
        expect(typeof c.toTrainSpec).toBe('function');
        expect(c.violation.length).toBeGreaterThan(10);
      }
    }
  });
});

describe('the groups', () => {
  it('should hold the trajectory, success-rate, estimate and model claims, each in its order', () => {
    expect(trajectoryClaims.map((c) => c.id)).toEqual([
      'thm.rates',
      'rebuttal.lemma5-any-w0',
      'rebuttal.basin-R2',
      'rebuttal.basin-R1',
      'rebuttal.layerwise',
      'rebuttal.pd-global',
    ]);
    expect(successRateClaims.map((c) => c.id)).toEqual([
      'rebuttal.init-scale',
      'rebuttal.warmup',
      'rebuttal.success-vs-k',
      'rebuttal.small-lr',
    ]);
    expect(estimatesClaims.map((c) => c.id)).toEqual([
      'thm.polynomial-time',
      'rebuttal.sgd-large-batch',
      'rebuttal.trap-threshold',
      'rebuttal.deep-pd',
      'rebuttal.other-activations',
    ]);
    expect(modelClaims.map((c) => c.id)).toEqual(TABLE.slice(16).map(([id]) => id));
    expect(successRateClaims.every((c) => c.kind === 'statistical')).toBe(true);
    expect(modelClaims.every((c) => c.kind === 'universal' && c.id.startsWith('model.'))).toBe(true);
  });
});

describe('claimById and claimIds', () => {
  it('should find every claim by its id, and nothing for an unknown id', () => {
    for (const c of CLAIMS) expect(claimById(c.id)).toBe(c);
    expect(claimById('rebuttal.layerwise')?.title).toMatch(/^Layer-wise training/);
    expect(claimById('no.such-claim')).toBeUndefined();
    expect(claimById('')).toBeUndefined();
    expect(claimById('THM.MAIN')).toBeUndefined();
  });

  it('should list the ids in registry order, as a fresh array', () => {
    expect(claimIds()).toEqual(TABLE.map(([id]) => id));
    const ids = claimIds();
    ids.pop();
    expect(claimIds().length).toBe(TABLE.length);
  });
});
