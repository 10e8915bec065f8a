/**
 * Playwright fixtures for Tessera's end-to-end tests: a fixture server per
 * worker, and per test a fresh Chromium profile with the production build
 * loaded, plus helpers to open the popup, kill the service worker and restart
 * the browser on the same profile.
 *
 * ```ts
 * import { test, expect } from './fixtures';
 * test('...', async ({ extension, site, openPopup, server }) => { ... });
 * ```
 * `context`, `page` and `serviceWorker` are the first browser's; after
 * `restartBrowser()` use `extension.context` and `await extension.currentServiceWorker()`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test as base, expect, type BrowserContext, type CDPSession, type Page, type Worker } from '@playwright/test';
import type { Browser } from 'wxt/browser';
import { closeWelcomePage, DEFAULT_EXTENSION_DIR, extensionIdOf, launchWithExtension, startWorker, waitForExtensionWorker } from './support/launch';
import { serverFixtures, type ServerTestFixtures, type ServerWorkerFixtures } from './support/server-fixtures';
import { freePort, Toolbar, type ToolbarPopup } from './support/toolbar';

export { expect };
export type { FixtureServer, RequestLogEntry } from './support/server';

/** For `serviceWorker.evaluate(() => (globalThis as unknown as ChromeGlobal).chrome.storage...)`. */
export type ChromeGlobal = { chrome: typeof Browser };

/** `runningStatus` from CDP's ServiceWorker domain; `none` when no version is registered. */
export type WorkerStatus = 'stopped' | 'starting' | 'running' | 'stopping' | 'none';

const WORKER_TIMEOUT = 15_000;

/** The extension under test in one Chromium profile, across stops and restarts. */
export class ExtensionHarness {
  #context: BrowserContext;
  #worker: Worker | null;
  #extensionId: string;
  #toolbar: Toolbar;

  private constructor(
    readonly userDataDir: string,
    readonly extensionDir: string,
    private readonly headless: boolean,
    private readonly debugPort: number,
    private readonly language: string | undefined,
    context: BrowserContext,
    worker: Worker,
  ) {
    this.#toolbar = new Toolbar(debugPort);
    this.#context = context;
    this.#worker = worker;
    this.#extensionId = extensionIdOf(worker);
  }

  static async launch(options: { extensionDir: string; headless: boolean; userDataDir?: string; language?: string }): Promise<ExtensionHarness> {
    const userDataDir = options.userDataDir ?? (await mkdtemp(path.join(tmpdir(), 'tessera-e2e-profile-')));
    const debugPort = await freePort();
    const context = await launchWithExtension({
      userDataDir,
      extensionDir: options.extensionDir,
      headless: options.headless,
      toolbarDebugPort: debugPort,
      ...(options.language ? { language: options.language } : {}),
    });
    try {
      const worker = await waitForExtensionWorker(context, { timeout: WORKER_TIMEOUT });
      const harness = new ExtensionHarness(userDataDir, options.extensionDir, options.headless, debugPort, options.language, context, worker);
      // A first install opens the welcome tab; it is closed here so every test starts from the
      // same tabs, and `welcomePageOpened` tells the test that checks it.
      harness.welcomePageOpened = await closeWelcomePage(context, harness.extensionId);
      return harness;
    } catch (error) {
      await context.close().catch(() => {});
      throw error;
    }
  }

  /** Whether installing opened the welcome page (fresh profiles only). */
  welcomePageOpened = false;

  get context(): BrowserContext {
    return this.#context;
  }

  get extensionId(): string {
    return this.#extensionId;
  }

  /** The worker handle as of the last launch or `currentServiceWorker()`; stale after a stop. */
  get serviceWorker(): Worker {
    if (!this.#worker) {
      throw new Error('The service worker was stopped: use `await extension.currentServiceWorker()` once it runs again.');
    }
    return this.#worker;
  }

  url(pathname: string): string {
    return `chrome-extension://${this.#extensionId}/${pathname.replace(/^\/+/, '')}`;
  }

  /** The popup document in a tab (no `activeTab`; see `clickToolbarButton` for the real popup). */
  async openPopup(): Promise<Page> {
    const page = await this.#context.newPage();
    await page.goto(this.url('popup.html'));
    return page;
  }

