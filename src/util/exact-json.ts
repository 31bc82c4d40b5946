/**
 * JSON whose doubles read back bit for bit. `JSON.stringify` already writes every finite double in
 * its shortest round-trip form, except −0, which it writes as `0`; `JSON.parse("-0")` is −0, so we
 * write −0 as `-0`. Non-finite numbers have no JSON form and are rejected with the path named.
 */

const NEGATIVE_ZERO = '\u0000-0\u0000';

export function exactJsonStringify(value: unknown, indent = 2): string {
  const text = JSON.stringify(
    value,
    function replacer(this: unknown, key: string, v: unknown) {
      if (typeof v === 'number') {
        if (!Number.isFinite(v)) throw new RangeError(`${key === '' ? 'value' : key} must be finite to be stored (got ${v})`);
        if (Object.is(v, -0)) return NEGATIVE_ZERO;
      }
      return v;
    },
    indent,
  );
  return text.split(JSON.stringify(NEGATIVE_ZERO)).join('-0');
}
