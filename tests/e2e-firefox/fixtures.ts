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
import { startFixtureServer, type FixtureServer } from '../e2e/support/server';
import { DEFAULT_FIREFOX_EXTENSION_DIR, FirefoxSession, type FirefoxHarness } from './support/firefox';

export { expect };
export type { FirefoxHarness };

/**
 * Every host name the suite opens; Firefox maps exactly these to 127.0.0.1
 * (`network.dns.localDomains` takes names, not a `*.test` pattern).
 */
export const TEST_HOSTS = ['acme.test', 'cdn.test', 'tracker.test', 'example.test', 'other.test'] as const;
export type TestHost = (typeof TEST_HOSTS)[number];

export interface FirefoxTestFixtures {
  server: FixtureServer;
  /** `https://<host>:<port>/<path>` on the fixture server, for a host Firefox resolves. */
  site: (host: TestHost, pathname?: string) => string;
  firefox: FirefoxHarness;
}

export interface FirefoxWorkerFixtures {
  fixtureServer: FixtureServer;
  firefoxSession: FirefoxSession;
}

export const test = base.extend<FirefoxTestFixtures, FirefoxWorkerFixtures>({
  fixtureServer: [
    async ({}, use) => {
      const server = await startFixtureServer();
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],

  server: async ({ fixtureServer }, use) => {
    fixtureServer.clearRequests();
    fixtureServer.resetHeaders();
    await use(fixtureServer);
  },

  site: async ({ fixtureServer }, use) => {
    await use((host, pathname = '/') => fixtureServer.url(host, pathname));
  },

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
