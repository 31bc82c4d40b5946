/**
 * Settings profiles (after Hypothesis): `dev` (quick, random seed), `ci` (fixed seed, never
 * flaky), `nightly` (larger budgets, random seed: it searches) and `soak` (longest). Chosen by the
 * environment variable SHORTCUT_PROFILE; `ci` when CI is set and no profile is named; else `dev`.
 * A seed may be forced with SHORTCUT_SEED. The configuration is a value passed around, never
 * installed globally.
 */

export const PROFILE_NAMES = ['dev', 'ci', 'nightly', 'soak'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

export interface Profile {
  readonly name: ProfileName;
  /** The seed every property and statistical check of this run derives its streams from. */
  readonly seed: number;
  /** Multiplies each check's base number of runs. */
  readonly runsScale: number;
  /** Whether the seed is fixed (so statistical checks are deterministic). */
  readonly fixedSeed: boolean;
}

/** The seed of the `ci` profile. */
export const CI_SEED = 20191209;

const SCALE: Record<ProfileName, number> = { dev: 1, ci: 1, nightly: 10, soak: 100 };

export function isProfileName(x: string): x is ProfileName {
  return (PROFILE_NAMES as readonly string[]).includes(x);
}

/** Resolves the profile from explicit options, else the environment. */
export function resolveProfile(
  options: { profile?: string; seed?: number } = {},
  env: NodeJS.ProcessEnv = process.env,
): Profile {
  const name = options.profile ?? env.SHORTCUT_PROFILE ?? (env.CI ? 'ci' : 'dev');
  if (!isProfileName(name)) {
    throw new RangeError(`profile must be one of ${PROFILE_NAMES.join(', ')} (got ${JSON.stringify(name)})`);
  }
  let seed = options.seed;
  if (seed === undefined && env.SHORTCUT_SEED !== undefined) {
    seed = Number(env.SHORTCUT_SEED);
    if (!Number.isSafeInteger(seed)) {
      throw new RangeError(`SHORTCUT_SEED must be an integer (got ${JSON.stringify(env.SHORTCUT_SEED)})`);
    }
  }
  const fixedSeed = seed !== undefined || name === 'ci';
  if (seed === undefined) seed = name === 'ci' ? CI_SEED : (Date.now() ^ (process.pid << 16)) | 0;
  return { name, seed, runsScale: SCALE[name], fixedSeed };
}
