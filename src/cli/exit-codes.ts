/** Exit codes of the CLI. */

/** A finding: `verify` verdicts differ from the registry's expectation; `replay` finds a stale or fixed counterexample. */
export const EXIT_FINDING = 1;
/** Bad input or usage: one line on stderr, no stack trace, nothing written. */
export const EXIT_USAGE = 2;
/** An internal error (a bug). */
export const EXIT_INTERNAL = 70;
