/**
 * What the injected fill script does in one frame, in two steps that a user action
 * separates from nothing else: `prepareFill` finds the OTP field and reports only its
 * shape; `completeFill` (called by the worker right after, with the code) re-checks and
 * fills. Between the two, the target lives in the extension's isolated world only, never
 * in the page, and it expires quickly.
 */
import { detectOtpTarget, type OtpTarget } from './detect';
import { createWindowEnv } from './env';
import { fillOtp, type FillResult } from './fill';

/** The isolated world's slot for the one pending fill (invisible to page scripts). */
export const FILL_SLOT = Symbol.for('tessera.pendingFill');
const PENDING_FILL_MS = 15_000;

export type FrameReport =
  | { status: 'found'; kind: 'single' | 'split'; fields: number; confidence: string; why: string[]; token: string; origin: string }
  | { status: 'none' | 'ambiguous' | 'refused'; reason: string; origin: string };

interface PendingFill {
  token: string;
  complete(token: string, code: string, submit: boolean): FillResult;
}

type SlotHolder = { [FILL_SLOT]?: PendingFill };

/**
 * Detects the OTP field of this frame. Opaque origins (sandboxed frames, `srcdoc`,
 * `about:blank`, `data:`) are refused here as well as in the worker.
 */
export function prepareFill(win: Window, randomToken: () => string = () => crypto.randomUUID()): FrameReport {
  const origin = win.origin;
  if (origin === 'null' || !/^https?:$/.test(win.location.protocol)) {
    return { status: 'refused', reason: 'opaque-origin', origin };
  }
  const env = createWindowEnv(win);
  const target: OtpTarget = detectOtpTarget(win.document, env);
  if (target.kind === 'none') return { status: 'none', reason: target.reason, origin };
  if (target.kind === 'ambiguous') return { status: 'ambiguous', reason: target.reason, origin };

  const token = randomToken();
  const holder = globalThis as unknown as SlotHolder;
  const expires = setTimeout(() => {
    if (holder[FILL_SLOT]?.token === token) delete holder[FILL_SLOT];
  }, PENDING_FILL_MS);
  holder[FILL_SLOT] = {
    token,
    complete(given, code, submit) {
      clearTimeout(expires);
      delete holder[FILL_SLOT];
      if (given !== token) return { filled: false, reason: 'no-target' };
      return fillOtp(target, code, env, { submit });
    },
  };
  return {
    status: 'found',
    kind: target.kind,
    fields: target.kind === 'split' ? target.fields.length : 1,
    confidence: target.confidence,
    why: target.why,
    token,
    origin,
  };
}

/**
 * Runs in the frame through `scripting.executeScript({ func })`, so it must be
 * self-contained: it only reaches the slot `prepareFill` left in this isolated world.
 */
export function completeFillInFrame(token: string, code: string, submit: boolean): unknown {
  const holder = globalThis as unknown as {
    [key: symbol]: { complete(t: string, c: string, s: boolean): unknown } | undefined;
  };
  const pending = holder[Symbol.for('tessera.pendingFill')];
  return pending ? pending.complete(token, code, submit === true) : { filled: false, reason: 'no-target' };
}
