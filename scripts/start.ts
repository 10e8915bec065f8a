/**
 * `npm start`: builds the extension, serves the Acme Cloud demo site and opens
 * Chromium with the extension loaded on it.
 *
 *   npm start                     headed Chromium, profile kept in .cache/tessera-profile
 *   npm start -- --headless       same, headless (also HEADLESS=1)
 *   npm start -- --no-build       skip `npm run build`
 *   npm start -- --fresh          wipe the profile first (accounts are lost)
 *   npm start -- --smoke          print the id and URL, check the pages load, exit 0
 *
 * Environment: CHROME_PATH (default /usr/bin/chromium), HTTPS_PORT (8443), HTTP_PORT (8080).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext } from '@playwright/test';
import {
  DEFAULT_EXTENSION_DIR,
  extensionIdOf,
  launchWithExtension,
  missingChromeMessage,
  unpackedExtensionId,
  waitForExtensionWorker,
} from '../tests/e2e/support/launch';
import { startFixtureServer, type FixtureServer } from '../tests/e2e/support/server';

const repoRoot = fileURLToPath(new URL('../', import.meta.url));
const profileDir = path.join(repoRoot, '.cache/tessera-profile');
const KNOWN_FLAGS = new Set(['--headless', '--no-build', '--fresh', '--smoke', '--help', '-h']);

async function main(): Promise<number> {
  const flags = new Set(process.argv.slice(2));
  const unknown = [...flags].filter((flag) => !KNOWN_FLAGS.has(flag));
  if (unknown.length > 0 || flags.has('--help') || flags.has('-h')) {
    if (unknown.length > 0) console.error(`Unknown option: ${unknown.join(' ')}`);
    console.error('Usage: npm start -- [--headless] [--no-build] [--fresh] [--smoke]');
    return unknown.length > 0 ? 2 : 0;
  }
  let headless = flags.has('--headless') || truthy(process.env.HEADLESS);
  const smoke = flags.has('--smoke');

  const missing = missingChromeMessage();
  if (missing) {
    console.error(missing);
    return 1;
  }

  if (!headless && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    console.log('No display found (DISPLAY is not set): running headless.');
    headless = true;
  }

  if (!flags.has('--no-build')) {
    console.log('Building the extension (npm run build)…');
    const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: repoRoot, stdio: 'inherit' });
    if (build.status !== 0) {
      console.error('The build failed; see above.');
      return build.status ?? 1;
    }
  }

  const httpsPort = port('HTTPS_PORT', 8443);
  const httpPort = port('HTTP_PORT', 8080);
  let server: FixtureServer;
  try {
    server = await startFixtureServer({ httpsPort, httpPort });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      console.error(`Port ${httpsPort} or ${httpPort} is in use. Choose others: HTTPS_PORT=9443 HTTP_PORT=9080 npm start`);
      return 1;
    }
    throw error;
  }

  if (flags.has('--fresh')) rmSync(profileDir, { recursive: true, force: true });
  mkdirSync(profileDir, { recursive: true });

  let context: BrowserContext;
  try {
    context = await launchWithExtension({
      userDataDir: profileDir,
      extensionDir: DEFAULT_EXTENSION_DIR,
      headless,
      naturalViewport: !headless,
    });
  } catch (error) {
    await server.close();
    console.error(`Could not start Chromium: ${error instanceof Error ? error.message : String(error)}`);
    console.error('If another `npm start` is running, it holds the profile: close it, or use --fresh.');
    return 1;
  }

  let closing = false;
  const shutdown = async (code: number) => {
    if (closing) return;
    closing = true;
    await context.close().catch(() => {});
    await server.close().catch(() => {});
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  watchLauncher(() => void shutdown(0));

  // On a reused profile nothing may wake the worker; knowing the id (it depends only
  // on the build folder, so it is the same every start) lets us start it.
  const knownId = unpackedExtensionId(DEFAULT_EXTENSION_DIR);
  const worker = await waitForExtensionWorker(context, { timeout: 15_000, knownId }).catch(() => null);
  if (!worker) {
    console.error('The extension did not start: check the build in .output/chrome-mv3.');
    await shutdown(1);
    return 1;
  }
  const extensionId = extensionIdOf(worker);
  const demoUrl = server.url('acme', '/');

  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(demoUrl);

  console.log('');
  console.log(`Extension id: ${extensionId}`);
  console.log(`Demo site: ${demoUrl}`);
  console.log(`Popup: chrome-extension://${extensionId}/popup.html`);
  console.log(`Profile: ${path.relative(repoRoot, profileDir)} (npm start -- --fresh to wipe it)`);

  if (smoke) {
    const title = await page.title();
    if (!title.includes('Acme Cloud')) {
      console.error(`Smoke test: the demo page did not load (title: "${title}").`);
      await shutdown(1);
      return 1;
    }
    console.log('Smoke test passed.');
    await shutdown(0);
    return 0;
  }

  console.log(headless ? 'Running headless. Press Ctrl-C to stop.' : 'Close the browser or press Ctrl-C to stop.');
  context.on('close', () => void shutdown(0));
  return new Promise<number>(() => {});
}

/**
 * `npm start` runs npm → sh → tsx → this process, and a SIGTERM sent to npm stops
 * `sh` without reaching tsx. So we also stop when tsx (our parent) is orphaned,
 * rather than leave Chromium and the server running. Linux only (/proc).
 */
function watchLauncher(onGone: () => void): void {
  const parentOf = (pid: number): number => {
    try {
      // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may contain spaces.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    } catch {
      return Number.NaN;
    }
  };
  const launcher = process.ppid;
  const grandparent = parentOf(launcher);
  if (!Number.isFinite(grandparent)) return;
  setInterval(() => {
    if (process.ppid !== launcher || parentOf(launcher) !== grandparent) onGone();
  }, 1000).unref();
}

function truthy(value: string | undefined): boolean {
  return !!value && !['0', 'false', 'no', ''].includes(value.toLowerCase());
}

function port(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65_535) {
    console.error(`${name} must be a port number, got "${raw}".`);
    process.exit(2);
  }
  return value;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
