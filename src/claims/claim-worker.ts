/**
 * The worker-thread entry point of `verify --workers N`: runs one claim of the registry by id. A
 * claim's result depends only on (profile, seed, id, stored examples), so which worker runs it does
 * not change it.
 */
import type { Profile } from '../config/profile.ts';
import { claimById } from './registry.ts';
import { runClaim, type ClaimRecord } from './run-claim.ts';

export interface ClaimTask {
  readonly id: string;
  readonly profile: Profile;
  readonly examples: readonly unknown[];
}

export default function claimWorker(task: ClaimTask): ClaimRecord {
  const claim = claimById(task.id);
  if (claim === undefined) throw new RangeError(`no claim ${task.id} in the registry`);
  return runClaim(claim, task.profile, task.examples);
}
