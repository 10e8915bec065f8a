/**
 * The browser calls of QR capture: inject the capture script into a tab's top frame, screenshot
 * the visible tab and decode it in the worker, and keep pending findings in session storage.
 */
import { browser } from 'wxt/browser';
import type { CaptureFlowDeps, TabFacts } from '../capture/capture-flow';
import { parseScanReport, type PageScanReport } from '../capture/page-scan';
import type { StoredCapture } from '../capture/review';
import type { QrImage } from '../qr/decode';
import { assertCaptureAllowed } from '../policy-parse';
import { currentPolicy } from './policy';

/** Built by WXT from entrypoints/capture/index.ts. */
const CAPTURE_SCRIPT = '/capture.js';
/**
 * storage.session: the findings hold secrets, so they never go to local/sync storage, and the
 * session area is closed to content scripts (its default access level).
 */
const PENDING_KEY = 'capture:pending';

export async function tabFacts(tabId: number): Promise<TabFacts> {
  const tab = await browser.tabs.get(tabId);
  return { url: tab.url ?? null, windowId: tab.windowId, active: tab.active };
}

/** The top frame only: same-origin frames are read from it, others only by the screenshot. */
export async function scanTab(tabId: number): Promise<PageScanReport> {
  const [injection] = await browser.scripting.executeScript({
    target: { tabId, frameIds: [0] },
    files: [CAPTURE_SCRIPT],
  });
  return parseScanReport(injection?.result);
}

/** The pixels already painted (no request for any image), as RGBA at device resolution. */
export async function screenshot(windowId: number): Promise<QrImage> {
  const dataUrl = await browser.tabs.captureVisibleTab(windowId, { format: 'png' });
  // Decoded from the data URL's bytes in place: no fetch, not even of a data: URL.
  const base64 = dataUrl.slice(dataUrl.indexOf(',') + 1);
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
  try {
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new Error('no 2d context');
    ctx.drawImage(bitmap, 0, 0);
    const { data, width, height } = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
    return { data, width, height };
  } finally {
    bitmap.close();
  }
}

export async function loadPendingCapture(): Promise<StoredCapture | null> {
  const stored = await browser.storage.session.get(PENDING_KEY);
  return (stored[PENDING_KEY] as StoredCapture | undefined) ?? null;
}

export async function savePendingCapture(capture: StoredCapture | null): Promise<void> {
  if (capture === null) await browser.storage.session.remove(PENDING_KEY);
  else await browser.storage.session.set({ [PENDING_KEY]: capture });
}

export const browserCaptureDeps: Omit<CaptureFlowDeps, 'vault'> = {
  tab: tabFacts,
  scanTab,
  screenshot,
  load: loadPendingCapture,
  save: savePendingCapture,
  allowScan: async (url) => assertCaptureAllowed(url, await currentPolicy()),
};

/** The active tab of the focused window, for triggers that do not name one. */
export async function activeTabId(): Promise<number | null> {
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  return tab?.id ?? null;
}

export const CAPTURE_MENU_ID = 'tessera-capture-qr';
export const CAPTURE_COMMAND = 'scan-page';

/** Registered on install/update: context menu items persist across worker restarts. */
export function createCaptureMenu(): void {
  browser.contextMenus.create(
    { id: CAPTURE_MENU_ID, title: 'Add QR code to Tessera', contexts: ['image', 'page'] },
    // A duplicate id after an update is harmless; reading lastError keeps Chrome quiet.
    () => void browser.runtime.lastError,
  );
}

/** Runs `scan` for the tab a context-menu click or the keyboard command names. */
export function onCaptureTriggers(scan: (tabId: number) => Promise<void>): void {
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === CAPTURE_MENU_ID && tab?.id !== undefined) void scan(tab.id);
  });
  browser.commands.onCommand.addListener((command, tab) => {
    if (command !== CAPTURE_COMMAND) return;
    void (async () => {
      const tabId = tab?.id ?? (await activeTabId());
      if (tabId !== null && tabId !== undefined) await scan(tabId);
    })();
  });
}
