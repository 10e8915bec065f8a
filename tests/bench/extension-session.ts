/**
 * One headless Chromium with the production build, shared by the popup and worker benchmarks:
 * seeds accounts through the worker's own message contract (from a quiet extension page) and
 * stops the worker the way Chrome does when it idles out (CDP `ServiceWorker.stopAllWorkers`).
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, CDPSession, Page, Worker } from '@playwright/test';
import { DEFAULT_EXTENSION_DIR, extensionIdOf, launchWithExtension, waitForExtensionWorker } from '../e2e/support/launch';

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

export class BenchSession {
  /** `offscreen.html` in a tab: an extension page that sends two messages and then stays idle. */
  #quietPage: Page | null = null;
  #seeded = 0;

  private constructor(
    readonly context: BrowserContext,
    readonly extensionId: string,
    private readonly userDataDir: string,
  ) {}

  static async launch(): Promise<BenchSession> {
    const userDataDir = await mkdtemp(path.join(tmpdir(), 'tessera-bench-profile-'));
    const context = await launchWithExtension({ userDataDir, extensionDir: benchExtensionDir(), headless: true });
    // tsx (esbuild keepNames) wraps named functions in `__name(...)`; functions sent to a page need it.
    await context.addInitScript({ content: 'globalThis.__name ??= (fn) => fn;' });
    const worker = await waitForExtensionWorker(context, { timeout: 15_000 });
    return new BenchSession(context, extensionIdOf(worker), userDataDir);
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
      await this.#quietPage.goto(this.url('offscreen.html'));
    }
    return this.#quietPage;
  }

  /** Adds TOTP accounts (mixed algorithms, some 8-digit, every 10th Steam) until there are `total`. */
  async seedTo(total: number): Promise<{ ms: number; via: string }> {
    const from = this.#seeded;
    const requests = Array.from({ length: total - from }, (_, k) => {
      const i = from + k;
      const secret = Array.from(crypto.getRandomValues(new Uint8Array(20)), (b) => B32[b & 31]).join('');
      const steam = i % 10 === 9;
      return {
        source: {
          fields: {
            kind: steam ? 'steam' : 'totp',
            issuer: `Service ${String(i).padStart(4, '0')}`,
            account: `user${i}@example.com`,
            secret,
            algorithm: steam ? 'SHA1' : ALGORITHMS[i % ALGORITHMS.length]!,
            digits: steam ? 5 : i % 7 === 0 ? 8 : 6,
            period: 30,
          },
        },
        sites: [],
        deviceBound: false,
      };
    });
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

  /** Stops every service worker and resolves once Chromium reports ours stopped. */
  async stopWorker(): Promise<void> {
    const page = this.context.pages()[0] ?? (await this.context.newPage());
    const cdp: CDPSession = await this.context.newCDPSession(page);
    const prefix = `chrome-extension://${this.extensionId}/`;
    let status: string | undefined;
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      for (const v of versions) if (v.scriptURL.startsWith(prefix)) status = v.runningStatus;
    });
    try {
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      const deadline = Date.now() + 15_000;
      while (status !== 'stopped') {
        if (Date.now() > deadline) throw new Error('the service worker did not stop');
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
