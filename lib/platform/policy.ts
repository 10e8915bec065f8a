/**
 * Reads the administrator's policy area, `storage.managed`. The browser fills it from enterprise
 * policy (Chromium: `3rdparty.extensions.<id>`); nobody else can write it. Parsing and caching
 * are the worker's (`lib/worker/policy.ts`).
 */
import { browser } from 'wxt/browser';

/** The raw managed area; rejects where the browser has none (some builds, Firefox without a policy file). */
export function readManagedStorage(): Promise<unknown> {
  return browser.storage.managed.get(null);
}
