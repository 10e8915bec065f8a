/**
 * Runs once before the Firefox suite: checks that Firefox and the production Firefox build
 * exist and snapshots the build (see ../e2e/support/build-snapshot.ts): `.output/firefox-mv3`, or
 * the build `TESSERA_FIREFOX_EXTENSION_DIR` names.
 */
import { snapshotBuild } from '../e2e/support/build-snapshot';
import { DEFAULT_FIREFOX_EXTENSION_DIR, missingFirefoxMessage } from './support/firefox';

export default async function globalSetup(): Promise<() => Promise<void>> {
  const missing = missingFirefoxMessage();
  if (missing) throw new Error(missing);
  return snapshotBuild(process.env.TESSERA_FIREFOX_EXTENSION_DIR ?? DEFAULT_FIREFOX_EXTENSION_DIR, 'TESSERA_FIREFOX_EXTENSION_DIR', 'npm run build:firefox');
}
