/**
 * Validation of reference inputs and their exact conversion to decimal fractions (./scaled.ts).
 * Entries may be doubles (converted bit-exactly, ./exact-double.ts) or finite decimal.js values
 * of any clone (taken at their exact value, e.g. w ± h·e_i for finite differences).
 *
 * Errors name the value and the shape, e.g. `RangeError: a must have length k = 5 (got 4)`,
 * `RangeError: w[2] must be a finite double (got NaN)`, `RangeError: p must be a positive integer
 * (got 0)`.
 */
import { Decimal } from 'decimal.js';
import { doubleToScaled } from './exact-double.ts';
import { fromDecimal, type Scaled } from './scaled.ts';

/** A reference input entry: a double or a finite decimal.js value. */
export type ReferenceScalar = number | Decimal;

/** The model's parameters (THEORY.md §1): w, w* ∈ R^p, a, a* ∈ R^k. */
export interface ReferenceInput<T extends ReferenceScalar = ReferenceScalar> {
  readonly p: number;
  readonly k: number;
  readonly w: ArrayLike<T>;
  readonly a: ArrayLike<T>;
  readonly wStar: ArrayLike<T>;
  readonly aStar: ArrayLike<T>;
}

/** The same input with every entry exact. */
export interface ExactInput {
  readonly p: number;
  readonly k: number;
  readonly w: readonly Scaled[];
  readonly a: readonly Scaled[];
  readonly wStar: readonly Scaled[];
  readonly aStar: readonly Scaled[];
}

function checkDimension(value: number, name: string): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new RangeError(`${name} must be a positive integer (got ${String(value)})`);
  }
}

function convertVector(
  values: ArrayLike<ReferenceScalar>,
  name: string,
  dimName: string,
  dim: number,
): Scaled[] {
  if (values === null || typeof values !== 'object' || typeof values.length !== 'number') {
    throw new RangeError(`${name} must be an array of length ${dimName} = ${dim} (got ${String(values)})`);
  }
  if (values.length !== dim) {
    throw new RangeError(`${name} must have length ${dimName} = ${dim} (got ${values.length})`);
  }
  const out: Scaled[] = new Array(dim);
  for (let i = 0; i < dim; i++) {
    const x = values[i];
    if (typeof x === 'number') out[i] = doubleToScaled(x, `${name}[${i}]`);
    else if (Decimal.isDecimal(x)) out[i] = fromDecimal(x, `${name}[${i}]`);
    else throw new RangeError(`${name}[${i}] must be a number or a Decimal (got ${typeof x})`);
  }
  return out;
}

/** Validates shapes and converts every entry exactly. */
export function toExactInput(input: ReferenceInput): ExactInput {
  if (input === null || typeof input !== 'object') {
    throw new RangeError(`input must be an object { p, k, w, a, wStar, aStar } (got ${String(input)})`);
  }
  checkDimension(input.p, 'p');
  checkDimension(input.k, 'k');
  return {
    p: input.p,
    k: input.k,
    w: convertVector(input.w, 'w', 'p', input.p),
    a: convertVector(input.a, 'a', 'k', input.k),
    wStar: convertVector(input.wStar, 'wStar', 'p', input.p),
    aStar: convertVector(input.aStar, 'aStar', 'k', input.k),
  };
}
