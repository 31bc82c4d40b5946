/**
 * The settings profiles of src/config/profile.ts: the profile and seed from options or the
 * environment, and the time-budget scale SHORTCUT_TIME_SCALE (a positive number; anything else is
 * a one-line RangeError naming the value).
 */
import { describe, expect, it } from 'vitest';
import { CI_SEED, resolveProfile } from '../../src/config/profile.ts';

describe('resolveProfile', () => {
  it('should take ci with its fixed seed when CI is set, and dev otherwise', () => {
    expect(resolveProfile({}, { CI: 'true' })).toEqual({ name: 'ci', seed: CI_SEED, runsScale: 1, fixedSeed: true, timeScale: 1 });
    const dev = resolveProfile({}, {});
    expect(dev.name).toBe('dev');
    expect(dev.fixedSeed).toBe(false);
  });

  it('should scale time budgets by SHORTCUT_TIME_SCALE', () => {
    expect(resolveProfile({ profile: 'ci' }, { SHORTCUT_TIME_SCALE: '10' }).timeScale).toBe(10);
    expect(resolveProfile({ profile: 'ci' }, { SHORTCUT_TIME_SCALE: '0.5' }).timeScale).toBe(0.5);
  });

  it('should reject a time scale that is not a positive number, naming it', () => {
    for (const bad of ['0', '-1', 'fast', '', 'Infinity', 'NaN']) {
      expect(() => resolveProfile({ profile: 'ci' }, { SHORTCUT_TIME_SCALE: bad })).toThrow(
        `SHORTCUT_TIME_SCALE must be a positive number (got ${JSON.stringify(bad)})`,
      );
    }
  });

  it('should reject an unknown profile and a non-integer seed, naming them', () => {
    expect(() => resolveProfile({ profile: 'fast' }, {})).toThrow('profile must be one of dev, ci, nightly, soak (got "fast")');
    expect(() => resolveProfile({}, { SHORTCUT_SEED: '1.5' })).toThrow('SHORTCUT_SEED must be an integer (got "1.5")');
  });
});
