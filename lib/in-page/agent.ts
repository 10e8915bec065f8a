/**
 * Owns what the in-page button's content script does in a page: find the code field, ask the
 * worker once whether this site has accounts, draw the button beside the field, and turn a
 * click that passes every clickjacking check into one fill. Holds no code after filling; reads
 * no page message and acts on no page-dispatched event.
 */
import { t } from '../i18n';
import { detectOtpTarget, fieldsOf, labelsOf, type OtpTarget, createWindowEnv, hiddenReason, type Box, fillOtp, fieldRefusals, isClickTrustworthy } from '../autofill';
import type { InPageFillReply } from './types';
import { createButtonUi, placeButton, type ButtonUi, type Placement } from './button';

export interface InPageAgentDeps {
  win: Window;
  /** Asks the worker whether this frame's site has bound accounts (asked once per page). */
  offer(): Promise<boolean>;
  /** Asks the worker for the code after a click passed every check. */
  requestFill(): Promise<InPageFillReply>;
  random(bytes: Uint8Array): Uint8Array;
}

/** How often the button follows a field that moved without a scroll (layout shifts). */
const FOLLOW_MS = 250;
/** Detection re-runs at most this often while the page builds its form; less often on a page that keeps changing long after load. */
const DETECT_THROTTLE_MS = 300;
const DETECT_SLOW_AFTER_MS = 30_000;
const DETECT_SLOW_THROTTLE_MS = 2_000;


type Tracked = { fields: HTMLInputElement[]; placed: Box[] };

function samePlacement(a: Placement | null, b: Placement): boolean {
  return a !== null && a.left === b.left && a.top === b.top && a.size === b.size;
}

