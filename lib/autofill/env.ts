/**
 * Owns the layout facts the autofill code needs (computed style, boxes, hit testing) behind one
 * injectable interface, and the shared "can the user actually see this element" check.
 */

export type Box = { left: number; top: number; width: number; height: number };

export type StyleFacts = {
  display: string;
  visibility: string;
  opacity: string;
  filter: string;
  /** Computed `transform` (`none` or a matrix); the in-page button's click check reads it. */
  transform?: string;
  /** What the cover check reads (absent: `auto`, `static`, nothing painted). */
  pointerEvents?: string;
  position?: string;
  backgroundColor?: string;
  backgroundImage?: string;
  boxShadow?: string;
  backdropFilter?: string;
};

/**
 * Everything layout-dependent, so tests in a DOM without layout (happy-dom) can supply boxes,
 * styles and hit tests, and the fill script passes `createWindowEnv(window)`.
 */
export interface DomEnv {
  style(el: Element): StyleFacts;
  rect(el: Element): Box;
  viewport(): { width: number; height: number };
  /** The topmost element at a viewport point, looking inside open shadow roots. */
  hitTest(x: number, y: number): Element | null;
  /** Elements in the top layer other than the page's normal flow: open popovers and dialogs. */
  openTopLayer(): Element[];
  /**
   * Every element whose box contains the viewport point, `pointer-events: none` ones included
   * (which `hitTest` and `elementsFromPoint` skip), open shadow roots included, in tree order.
   */
  elementsAt(x: number, y: number): Element[];
  /** Height of the scrollable document, for fields below the fold. Absent: nothing is below it. */
  documentHeight?(): number;
  /** Brings a field into view before it is checked and filled. */
  scrollIntoView?(el: Element): void;
}

export function createWindowEnv(win: Window): DomEnv {
  const doc = win.document;
  return {
    style(el) {
      const s = win.getComputedStyle(el);
      return {
        display: s.display,
        visibility: s.visibility,
        opacity: s.opacity,
        filter: s.filter,
        transform: s.transform,
        pointerEvents: s.pointerEvents,
        position: s.position,
        backgroundColor: s.backgroundColor,
        backgroundImage: s.backgroundImage,
        boxShadow: s.boxShadow,
        backdropFilter: s.backdropFilter,
      };
    },
    rect(el) {
      const r = el.getBoundingClientRect();
      return { left: r.left, top: r.top, width: r.width, height: r.height };
    },
    viewport() {
      return { width: win.innerWidth, height: win.innerHeight };
    },
    hitTest(x, y) {
      let hit = doc.elementFromPoint(x, y);
      // elementFromPoint stops at a shadow host; descend through open roots to the real target.
      for (let depth = 0; hit?.shadowRoot && depth < 32; depth++) {
        const inner = hit.shadowRoot.elementFromPoint(x, y);
        if (inner === null || inner === hit) break;
        hit = inner;
      }
      return hit;
    },
    openTopLayer() {
      const found = new Set<Element>(doc.querySelectorAll('dialog[open]'));
      try {
        for (const el of doc.querySelectorAll(':popover-open')) found.add(el);
      } catch {
        // A browser without the selector has no popovers either.
      }
      return [...found];
    },
    elementsAt(x, y) {
      // Every element, because those that ignore pointer events are exactly the ones the
      // browser's own point queries leave out. Rects only: layout is already up to date.
      const found: Element[] = [];
      const visit = (root: ParentNode): void => {
        for (const el of root.querySelectorAll('*')) {
          const r = el.getBoundingClientRect();
          if (x >= r.left && x < r.right && y >= r.top && y < r.bottom) found.push(el);
          if (el.shadowRoot) visit(el.shadowRoot);
        }
      };
      visit(doc);
      return found;
    },
    documentHeight() {
      return Math.max(doc.documentElement.scrollHeight, doc.body?.scrollHeight ?? 0);
    },
    scrollIntoView(el) {
      el.scrollIntoView({ block: 'center', inline: 'nearest', behavior: 'instant' });
    },
  };
}

/** The parent across open shadow-root boundaries (a node in a shadow root → its host). */
export function composedParent(el: Element): Element | null {
  if (el.parentElement) return el.parentElement;
  const parent = el.parentNode;
  if (parent && parent.nodeType === 11 && 'host' in parent) return (parent as ShadowRoot).host;
  return null;
}

/** `el` itself and every composed ancestor up to `<html>`. */
export function composedChain(el: Element): Element[] {
  const chain: Element[] = [];
  for (let cur: Element | null = el; cur; cur = composedParent(cur)) chain.push(cur);
  return chain;
}

/** Whether `node` is `ancestor` or inside it, also through open shadow roots. */
export function composedContains(ancestor: Element, node: Node | null): boolean {
  for (let cur: Node | null = node; cur; ) {
    if (cur === ancestor) return true;
    if (cur.parentNode) cur = cur.parentNode;
    else if (cur.nodeType === 11 && 'host' in cur) cur = (cur as ShadowRoot).host;
    else return false;
  }
  return false;
}

/** Below this product of opacities an element counts as hidden (clickjacking surface 2). */
export const MIN_OPACITY = 0.9;
/** Smaller than this in either dimension: a field no one can see or click. */
export const MIN_SIZE_PX = 8;

export type HiddenReason =
  | 'disconnected'
  | 'display-none'
  | 'visibility-hidden'
  | 'transparent'
  | 'filtered'
  | 'zero-size'
  | 'off-screen'
  | 'covered';

function opacityOf(style: StyleFacts): number {
  const value = Number.parseFloat(style.opacity);
  return Number.isFinite(value) ? value : 1;
}

