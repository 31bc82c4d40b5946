/**
 * The `verify` report: a typed schema (reports/verify.json), its Markdown rendering
 * (reports/verify.md), and the timings kept apart (reports/verify.timings.json) so that the same
 * seed, profile and version give a byte-identical verify.json.
 */
import type { ProfileName } from '../config/profile.ts';
import type { Counterexample, Verdict } from '../claims/claim.ts';
import type { ClaimRecord } from '../claims/run-claim.ts';
import type { Versions } from '../util/versions.ts';

export const VERIFY_SCHEMA_VERSION = 1;

export interface VerifyClaimEntry {
  id: string;
  title: string;
  kind: string;
  verdict: Verdict;
  expected: Verdict;
  evidence: string;
  runs: number;
  seed: number;
  formalizationVersion: number;
  details?: Record<string, unknown>;
  counterexample?: Counterexample;
}

export interface VerifyReport {
  schemaVersion: number;
  seed: number;
  profile: ProfileName;
  versions: Versions;
  /** Every verdict equals the registry's expectation. */
  ok: boolean;
  claims: VerifyClaimEntry[];
}

export interface VerifyTimings {
  seed: number;
  profile: ProfileName;
  totalMs: number;
  claims: { id: string; timeMs: number }[];
}

export function buildVerifyReport(
  seed: number,
  profile: ProfileName,
  version: Versions,
  records: readonly ClaimRecord[],
): VerifyReport {
  return {
    schemaVersion: VERIFY_SCHEMA_VERSION,
    seed,
    profile,
    versions: version,
    ok: records.every((r) => r.verdict === r.expected),
    claims: records.map((r) => {
      const entry: VerifyClaimEntry = {
        id: r.id,
        title: r.title,
        kind: r.kind,
        verdict: r.verdict,
        expected: r.expected,
        evidence: r.evidence,
        runs: r.runs,
        seed: r.seed,
        formalizationVersion: r.formalizationVersion,
      };
      if (r.details !== undefined) entry.details = r.details;
      if (r.counterexample !== undefined) entry.counterexample = r.counterexample;
      return entry;
    }),
  };
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function renderVerifyMarkdown(report: VerifyReport, timings: VerifyTimings): string {
  const time = new Map(timings.claims.map((c) => [c.id, c.timeMs]));
  const lines = [
    '# shortcut-check verify',
    '',
    `profile \`${report.profile}\`, seed ${report.seed}; ${Object.entries(report.versions)
      .map(([name, v]) => `${name} ${v}`)
      .join(', ')}`,
    '',
    report.ok
      ? 'Every verdict equals the registry\'s expectation.'
      : '**Some verdicts differ from the registry\'s expectation** (marked ≠).',
    '',
    '| claim | verdict | expected | evidence | runs | time |',
    '|---|---|---|---|---|---|',
    ...report.claims.map(
      (c) =>
        `| \`${c.id}\` | ${c.verdict} | ${c.verdict === c.expected ? c.expected : `≠ ${c.expected}`} | ${escapeCell(c.evidence)} | ${c.runs} | ${((time.get(c.id) ?? 0) / 1000).toFixed(1)} s |`,
    ),
    '',
  ];
  return lines.join('\n');
}
