/**
 * The URL of a compiled module for worker threads, which need JavaScript. `relative` is the
 * module's path without extension, relative to the caller. From dist/ that is the `.js` next to the
 * caller's; when the caller runs from TypeScript sources (vitest), it is the compiled copy under
 * dist/, which `npm test` builds first.
 */
export function compiledModule(callerUrl: string, relative: string): URL {
  const url = new URL(`${relative}.js`, callerUrl);
  if (!callerUrl.endsWith('.ts')) return url;
  return new URL(url.href.replace(/\/src\/(?!.*\/src\/)/, '/dist/src/'));
}
