/**
 * Copies a production build to a temporary folder before an e2e suite runs, so a rebuild
 * during the run (several people share this tree) cannot swap files under a running browser.
 */
import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Snapshots `buildDir`, points `envVar` at the copy for the workers, and returns the clean-up. */
export async function snapshotBuild(buildDir: string, envVar: string, buildCommand: string): Promise<() => Promise<void>> {
  const manifest = path.join(buildDir, 'manifest.json');
  if (!existsSync(manifest)) {
    throw new Error(
      `The e2e tests run against the production build, but ${manifest} is missing.\n` +
        `Run \`${buildCommand}\` first (\`npm test\` does it for you).`,
    );
  }
  const snapshot = await mkdtemp(path.join(tmpdir(), `tessera-e2e-${path.basename(buildDir)}-`));
  await cp(buildDir, snapshot, { recursive: true });
  if (!existsSync(path.join(snapshot, 'manifest.json'))) {
    throw new Error(`Copying the build to ${snapshot} failed (was it being rebuilt?). Run the tests again.`);
  }
  // Workers inherit the environment set here.
  process.env[envVar] = snapshot;
  return async () => {
    await rm(snapshot, { recursive: true, force: true });
  };
}