function hasFilter(style: StyleFacts): boolean {
  return style.filter !== '' && style.filter !== 'none';
}

/**
 * Why `el` is not plainly visible to the user, or null when it is: connected, displayed, opaque
 * (opacity product over the composed ancestor chain, `<html>` included, ≥ MIN_OPACITY), no CSS
 * filter anywhere up the chain, a real size, its centre inside the viewport, and the element hit at
 * that centre is `el`, inside `el`, or one of `accepted` (its labels).
 */
export function hiddenReason(
  el: Element,
  env: DomEnv,
  accepted: readonly Element[] = [],
  options: { belowFoldOk?: boolean } = {},
): HiddenReason | null {
  if (!el.isConnected) return 'disconnected';
  let opacity = 1;
  for (const node of composedChain(el)) {
    const style = env.style(node);
    if (style.display === 'none') return 'display-none';
    if (style.visibility === 'hidden' || style.visibility === 'collapse') return 'visibility-hidden';
    if (hasFilter(style)) return 'filtered';
    opacity *= opacityOf(style);
  }
  if (opacity < MIN_OPACITY) return 'transparent';
  const box = env.rect(el);
  if (!(box.width >= MIN_SIZE_PX && box.height >= MIN_SIZE_PX)) return 'zero-size';
  const x = box.left + box.width / 2;
  const y = box.top + box.height / 2;
  const view = env.viewport();
  if (!(x >= 0 && y >= 0 && x < view.width && y < view.height)) {
    // Below the fold but inside the page (an enrollment form under its QR code): a candidate,
    // which the fill scrolls into view and checks again in full, hit test included.
    const belowFold = options.belowFoldOk && x >= 0 && x < view.width && y >= view.height && y < (env.documentHeight?.() ?? 0);
    return belowFold ? null : 'off-screen';
  }
  // A top-layer element with `pointer-events: none` paints over the field yet is invisible to
  // hit testing (clickjacking surface 3), so open popovers and dialogs are checked by box.
  for (const layer of env.openTopLayer()) {
    if (composedContains(layer, el)) continue;
    const r = env.rect(layer);
    if (x >= r.left && x < r.left + r.width && y >= r.top && y < r.top + r.height) return 'covered';
  }
  const hit = env.hitTest(x, y);
  if (hit === null) return 'covered';
  if (!composedContains(el, hit) && !accepted.some((a) => composedContains(a, hit))) return 'covered';
  return coveredByPassThrough(el, box, env, accepted) ? 'covered' : null;
}

/** The centre and four inner points of a box: a cover over part of a field counts too. */
function samplePoints(box: Box): Array<[number, number]> {
  const xs = [0.25, 0.5, 0.75].map((f) => box.left + box.width * f);
  const ys = [0.25, 0.5, 0.75].map((f) => box.top + box.height * f);
  return [[xs[1]!, ys[1]!], [xs[0]!, ys[0]!], [xs[2]!, ys[0]!], [xs[0]!, ys[2]!], [xs[2]!, ys[2]!]];
}

const TRANSPARENT_COLOR = /^(transparent|rgba\([^)]*,\s*0(\.0+)?\)|#[0-9a-f]{6}00|#[0-9a-f]{3}0)$/i;
const REPLACED = new Set(['img', 'canvas', 'video', 'svg', 'iframe', 'object', 'embed', 'picture', 'input', 'textarea', 'select', 'button']);

/** Whether an element draws anything itself: a background, a shadow, a backdrop filter, text, or replaced content. */
export function paintsSomething(el: Element, style: StyleFacts): boolean {
  if (style.backgroundColor && !TRANSPARENT_COLOR.test(style.backgroundColor.trim())) return true;
  if (style.backgroundImage && style.backgroundImage !== 'none') return true;
  if (style.boxShadow && style.boxShadow !== 'none') return true;
  if (style.backdropFilter && style.backdropFilter !== 'none') return true;
  if (REPLACED.has(el.localName)) return true;
  return [...el.childNodes].some((n) => n.nodeType === 3 && (n.nodeValue ?? '').trim() !== '');
}

/**
 * A cover the hit test looks through (`pointer-events: none`, any opacity above zero, clickjacking
 * surface 3 outside the top layer): an element at one of the field's points that paints something
 * and is painted after the field (later in the page, or positioned, which paints over in-flow
 * content). The field's ancestors, its own contents and its labels (floating labels) do not count.
 */
function coveredByPassThrough(el: Element, box: Box, env: DomEnv, accepted: readonly Element[]): boolean {
  const seen = new Set<Element>();
  for (const [x, y] of samplePoints(box)) {
    for (const cover of env.elementsAt(x, y)) {
      if (seen.has(cover)) continue;
      seen.add(cover);
      if (composedContains(cover, el) || composedContains(el, cover) || accepted.some((a) => composedContains(a, cover))) continue;
      const style = env.style(cover);
      if (style.pointerEvents !== 'none' || !paintsSomething(cover, style)) continue;
      // 4 = Node.DOCUMENT_POSITION_FOLLOWING (no DOM globals needed here).
      const paintedAfter = (el.compareDocumentPosition(cover) & 4) !== 0 || (style.position !== undefined && style.position !== 'static');
      if (paintedAfter && isDrawn(cover, env)) return true;
    }
  }
  return false;
}

/** Displayed, visible and not fully transparent, up the composed chain. */
function isDrawn(el: Element, env: DomEnv): boolean {
  let opacity = 1;
  for (const node of composedChain(el)) {
    const style = env.style(node);
    if (style.display === 'none' || style.visibility === 'hidden' || style.visibility === 'collapse') return false;
    opacity *= opacityOf(style);
  }
  return opacity > 0;
}
