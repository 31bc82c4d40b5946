/**
 * Atomic file writes: the content goes to a unique temporary file in the target's folder, is
 * flushed, and is renamed over the target. A reader sees the old file or the new one, never a
 * partial one. A process killed midway leaves at most a hidden `.<name>.<pid>.<random>.tmp` file,
 * which no reader picks up and {@link removeStaleTemporaries} deletes once its writer is dead.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * Writes `content` to `path` atomically. The temporary file goes to `tmpDir` (default: the target's
 * folder; it must be on the same file system), so a store can keep its temporaries out of the
 * folders readers list.
 */
export function writeFileAtomic(path: string, content: string, tmpDir = dirname(path)): void {
  mkdirSync(dirname(path), { recursive: true });
  mkdirSync(tmpDir, { recursive: true });
  const tmp = join(tmpDir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(tmp, 'wx');
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    unlinkSync(tmp);
    throw error;
  }
  closeSync(fd);
  renameSync(tmp, path);
}

const TEMPORARY = /^\..+\.(\d+)\.[0-9a-f]{12}\.tmp$/;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Deletes the temporary files of {@link writeFileAtomic} in `dir` (not recursively) whose writing
 * process no longer exists: the leftovers of a killed writer. Returns how many were removed.
 */
export function removeStaleTemporaries(dir: string): number {
  if (!existsSync(dir)) return 0;
  let removed = 0;
  for (const name of readdirSync(dir)) {
    const m = TEMPORARY.exec(name);
    if (m === null || Number(m[1]) === process.pid || processAlive(Number(m[1]))) continue;
    try {
      unlinkSync(join(dir, name));
      removed++;
    } catch {
      // already gone (another cleaner)
    }
  }
  return removed;
}
