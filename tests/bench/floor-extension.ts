/**
 * The floor every popup figure is compared with: a tiny extension (tests/bench/floor/) whose
 * popup reads plain secrets from storage.local, imports one HMAC key per account and renders
 * the list with Preact. Built here with esbuild into a temporary directory, so it is measured
 * from an unpacked build exactly as Tessera is.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SOURCE = fileURLToPath(new URL('./floor/', import.meta.url));

export async function buildFloorExtension(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const { build } = await import('esbuild');
  const dir = await mkdtemp(path.join(tmpdir(), 'tessera-bench-floor-'));
  for (const file of ['manifest.json', 'popup.html', 'quiet.html']) await cp(path.join(SOURCE, file), path.join(dir, file));
  await build({
    entryPoints: [path.join(SOURCE, 'popup.tsx')],
    outfile: path.join(dir, 'popup.js'),
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    logLevel: 'silent',
  });
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
