/**
 * Reads a capture source's pixels in the content script's isolated world, on a canvas that is
 * never attached to the page, without fetching anything and without leaving a trace.
 */
import type { CaptureSource, Rect } from './find-sources';

export type Pixels = { data: Uint8ClampedArray; width: number; height: number };

export type UnreadableReason =
  | 'cross-origin' // tainted canvas, cross-origin frame or background: the screenshot must do
  | 'not-loaded' // an image or video with no decoded pixels yet
  | 'svg-unrenderable' // the serialized SVG would not load as an image (page CSP, broken markup)
  | 'would-fetch' // an http(s) background: loading it again could be a request, so the screenshot reads it
  | 'empty';

export type PixelResult =
  | { status: 'ok'; pixels: Pixels; rect: Rect }
  | { status: 'unreadable'; reason: UnreadableReason; rect: Rect };

/** What reading needs from the environment; defaults use the globals of the content script. */
export type ReadPixelsEnv = {
  /** A canvas that is never inserted into any document. */
  createCanvas?: (width: number, height: number) => OffscreenCanvas | HTMLCanvasElement;
  /** Rasterises serialized SVG markup (defaults: createImageBitmap, then an Image on a blob URL). */
  loadSvg?: (markup: string, width: number, height: number) => Promise<CanvasImageSource>;
  /** Loads a same-origin, data: or blob: image URL (served from cache for a URL the page shows). */
  loadImage?: (url: string) => Promise<CanvasImageSource>;
  /** The page's origin, for deciding which background URLs can be drawn untainted. */
  pageOrigin?: string;
  /**
   * Load same-origin http(s) background images again (default false). Off because a server that
   * sends `no-store` gets a second request, and a scan must make none (security.md §6 item 5):
   * such backgrounds go to the screenshot fallback, which reads the pixels already painted.
   */
  loadSameOriginBackgrounds?: boolean;
};

/** Images are drawn at natural size up to this long side: QR images are far smaller. */
export const MAX_READ_SIDE = 2048;
/** Inline SVG is rasterised at its rendered size times this, at least this many pixels. */
const SVG_OVERSAMPLE = 2;
const SVG_MIN_SIDE = 256;
const SVG_MAX_STYLED_NODES = 4000;

export async function readPixels(source: CaptureSource, env: ReadPixelsEnv = {}): Promise<PixelResult> {
  const rect = source.rect;
  const unreadable = (reason: UnreadableReason): PixelResult => ({ status: 'unreadable', reason, rect });
  const createCanvas = env.createCanvas ?? defaultCreateCanvas(source.element.ownerDocument);
  try {
    switch (source.kind) {
      case 'frame':
        return unreadable('cross-origin');
      case 'img': {
        // Draw the element the page already loaded: no new request at all.
        const img = source.element;
        if (!img.complete || img.naturalWidth === 0) {
          await withTimeout(img.decode(), 300).catch(() => undefined);
        }
        if (img.naturalWidth === 0 || img.naturalHeight === 0) return unreadable('not-loaded');
        return draw(img, img.naturalWidth, img.naturalHeight, createCanvas, rect);
      }
      case 'canvas': {
        const c = source.element;
        if (c.width === 0 || c.height === 0) return unreadable('empty');
        return draw(c, c.width, c.height, createCanvas, rect);
      }
      case 'video': {
        const v = source.element;
        if (v.readyState < 2 || v.videoWidth === 0) return unreadable('not-loaded');
        return draw(v, v.videoWidth, v.videoHeight, createCanvas, rect);
      }
      case 'svg': {
        const width = Math.max(SVG_MIN_SIDE, Math.round(rect.width * SVG_OVERSAMPLE));
        const height = Math.max(1, Math.round((width * rect.height) / Math.max(1, rect.width)));
        const markup = serializeSvg(source.element, width, height);
        let image: CanvasImageSource;
        try {
          image = await (env.loadSvg ?? defaultLoadSvg)(markup, width, height);
        } catch {
          return unreadable('svg-unrenderable');
        }
        return draw(image, width, height, createCanvas, rect);
      }
      case 'background': {
        const origin = env.pageOrigin ?? source.element.ownerDocument.location?.origin;
        if (!drawableUrl(source.url, origin)) return unreadable('cross-origin');
        const local = source.url.startsWith('data:') || source.url.startsWith('blob:');
        if (!local && !env.loadSameOriginBackgrounds) return unreadable('would-fetch');
        let image: CanvasImageSource;
        try {
          image = await (env.loadImage ?? defaultLoadImage)(source.url);
        } catch {
          return unreadable('not-loaded');
        }
        const { width, height } = intrinsicSize(image);
        if (width === 0 || height === 0) return unreadable('not-loaded');
        return draw(image, width, height, createCanvas, rect);
      }
    }
  } catch (error) {
    // A tainted canvas refuses getImageData: the caller falls back to a screenshot of `rect`.
    if (isSecurityError(error)) return unreadable('cross-origin');
    throw error;
  }
}

