/**
 * Playwright Test fixtures for the Firefox suite: Playwright is only the runner here (its
 * `expect`, retries and report); the browser is Firefox ESR under puppeteer-core (see
 * support/firefox.ts). One fixture server per worker, a fresh Firefox profile per test.
 *
 * ```ts
 * import { test, expect } from './fixtures';
 * test('...', async ({ firefox, site }) => { ... });
 * ```
 */
import { test as base, expect } from '@playwright/test';
import { serverFixtures, type ServerTestFixtures, type ServerWorkerFixtures } from '../e2e/support/server-fixtures';
import { DEFAULT_FIREFOX_EXTENSION_DIR, FirefoxSession, type FirefoxHarness } from './support/firefox';

export { expect };
export type { FirefoxHarness };

/**
 * Every host name the suite opens; Firefox maps exactly these to 127.0.0.1
 * (`network.dns.localDomains` takes names, not a `*.test` pattern): add a new one here.
 */
export const TEST_HOSTS = ['acme.test', 'cdn.test', 'tracker.test', 'example.test', 'other.test'] as const;

export interface FirefoxTestFixtures extends ServerTestFixtures {
  firefox: FirefoxHarness;
}

export interface FirefoxWorkerFixtures extends ServerWorkerFixtures {
  firefoxSession: FirefoxSession;
}

export const test = base.extend<FirefoxTestFixtures, FirefoxWorkerFixtures>({
  ...serverFixtures,

  firefoxSession: [
    async ({}, use) => {
      const session = await FirefoxSession.launch({ hosts: TEST_HOSTS });
      await use(session);
      await session.close();
    },
    { scope: 'worker' },
  ],

  firefox: async ({ firefoxSession }, use) => {
    const extensionDir = process.env.TESSERA_FIREFOX_EXTENSION_DIR ?? DEFAULT_FIREFOX_EXTENSION_DIR;
    const harness = await firefoxSession.install(extensionDir);
    await use(harness);
    await harness.uninstall();
  },
});
