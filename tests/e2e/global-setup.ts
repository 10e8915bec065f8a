/**
 * Runs once before the e2e suite: checks that the production build exists and
 * snapshots it, so a rebuild during the run (several people share this tree)
 * cannot swap files under a running browser.
 */
import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_EXTENSION_DIR, missingChromeMessage } from './support/launch';

export default async function globalSetup(): Promise<() => Promise<void>> {
  const manifest = path.join(DEFAULT_EXTENSION_DIR, 'manifest.json');
  if (!existsSync(manifest)) {
    throw new Error(
      `The e2e tests run against the production build, but ${manifest} is missing.\n` +
        'Run `npm run build` first (`npm test` does it for you).',
    );
  }
  const missing = missingChromeMessage();
  if (missing) throw new Error(missing);

  const snapshot = await mkdtemp(path.join(tmpdir(), 'tessera-e2e-extension-'));
  await cp(DEFAULT_EXTENSION_DIR, snapshot, { recursive: true });
  if (!existsSync(path.join(snapshot, 'manifest.json'))) {
    throw new Error(`Copying the build to ${snapshot} failed (was it being rebuilt?). Run the tests again.`);
  }
  // Workers inherit the environment set here.
  process.env.TESSERA_EXTENSION_DIR = snapshot;
  return async () => {
    await rm(snapshot, { recursive: true, force: true });
  };
}