/** True for URLs whose pixels can be read without tainting the canvas or a cross-site load. */
export function drawableUrl(url: string, pageOrigin: string | undefined): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:')) return true;
  try {
    return pageOrigin !== undefined && new URL(url).origin === pageOrigin;
  } catch {
    return false;
  }
}

function draw(
  image: CanvasImageSource,
  naturalWidth: number,
  naturalHeight: number,
  createCanvas: NonNullable<ReadPixelsEnv['createCanvas']>,
  rect: Rect,
): PixelResult {
  const k = Math.min(1, MAX_READ_SIDE / Math.max(naturalWidth, naturalHeight));
  const width = Math.max(1, Math.round(naturalWidth * k));
  const height = Math.max(1, Math.round(naturalHeight * k));
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true }) as
    | CanvasRenderingContext2D
    | OffscreenCanvasRenderingContext2D
    | null;
  if (!ctx) return { status: 'unreadable', reason: 'empty', rect };
  // Nearest-neighbour when scaling: smoothing blurs module edges.
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(image, 0, 0, width, height);
  const data = ctx.getImageData(0, 0, width, height);
  // Release the backing store at once (the canvas itself is garbage once we return).
  canvas.width = 0;
  canvas.height = 0;
  return { status: 'ok', pixels: { data: data.data, width, height }, rect };
}

/**
 * Standalone SVG markup of an inline <svg>, sized for rasterising. Page stylesheets do not apply
 * to an SVG loaded as an image, so each node's computed fill/stroke/opacity is inlined on the
 * clone (the page's own nodes are never touched).
 */
export function serializeSvg(svg: SVGSVGElement, width: number, height: number): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const view = svg.ownerDocument.defaultView;
  const originals = [svg, ...Array.from(svg.querySelectorAll('*'))];
  const copies = [clone, ...Array.from(clone.querySelectorAll('*'))];
  if (view && originals.length <= SVG_MAX_STYLED_NODES && originals.length === copies.length) {
    originals.forEach((el, i) => {
      const s = view.getComputedStyle(el);
      const parts: string[] = [];
      for (const prop of ['fill', 'fill-opacity', 'stroke', 'stroke-width', 'opacity', 'color', 'visibility']) {
        const value = s.getPropertyValue(prop);
        if (value) parts.push(`${prop}:${value}`);
      }
      if (parts.length > 0) copies[i]!.setAttribute('style', `${copies[i]!.getAttribute('style') ?? ''};${parts.join(';')}`);
    });
  }
  // Without a viewBox, resizing would crop instead of scale; plain pixel sizes give one.
  const plain = /^\s*(\d+(?:\.\d+)?)(?:px)?\s*$/;
  const w = plain.exec(svg.getAttribute('width') ?? '');
  const h = plain.exec(svg.getAttribute('height') ?? '');
  if (!clone.getAttribute('viewBox') && w && h) clone.setAttribute('viewBox', `0 0 ${w[1]} ${h[1]}`);
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  return new XMLSerializer().serializeToString(clone);
}

function defaultCreateCanvas(doc: Document): NonNullable<ReadPixelsEnv['createCanvas']> {
  return (width, height) => {
    if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(width, height);
    // Created in the page's document but never inserted: no node appears in the page.
    const canvas = doc.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    return canvas;
  };
}

async function defaultLoadSvg(markup: string, width: number, height: number): Promise<CanvasImageSource> {
  const blob = new Blob([markup], { type: 'image/svg+xml' });
  try {
    return await createImageBitmap(blob, { resizeWidth: width, resizeHeight: height });
  } catch {
    // Chromium and Firefox do not decode SVG blobs in createImageBitmap: use an Image instead.
    return defaultLoadImage(blob);
  }
}

async function defaultLoadImage(source: string | Blob): Promise<CanvasImageSource> {
  const url = typeof source === 'string' ? source : URL.createObjectURL(source);
  try {
    const img = new Image();
    img.decoding = 'sync';
    img.src = url;
    await withTimeout(img.decode(), 1000);
    return img;
  } finally {
    // Revoked as soon as it is decoded: the page cannot find a URL of ours afterwards.
    if (typeof source !== 'string') URL.revokeObjectURL(url);
  }
}

function intrinsicSize(image: CanvasImageSource): { width: number; height: number } {
  if ('naturalWidth' in image) return { width: image.naturalWidth, height: image.naturalHeight };
  if ('videoWidth' in image) return { width: image.videoWidth, height: image.videoHeight };
  const w = (image as { width: number | SVGAnimatedLength }).width;
  const h = (image as { height: number | SVGAnimatedLength }).height;
  return { width: typeof w === 'number' ? w : w.baseVal.value, height: typeof h === 'number' ? h : h.baseVal.value };
}

function isSecurityError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'SecurityError';
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error('failed'));
      },
    );
  });
}