/** Starts the agent in the top frame of an https page; returns a stop function. */
export function startInPageButton(deps: InPageAgentDeps): () => void {
  const win = deps.win as Window & typeof globalThis;
  const doc = win.document;
  // Registered for top frames of https pages only; checked again here all the same.
  if (win.top !== win || win.origin === 'null' || win.location.protocol !== 'https:') return () => undefined;
  const env = createWindowEnv(win);
  const now = (): number => win.performance.now();
  const detect = (): OtpTarget => detectOtpTarget(doc, env);

  let stopped = false;
  let asked = false;
  let ui: ButtonUi | null = null;
  let tracked: Tracked | null = null;
  let placement: Placement | null = null;
  let shownAt = 0;
  // IntersectionObserver v2: the browser's own "nothing paints over it, no effects" verdict.
  const tracksVisibility = 'isVisible' in (win.IntersectionObserverEntry?.prototype ?? {});
  let visible: boolean | undefined = tracksVisibility ? false : undefined;
  let visibleSince = 0;
  let downTarget: EventTarget | null = null;
  let busy = false;
  let follow: ReturnType<typeof setInterval> | undefined;
  let visibility: IntersectionObserver | undefined;

  const cleanups: Array<() => void> = [];
  const stop = (): void => {
    stopped = true;
    clearInterval(follow);
    visibility?.disconnect();
    for (const cleanup of cleanups.splice(0)) cleanup();
    ui?.remove();
    ui = null;
  };

  function hideButton(): void {
    ui?.hide();
    placement = null;
  }

  /** Keeps the button beside the field, or hides it; any move restarts the click delay. */
  function follow_(): void {
    // No field tracked: `lookForField` is watching the page and calls back when one appears.
    if (stopped || !ui || !tracked) return;
    if (tracked.fields.some((el) => !el.isConnected)) {
      // The field went away (re-rendered, next step): hide, and look for one on page changes
      // as before the button first appeared, rather than detecting on every tick.
      tracked = null;
      hideButton();
      return watchForField();
    }
    const fields = tracked.fields;
    if (fields.some((el) => hiddenReason(el, env, labelsOf(el)) !== null)) return hideButton();
    const boxes = fields.map((el) => env.rect(el));
    const next = placeButton(boxes, env.viewport());
    if (!next) return hideButton();
    if (samePlacement(placement, next) && ui.isShown()) return;
    ui.place(next);
    ui.show();
    placement = next;
    tracked.placed = boxes;
    shownAt = now();
  }

  async function onClick(event: MouseEvent): Promise<void> {
    event.preventDefault();
    const down = downTarget;
    downTarget = null;
    if (busy || !ui || !tracked || stopped) return;
    const verdict = isClickTrustworthy(event, ui.host, env, Math.max(shownAt, visibleSince), now(), down, {
      inTopLayer: ui.isShown(),
      ...(visible === undefined ? {} : { visible }),
    });
    if (!verdict.ok) return;
    if (fieldRefusals(tracked.fields, tracked.placed, detect(), env).length > 0) return;
    busy = true;
    try {
      const reply = await deps.requestFill().catch((): InPageFillReply => ({ status: 'refused' }));
      if (reply.status === 'open-popup') ui.say(t('in_page_several_accounts'));
      if (reply.status !== 'code' || !tracked) return;
      // The page had a round trip's time: check the field once more, then fill through the
      // same code as every other trigger (which re-checks visibility and contents itself).
      const current = detect();
      if (fieldRefusals(tracked.fields, tracked.placed, current, env).length > 0) return;
      fillOtp(current, reply.code, env, { submit: reply.submit });
    } finally {
      busy = false;
    }
  }

  function begin(): void {
    if (stopped) return;
    ui = createButtonUi(doc, deps.random);
    const { root } = ui;
    // Capture listeners inside the closed root, in this isolated world: the page can neither
    // reach them nor dispatch into the root (its events stop at the host and are untrusted).
    const onDown = (e: Event): void => {
      downTarget = e.isTrusted ? e.target : null;
    };
    // Keep the focus (and the page's blur handlers) where they are.
    const keepFocus = (e: Event): void => e.preventDefault();
    const click = (e: Event): void => void onClick(e as MouseEvent);
    root.addEventListener('pointerdown', onDown, true);
    root.addEventListener('mousedown', keepFocus, true);
    root.addEventListener('click', click, true);
    const onViewChange = (e: Event): void => {
      if (e.isTrusted) follow_();
    };
    win.addEventListener('scroll', onViewChange, { capture: true, passive: true });
    win.addEventListener('resize', onViewChange, { passive: true });
    cleanups.push(() => {
      win.removeEventListener('scroll', onViewChange, { capture: true });
      win.removeEventListener('resize', onViewChange);
    });
    if (tracksVisibility) {
      const observer = new win.IntersectionObserver(
        (entries: IntersectionObserverEntry[]) => {
          for (const entry of entries) {
            const isVisible = (entry as IntersectionObserverEntry & { isVisible?: boolean }).isVisible === true;
            if (isVisible && visible !== true) visibleSince = now();
            visible = isVisible;
          }
        },
        { trackVisibility: true, delay: 100 } as IntersectionObserverInit,
      );
      observer.observe(ui.host);
      visibility = observer;
    }
    follow = setInterval(follow_, FOLLOW_MS);
    follow_();
  }

  /**
   * Before the worker is asked, and again after the field went away: look for the field now and
   * whenever the page changes. The worker is asked once per page; later finds go to the button.
   */
  const startedAt = now();
  let lastDetect = -Infinity;
  let pending: ReturnType<typeof setTimeout> | undefined;
  let looking = false;
  function lookForField(): void {
    if (stopped || !looking) return;
    const throttle = now() - startedAt > DETECT_SLOW_AFTER_MS ? DETECT_SLOW_THROTTLE_MS : DETECT_THROTTLE_MS;
    const wait = lastDetect + throttle - now();
    if (wait > 0) {
      pending ??= setTimeout(() => {
        pending = undefined;
        lookForField();
      }, wait);
      return;
    }
    lastDetect = now();
    const target = detect();
    if (target.kind !== 'single' && target.kind !== 'split') return;
    looking = false;
    observer.disconnect();
    tracked = { fields: fieldsOf(target), placed: [] };
    if (asked) return follow_();
    asked = true;
    deps.offer().then(
      (offer) => (offer ? begin() : stop()),
      () => stop(),
    );
  }
  const observer = new win.MutationObserver(() => lookForField());
  function watchForField(): void {
    looking = true;
    observer.observe(doc, { childList: true, subtree: true, attributes: true });
    lookForField();
  }
  cleanups.push(() => {
    observer.disconnect();
    clearTimeout(pending);
  });
  watchForField();
  return stop;
}
