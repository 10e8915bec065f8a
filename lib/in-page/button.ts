/**
 * Owns the in-page button's DOM: a randomly named host whose closed shadow root holds the
 * button, raised into the top layer as a manual popover, and where it goes beside a field.
 * Nothing a page can select by name: no ids, classes, data attributes or text outside the
 * closed root; the host's own styles are `!important` rules from inside, which beat the page's.
 */
import { t } from '../i18n';
import type { Box } from '../autofill';

/** Side of the square button, CSS px, from a field's height: never smaller than a fingertip target. */
export const BUTTON_MIN_PX = 22;
export const BUTTON_MAX_PX = 28;
/** Gap between the field and the button. */
export const BUTTON_GAP_PX = 6;

export type Placement = { left: number; top: number; size: number };

/** `[a-z]{5}-[a-z]{6}` from random bytes: a valid custom-element name no page can predict. */
export function randomTagName(bytes: Uint8Array): string {
  if (bytes.length < 11) throw new RangeError('bytes must hold at least 11 values');
  const letter = (b: number): string => String.fromCharCode(97 + (b % 26));
  const letters = Array.from(bytes.subarray(0, 11), letter).join('');
  return `${letters.slice(0, 5)}-${letters.slice(5)}`;
}

/** A single field at least this many button sizes wide takes the button inside its right end. */
const INSIDE_MIN_WIDTH = 4;

/**
 * Where the button goes: inside the right end of a single field wide enough to spare the room
 * (it then covers nothing of the page's, as a password manager's icon does); otherwise just
 * right of the field or of the row of boxes (`fields`), centred on its height, or inside the
 * last box's right end when the viewport has no room. Null when the field is not wholly in
 * the viewport (the button hides rather than float over other content).
 */
export function placeButton(fields: readonly Box[], viewport: { width: number; height: number }): Placement | null {
  if (fields.length === 0) return null;
  const left = Math.min(...fields.map((b) => b.left));
  const top = Math.min(...fields.map((b) => b.top));
  const right = Math.max(...fields.map((b) => b.left + b.width));
  const bottom = Math.max(...fields.map((b) => b.top + b.height));
  const height = bottom - top;
  if (!(right > left && height > 0)) return null;
  if (left < 0 || top < 0 || right > viewport.width || bottom > viewport.height) return null;
  const size = Math.round(Math.min(BUTTON_MAX_PX, Math.max(BUTTON_MIN_PX, height - 8)));
  const y = Math.round(top + (height - size) / 2);
  const inside = { left: Math.round(right - size - Math.max(2, (height - size) / 2)), top: y, size };
  if (fields.length === 1 && right - left >= INSIDE_MIN_WIDTH * size && height >= size) return inside;
  const outside = Math.round(right + BUTTON_GAP_PX);
  if (outside + size <= viewport.width - 2) return { left: outside, top: y, size };
  return inside;
}

// The host: every property reset from inside the closed root with !important, which wins over
// the page's rules and inline styles (CSS cascade: for important declarations the inner
// context wins). Its box is exactly the button.
function hostRules(p: Placement): string {
  return `:host {
  all: initial !important;
  display: block !important;
  position: fixed !important;
  inset: auto !important;
  left: ${p.left}px !important;
  top: ${p.top}px !important;
  width: ${p.size}px !important;
  height: ${p.size}px !important;
  margin: 0 !important;
  padding: 0 !important;
  border: 0 !important;
  background: transparent !important;
  overflow: visible !important;
  opacity: 1 !important;
  visibility: visible !important;
  transform: none !important;
  filter: none !important;
  clip-path: none !important;
  mask: none !important;
  mix-blend-mode: normal !important;
  pointer-events: auto !important;
  z-index: 2147483647 !important;
  color-scheme: light !important;
}
:host(:not(:popover-open)) { display: none !important; }`;
}

