/**
 * The counterexample store: fixtures/counterexamples/<claim-id>/<content-hash>.json. A record holds
 * exact values (doubles that read back bit for bit, see ../util/exact-json.ts), the claim id and
 * the version of its formalization, the margin, and how it was found (seed, path, profile, mode,
 * tool and library versions). Records are written atomically (temporary file + rename), so two
 * hunts at once lose nothing and a killed hunt leaves no partial record; the name is a hash of
 * (claim, formalization version, hypothesis), so storing the same counterexample twice is idempotent.
 *
 * Temporaries are written in `<store>/.tmp/` and renamed into place, so a claim's folder only ever
 * holds complete records, even right after a SIGKILL; stale temporaries of dead writers are
 * removed by the next write.
 *
 * Every stored hypothesis is replayed first in every run of its claim (fast-check `examples`); a
 * record whose formalization version differs from the claim's is *stale*: reported, not replayed,
 * never deleted.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Claim, Counterexample } from '../claims/claim.ts';
import { trainSpecSchema } from '../io/train-spec.ts';
import { removeStaleTemporaries, writeFileAtomic } from '../util/atomic-write.ts';
import { exactJsonStringify } from '../util/exact-json.ts';
import { versions, type Versions } from '../util/versions.ts';

export const STORE_SCHEMA_VERSION = 1;

/** The default store, relative to the working directory. */
export const DEFAULT_STORE = join('fixtures', 'counterexamples');

export interface FoundBy {
  /** 'hunt' (random or targeted), 'verify' or 'property'. */
  readonly tool: string;
  readonly mode: string;
  readonly seed: number;
  readonly path?: string;
  readonly profile: string;
  readonly samples?: number;
  readonly versions: Versions;
}

export interface StoredCounterexample extends Counterexample {
  readonly schemaVersion: number;
  readonly foundBy: FoundBy;
}

const storedSchema = z.looseObject({
  schemaVersion: z.literal(STORE_SCHEMA_VERSION),
  claim: z.string().min(1),
  formalizationVersion: z.number().int(),
  input: trainSpecSchema,
  hypothesis: z.unknown(),
  violated: z.string(),
  margin: z.number(),
  foundBy: z.looseObject({ tool: z.string(), mode: z.string(), seed: z.number(), profile: z.string() }),
});

/** The content hash that names a record. */
export function counterexampleHash(c: Pick<Counterexample, 'claim' | 'formalizationVersion' | 'hypothesis'>): string {
  const key = exactJsonStringify({ claim: c.claim, v: c.formalizationVersion, h: c.hypothesis }, 0);
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

export function claimFolder(store: string, claimId: string): string {
  return join(store, claimId);
}

/** Stores a counterexample atomically; returns its path. */
export function storeCounterexample(store: string, c: Counterexample, foundBy: Omit<FoundBy, 'versions'>): string {
  const record: StoredCounterexample = { schemaVersion: STORE_SCHEMA_VERSION, ...c, foundBy: { ...foundBy, versions: versions() } };
  const tmpDir = join(store, '.tmp');
  removeStaleTemporaries(tmpDir);
  const path = join(claimFolder(store, c.claim), `${counterexampleHash(c)}.json`);
  writeFileAtomic(path, `${exactJsonStringify(record)}\n`, tmpDir);
  return path;
}

export interface LoadedRecord {
  readonly file: string;
  readonly record?: StoredCounterexample;
  /** Why the file could not be read as a record. */
  readonly error?: string;
}

/** Reads one record file, validating its shape (never throws). */
export function readRecord(file: string): LoadedRecord {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return { file, error: `unreadable or malformed JSON (${(error as Error).message.split('\n')[0]})` };
  }
  const parsed = storedSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { file, error: `not a counterexample record: ${issue.path.join('.') || 'record'}: ${issue.message}` };
  }
  return { file, record: parsed.data as unknown as StoredCounterexample };
}

/** The record files under a file or folder (recursively; temporary files skipped). */
export function recordFiles(fileOrDir: string): string[] {
  if (!existsSync(fileOrDir)) return [];
  if (!statSync(fileOrDir).isDirectory()) return [fileOrDir];
  const out: string[] = [];
  for (const entry of readdirSync(fileOrDir).sort()) {
    if (entry.startsWith('.') || entry.endsWith('.tmp')) continue;
    const path = join(fileOrDir, entry);
    if (statSync(path).isDirectory()) out.push(...recordFiles(path));
    else if (entry.endsWith('.json')) out.push(path);
  }
  return out;
}

export interface ClaimExamples {
  /** Hypotheses of current records, to replay first. */
  readonly current: unknown[];
  /** Records of an older formalization. */
  readonly stale: LoadedRecord[];
  /** Files that are not valid records. */
  readonly invalid: LoadedRecord[];
}

/** The stored examples of a claim, split into current, stale and invalid. */
export function claimExamples(store: string, claim: Claim): ClaimExamples {
  const current: unknown[] = [];
  const stale: LoadedRecord[] = [];
  const invalid: LoadedRecord[] = [];
  for (const file of recordFiles(claimFolder(store, claim.id))) {
    const loaded = readRecord(file);
    if (loaded.record === undefined) invalid.push(loaded);
    else if (loaded.record.claim !== claim.id || loaded.record.formalizationVersion !== claim.formalizationVersion) {
      stale.push(loaded);
    } else current.push(loaded.record.hypothesis);
  }
  return { current, stale, invalid };
}
