import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { lazyJsqrModule } from '@/scripts/lazy-jsqr';
import { qrImage } from '../qr/qr-image';

const dir = await mkdtemp(path.join(tmpdir(), 'tessera-lazy-jsqr-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Writes the wrapped module to a file and imports it, as the bundle would. */
async function importWrapped(umdSource: string, name: string): Promise<{ default: (...args: unknown[]) => unknown }> {
  const file = path.join(dir, `${name}.mjs`);
  await writeFile(file, lazyJsqrModule(umdSource));
  return import(pathToFileURL(file).href);
}

describe('lazyJsqrModule', () => {
  it('runs the package only on the first call, and once', async () => {
    // A stand-in with the same UMD header shape that counts how often its factory runs.
    const counter = globalThis as { lazyJsqrFactoryRuns?: number };
    counter.lazyJsqrFactoryRuns = 0;
    const stand = `(function (root, factory) {
      if (typeof exports === 'object' && typeof module === 'object') module.exports = factory();
      else root.jsQR = factory();
    })(typeof self !== 'undefined' ? self : this, function () {
      globalThis.lazyJsqrFactoryRuns += 1;
      function jsQR(data, width, height) { return { data: data + ':' + width + 'x' + height }; }
      jsQR.default = jsQR;
      return jsQR;
    });`;
    const wrapped = await importWrapped(stand, 'counting');
    expect(counter.lazyJsqrFactoryRuns).toBe(0);
    expect(wrapped.default('a', 1, 2)).toEqual({ data: 'a:1x2' });
    expect(wrapped.default('b', 3, 4)).toEqual({ data: 'b:3x4' });
    expect(counter.lazyJsqrFactoryRuns).toBe(1);
  });

  it('decodes a QR code with the installed jsQR', async () => {
    const source = await readFile(createRequire(import.meta.url).resolve('jsqr'), 'utf8');
    const wrapped = await importWrapped(source, 'jsqr');
    const text = 'otpauth://totp/Acme:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Acme';
    const image = qrImage(text, { scale: 4, margin: 4 });
    const found = wrapped.default(image.data, image.width, image.height) as { data: string } | null;
    expect(found?.data).toBe(text);
  });
});
