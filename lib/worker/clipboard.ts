/**
 * Clearing the clipboard after a copy. On Chromium the timer runs in an offscreen document
 * (a service worker has no DOM, and alarms fire no sooner than 30 s), with an alarm as the
 * backstop in case the document is gone. Firefox has no offscreen documents, but its event page
 * has a DOM and its alarms fire on time: the alarm wakes the event page, which clears. The job
 * itself lives in `storage.session` because the background may be stopped at any moment.
 */
import { isClipboardJob, shouldClear, type ClipboardJob } from '../clipboard-job';
import { emptyClipboard, readClipboardText } from '../clipboard-dom';
import {
  canClearClipboard,
  clearAlarm,
  clipboardClearsInBackground,
  closeOffscreenDocument,
  loadSettings,
  readSession,
  removeSession,
  restartOffscreenDocument,
  setAlarm,
  writeSession,
} from '../platform';
import type { Handlers } from './dispatch';
import type { WorkerDeps } from './deps';

const JOB_KEY = 'clipboardJob';
export const CLIPBOARD_ALARM = 'tessera-clear-clipboard';

type ClipboardHandlers = Pick<Handlers, 'scheduleClipboardClear' | 'takeClipboardJob' | 'finishClipboardJob'>;

export function clipboardHandlers({ now = Date.now }: WorkerDeps): ClipboardHandlers {
  return {
    scheduleClipboardClear: async ({ copied }) => {
      const { clipboardClearSeconds } = await loadSettings();
      if (clipboardClearSeconds === 0 || !(await canClearClipboard())) return { clearAt: null };
      const clearAt = now() + clipboardClearSeconds * 1000;
      await scheduleClipboardJob({ copied, clearAt });
      return { clearAt };
    },
    takeClipboardJob: () => pendingClipboardJob(),
    finishClipboardJob: () => finishClipboardJob(),
  };
}

async function scheduleClipboardJob(job: ClipboardJob): Promise<void> {
  await writeSession(JOB_KEY, job);
  await setAlarm(CLIPBOARD_ALARM, { when: job.clearAt });
  if (!clipboardClearsInBackground()) await restartOffscreenDocument();
}

async function pendingClipboardJob(): Promise<ClipboardJob | null> {
  const stored = await readSession(JOB_KEY);
  return isClipboardJob(stored) ? stored : null;
}

async function finishClipboardJob(): Promise<void> {
  await removeSession(JOB_KEY);
  await clearAlarm(CLIPBOARD_ALARM);
  if (!clipboardClearsInBackground()) await closeOffscreenDocument();
}

/**
 * Chromium: the backstop; the offscreen document picks the job up again and clears at once.
 * Firefox: the timer itself; the event page clears if the clipboard still holds our code.
 */
export async function onClipboardAlarm(): Promise<void> {
  const job = await pendingClipboardJob();
  if (!job) return;
  if (!clipboardClearsInBackground()) return restartOffscreenDocument();
  // An alarm may fire a few milliseconds before `when`; the event page stays up that long.
  const early = job.clearAt - Date.now();
  if (early > 0) await new Promise((resolve) => setTimeout(resolve, early));
  if (shouldClear(job, readClipboardText(document), Date.now())) emptyClipboard(document);
  await finishClipboardJob();
}
