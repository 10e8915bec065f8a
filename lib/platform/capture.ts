/** The browser calls of QR capture: inject the capture script into a tab's top frame, and screenshot the visible tab. */
import { browser } from 'wxt/browser';
import type { QrPixelSource } from '../qr';

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

/**
 * The pixels already painted (no request for any image), at device resolution, read as RGBA a
 * region at a time (see `decodeScreenshot`): each region is drawn alone into a canvas of its
 * size. At 2560×1600 drawing the whole image took ~45 ms in the worker here and reading all its
 * pixels ~45 ms more; a 500-px crop drawn alone, ~7 ms. The caller closes it.
 */
export async function screenshot(windowId: number): Promise<QrPixelSource> {
  const dataUrl = await browser.tabs.captureVisibleTab(windowId, { format: 'png' });
  // Decoded from the data URL's bytes in place: no fetch, not even of a data: URL.
  const base64 = dataUrl.slice(dataUrl.indexOf(',') + 1);
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
  return {
    width: bitmap.width,
    height: bitmap.height,
    read: ({ x, y, width, height }) => {
      const ctx = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true });
      if (!ctx) throw new Error('no 2d context');
      ctx.drawImage(bitmap, x, y, width, height, 0, 0, width, height);
      return { data: ctx.getImageData(0, 0, width, height).data, width, height };
    },
    close: () => bitmap.close(),
  };
}
