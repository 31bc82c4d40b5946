/**
 * Settings profiles (after Hypothesis): `dev` (quick, random seed), `ci` (fixed seed, never
 * flaky), `nightly` (larger budgets, random seed: it searches) and `soak` (longest). Chosen by the
 * environment variable SHORTCUT_PROFILE; `ci` when CI is set and no profile is named; else `dev`.
 * A seed may be forced with SHORTCUT_SEED, and time budgets scaled with SHORTCUT_TIME_SCALE. The configuration is a value passed around, never
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
  /**
   * Multiplies each check's time budget (SHORTCUT_TIME_SCALE, default 1): for runs where the code
   * is slower than usual — the instrumented mutants of a Stryker run — so that a check still ends
   * by its number of runs, not by the clock, and reaches the verdict it would reach here.
   */
  readonly timeScale: number;
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
  let timeScale = 1;
  if (env.SHORTCUT_TIME_SCALE !== undefined) {
    timeScale = Number(env.SHORTCUT_TIME_SCALE);
    if (!(Number.isFinite(timeScale) && timeScale > 0)) {
      throw new RangeError(`SHORTCUT_TIME_SCALE must be a positive number (got ${JSON.stringify(env.SHORTCUT_TIME_SCALE)})`);
    }
  }
  const fixedSeed = seed !== undefined || name === 'ci';
  if (seed === undefined) seed = name === 'ci' ? CI_SEED : (Date.now() ^ (process.pid << 16)) | 0;
  return { name, seed, runsScale: SCALE[name], fixedSeed, timeScale };
}
