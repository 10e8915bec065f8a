/**
 * What the injected two-step script does in one frame: find the field for the phone part and
 * report only its shape, then (when the worker completes it, right after the user's click) fill
 * it. It shares the code fill's slot and `completeFillInFrame`, so the worker's second step is
 * the same call for both.
 */
import { detectClientPartField } from './client-part';
import { fillClientPart } from './client-part';
import { createWindowEnv } from './env';
import { FILL_SLOT, type FrameReport } from './frame-agent';

const PENDING_FILL_MS = 15_000;

type SlotHolder = { [FILL_SLOT]?: { token: string; complete(token: string, value: string, submit: boolean): unknown } };

export function prepareClientPartFill(win: Window, randomToken: () => string = () => crypto.randomUUID()): FrameReport {
  const origin = win.origin;
  if (origin === 'null' || !/^https?:$/.test(win.location.protocol)) {
    return { status: 'refused', reason: 'opaque-origin', origin };
  }
  const env = createWindowEnv(win);
  const target = detectClientPartField(win.document, env);
  if (target.kind === 'none') return { status: 'none', reason: target.reason, origin };
  if (target.kind === 'ambiguous') return { status: 'ambiguous', reason: target.reason, origin };

  const token = randomToken();
  const holder = globalThis as unknown as SlotHolder;
  const expires = setTimeout(() => {
    if (holder[FILL_SLOT]?.token === token) delete holder[FILL_SLOT];
  }, PENDING_FILL_MS);
  holder[FILL_SLOT] = {
    token,
    complete(given, value) {
      clearTimeout(expires);
      delete holder[FILL_SLOT];
      if (given !== token) return { filled: false, reason: 'no-target' };
      return fillClientPart(target.field, value, env);
    },
  };
  return { status: 'found', kind: 'single', fields: 1, confidence: 'medium', why: [target.why], token, origin };
}
