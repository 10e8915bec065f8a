/**
 * One headless Chromium with the production build, shared by the popup and worker benchmarks:
 * seeds accounts through the worker's own message contract (from a quiet extension page) and
 * stops the worker the way Chrome does when it idles out (CDP `ServiceWorker.stopAllWorkers`).
 */
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, CDPSession, Page, Worker } from '@playwright/test';
import { closeWelcomePage, DEFAULT_EXTENSION_DIR, extensionIdOf, launchWithExtension, unpackedExtensionId, waitForExtensionWorker } from '../e2e/support/launch';

/** The build to measure: `.output/chrome-mv3`, or `TESSERA_EXTENSION_DIR` as for the e2e tests. */
export function benchExtensionDir(): string {
  return process.env.TESSERA_EXTENSION_DIR ?? DEFAULT_EXTENSION_DIR;
}

/**
 * Copies the build to a temporary directory and measures that copy from then on, so a rebuild
 * during the run (another terminal, a watcher) cannot swap files under the browser.
 */
export async function snapshotBuild(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const source = benchExtensionDir();
  const dir = await mkdtemp(path.join(tmpdir(), 'tessera-bench-build-'));
  await cp(source, dir, { recursive: true });
  process.env.TESSERA_EXTENSION_DIR = dir;
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

const ALGORITHMS = ['SHA1', 'SHA1', 'SHA1', 'SHA256', 'SHA512'] as const;
const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** One bench account, as both Tessera (import) and the floor extension (storage.local) take it. */
export type BenchAccount = {
  kind: 'totp' | 'steam';
  issuer: string;
  account: string;
  secret: string;
  algorithm: (typeof ALGORITHMS)[number];
  digits: number;
  period: number;
};

/**
 * The same accounts on every run and for every extension measured (mixed algorithms, some
 * 8-digit, every 10th Steam): secrets come from a fixed-seed PRNG (mulberry32), not the clock.
 */
export function benchAccounts(total: number): BenchAccount[] {
  let state = 0x7e55e7a;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
  return Array.from({ length: total }, (_, i) => {
    const secret = Array.from({ length: 32 }, () => B32[next() & 31]).join('');
    const steam = i % 10 === 9;
    return {
      kind: steam ? 'steam' : 'totp',
      issuer: `Service ${String(i).padStart(4, '0')}`,
      account: `user${i}@example.com`,
      secret,
      algorithm: steam ? 'SHA1' : ALGORITHMS[i % ALGORITHMS.length]!,
      digits: steam ? 5 : i % 7 === 0 ? 8 : 6,
      period: 30,
    };
  });
}

export class BenchSession {
  /** `offscreen.html` in a tab: an extension page that sends two messages and then stays idle. */
  #quietPage: Page | null = null;
  #seeded = 0;
  /** Init scripts, added again to the context after each restart. */
  readonly #initScripts: Array<Parameters<BrowserContext['addInitScript']>[0]> = [];

  private constructor(
    public context: BrowserContext,
    readonly extensionId: string,
    private readonly userDataDir: string,
    readonly extensionDir: string,
    /** False for a floor extension, which is seeded through storage.local. */
    readonly isTessera: boolean,
    /** Tessera, and the floor whose codes come from a worker: what `stopWorker` stops. */
    readonly hasWorker: boolean,
  ) {}

  /** Tessera's build (`benchExtensionDir()`), or a floor extension (`floor: true`; floor-extension.ts). */
  static async launch(options: { extensionDir?: string; profilePrefix?: string; floor?: boolean } = {}): Promise<BenchSession> {
    const extensionDir = options.extensionDir ?? benchExtensionDir();
    const userDataDir = await mkdtemp(path.join(tmpdir(), options.profilePrefix ?? 'tessera-bench-profile-'));
    const manifest = JSON.parse(await readFile(path.join(extensionDir, 'manifest.json'), 'utf8')) as { background?: unknown };
    const context = await launchWithExtension({ userDataDir, extensionDir, headless: true });
    const session = new BenchSession(
      context,
      unpackedExtensionId(extensionDir),
      userDataDir,
      extensionDir,
      !options.floor,
      manifest.background !== undefined,
    );
    // tsx (esbuild keepNames) wraps named functions in `__name(...)`; functions sent to a page need it.
    await session.addInitScript({ content: 'globalThis.__name ??= (fn) => fn;' });
    if (session.hasWorker) await waitForExtensionWorker(context, { timeout: 15_000, knownId: session.extensionId });
    if (session.isTessera) {
      // The first install opens the welcome page; a person reads it and closes it, and an idle
      // extension page left open would share the popup's process through every measurement.
      await closeWelcomePage(context, session.extensionId);
    }
    return session;
  }

  async addInitScript(script: Parameters<BrowserContext['addInitScript']>[0]): Promise<void> {
    this.#initScripts.push(script);
    await this.context.addInitScript(script);
  }

  /**
   * Quits the browser, starts it again on the same profile, as a person does, and opens `pathname`
   * in the session's first tab as soon as the browser is up (nothing of ours woke the worker
   * before). Until Chromium has loaded the extension the navigation fails; it is then tried again
   * at once, so the page's own clock starts with the navigation that loaded it.
   */
  async restartAndOpen(pathname: string, viewport?: { width: number; height: number }): Promise<Page> {
    this.#quietPage = null;
    await this.context.close();
    this.context = await launchWithExtension({ userDataDir: this.userDataDir, extensionDir: this.extensionDir, headless: true });
    for (const script of this.#initScripts) await this.context.addInitScript(script);
    const page = this.context.pages()[0] ?? (await this.context.newPage());
    if (viewport) await page.setViewportSize(viewport);
    const deadline = Date.now() + 15_000;
    for (;;) {
      // An extension not loaded yet fails the navigation or shows an error page (no extension API).
      const loaded = await page
        .goto(this.url(pathname))
        .then(() => page.evaluate(() => Boolean((globalThis as { chrome?: { runtime?: { id?: string } } }).chrome?.runtime?.id)))
        .catch(() => false);
      if (loaded) return page;
      if (Date.now() > deadline) throw new Error('the extension did not load after the restart');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  get accounts(): number {
    return this.#seeded;
  }

  url(pathname: string): string {
    return `chrome-extension://${this.extensionId}/${pathname}`;
  }

  async quietPage(): Promise<Page> {
    if (!this.#quietPage) {
      this.#quietPage = await this.context.newPage();
      await this.#quietPage.goto(this.url(this.isTessera ? 'offscreen.html' : 'quiet.html'));
    }
    return this.#quietPage;
  }

  /** Adds TOTP accounts (mixed algorithms, some 8-digit, every 10th Steam) until there are `total`. */
  async seedTo(total: number): Promise<{ ms: number; via: string }> {
    if (!this.isTessera) return this.#seedFloor(total);
    const requests = benchAccounts(total)
      .slice(this.#seeded)
      .map((fields) => ({ source: { fields }, sites: [], deviceBound: false }));
    const page = await this.quietPage();
    const started = performance.now();
    const failures = await page.evaluate(async (batch) => {
      const { chrome } = globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<any> } } };
      const send = (name: string, payload: unknown) => chrome.runtime.sendMessage({ tessera: 1, name, payload });
      // A batched import (one addMany per 250) when this build has it; one add at a time otherwise,
      // which costs O(n²) because every add checks the stored accounts for duplicates.
      const candidates = batch.map((request) => ({ account: request.source.fields }));
      const first = await send('commitImport', { candidates: candidates.slice(0, 250), onConflict: 'keep-both' });
      if (first?.ok) {
        let added = first.value.added as number;
        for (let i = 250; i < candidates.length; i += 250) {
          const reply = await send('commitImport', { candidates: candidates.slice(i, i + 250), onConflict: 'keep-both' });
          if (!reply?.ok) return [JSON.stringify(reply?.error)];
          added += reply.value.added;
        }
        return added === batch.length ? 'commitImport' : [`import added ${added} of ${batch.length}`];
      }
      const failed: string[] = [];
      for (const payload of batch) {
        const reply = await send('addAccount', payload);
        if (!reply?.ok || reply.value.status !== 'added') failed.push(JSON.stringify(reply?.error ?? reply?.value?.status));
      }
      return failed.length > 0 ? failed : 'addAccount';
    }, requests);
    if (typeof failures !== 'string') throw new Error(`seeding failed for ${failures.length} accounts: ${failures[0]}`);
    this.#seeded = total;
    return { ms: performance.now() - started, via: `${failures} messages` };
  }

  /** The floor keeps plain accounts in storage.local: written from its own page. */
  async #seedFloor(total: number): Promise<{ ms: number; via: string }> {
    const page = await this.quietPage();
    const started = performance.now();
    await page.evaluate(async (accounts) => {
      const { chrome } = globalThis as unknown as { chrome: { storage: { local: { set(items: object): Promise<void> } } } };
      await chrome.storage.local.set({ accounts });
    }, benchAccounts(total));
    this.#seeded = total;
    return { ms: performance.now() - started, via: 'storage.local' };
  }

  /** Stops every service worker and resolves once Chromium reports ours stopped. */
  async stopWorker(): Promise<void> {
    // The quiet page stays open for the whole session (another tab may be closing meanwhile).
    const cdp: CDPSession = await this.context.newCDPSession(await this.quietPage());
    const prefix = `chrome-extension://${this.extensionId}/`;
    let status: string | undefined;
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      for (const v of versions) if (v.scriptURL.startsWith(prefix)) status = v.runningStatus;
    });
    try {
      await cdp.send('ServiceWorker.enable');
      // A worker that is still starting may ignore the stop: it is asked again until it reports stopped.
      const deadline = Date.now() + 15_000;
      let askedAt = 0;
      while (status !== 'stopped') {
        if (Date.now() > deadline) throw new Error('the service worker did not stop');
        if (Date.now() - askedAt > 500) {
          askedAt = Date.now();
          await cdp.send('ServiceWorker.stopAllWorkers');
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    } finally {
      await cdp.detach().catch(() => {});
    }
  }

  /** A handle to the running worker (wakes it with a harmless message first). */
  async worker(): Promise<Worker> {
    const page = await this.quietPage();
    await page.evaluate(() =>
      (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({
        tessera: 1,
        name: 'getVaultStatus',
      }),
    );
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      for (const worker of this.context.serviceWorkers().filter((w) => extensionIdOf(w) === this.extensionId).reverse()) {
        const alive = await Promise.race([
          worker.evaluate(() => true).catch(() => false),
          new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 1000)),
        ]);
        if (alive) return worker;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('no running service worker');
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => {});
    await rm(this.userDataDir, { recursive: true, force: true, maxRetries: 3 });
  }
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

export function ms(value: number): string {
  return `${value.toFixed(value < 10 ? 1 : 0)} ms`;
}
