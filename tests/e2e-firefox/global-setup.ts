/**
 * Runs once before the Firefox suite: checks that the production Firefox build and Firefox
 * exist, and snapshots the build so a rebuild during the run cannot swap files under it.
 */
import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_FIREFOX_EXTENSION_DIR, missingFirefoxMessage } from './support/firefox';

export default async function globalSetup(): Promise<() => Promise<void>> {
  const manifest = path.join(DEFAULT_FIREFOX_EXTENSION_DIR, 'manifest.json');
  if (!existsSync(manifest)) {
    throw new Error(
      `The Firefox suite runs against the production Firefox build, but ${manifest} is missing.\n` +
        'Run `npm run build:firefox` first (`npm test` does it for you).',
    );
  }
  const missing = missingFirefoxMessage();
  if (missing) throw new Error(missing);

  const snapshot = await mkdtemp(path.join(tmpdir(), 'tessera-e2e-firefox-extension-'));
  await cp(DEFAULT_FIREFOX_EXTENSION_DIR, snapshot, { recursive: true });
  if (!existsSync(path.join(snapshot, 'manifest.json'))) {
    throw new Error(`Copying the build to ${snapshot} failed (was it being rebuilt?). Run the tests again.`);
  }
  process.env.TESSERA_FIREFOX_EXTENSION_DIR = snapshot;
  return async () => {
    await rm(snapshot, { recursive: true, force: true });
  };
}
