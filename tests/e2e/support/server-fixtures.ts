/**
 * The fixture-server fixtures both end-to-end suites (Chromium and Firefox) extend: one server
 * per worker, its request log and extra headers reset for each test.
 */
import type { Fixtures } from '@playwright/test';
import { startFixtureServer, type FixtureServer } from './server';

export interface ServerTestFixtures {
  /** The fixture server, with its request log and extra headers reset for this test. */
  server: FixtureServer;
  /** `https://<host>.test:<port>/<path>` on the fixture server. */
  site: (host: string, pathname?: string) => string;
}

export interface ServerWorkerFixtures {
  fixtureServer: FixtureServer;
}

export const serverFixtures: Fixtures<ServerTestFixtures, ServerWorkerFixtures> = {
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
};
