/**
 * The shape of a claim in the registry (THEORY.md §6). Each claim module exports one
 * `Claim`: its statement, its sources, which parts are quoted and which are our formalization, its
 * kind, the verdict the suite currently reaches (`expected`), a budget per profile, and `run`, which
 * checks it and returns the verdict with its evidence. Universal claims also expose their
 * hypotheses (a fast-check arbitrary built by construction) and a margin (how far a sample is from
 * violating the claim: ≥ 0 holds, < 0 violated), which `hunt` climbs.
 */
import type fc from 'fast-check';
import type { Profile, ProfileName } from '../config/profile.ts';
import type { TrainSpec } from '../io/train-spec.ts';

export const VERDICTS = ['holds', 'refuted', 'inconclusive', 'not-formalized'] as const;
export type Verdict = (typeof VERDICTS)[number];

export type ClaimKind = 'universal' | 'statistical' | 'estimate';

/** A run budget: a number of samples (or trials) and a wall-clock safety limit. */
export interface Budget {
  readonly runs: number;
  readonly timeMs: number;
}

export type Budgets = Readonly<Record<ProfileName, Budget>>;

/** What is checked, as written in the registry. */
export interface ClaimSource {
  /** Where the claim comes from: "rebuttal l. 31", "THEORY.md §3 D2", "abstract". */
  readonly lines: string;
  /** The parts of the statement quoted from the sources (verbatim). */
  readonly quoted: readonly string[];
  /** The parts that are our formalization (constants, sets, thresholds we chose). */
  readonly ours: readonly string[];
}

/** A stored or freshly found violation. `input` is a valid `train` spec. */
export interface Counterexample {
  readonly claim: string;
  readonly formalizationVersion: number;
  /** A valid `shortcut-check train` spec reproducing the violation (steps 0 for point claims). */
  readonly input: TrainSpec;
  /** The hypothesis value as the claim's arbitrary produced it (exact doubles survive JSON). */
  readonly hypothesis: unknown;
  /** What was violated, in words. */
  readonly violated: string;
  /** The margin (< 0): how far the sample is on the wrong side. */
  readonly margin: number;
}

export interface ClaimResult {
  readonly verdict: Verdict;
  /** One line of evidence (the table cell). */
  readonly evidence: string;
  /** Samples, trials or runs performed. */
  readonly runs: number;
  /** Structured evidence (rates with CIs, fitted slopes, regions of constants, ...). */
  readonly details?: Record<string, unknown>;
  readonly counterexample?: Counterexample;
}

export interface ClaimContext {
  readonly profile: Profile;
  /** The seed of this claim's run (derived from the profile's seed and the claim id). */
  readonly seed: number;
  readonly budget: Budget;
  /** Stored counterexample hypotheses, replayed first (fast-check `examples`). */
  readonly examples?: readonly unknown[];
}

interface ClaimBase {
  readonly id: string;
  readonly title: string;
  /** The statement as we formalize it (THEORY.md §6). */
  readonly statement: string;
  readonly source: ClaimSource;
  /** Bumped whenever the formalization (hypotheses, margin, constants) changes. */
  readonly formalizationVersion: number;
  /** The verdict the suite currently reaches; `verify` reports any change. */
  readonly expected: Verdict;
  readonly budgets: Budgets;
  run(ctx: ClaimContext): ClaimResult;
}

/** A claim of the form "for all h in H: margin(h) ≥ 0". */
export interface UniversalClaim<H> extends ClaimBase {
  readonly kind: 'universal';
  /** The hypotheses, built by construction. */
  hypotheses(ctx: ClaimContext): fc.Arbitrary<H>;
  /** ≥ 0: the claim holds at h; < 0: violated, by |margin|. */
  margin(h: H): number;
  /** A `train` spec that replays h. */
  toTrainSpec(h: H): TrainSpec;
  /** What a negative margin means, for the counterexample record. */
  readonly violation: string;
  /**
   * Margins in (−robustness, 0) are not counted as violations (default 0): where the margin is a
   * continuous distance to the claim's boundary, the shrinker would otherwise stop at samples a
   * rounding away from it, which an independent implementation may place on the other side.
   */
  readonly robustness?: number;
}

/** Whether margin m counts as a violation of the claim. */
export function violates(claim: { readonly robustness?: number }, m: number): boolean {
  return m < -(claim.robustness ?? 0) || Number.isNaN(m);
}

export interface OtherClaim extends ClaimBase {
  readonly kind: 'statistical' | 'estimate';
  /** Why the formalization is what it is, what is missing when `not-formalized`. */
  readonly missing?: string;
}

export type Claim = UniversalClaim<any> | OtherClaim; // eslint-disable-line @typescript-eslint/no-explicit-any
