/**
 * The JSON description of one point of the model (THEORY.md §1): `{"p","k","w","a","wStar","aStar"}`,
 * shared by `eval` and (through its fields) by `train`. Validation enforces what the model needs:
 * p, k positive integers, w and w* of length p, a and a* of length k, every entry finite, and
 * e + w ≠ 0, e + w* ≠ 0 in double precision (the student is undefined there).
 */
import { z } from 'zod';
import { shortcutComponent } from '../model/teacher.ts';
import { finiteVector, positiveInteger } from './validation.ts';

/** Whether e + x is exactly the zero vector in double precision. */
export function shortcutCancels(x: readonly number[]): boolean {
  const e = shortcutComponent(x.length);
  return x.every((xi) => e + xi === 0);
}

/** Adds the length and e + x ≠ 0 checks for the named vector fields to a zod refinement context. */
export function checkLengths(
  value: Record<string, unknown>,
  ctx: z.RefinementCtx,
  fields: readonly { name: string; length: number; lengthName: string; shortcut?: boolean }[],
): void {
  for (const field of fields) {
    const x = value[field.name] as number[] | undefined;
    if (x === undefined) continue;
    if (x.length !== field.length) {
      ctx.addIssue({
        code: 'custom',
        path: [field.name],
        message: `must have length ${field.lengthName} = ${field.length} (got ${x.length})`,
      });
    } else if (field.shortcut === true && shortcutCancels(x)) {
      ctx.addIssue({
        code: 'custom',
        path: [field.name],
        message: `e + ${field.name} must be non-zero (got ${field.name} = −e = −1_p/√p)`,
      });
    }
  }
}

export const modelPointSchema = z
  .strictObject({
    p: positiveInteger,
    k: positiveInteger,
    w: finiteVector,
    a: finiteVector,
    wStar: finiteVector,
    aStar: finiteVector,
  })
  .superRefine((value, ctx) =>
    checkLengths(value, ctx, [
      { name: 'w', length: value.p, lengthName: 'p', shortcut: true },
      { name: 'a', length: value.k, lengthName: 'k' },
      { name: 'wStar', length: value.p, lengthName: 'p', shortcut: true },
      { name: 'aStar', length: value.k, lengthName: 'k' },
    ]),
  );

export type ModelPoint = z.output<typeof modelPointSchema>;

/** A teacher alone, `{"p","k","wStar","aStar"}` (read by `pd --teacher` and `threshold --input`). */
export const teacherInputSchema = z
  .strictObject({ p: positiveInteger, k: positiveInteger, wStar: finiteVector, aStar: finiteVector })
  .superRefine((value, ctx) =>
    checkLengths(value, ctx, [
      { name: 'wStar', length: value.p, lengthName: 'p', shortcut: true },
      { name: 'aStar', length: value.k, lengthName: 'k' },
    ]),
  )
  .refine((v) => v.aStar.some((x) => x !== 0), { message: 'aStar must be non-zero', path: ['aStar'] });
