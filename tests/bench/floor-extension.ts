/**
 * The floor every popup figure is compared with: a tiny extension (tests/bench/floor/) whose
 * popup reads plain secrets from storage.local, imports one HMAC key per account and renders
 * the list with Preact. Built here with esbuild into a temporary directory, so it is measured
 * from an unpacked build exactly as Tessera is.
 *
 * `codesFromWorker`: the same floor with its codes made in a service worker, the popup sending
 * one message and drawing the reply. It is the smallest design that keeps secrets out of the
 * popup as Tessera does (there, only the worker decrypts), so it shows what a worker costs by
 * itself, running and stopped, before any vault or UI.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SOURCE = fileURLToPath(new URL('./floor/', import.meta.url));

export async function buildFloorExtension(options: { codesFromWorker?: boolean } = {}): Promise<{ dir: string; remove: () => Promise<void> }> {
  const { build } = await import('esbuild');
  const codesFromWorker = options.codesFromWorker ?? false;
  const dir = await mkdtemp(path.join(tmpdir(), codesFromWorker ? 'tessera-bench-worker-floor-' : 'tessera-bench-floor-'));
  for (const file of ['popup.html', 'quiet.html']) await cp(path.join(SOURCE, file), path.join(dir, file));
  const manifest = JSON.parse(await readFile(path.join(SOURCE, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  if (codesFromWorker) {
    manifest.name = `${String(manifest.name)} (codes from a worker)`;
    manifest.background = { service_worker: 'worker.js' };
  }
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  const common = {
    bundle: true,
    minify: true,
    platform: 'browser',
    target: 'es2022',
    logLevel: 'silent',
  } as const;
  await build({
    ...common,
    entryPoints: [path.join(SOURCE, 'popup.tsx')],
    outfile: path.join(dir, 'popup.js'),
    format: 'esm',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    define: { FLOOR_CODES_FROM_WORKER: String(codesFromWorker) },
  });
  if (codesFromWorker) await build({ ...common, entryPoints: [path.join(SOURCE, 'worker.ts')], outfile: path.join(dir, 'worker.js'), format: 'iife' });
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
