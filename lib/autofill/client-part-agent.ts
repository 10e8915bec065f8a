/**
 * What the injected two-step script does in one frame: find the field for the phone part and
 * report only its shape, then (when the worker completes it, right after the user's click) fill
 * it. It shares the code fill's slot and `completeFillInFrame`, so the worker's second step is
 * the same call for both.
 */
import { detectClientPartField, fillClientPart } from './client-part';
import { prepareSlot, type FrameReport } from './frame-agent';

export function prepareClientPartFill(win: Window, randomToken: () => string = () => crypto.randomUUID()): FrameReport {
  return prepareSlot(
    win,
    (env) => {
      const target = detectClientPartField(win.document, env);
      if (target.kind === 'none' || target.kind === 'ambiguous') return target;
      return {
        report: { kind: 'single', fields: 1, confidence: 'medium', why: [target.why] },
        fill: (value) => fillClientPart(target.field, value, env),
      };
    },
    randomToken,
  );
}
