/** The browser calls of QR capture: inject the capture script into a tab's top frame, and screenshot the visible tab. */
import { browser } from 'wxt/browser';
import type { QrImage } from '../qr';

/** Built by WXT from entrypoints/capture/index.ts. */
const CAPTURE_SCRIPT = '/capture.js';

/** The top frame only: same-origin frames are read from it, others only by the screenshot. Returns the script's raw report. */
export async function injectCaptureScript(tabId: number): Promise<unknown> {
  const [injection] = await browser.scripting.executeScript({
    target: { tabId, frameIds: [0] },
    files: [CAPTURE_SCRIPT],
  });
  return injection?.result;
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
