/**
 * jsQR, run on its first decode instead of when it is imported (a Vite plugin for the build).
 *
 * jsQR ships one UMD file whose factory runs its whole module graph at import: V8 parses the
 * factory's body (257 KB as shipped) in full and builds every table (the Shift-JIS one alone has ~7,000
 * entries). The service worker imports it for the screenshot fallback of a capture, so every
 * worker start paid for it before answering anything, capture or not: the worker's first reply
 * after a stop waits for that start (the popup with no snapshot, a fill from the keyboard).
 * A service worker cannot `import()` a module later, so the same file, byte for byte from the
 * installed package, is wrapped in a function that runs it once, on the first call. Not a fork:
 * the version is the one the lock file pins, and `import jsQR from 'jsqr'` reads as before.
 * Unit tests import the package itself (vitest does not load this plugin); the wrapper has its
 * own test (tests/unit/scripts/lazy-jsqr.test.ts).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';

const VIRTUAL_ID = '\0tessera:lazy-jsqr';

/** The module that stands in for `jsqr`: a default export with jsQR's signature. */
export function lazyJsqrModule(umdSource: string): string {
  return `let decode;
function load() {
  const module = { exports: {} };
  // The UMD header takes the CommonJS branch: module.exports = factory().
  (function (module, exports) {
${umdSource}
  }).call(undefined, module, module.exports);
  return module.exports.default ?? module.exports;
}
export default function jsQR(data, width, height, options) {
  decode ??= load();
  return decode(data, width, height, options);
}
`;
}

export function lazyJsqr(): Plugin {
  return {
    name: 'tessera:lazy-jsqr',
    enforce: 'pre',
    resolveId: (source) => (source === 'jsqr' ? VIRTUAL_ID : null),
    load(id) {
      if (id !== VIRTUAL_ID) return null;
      return lazyJsqrModule(readFileSync(createRequire(import.meta.url).resolve('jsqr'), 'utf8'));
    },
  };
}