const INNER_RULES = `
button {
  all: initial;
  box-sizing: border-box;
  width: 100%;
  height: 100%;
  display: grid;
  place-items: center;
  cursor: pointer;
  border-radius: 22%;
  background: #1f3a5f;
  box-shadow: 0 0 0 1px rgb(255 255 255 / 70%), 0 1px 3px rgb(0 0 0 / 35%);
}
button:hover { background: #27496f; }
button:focus-visible { outline: 2px solid #2f7cf6; outline-offset: 2px; }
svg { width: 70%; height: 70%; display: block; pointer-events: none; }
[role='status'] {
  all: initial;
  position: absolute;
  top: calc(100% + 6px);
  right: 0;
  width: max-content;
  max-width: 260px;
  padding: 6px 9px;
  border-radius: 6px;
  font: 13px/1.35 system-ui, sans-serif;
  color: #fff;
  background: #16202c;
  box-shadow: 0 2px 8px rgb(0 0 0 / 30%);
}
[role='status']:empty { display: none; }
`;

// The extension's icon, four tiles: [x, y, fill] of each 50×50 tile in a 128×128 box.
const ICON_TILES: ReadonlyArray<readonly [number, number, string]> = [
  [10, 10, '#f2b84b'],
  [68, 10, '#e9eef5'],
  [10, 68, '#e9eef5'],
  [68, 68, '#4fb3a9'],
];

/** Built element by element: no markup parser runs in a page we do not trust. */
function createIcon(doc: Document): SVGSVGElement {
  const svgNs = 'http://www.w3.org/2000/svg';
  const svg = doc.createElementNS(svgNs, 'svg');
  svg.setAttribute('viewBox', '0 0 128 128');
  svg.setAttribute('aria-hidden', 'true');
  for (const [x, y, fill] of ICON_TILES) {
    const tile = doc.createElementNS(svgNs, 'rect');
    for (const [name, value] of Object.entries({ x, y, width: 50, height: 50, rx: 9, fill })) tile.setAttribute(name, String(value));
    svg.append(tile);
  }
  return svg;
}

export interface ButtonUi {
  readonly host: HTMLElement;
  /** The button inside the closed root; only this isolated world holds a reference. */
  readonly button: HTMLButtonElement;
  readonly root: ShadowRoot;
  place(p: Placement): void;
  show(): void;
  hide(): void;
  /** In the top layer right now (`:popover-open`). */
  isShown(): boolean;
  say(message: string): void;
  remove(): void;
}

/** Builds the host (not yet in the page). `random` fills a byte array (crypto.getRandomValues). */
export function createButtonUi(doc: Document, random: (bytes: Uint8Array) => Uint8Array): ButtonUi {
  const host = doc.createElement(randomTagName(random(new Uint8Array(11))));
  const root = host.attachShadow({ mode: 'closed' });
  const view = doc.defaultView!;
  const hostSheet = new view.CSSStyleSheet();
  const innerSheet = new view.CSSStyleSheet();
  innerSheet.replaceSync(INNER_RULES);
  root.adoptedStyleSheets = [hostSheet, innerSheet];
  const button = doc.createElement('button');
  button.type = 'button';
  // Mouse only: keyboard users have the Alt+Shift+F command, drawn by the browser.
  button.tabIndex = -1;
  // The title says how to do the same from the keyboard (the button is out of the page's Tab order).
  button.title = t('in_page_button_title');
  button.setAttribute('aria-label', t('in_page_button_label'));
  button.append(createIcon(doc));
  const status = doc.createElement('span');
  status.setAttribute('role', 'status');
  root.append(button, status);
  host.popover = 'manual';
  let sayTimer: ReturnType<typeof setTimeout> | undefined;

  const isShown = (): boolean => {
    try {
      return host.matches(':popover-open');
    } catch {
      return false;
    }
  };
  return {
    host,
    button,
    root,
    place(p) {
      hostSheet.replaceSync(hostRules(p));
    },
    show() {
      if (!host.isConnected) doc.documentElement.append(host);
      if (!isShown()) host.showPopover();
    },
    hide() {
      if (isShown()) host.hidePopover();
    },
    isShown,
    say(message) {
      status.textContent = message;
      clearTimeout(sayTimer);
      sayTimer = setTimeout(() => (status.textContent = ''), 6000);
    },
    remove() {
      clearTimeout(sayTimer);
      host.remove();
    },
  };
}
