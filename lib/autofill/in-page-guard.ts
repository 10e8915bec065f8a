/**
 * Owns the clickjacking checks an optional in-page fill button must pass at the moment of a click
 * (security reference §2, threats T1–T6); any failed check means the click does nothing.
 */
import { composedChain, composedContains, MIN_OPACITY, type DomEnv } from './env';

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
  | 'too-soon';

export type ClickVerdict = { ok: true } | { ok: false; reasons: ClickRefusal[] };

export type ClickLike = Pick<MouseEvent, 'isTrusted' | 'button' | 'clientX' | 'clientY' | 'target'>;

/**
 * Whether a click on our button `host` (the closed-shadow host in the top layer) may fill.
 * `pointerDownTarget` is the target of the pointerdown that started this click: both must be our
 * UI. `shownAt` is when the button last appeared or moved, `now` the click time (same clock).
 * All reasons are returned, so the lead can log which defence fired.
 */
export function isClickTrustworthy(
  event: ClickLike,
  host: Element,
  env: DomEnv,
  shownAt: number,
  now: number,
  pointerDownTarget: EventTarget | null,
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

  let opacity = 1;
  for (const node of composedChain(host)) {
    const style = env.style(node);
    if (style.display === 'none' || style.visibility === 'hidden' || style.visibility === 'collapse') {
      reasons.push('host-hidden');
      break;
    }
    if (style.filter !== '' && style.filter !== 'none') {
      reasons.push('filtered');
      break;
    }
    const value = Number.parseFloat(style.opacity);
    opacity *= Number.isFinite(value) ? value : 1;
  }
  if (opacity < MIN_OPACITY) reasons.push('transparent');

  if (!(now - shownAt >= MIN_SHOWN_MS)) reasons.push('too-soon');

  return reasons.length === 0 ? { ok: true } : { ok: false, reasons };
}
