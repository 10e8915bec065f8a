/** The one place settings are read from and written to `storage.local` (never secrets). */
import { browser } from 'wxt/browser';
import { normalizeSettings, type Settings } from '../settings';

/**
 * One key, read defensively (`normalizeSettings` gives every missing or invalid field its
 * default, which is how older or newer shapes are read). Plain `storage.local` rather than a
 * WXT storage item: the item reads its key once when defined and again on every get, and the
 * popup waits on that second read before it can draw.
 */
const SETTINGS_KEY = 'settings';

export async function loadSettings(): Promise<Settings> {
  const stored = await browser.storage.local.get(SETTINGS_KEY);
  return normalizeSettings(stored[SETTINGS_KEY] as Parameters<typeof normalizeSettings>[0]);
}

export async function saveSettings(patch: Partial<Settings>): Promise<Settings> {
  const next = normalizeSettings({ ...(await loadSettings()), ...patch });
  await browser.storage.local.set({ [SETTINGS_KEY]: next });
  return next;
}

export function watchSettings(callback: (settings: Settings) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    const change = changes[SETTINGS_KEY];
    if (area === 'local' && change) callback(normalizeSettings(change.newValue as Parameters<typeof normalizeSettings>[0]));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
