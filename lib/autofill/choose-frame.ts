/** Which frame of a tab may receive a code, from the reports of the injected agents (pure). */
import { AutofillError } from './errors';
import type { FillRefusal } from './fill';
import type { FrameReport } from './frame-agent';

export interface InjectedFrame {
  frameId: number;
  documentId: string;
  report: FrameReport;
}

/** A frame whose agent found the one field, with the token that completes the fill there. */
export type FoundFrame = InjectedFrame & { report: Extract<FrameReport, { status: 'found' }> };

/** What the person reads when no frame can be chosen; the phone part's fill says it its own way. */
export type ChooseFrameMessages = Record<'several-frames' | 'ambiguous' | 'no-field', string>;

const CODE_MESSAGES: ChooseFrameMessages = {
  'several-frames': 'This page has code fields in several places; Tessera filled none. Copy the code instead.',
  ambiguous: 'This page has several fields that could take the code and none stands out; Tessera filled none. Copy the code instead.',
  'no-field': 'Tessera found no visible field for a one-time code on this page.',
};

function isFound(frame: InjectedFrame): frame is FoundFrame {
  return frame.report.status === 'found';
}

/**
 * The top frame by default; a subframe only when it has the top frame's own origin.
 * `activeTab` lets the agent into frames of the tab's origin only, so a cross-origin
 * frame never reports; an opaque one (sandbox, srcdoc) is refused by origin. Several
 * candidate fields, in one frame or across frames, fill nothing.
 */
export function chooseFillFrame(
  frames: readonly InjectedFrame[],
  topOrigin: string,
  messages: ChooseFrameMessages = CODE_MESSAGES,
): FoundFrame {
  const eligible = frames.filter(
    (f) => f.report.origin !== 'null' && f.report.origin === topOrigin,
  );
  const found = eligible.filter(isFound);
  if (found.length === 1) return found[0]!;
  if (found.length > 1) throw new AutofillError('several-frames', messages['several-frames']);
  if (eligible.some((f) => f.report.status === 'ambiguous')) throw new AutofillError('ambiguous', messages.ambiguous);
  throw new AutofillError('no-field', messages['no-field']);
}

const REFUSAL_MESSAGES: Record<FillRefusal, string> = {
  'no-target': 'The page changed before the code could be filled. Try again.',
  ambiguous: 'Several fields could take the code; Tessera filled none.',
  'length-mismatch': 'The code field expects a different number of digits than this account gives.',
  'field-gone': 'The code field disappeared before it could be filled.',
  'field-hidden': 'The code field is hidden or covered, so Tessera did not fill it.',
  'field-not-editable': 'The code field cannot be edited.',
  'field-not-empty': 'The code field already holds something you typed; Tessera left it alone.',
  'value-rejected': 'The page did not accept the code in its field. Paste it instead.',
};

export function fillRefusalMessage(reason: FillRefusal): string {
  return REFUSAL_MESSAGES[reason];
}
