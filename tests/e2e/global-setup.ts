/**
 * Runs once before the e2e suite: checks that Chromium and the production build exist and
 * snapshots the build (see support/build-snapshot.ts): `.output/chrome-mv3`, or the build
 * `TESSERA_EXTENSION_DIR` names (an older build, to see a test fail without a fix).
 */
import { snapshotBuild } from './support/build-snapshot';
import { DEFAULT_EXTENSION_DIR, missingChromeMessage } from './support/launch';

export default async function globalSetup(): Promise<() => Promise<void>> {
  const missing = missingChromeMessage();
  if (missing) throw new Error(missing);
  return snapshotBuild(process.env.TESSERA_EXTENSION_DIR ?? DEFAULT_EXTENSION_DIR, 'TESSERA_EXTENSION_DIR', 'npm run build');
}
