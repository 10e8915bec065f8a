/**
 * What the injected fill script does in one frame, in two steps that a user action
 * separates from nothing else: `prepareFill` finds the OTP field and reports only its
 * shape; `completeFill` (called by the worker right after, with the code) re-checks and
 * fills. Between the two, the target lives in the extension's isolated world only, never
 * in the page, and it expires quickly.
 */
import { detectOtpTarget, type OtpTarget } from './detect';
import { createWindowEnv, type DomEnv } from './env';
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

/** A target found in this frame: its report (shape only) and how to fill it later. */
export type FoundTarget = {
  report: Omit<Extract<FrameReport, { status: 'found' }>, 'status' | 'token' | 'origin'>;
  fill(value: string, submit: boolean): FillResult;
};

/**
 * The two-step protocol shared by every injected fill script: refuse opaque origins (sandboxed
 * frames, `srcdoc`, `about:blank`, `data:`; the worker refuses them too), detect, and park the
 * found target in this isolated world's slot under a random token, for a short while, until
 * the worker completes it with the value.
 */
export function prepareSlot(
  win: Window,
  detect: (env: DomEnv) => FoundTarget | { kind: 'none' | 'ambiguous'; reason: string },
  randomToken: () => string,
): FrameReport {
  const origin = win.origin;
  if (origin === 'null' || !/^https?:$/.test(win.location.protocol)) {
    return { status: 'refused', reason: 'opaque-origin', origin };
  }
  const found = detect(createWindowEnv(win));
  if ('kind' in found) return { status: found.kind, reason: found.reason, origin };

  const token = randomToken();
  const holder = globalThis as unknown as SlotHolder;
  const expires = setTimeout(() => {
    if (holder[FILL_SLOT]?.token === token) delete holder[FILL_SLOT];
  }, PENDING_FILL_MS);
  holder[FILL_SLOT] = {
    token,
    complete(given, value, submit) {
      clearTimeout(expires);
      delete holder[FILL_SLOT];
      if (given !== token) return { filled: false, reason: 'no-target' };
      return found.fill(value, submit);
    },
  };
  return { status: 'found', ...found.report, token, origin };
}

/** Detects the OTP field of this frame (single or split) and parks it for `completeFill`. */
export function prepareFill(win: Window, randomToken: () => string = () => crypto.randomUUID()): FrameReport {
  return prepareSlot(
    win,
    (env) => {
      const target: OtpTarget = detectOtpTarget(win.document, env);
      if (target.kind === 'none' || target.kind === 'ambiguous') return target;
      return {
        report: {
          kind: target.kind,
          fields: target.kind === 'split' ? target.fields.length : 1,
          confidence: target.confidence,
          why: target.why,
        },
        fill: (code, submit) => fillOtp(target, code, env, { submit }),
      };
    },
    randomToken,
  );
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
