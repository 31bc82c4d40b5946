/**
 * A fresh import of a reference module with limits of src/reference/decimal-context.ts replaced:
 * MAX_WORKING_PRECISION, so that a precision loop's upper end is reached in milliseconds (the
 * real limit, 20 000 working digits, takes ~100 s per evaluation), or MAX_DIGITS.
 */
import { vi } from 'vitest';

const CONTEXT = '../../src/reference/decimal-context.ts';

export interface ReferenceLimits {
  readonly MAX_WORKING_PRECISION?: number;
  readonly MAX_DIGITS?: number;
}

export async function withReferenceLimits<T>(limits: ReferenceLimits, load: () => Promise<T>): Promise<T> {
  vi.resetModules();
  vi.doMock(CONTEXT, async (importOriginal) => ({ ...(await importOriginal<typeof import('../../src/reference/decimal-context.ts')>()), ...limits }));
  try {
    return await load();
  } finally {
    vi.doUnmock(CONTEXT);
    vi.resetModules();
  }
}
