/**
 * Enumerates what on a page might be a visible QR code (images, canvases, inline SVG, CSS
 * backgrounds, video frames, open shadow roots, same-origin frames), most likely first; pure DOM.
 */

/** A rectangle in CSS pixels of the top-level viewport. */
export type Rect = { x: number; y: number; width: number; height: number };

export type SourceKind = 'img' | 'canvas' | 'svg' | 'background' | 'video' | 'frame';

type SourceBase = {
  rect: Rect;
  /**
   * On screen and not hidden (display:none, visibility:hidden, opacity ≈ 0 anywhere up the tree).
   * A code the person cannot see is not taken: a page could otherwise slip in a hidden code the
   * user never saw, and the confirmation would show an account they did not ask for.
   */
  visible: boolean;
};

export type CaptureSource =
  | (SourceBase & { kind: 'img'; element: HTMLImageElement; url: string })
  | (SourceBase & { kind: 'canvas'; element: HTMLCanvasElement })
  | (SourceBase & { kind: 'svg'; element: SVGSVGElement })
  | (SourceBase & { kind: 'background'; element: Element; url: string })
  | (SourceBase & { kind: 'video'; element: HTMLVideoElement })
  /** A frame whose document cannot be read (cross-origin): only a screenshot can see into it. */
  | (SourceBase & { kind: 'frame'; element: HTMLIFrameElement | HTMLFrameElement; unreadable: 'cross-origin' });

/** The parts of `Window` this module reads, so tests can pass their own. */
export type WindowLike = Pick<Window, 'getComputedStyle' | 'innerWidth' | 'innerHeight'>;

export type FindSourcesOptions = {
  /** Layout of an element in its own document's viewport; defaults to getBoundingClientRect. */
  geometry?: (element: Element) => Rect;
  /** Upper bound on elements examined per document, so huge pages stay bounded. */
  maxElements?: number;
};

/** Smaller rendered boxes are skipped (a QR a person can scan is larger than an icon). */
export const MIN_RENDERED_SIDE = 40;
/** Aspect ratios beyond this are banners or spacers, not QR codes. */
const MAX_ASPECT = 2.5;
const DEFAULT_MAX_ELEMENTS = 20_000;
const MAX_FRAME_DEPTH = 4;

const defaultGeometry = (element: Element): Rect => {
  const r = element.getBoundingClientRect();
  return { x: r.left, y: r.top, width: r.width, height: r.height };
};

/** Every candidate source in `doc` and its readable frames, most likely first. */
export function findSources(doc: Document, win: WindowLike, options: FindSourcesOptions = {}): CaptureSource[] {
  const ctx: WalkContext = {
    geometry: options.geometry ?? defaultGeometry,
    maxElements: options.maxElements ?? DEFAULT_MAX_ELEMENTS,
    topViewport: { x: 0, y: 0, width: win.innerWidth, height: win.innerHeight },
    out: [],
  };
  walkDocument(doc, win, { x: 0, y: 0 }, ctx.topViewport, true, 0, ctx);
  return rank(ctx.out);
}

type WalkContext = {
  geometry: (element: Element) => Rect;
  maxElements: number;
  topViewport: Rect;
  out: CaptureSource[];
};

function walkDocument(
  doc: Document,
  win: WindowLike,
  offset: { x: number; y: number },
  clip: Rect,
  frameVisible: boolean,
  depth: number,
  ctx: WalkContext,
): void {
  const styles = new Map<Element, CSSStyleDeclaration>();
  const style = (el: Element) => {
    let s = styles.get(el);
    if (!s) {
      s = win.getComputedStyle(el);
      styles.set(el, s);
    }
    return s;
  };
  const hiddenCache = new Map<Element, boolean>();
  const hidden = (el: Element): boolean => {
    const cached = hiddenCache.get(el);
    if (cached !== undefined) return cached;
    const s = style(el);
    let result = s.display === 'none' || Number.parseFloat(s.opacity || '1') < 0.05;
    if (!result) {
      const parent = el.parentElement ?? hostOf(el);
      result = parent ? hidden(parent) : false;
    }
    hiddenCache.set(el, result);
    return result;
  };
  const place = (el: Element) => {
    const r = ctx.geometry(el);
    const rect = { x: r.x + offset.x, y: r.y + offset.y, width: r.width, height: r.height };
    const s = style(el);
    const visible =
      frameVisible &&
      rect.width > 0 &&
      rect.height > 0 &&
      intersects(rect, clip) &&
      intersects(rect, ctx.topViewport) &&
      s.visibility !== 'hidden' &&
      s.visibility !== 'collapse' &&
      !hidden(el);
    return { rect, visible };
  };

  let examined = 0;
  const roots: Array<Document | ShadowRoot> = [doc];
  while (roots.length > 0) {
    const root = roots.shift()!;
    for (const el of Array.from(root.querySelectorAll('*'))) {
      if (++examined > ctx.maxElements) return;
      // Open shadow roots only: a closed one is unreachable here and left to the screenshot.
      if (el.shadowRoot) roots.push(el.shadowRoot);
      const tag = el.localName;
      if (tag === 'img') {
        const img = el as HTMLImageElement;
        const url = img.currentSrc || img.src;
        if (!url) continue;
        const p = place(el);
        if (!plausibleBox(p.rect, img.naturalWidth, img.naturalHeight)) continue;
        ctx.out.push({ kind: 'img', element: img, url, ...p });
      } else if (tag === 'canvas') {
        const p = place(el);
        const c = el as HTMLCanvasElement;
        if (!plausibleBox(p.rect, c.width, c.height)) continue;
        ctx.out.push({ kind: 'canvas', element: c, ...p });
      } else if (tag === 'svg') {
        // The outermost <svg> only: a nested one is drawn as part of it.
        if (el.parentElement?.closest('svg')) continue;
        const p = place(el);
        if (!plausibleBox(p.rect, 0, 0)) continue;
        ctx.out.push({ kind: 'svg', element: el as SVGSVGElement, ...p });
      } else if (tag === 'video') {
        const v = el as HTMLVideoElement;
        const p = place(el);
        if (!plausibleBox(p.rect, v.videoWidth, v.videoHeight)) continue;
        ctx.out.push({ kind: 'video', element: v, ...p });
      } else if (tag === 'iframe' || tag === 'frame') {
        walkFrame(el as HTMLIFrameElement, place(el), depth, ctx);
      }
      if (tag !== 'img' && tag !== 'svg' && tag !== 'canvas' && tag !== 'video') {
        const bg = style(el).backgroundImage;
        if (bg && bg !== 'none' && bg.includes('url(')) {
          const p = place(el);
          if (!plausibleBox(p.rect, 0, 0)) continue;
          for (const url of backgroundUrls(bg, doc.baseURI)) {
            ctx.out.push({ kind: 'background', element: el, url, ...p });
          }
        }
      }
    }
  }
}

