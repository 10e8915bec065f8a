/**
 * The screenshot fallback's geometry and decoding: maps CSS-pixel rects of unreadable elements
 * onto a `captureVisibleTab` image (any DPR, any page zoom) and decodes those crops first.
 */
import { decodeQrCodes, type DecodedQr, type QrImage, type QrPixelSource } from '@/lib/qr';
import type { Rect } from './find-sources';

export type ScreenshotView = {
  screenshotWidth: number;
  screenshotHeight: number;
  /** window.innerWidth in CSS pixels (page zoom already applied). */
  innerWidth: number;
  /** window.devicePixelRatio (includes page zoom in Chromium); used only when innerWidth is unknown. */
  devicePixelRatio?: number;
};

/** Padding around each rect, in CSS pixels, so a code's quiet zone is inside the crop. */
export const CROP_PADDING_CSS = 16;

/**
 * Screenshot pixels per CSS pixel. The screenshot's width over innerWidth captures both the
 * device pixel ratio and page zoom (at 150 % zoom innerWidth shrinks); devicePixelRatio alone
 * misses zoom on some platforms, the cause of the incumbent's HiDPI/zoom bugs.
 */
export function screenshotScale(view: ScreenshotView): number {
  if (!(view.screenshotWidth > 0)) throw new RangeError('view.screenshotWidth must be positive');
  if (view.innerWidth > 0) return view.screenshotWidth / view.innerWidth;
  if (view.devicePixelRatio && view.devicePixelRatio > 0) return view.devicePixelRatio;
  throw new RangeError('view.innerWidth or view.devicePixelRatio must be positive');
}

/** Integer crop rects in screenshot pixels for CSS-pixel rects: scaled, padded, clamped, non-empty. */
export function cropRects(rects: readonly Rect[], view: ScreenshotView, paddingCss = CROP_PADDING_CSS): Rect[] {
  const s = screenshotScale(view);
  const out: Rect[] = [];
  for (const r of rects) {
    const x0 = Math.max(0, Math.floor((r.x - paddingCss) * s));
    const y0 = Math.max(0, Math.floor((r.y - paddingCss) * s));
    const x1 = Math.min(view.screenshotWidth, Math.ceil((r.x + r.width + paddingCss) * s));
    const y1 = Math.min(view.screenshotHeight, Math.ceil((r.y + r.height + paddingCss) * s));
    if (x1 - x0 >= 8 && y1 - y0 >= 8) out.push({ x: x0, y: y0, width: x1 - x0, height: y1 - y0 });
  }
  return out;
}

/**
 * Decodes the crops first (cheap, and the elements we know are there), then the whole frame if
 * the crops found nothing. Bounds are in screenshot pixels; each text is returned once. Only
 * what is decoded is read from `shot`: drawing and reading every pixel of a 2560×1600
 * screenshot took ~90–120 ms in the worker here, more than decoding its PNG, and the crops are
 * a small part of it.
 */
export function decodeScreenshot(
  shot: QrPixelSource,
  crops: readonly Rect[] = [],
  decode: (image: QrImage) => DecodedQr[] = decodeQrCodes,
): DecodedQr[] {
  const found: DecodedQr[] = [];
  const add = (codes: DecodedQr[], dx: number, dy: number) => {
    for (const c of codes) {
      if (found.some((f) => f.text === c.text)) continue;
      found.push({ text: c.text, bounds: { ...c.bounds, x: c.bounds.x + dx, y: c.bounds.y + dy } });
    }
  };
  for (const crop of crops) {
    const region = insideImage(shot, crop);
    if (region) add(decode(shot.read(region)), region.x, region.y);
  }
  if (found.length === 0) add(decode(shot.read({ x: 0, y: 0, width: shot.width, height: shot.height })), 0, 0);
  return found;
}

/** `r` in whole pixels, clamped to the image; null when nothing of it is inside. */
function insideImage(image: { width: number; height: number }, r: Rect): Rect | null {
  const x = Math.max(0, Math.floor(r.x));
  const y = Math.max(0, Math.floor(r.y));
  const width = Math.min(image.width, Math.ceil(r.x + r.width)) - x;
  const height = Math.min(image.height, Math.ceil(r.y + r.height)) - y;
  return width > 0 && height > 0 ? { x, y, width, height } : null;
}