  /**
   * Clicks Tessera's toolbar button with `page` as the active tab, which grants `activeTab`
   * on it as a person's click does, and returns the popup popped out for that tab
   * (`popup.html?tab=<id>`: the real popup window cannot be driven by Playwright).
   */
  async clickToolbarButton(page: Page): Promise<Page> {
    await this.#toolbar.press(this.#extensionId, page);
    const tabId = await this.tabIdOf(page);
    const popup = await this.#context.newPage();
    await popup.goto(this.url(`popup.html?tab=${tabId}`));
    return popup;
  }

  /** The browser's id of `page`'s tab, which the extension sees only once activeTab is granted on it. */
  async tabIdOf(page: Page): Promise<number> {
    const worker = await this.currentServiceWorker();
    const url = page.url();
    const tabId = await worker.evaluate(async (pageUrl) => {
      const { chrome } = globalThis as unknown as ChromeGlobal;
      // Only the tab granted activeTab shows its URL to the extension.
      const tabs = await chrome.tabs.query({});
      return tabs.find((tab) => tab.url === pageUrl)?.id ?? null;
    }, url);
    if (tabId === null) throw new Error(`The toolbar click did not grant activeTab on ${url}.`);
    return tabId;
  }

  /**
   * Clicks the toolbar button with `page` as the active tab and returns the toolbar's own popup
   * (no `?tab=`, acting for the active tab as a person's does), driven through puppeteer-core.
   */
  async openToolbarPopup(page: Page): Promise<ToolbarPopup> {
    return this.#toolbar.pressAndAttach(this.#extensionId, page);
  }

  async workerStatus(): Promise<WorkerStatus> {
    return this.#withWorkerEvents(async (latest) => {
      // `ServiceWorker.enable` reports the current versions as events soon after it returns.
      const deadline = Date.now() + 2000;
      while (latest() === undefined && Date.now() < deadline) await sleep(20);
      return latest() ?? 'none';
    });
  }

  /**
   * Stops the extension's worker the way Chrome does when it idles out (CDP
   * `ServiceWorker.stopAllWorkers`) and resolves once Chromium reports it stopped.
   * Its globals are gone; the next event (a message, an alarm) starts a new one.
   */
  async stopServiceWorker(): Promise<void> {
    await this.#withWorkerEvents(async (latest, cdp, seen) => {
      const before = seen.length;
      await cdp.send('ServiceWorker.stopAllWorkers');
      // An open popup may wake the worker again within milliseconds, so the
      // "stopped" report is looked for among every report since the command.
      await until(() => latest() === 'stopped' || seen.slice(before).includes('stopped'), WORKER_TIMEOUT, 'the service worker to stop');
    });
    this.#worker = null;
  }

  /** Starts the worker without sending it anything (for tests that need it running). */
  async wakeServiceWorker(): Promise<Worker> {
    await startWorker(this.#context, this.#extensionId);
    return this.currentServiceWorker();
  }

  /**
   * A handle to the running worker that answers `evaluate`. After a stop,
   * Playwright may keep the old handle (re-bound to the new instance) or report a
   * new one, so this asks each candidate rather than trusting either.
   */
  async currentServiceWorker(timeout = WORKER_TIMEOUT): Promise<Worker> {
    const deadline = Date.now() + timeout;
    while (Date.now() < deadline) {
      if ((await this.workerStatus()) === 'running') {
        const candidates = this.#context
          .serviceWorkers()
          .filter((w) => extensionIdOf(w) === this.#extensionId)
          .reverse();
        for (const worker of candidates) {
          if (await answers(worker)) {
            this.#worker = worker;
            return worker;
          }
        }
      }
      await sleep(100);
    }
    throw new Error('The service worker is not running: wake it with a message or `wakeServiceWorker()`.');
  }

  /**
   * Closes the browser and launches it again on the same profile, as a user
   * quitting and reopening Chrome would. The worker is started through CDP,
   * since nothing else may wake it on a reused profile.
   */
  async restartBrowser(options: { whileClosed?: () => Promise<void> } = {}): Promise<void> {
    await this.#toolbar.disconnect();
    await this.#context.close();
    this.#worker = null;
    await options.whileClosed?.();
    this.#context = await launchWithExtension({
      userDataDir: this.userDataDir,
      extensionDir: this.extensionDir,
      headless: this.headless,
      toolbarDebugPort: this.debugPort,
      ...(this.language ? { language: this.language } : {}),
    });
    const worker = await waitForExtensionWorker(this.#context, { timeout: WORKER_TIMEOUT, knownId: this.#extensionId });
    this.#worker = worker;
    this.#extensionId = extensionIdOf(worker);
  }

  /**
   * Waits until this browser answers `storage.managed.get`, restarting it (same profile) when it
   * stays silent. Some Chromium launches never answer that read for their whole session (about
   * 1 in 6 under two parallel browsers here; SECURITY.md "A browser that never answers"), and
   * Tessera then refuses scans, fills and exports by design. A test of one of those actions that
   * is not about that refusal calls this first, so it tests the action and not the browser.
   * Returns how many restarts it took, and fails saying so when no launch answers.
   */
  async untilPolicyReadAnswered(options: { launches?: number; waitMs?: number } = {}): Promise<number> {
    const launches = options.launches ?? 3;
    const waitMs = options.waitMs ?? 12_000;
    for (let restarts = 0; restarts < launches; restarts++) {
      if (restarts > 0) await this.restartBrowser();
      const worker = await this.currentServiceWorker();
      const answered = await worker.evaluate(async (ms) => {
        const { chrome } = globalThis as unknown as ChromeGlobal;
        const read = chrome.storage.managed.get(null).then(
          () => true,
          () => true, // "no policy" is an answer too
        );
        return Promise.race([read, new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms))]);
      }, waitMs);
      if (answered) return restarts;
    }
    throw new Error(`Chromium did not answer storage.managed.get within ${waitMs} ms in ${launches} launches of this profile.`);
  }

  async close(): Promise<void> {
    await this.#toolbar.disconnect();
    await this.#context.close().catch(() => {});
    await rm(this.userDataDir, { recursive: true, force: true, maxRetries: 3 });
  }

  /** Runs `fn` with a CDP session whose ServiceWorker events track this extension's worker. */
  async #withWorkerEvents<T>(
    fn: (latest: () => WorkerStatus | undefined, cdp: CDPSession, seen: readonly WorkerStatus[]) => Promise<T>,
  ): Promise<T> {
    const page = this.#context.pages()[0] ?? (await this.#context.newPage());
    const cdp = await this.#context.newCDPSession(page);
    const prefix = `chrome-extension://${this.#extensionId}/`;
    const seen: WorkerStatus[] = [];
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      for (const version of versions) {
        if (version.scriptURL.startsWith(prefix) && version.status !== 'redundant') seen.push(version.runningStatus as WorkerStatus);
      }
    });
    try {
      await cdp.send('ServiceWorker.enable');
      return await fn(() => seen.at(-1), cdp, seen);
    } finally {
      await cdp.detach().catch(() => {});
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function until(check: () => boolean, timeout: number, what: string): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await sleep(20);
  }
}

