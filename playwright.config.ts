import { defineConfig } from '@playwright/test';
import { sharedConfig } from './playwright.base';

// End-to-end tests load the production build (.output/chrome-mv3) into Chromium;
// `npm test` builds first. Each test gets a fresh profile, so two workers are
// as many as two cores carry (in CI too: one worker took over 20 minutes).
export default defineConfig({
  ...sharedConfig,
  testDir: 'tests/e2e',
  globalSetup: './tests/e2e/global-setup.ts',
  workers: 2,
  outputDir: 'test-results',
  use: {
    headless: !process.env.HEADED,
    actionTimeout: 10_000,
    navigationTimeout: 15_000,
  },
});
