/**
 * Clearing the clipboard after a copy, in the worker. The timer runs in an offscreen
 * document (alarms fire no sooner than 30 s), with an alarm as the backstop in case the
 * document is gone; the job itself lives in `storage.session` because the worker may
 * be stopped at any moment.
 */
import { browser } from 'wxt/browser';
import { isClipboardJob, type ClipboardJob } from '../clipboard-job';

const JOB_KEY = 'clipboardJob';
export const CLIPBOARD_ALARM = 'tessera-clear-clipboard';
const OFFSCREEN_PATH = '/offscreen.html';

/** Clearing needs the offscreen API (Chromium) and the user's clipboardRead grant. */
export async function canClearClipboard(): Promise<boolean> {
  if (!('offscreen' in browser) || !browser.offscreen) return false;
  return browser.permissions.contains({ permissions: ['clipboardRead'] });
}

export async function scheduleClipboardJob(job: ClipboardJob): Promise<void> {
  await browser.storage.session.set({ [JOB_KEY]: job });
  await browser.alarms.create(CLIPBOARD_ALARM, { when: job.clearAt });
  await restartOffscreenDocument();
}

export async function pendingClipboardJob(): Promise<ClipboardJob | null> {
  const stored = (await browser.storage.session.get(JOB_KEY))[JOB_KEY];
  return isClipboardJob(stored) ? stored : null;
}

export async function finishClipboardJob(): Promise<void> {
  await browser.storage.session.remove(JOB_KEY);
  await browser.alarms.clear(CLIPBOARD_ALARM);
  await closeOffscreenDocument();
}

/** Alarm backstop: the offscreen document picks the job up again and clears at once. */
export async function onClipboardAlarm(): Promise<void> {
  if (await pendingClipboardJob()) await restartOffscreenDocument();
}

async function restartOffscreenDocument(): Promise<void> {
  await closeOffscreenDocument();
  await browser.offscreen.createDocument({
    url: OFFSCREEN_PATH,
    reasons: [browser.offscreen.Reason.CLIPBOARD],
    justification: 'Clear a copied one-time code from the clipboard after the delay the user chose.',
  });
}

async function closeOffscreenDocument(): Promise<void> {
  const contexts = await browser.runtime.getContexts({
    contextTypes: [browser.runtime.ContextType.OFFSCREEN_DOCUMENT],
  });
  if (contexts.length > 0) await browser.offscreen.closeDocument();
}
