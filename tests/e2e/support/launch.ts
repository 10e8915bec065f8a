/**
 * Launching Chromium with the unpacked extension, shared by the e2e fixtures
 * and `npm start`: one place knows the flags, the path and how to find the
 * extension's id.
 */
import { createHash } from 'node:crypto';
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page, type Worker } from '@playwright/test';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

export const DEFAULT_EXTENSION_DIR = path.join(repoRoot, '.output/chrome-mv3');
export const DEFAULT_CHROME_PATH = '/usr/bin/chromium';

export function chromePath(): string {
  return process.env.CHROME_PATH || DEFAULT_CHROME_PATH;
}

/** Says how to get a browser when the configured one is missing; null when it exists. */
export function missingChromeMessage(executable = chromePath()): string | null {
  if (existsSync(executable)) return null;
  return [
    `Chromium was not found at ${executable}.`,
    'Install it (Debian/Ubuntu):  sudo apt-get update && sudo apt-get install -y chromium',
    'or point CHROME_PATH at a Chromium or Chrome for Testing binary:  CHROME_PATH=/path/to/chromium npm start',
    '(Branded Google Chrome ignores --load-extension since version 137, so it cannot be used here.)',
  ].join('\n');
}

export function chromiumArgs(extensionDir: string): string[] {
  return [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    // Containers and CI run as root without a user namespace sandbox.
    '--no-sandbox',
    '--disable-gpu',
    // No traffic of the browser's own: the tests and the demo run offline.
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--no-default-browser-check',
    // Every *.test name is the fixture server; its certificate is self-signed.
    '--host-resolver-rules=MAP *.test 127.0.0.1',
    '--ignore-certificate-errors',
  ];
}

export interface LaunchOptions {
  userDataDir: string;
  extensionDir?: string;
  headless?: boolean;
  /** Keep the window's own size (for people) instead of a fixed 1280×720 viewport (for tests). */
  naturalViewport?: boolean;
  /**
   * Tests only: a CDP port with extension debugging, so `Extensions.triggerAction` can press
   * the toolbar button the way a person does (which is what grants `activeTab`).
   */
  toolbarDebugPort?: number;
  /**
   * The browser's UI language (`ar`, `de`), which picks the extension's catalogue. On Linux
   * Chromium reads it from LANGUAGE/LANG, not from `--lang` alone; both are set.
   */
  language?: string;
}

export async function launchWithExtension(options: LaunchOptions): Promise<BrowserContext> {
  const extensionDir = options.extensionDir ?? DEFAULT_EXTENSION_DIR;
  const missing = missingChromeMessage();
  if (missing) throw new Error(missing);
  if (!existsSync(path.join(extensionDir, 'manifest.json'))) {
    throw new Error(`No extension build at ${extensionDir}: run \`npm run build\` first.`);
  }
  return chromium.launchPersistentContext(options.userDataDir, {
    executablePath: chromePath(),
    headless: options.headless ?? true,
    args: [
      ...chromiumArgs(extensionDir),
      ...(options.toolbarDebugPort
        ? [`--remote-debugging-port=${options.toolbarDebugPort}`, '--enable-unsafe-extension-debugging']
        : []),
      ...(options.language ? [`--lang=${options.language}`] : []),
    ],
    ...(options.naturalViewport ? { viewport: null } : {}),
    ...(options.language
      ? {
          env: { ...process.env, LANGUAGE: options.language, LANG: `${options.language}.UTF-8`, LC_ALL: `${options.language}.UTF-8` },
          locale: options.language,
        }
      : {}),
  });
}

/**
 * The extension's background worker. A fresh profile starts it on install; a
 * reused profile may not (nothing wakes it), so after `timeout` we start it
 * through CDP when we already know the id.
 */
export async function waitForExtensionWorker(
  context: BrowserContext,
  { timeout = 15_000, knownId }: { timeout?: number; knownId?: string } = {},
): Promise<Worker> {
  const isOurs = (worker: Worker) =>
    worker.url().startsWith('chrome-extension://') && (!knownId || extensionIdOf(worker) === knownId);
  const existing = context.serviceWorkers().find(isOurs);
  if (existing) return existing;
  const appeared = context.waitForEvent('serviceworker', { predicate: isOurs, timeout });
  if (!knownId) return appeared;
  // Right after launch the extension may not be registered yet: retry the start.
  let found: Worker | undefined;
  void appeared.then((worker) => (found = worker)).catch(() => {});
  const deadline = Date.now() + timeout;
  while (!found && Date.now() < deadline) {
    await startWorker(context, knownId).catch(() => {});
    await Promise.race([appeared.catch(() => {}), new Promise((resolve) => setTimeout(resolve, 500))]);
    found ??= context.serviceWorkers().find(isOurs);
  }
  return found ?? appeared;
}

/**
 * The id Chromium gives an unpacked extension: SHA-256 of its absolute path,
 * first 32 hex digits written with the letters a–p. Lets a relaunch wake the
 * worker before it has shown up.
 */
export function unpackedExtensionId(extensionDir: string): string {
  const hex = createHash('sha256').update(realpathSync(extensionDir)).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + parseInt(digit, 16))).join('');
}

export function extensionIdOf(worker: Worker): string {
  return new URL(worker.url()).host;
}

/** Asks Chromium (through CDP) to start the extension's worker; a no-op when it runs. */
export async function startWorker(context: BrowserContext, extensionId: string): Promise<void> {
  const page = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(page);
  try {
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.startWorker', { scopeURL: `chrome-extension://${extensionId}/` });
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/** Height of headless Chromium's window frame above the viewport (measured: 800 → 713 CSS px). */
const WINDOW_CHROME_PX = 87;

/**
 * A browser whose screen really has `dpr` device pixels per CSS pixel (CDP emulation does not
 * change what `captureVisibleTab` returns) and a 1280×800 CSS viewport, with the toolbar
 * debugging port open. For the capture tests and benchmark at 2× DPR.
 */
export async function launchAtDeviceScale(options: {
  userDataDir: string;
  dpr: number;
  toolbarDebugPort: number;
  extensionDir?: string;
}): Promise<BrowserContext> {
  return chromium.launchPersistentContext(options.userDataDir, {
    executablePath: chromePath(),
    headless: true,
    viewport: null,
    args: [
      ...chromiumArgs(options.extensionDir ?? process.env.TESSERA_EXTENSION_DIR ?? DEFAULT_EXTENSION_DIR),
      `--remote-debugging-port=${options.toolbarDebugPort}`,
      '--enable-unsafe-extension-debugging',
      `--force-device-scale-factor=${options.dpr}`,
      `--window-size=1280,${800 + WINDOW_CHROME_PX}`,
    ],
  });
}

/** The first page whose URL passes `matches`, opened already or within `timeout` ms; null otherwise. */
export async function waitForPage(context: BrowserContext, matches: (url: string) => boolean, timeout: number): Promise<Page | null> {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    const page = context.pages().find((p) => matches(p.url()));
    if (page) return page;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return null;
}

/**
 * A first install opens the welcome page in a new tab, which becomes the active one whenever it
 * opens. Waits for it (up to `timeout` ms) and closes it, so a tab a test opens afterwards is not
 * pushed to the back by it; resolves whether it opened.
 */
export async function closeWelcomePage(context: BrowserContext, extensionId: string, timeout = 5000): Promise<boolean> {
  const welcome = await waitForPage(context, (url) => url === `chrome-extension://${extensionId}/welcome.html`, timeout);
  await welcome?.close();
  return welcome !== null;
}
