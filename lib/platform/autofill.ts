/** Injecting the fill agent into a tab's frames and handing it the code (browser calls only). */
import { browser } from 'wxt/browser';
import { type InjectedFrame, type FillResult, completeFillInFrame, type FrameReport } from '../autofill';

const AGENT_FILE = '/autofill-frame.js';
/** The two-step enrollment agent: finds the field for the phone part instead of a code field. */
export const CLIENT_PART_AGENT_FILE = '/client-part-frame.js';

function isFrameReport(value: unknown): value is FrameReport {
  return typeof value === 'object' && value !== null && typeof (value as FrameReport).status === 'string';
}

/** Frames the extension may enter under `activeTab`; others are skipped by the browser. */
export async function injectFillAgent(tabId: number, agentFile: typeof AGENT_FILE | typeof CLIENT_PART_AGENT_FILE = AGENT_FILE): Promise<InjectedFrame[]> {
  const results = await browser.scripting.executeScript({ target: { tabId, allFrames: true }, files: [agentFile] });
  return results.flatMap((r) =>
    isFrameReport(r.result) ? [{ frameId: r.frameId, documentId: r.documentId, report: r.result }] : [],
  );
}

/** Sends the code to exactly the document that reported the field (not a later navigation). */
export async function completeFill(
  tabId: number,
  documentId: string,
  token: string,
  code: string,
  submit: boolean,
): Promise<FillResult> {
  const [result] = await browser.scripting.executeScript({
    target: { tabId, documentIds: [documentId] },
    func: completeFillInFrame,
    args: [token, code, submit],
  });
  const value = result?.result as FillResult | undefined;
  return value ?? { filled: false, reason: 'no-target' };
}
