/**
 * A layout stand-in for happy-dom (which has none): boxes come from `data-rect="left,top,w,h"`,
 * styles from happy-dom's computed inline styles, and the hit test returns the last element in
 * tree order (shadow roots included) whose box contains the point, like painting order.
 */
import { composedContains, type Box, type DomEnv } from '@/lib/autofill/env';

function allElements(root: ParentNode, out: Element[] = []): Element[] {
  for (const el of root.querySelectorAll('*')) {
    out.push(el);
    if (el.shadowRoot) allElements(el.shadowRoot, out);
  }
  return out;
}

export function rectOf(el: Element): Box {
  const spec = el.getAttribute('data-rect');
  if (!spec) return { left: 0, top: 0, width: 0, height: 0 };
  const [left = 0, top = 0, width = 0, height = 0] = spec.split(',').map(Number);
  return { left, top, width, height };
}

export function createFakeEnv(doc: Document, options: { topLayer?: () => Element[] } = {}): DomEnv {
  return {
    style(el) {
      const s = doc.defaultView!.getComputedStyle(el);
      return {
        display: s.display,
        visibility: s.visibility,
        opacity: s.opacity,
        filter: s.filter,
        pointerEvents: s.pointerEvents,
        position: s.position,
        backgroundColor: s.backgroundColor,
        backgroundImage: s.backgroundImage,
        boxShadow: s.boxShadow,
      };
    },
    rect: rectOf,
    viewport: () => ({ width: 1280, height: 800 }),
    hitTest(x, y) {
      const hits = allElements(doc).filter((el) => {
        if (el.getAttribute('data-pointer-events') === 'none') return false;
        const b = rectOf(el);
        return x >= b.left && x < b.left + b.width && y >= b.top && y < b.top + b.height;
      });
      // The last painted one wins, unless it is an ancestor of an earlier one (children paint over parents).
      let top: Element | null = null;
      for (const el of hits) if (top === null || !composedContains(el, top)) top = el;
      return top;
    },
    elementsAt: (x, y) =>
      allElements(doc).filter((el) => {
        const b = rectOf(el);
        return x >= b.left && x < b.left + b.width && y >= b.top && y < b.top + b.height;
      }),
    openTopLayer: options.topLayer ?? (() => [...doc.querySelectorAll('dialog[open], [data-popover-open]')]),
  };
}

/** `count` boxes in a row starting at (left, top). */
export function boxes(count: number, attrs = '', left = 100, top = 100): string {
  return Array.from({ length: count }, (_, i) => `<input maxlength="1" ${attrs} data-rect="${left + i * 50},${top},40,40">`).join('');
}