function walkFrame(
  frame: HTMLIFrameElement,
  placed: { rect: Rect; visible: boolean },
  depth: number,
  ctx: WalkContext,
): void {
  if (placed.rect.width < MIN_RENDERED_SIDE || placed.rect.height < MIN_RENDERED_SIDE) return;
  let inner: Document | null = null;
  try {
    // null (or a throw in older engines) for a cross-origin frame.
    inner = frame.contentDocument;
  } catch {
    inner = null;
  }
  const innerWin = frame.contentWindow as (Window & typeof globalThis) | null;
  if (!inner || !innerWin || depth >= MAX_FRAME_DEPTH) {
    ctx.out.push({ kind: 'frame', element: frame, unreadable: 'cross-origin', ...placed });
    return;
  }
  // The frame's content box starts inside its border (clientLeft/Top); padding is rare on frames.
  const offset = { x: placed.rect.x + (frame.clientLeft || 0), y: placed.rect.y + (frame.clientTop || 0) };
  const clip = intersection(placed.rect, ctx.topViewport);
  walkDocument(inner, innerWin, offset, clip, placed.visible, depth + 1, ctx);
}

/** The url(...) layers of a computed background-image, resolved against the document. */
export function backgroundUrls(value: string, baseUrl: string): string[] {
  const urls: string[] = [];
  const re = /url\(\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|([^)'"\s]*))\s*\)/g;
  for (let m = re.exec(value); m; m = re.exec(value)) {
    const raw = (m[1] ?? m[2] ?? m[3] ?? '').replace(/\\(.)/g, '$1');
    if (!raw) continue;
    try {
      urls.push(new URL(raw, baseUrl).href);
    } catch {
      // An unparsable url() cannot be drawn; skip it.
    }
  }
  return urls;
}

/**
 * Whether a rendered box could be a code a person can scan: at least 40 px and roughly square,
 * unless the intrinsic size is QR-like (a square image shown stretched or small).
 */
export function plausibleBox(rect: Rect, naturalWidth: number, naturalHeight: number): boolean {
  const small = Math.min(rect.width, rect.height) < MIN_RENDERED_SIDE;
  const aspect = Math.max(rect.width, rect.height) / Math.max(1, Math.min(rect.width, rect.height));
  if (!small && aspect <= MAX_ASPECT) return true;
  const naturalAspect = Math.max(naturalWidth, naturalHeight) / Math.max(1, Math.min(naturalWidth, naturalHeight));
  const naturalQrLike = Math.min(naturalWidth, naturalHeight) >= 60 && naturalAspect <= 1.3;
  return naturalQrLike && rect.width > 0 && rect.height > 0;
}

/** Visible first, then square and QR-sized boxes, then larger ones. */
function rank(sources: CaptureSource[]): CaptureSource[] {
  const score = (s: CaptureSource) => {
    const { width, height } = s.rect;
    const aspect = Math.max(width, height) / Math.max(1, Math.min(width, height));
    const side = Math.min(width, height);
    const sized = side >= 80 && side <= 800 ? 2 : 1;
    const kind = s.kind === 'frame' ? 0 : s.kind === 'background' || s.kind === 'video' ? 1 : 2;
    return (s.visible ? 1000 : 0) + (aspect <= 1.25 ? 100 : 0) + sized * 10 + kind;
  };
  return sources
    .map((s, i) => ({ s, i, v: score(s) }))
    .sort((a, b) => b.v - a.v || a.i - b.i)
    .map((x) => x.s);
}

function hostOf(el: Element): Element | null {
  const root = el.getRootNode();
  return root && 'host' in root ? ((root as ShadowRoot).host ?? null) : null;
}

function intersects(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function intersection(a: Rect, b: Rect): Rect {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  return {
    x,
    y,
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - x),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - y),
  };
}
