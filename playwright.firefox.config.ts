import { defineConfig } from '@playwright/test';
import { sharedConfig } from './playwright.base';

// The Firefox suite: Playwright Test is the runner, the browser is Firefox ESR driven by
// puppeteer-core over WebDriver BiDi (tests/e2e-firefox/support/firefox.ts). It runs the
// production Firefox build (.output/firefox-mv3); `npm test` builds it first.
export default defineConfig({
  ...sharedConfig,
  testDir: 'tests/e2e-firefox',
  globalSetup: './tests/e2e-firefox/global-setup.ts',
  // Each test starts its own Firefox (~3 s); one at a time leaves the second core to the page.
  workers: 1,
  outputDir: 'test-results/firefox',
});
