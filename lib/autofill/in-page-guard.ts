/**
 * Owns the clickjacking checks an optional in-page fill button must pass at the moment of a click
 * (security reference §2, threats T1–T6); any failed check means the click does nothing.
 */
import { composedChain, composedContains, hiddenReason, MIN_OPACITY, type Box, type DomEnv, type StyleFacts } from './env';
import { fieldsOf, labelsOf, type OtpTarget } from './detect';

/** Clicks sooner than this after the button appeared or moved are refused (follow-the-mouse, T4). */
export const MIN_SHOWN_MS = 500;

export type ClickRefusal =
  | 'untrusted-event'
  | 'not-primary-button'
  | 'outside-viewport'
  | 'not-on-host'
  | 'pointer-target-mismatch'
  | 'other-top-layer'
  | 'host-hidden'
  | 'transparent'
  | 'filtered'
  | 'transformed'
  | 'not-top-layer'
  | 'occluded'
  | 'too-soon';

export type ClickVerdict = { ok: true } | { ok: false; reasons: ClickRefusal[] };

export type ClickLike = Pick<MouseEvent, 'isTrusted' | 'button' | 'clientX' | 'clientY' | 'target'>;

/**
 * Whether a click on our button `host` (the closed-shadow host in the top layer) may fill.
 * `pointerDownTarget` is the target of the pointerdown that started this click: both must be our
 * UI. `shownAt` is when the button last appeared or moved, `now` the click time (same clock).
 * `layer` says what only the live page knows: whether the host is still in the top layer and
 * what the browser's occlusion tracking (IntersectionObserver v2) last reported.
 * All reasons are returned, so the lead can log which defence fired.
 */
export function isClickTrustworthy(
  event: ClickLike,
  host: Element,
  env: DomEnv,
  shownAt: number,
  now: number,
  pointerDownTarget: EventTarget | null,
  layer: LayerFacts = {},
): ClickVerdict {
  const reasons: ClickRefusal[] = [];
  // Page-dispatched events (el.click(), dispatchEvent) are untrusted; real clicks are (T6).
  if (event.isTrusted !== true) reasons.push('untrusted-event');
  if (event.button !== 0) reasons.push('not-primary-button');

  const view = env.viewport();
  const { clientX: x, clientY: y } = event;
  if (!(x >= 0 && y >= 0 && x < view.width && y < view.height)) {
    reasons.push('outside-viewport');
  } else {
    const hit = env.hitTest(x, y);
    if (hit === null || !composedContains(host, hit)) reasons.push('not-on-host');
  }

  const onHost = (t: EventTarget | null): boolean => t !== null && 'nodeType' in t && composedContains(host, t as Node);
  if (!onHost(event.target) || !onHost(pointerDownTarget) || pointerDownTarget !== event.target) {
    reasons.push('pointer-target-mismatch');
  }

  // Another popover or dialog may paint over ours with pointer-events:none (T3).
  if (env.openTopLayer().some((el) => !composedContains(host, el) && !composedContains(el, host))) {
    reasons.push('other-top-layer');
  }

  // The host hangs off <html>, so <body> is added: a transparent body is an attack even where
  // the top layer would keep our own pixels visible (surface 2).
  const body = host.ownerDocument.body;
  const chain = composedChain(host);
  if (body && !chain.includes(body)) chain.push(body);
  let opacity = 1;
  for (const node of chain) {
    const style = env.style(node);
    if (style.display === 'none' || style.visibility === 'hidden' || style.visibility === 'collapse') {
      reasons.push('host-hidden');
      break;
    }
    if (style.filter !== '' && style.filter !== 'none') {
      reasons.push('filtered');
      break;
    }
    if (!plainTransform(style)) {
      reasons.push('transformed');
      break;
    }
    const value = Number.parseFloat(style.opacity);
    opacity *= Number.isFinite(value) ? value : 1;
  }
  if (opacity < MIN_OPACITY) reasons.push('transparent');

  // Taken out of the top layer (page called hidePopover) or reported covered by the browser:
  // a closed-shadow popover with pointer-events:none hides from every DOM query but not from
  // the compositor's occlusion test (verified in Chromium, see the e2e attack pages).
  if (layer.inTopLayer === false) reasons.push('not-top-layer');
  if (layer.visible === false) reasons.push('occluded');

  if (!(now - shownAt >= MIN_SHOWN_MS)) reasons.push('too-soon');

  return reasons.length === 0 ? { ok: true } : { ok: false, reasons };
}

/** What the live page knows about the host beyond styles and boxes. Absent: not known. */
export interface LayerFacts {
  /** `host.matches(':popover-open')`. */
  inTopLayer?: boolean;
  /** IntersectionObserver v2 `isVisible` (unoccluded, no effects); absent where unsupported. */
  visible?: boolean;
}

const TRANSLATION = /^matrix\(\s*1,\s*0,\s*0,\s*1,\s*[-\d.e]+,\s*[-\d.e]+\s*\)$/;

/** No transform, or a plain 2D move (centred dialogs): anything that scales, skews or rotates is not. */
export function plainTransform(style: Pick<StyleFacts, 'transform'>): boolean {
  const t = style.transform;
  return t === undefined || t === '' || t === 'none' || TRANSLATION.test(t);
}

export type FieldRefusal = 'field-gone' | 'field-changed' | 'field-moved' | 'field-hidden' | 'field-transformed';

/** Boxes further apart than this (CSS px) count as moved. */
const MOVE_TOLERANCE_PX = 1;

function sameBox(a: Box, b: Box): boolean {
  return (
    Math.abs(a.left - b.left) <= MOVE_TOLERANCE_PX &&
    Math.abs(a.top - b.top) <= MOVE_TOLERANCE_PX &&
    Math.abs(a.width - b.width) <= MOVE_TOLERANCE_PX &&
    Math.abs(a.height - b.height) <= MOVE_TOLERANCE_PX
  );
}

/**
 * Whether the field(s) the button was drawn for are, at the moment of the click, still in the
 * page, still what detection picks now (`current`), where the button was placed (`placed`,
 * one box per field), visible, uncovered, opaque and not scaled or skewed. A page that swaps or
 * moves the field between the button appearing and the click gets nothing.
 */
export function fieldRefusals(
  fields: readonly HTMLInputElement[],
  placed: readonly Box[],
  current: OtpTarget,
  env: DomEnv,
): FieldRefusal[] {
  if (fields.length === 0 || fields.some((el) => !el.isConnected)) return ['field-gone'];
  const reasons: FieldRefusal[] = [];
  const now = fieldsOf(current);
  if (now.length !== fields.length || now.some((el, i) => el !== fields[i])) reasons.push('field-changed');
  if (placed.length !== fields.length || fields.some((el, i) => !sameBox(env.rect(el), placed[i]!))) {
    reasons.push('field-moved');
  }
  if (fields.some((el) => hiddenReason(el, env, labelsOf(el)) !== null)) reasons.push('field-hidden');
  if (fields.some((el) => composedChain(el).some((node) => !plainTransform(env.style(node))))) {
    reasons.push('field-transformed');
  }
  return reasons;
}
