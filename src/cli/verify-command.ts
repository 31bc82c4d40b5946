/**
 * `shortcut-check verify [--profile P] [--seed N] [--claims id,…] [--json FILE]`: runs the
 * registry's claims, prints a table (id, verdict, evidence, runs, time), writes
 * reports/verify.json, reports/verify.md and reports/verify.timings.json (and FILE with --json).
 * Exit 0 when every verdict equals the registry's expectation, 1 when one differs.
 */
import type { Command } from 'commander';
import { join } from 'node:path';
import { resolveProfile } from '../config/profile.ts';
import { CLAIMS, claimById } from '../claims/registry.ts';
import { runClaim, type ClaimRecord } from '../claims/run-claim.ts';
import type { Claim } from '../claims/claim.ts';
import { InputError } from '../io/validation.ts';
import { claimExamples, DEFAULT_STORE } from '../search/counterexample-store.ts';
import { buildVerifyReport, renderVerifyMarkdown, type VerifyTimings } from '../report/verify-report.ts';
import { Piscina } from 'piscina';
import { writeFileAtomic } from '../util/atomic-write.ts';
import { compiledModule } from '../util/compiled-module.ts';
import { versions } from '../util/versions.ts';
import { EXIT_FINDING } from './exit-codes.ts';
import { checkOutputFile, checkOutputFolder, parseIntegerOption } from './options.ts';

export interface VerifyOptions {
  profile?: string;
  seed?: number;
  claims?: string;
  json?: string;
  reports?: string;
  workers?: number;
}

/** The claims named by `--claims id,…` (all when absent); unknown ids are an InputError. */
export function selectClaims(list: string | undefined): Claim[] {
  if (list === undefined) return [...CLAIMS];
  const ids = list.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (ids.length === 0) throw new InputError('--claims: expected a comma-separated list of claim ids (got "")');
  return ids.map((id) => {
    const claim = claimById(id);
    if (claim === undefined) throw new InputError(`--claims: unknown claim id ${JSON.stringify(id)} (see \`shortcut-check claims\`)`);
    return claim;
  });
}

function oneLine(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

export async function runVerify(options: VerifyOptions): Promise<number> {
  let profile;
  try {
    profile = resolveProfile({ profile: options.profile, seed: options.seed });
  } catch (error) {
    throw new InputError(`--profile: ${(error as Error).message}`);
  }
  const claims = selectClaims(options.claims);
  const reportsDir = options.reports ?? 'reports';
  checkOutputFolder('reports', reportsDir);
  for (const file of ['verify.json', 'verify.md', 'verify.timings.json']) checkOutputFile('reports', join(reportsDir, file));
  if (options.json !== undefined) checkOutputFile('--json', options.json);
  const start = performance.now();
  const workers = options.workers ?? 1;
  process.stdout.write(`verify: profile ${profile.name}, seed ${profile.seed}, ${claims.length} claims, ${workers} worker(s)\n`);
  process.stdout.write(`${'claim'.padEnd(30)} ${'verdict'.padEnd(14)} ${'runs'.padStart(6)} ${'time'.padStart(8)}  evidence\n`);
  const print = (record: ClaimRecord): void => {
    const mark = record.verdict === record.expected ? ' ' : '≠';
    process.stdout.write(
      `${record.id.padEnd(30)} ${`${mark}${record.verdict}`.padEnd(14)} ${String(record.runs).padStart(6)} ${`${(record.timeMs / 1000).toFixed(1)}s`.padStart(8)}  ${oneLine(record.evidence, 120)}\n`,
    );
  };
  const tasks = claims.map((claim) => {
    const stored = claimExamples(DEFAULT_STORE, claim);
    for (const s of [...stored.stale, ...stored.invalid]) {
      process.stdout.write(`  ${claim.id}: ${s.error ?? 'stale counterexample (older formalization)'}: ${s.file}\n`);
    }
    return { claim, examples: stored.current };
  });
  let records: ClaimRecord[];
  if (workers <= 1) {
    records = tasks.map(({ claim, examples }) => {
      const record = runClaim(claim, profile, examples);
      print(record);
      return record;
    });
  } else {
    const pool = new Piscina({
      filename: compiledModule(import.meta.url, '../claims/claim-worker').href,
      minThreads: workers,
      maxThreads: workers,
    });
    try {
      // Results are collected in registry order, whatever order the workers finish in.
      records = await Promise.all(
        tasks.map(async ({ claim, examples }) => {
          const record = (await pool.run({ id: claim.id, profile, examples })) as ClaimRecord;
          print(record);
          return record;
        }),
      );
    } finally {
      await pool.destroy();
    }
  }
  const report = buildVerifyReport(profile.seed, profile.name, versions(), records);
  const timings: VerifyTimings = {
    seed: profile.seed,
    profile: profile.name,
    totalMs: performance.now() - start,
    claims: records.map((r) => ({ id: r.id, timeMs: r.timeMs })),
  };
  const json = `${JSON.stringify(report, null, 2)}\n`;
  writeFileAtomic(join(reportsDir, 'verify.json'), json);
  writeFileAtomic(join(reportsDir, 'verify.md'), renderVerifyMarkdown(report, timings));
  writeFileAtomic(join(reportsDir, 'verify.timings.json'), `${JSON.stringify(timings, null, 2)}\n`);
  if (options.json !== undefined) writeFileAtomic(options.json, json);
  const differing = records.filter((r) => r.verdict !== r.expected);
  process.stdout.write(
    differing.length === 0
      ? `verify: all ${records.length} verdicts as expected (${(timings.totalMs / 1000).toFixed(1)} s)\n`
      : `verify: ${differing.length} verdict(s) differ from the registry: ${differing.map((r) => `${r.id} ${r.verdict} (expected ${r.expected})`).join(', ')}\n`,
  );
  return differing.length === 0 ? 0 : EXIT_FINDING;
}

export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description('check every claim of the registry and report its verdict with evidence')
    .option('--profile <name>', 'dev | ci | nightly | soak (default: ci when CI is set, else dev)')
    .option('--seed <n>', 'seed of the run', (v: string) => parseIntegerOption('--seed', v, -(2 ** 31), 2 ** 31 - 1))
    .option('--claims <ids>', 'comma-separated claim ids (default: all)')
    .option('--json <file>', 'also write the JSON report to this file')
    .option('--workers <n>', 'run claims on n worker threads (default 1; the report is the same)', (v: string) =>
      parseIntegerOption('--workers', v, 1, 1024),
    )
    .action(async (options: VerifyOptions) => {
      process.exitCode = await runVerify(options);
    });
}
