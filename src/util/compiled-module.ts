/**
 * The URL of a compiled sibling module for worker threads. Workers need JavaScript: from dist/
 * the sibling is next to the caller; when the caller runs from TypeScript sources (vitest), the
 * compiled copy under dist/ is used, which `npm test` builds first.
 */
export function compiledSibling(callerUrl: string, name: string): URL {
  if (callerUrl.endsWith('.ts')) {
    const compiled = callerUrl.replace(/\/src\/((?:[^/]+\/)*)[^/]+\.ts$/, `/dist/src/$1${name}.js`);
    return new URL(compiled);
  }
  return new URL(`./${name}.js`, callerUrl);
}
