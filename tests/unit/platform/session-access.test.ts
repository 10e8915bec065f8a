import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * storage.session holds the unsealed data key, pending captures and the clipboard job. It is
 * closed to content scripts by default; one `setAccessLevel('TRUSTED_AND_UNTRUSTED_CONTEXTS')`
 * would hand all of it to every page Tessera injects into (#14.11). The e2e twin
 * (tests/e2e/build.spec.ts) reads it from an injected script in the production build.
 */
const ROOT = path.resolve(__dirname, '../../..');

async function sources(dir: string): Promise<string[]> {
  const entries = await readdir(path.join(ROOT, dir), { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && /\.(ts|tsx|js|mjs)$/.test(e.name)).map((e) => path.join(e.parentPath, e.name));
}

describe('storage.session access level', () => {
  it('is never changed by Tessera: no setAccessLevel anywhere in the product code', async () => {
    const files = [...(await sources('lib')), ...(await sources('entrypoints')), path.join(ROOT, 'wxt.config.ts')];
    expect(files.length).toBeGreaterThan(50);
    const opening: string[] = [];
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      if (/setAccessLevel|TRUSTED_AND_UNTRUSTED_CONTEXTS/.test(text)) opening.push(path.relative(ROOT, file));
    }
    expect(opening).toEqual([]);
  });
});