/** True when the worker evaluates within a second (a handle to a stopped worker hangs). */
async function answers(worker: Worker): Promise<boolean> {
  const reply = worker.evaluate(() => true).catch(() => false);
  return Promise.race([reply, sleep(1000).then(() => false)]);
}

export interface TesseraTestFixtures extends ServerTestFixtures {
  /** The unpacked build to load (`test.use({ extensionDir })` for another build, e.g. the pseudo-locale's). */
  extensionDir: string;
  /** The browser's UI language (`test.use({ browserLanguage: 'ar' })`); the system's when unset. */
  browserLanguage: string | undefined;
  extension: ExtensionHarness;
  extensionId: string;
  serviceWorker: Worker;
  openPopup: () => Promise<Page>;
  stopServiceWorker: () => Promise<void>;
  restartBrowser: () => Promise<void>;
}

export type TesseraWorkerFixtures = ServerWorkerFixtures;

export const test = base.extend<TesseraTestFixtures, TesseraWorkerFixtures>({
  extensionDir: [process.env.TESSERA_EXTENSION_DIR ?? DEFAULT_EXTENSION_DIR, { option: true }],
  browserLanguage: [undefined, { option: true }],

  ...serverFixtures,

  extension: async ({ extensionDir, headless, browserLanguage }, use) => {
    const harness = await ExtensionHarness.launch({ extensionDir, headless, ...(browserLanguage ? { language: browserLanguage } : {}) });
    await use(harness);
    await harness.close();
  },

  // Playwright's own `page` fixture opens its tab in this context.
  context: async ({ extension }, use) => use(extension.context),
  extensionId: async ({ extension }, use) => use(extension.extensionId),
  serviceWorker: async ({ extension }, use) => use(extension.serviceWorker),
  openPopup: async ({ extension }, use) => use(() => extension.openPopup()),
  stopServiceWorker: async ({ extension }, use) => use(() => extension.stopServiceWorker()),
  restartBrowser: async ({ extension }, use) => use(() => extension.restartBrowser()),
});
