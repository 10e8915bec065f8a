/**
 * Clearing the clipboard after a copy. The timer runs in an offscreen document (alarms fire no
 * sooner than 30 s), with an alarm as the backstop in case the document is gone; the job itself
 * lives in `storage.session` because the worker may be stopped at any moment.
 */
import { isClipboardJob, type ClipboardJob } from '../clipboard-job';
import {
  canClearClipboard,
  clearAlarm,
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
  await restartOffscreenDocument();
}

async function pendingClipboardJob(): Promise<ClipboardJob | null> {
  const stored = await readSession(JOB_KEY);
  return isClipboardJob(stored) ? stored : null;
}

async function finishClipboardJob(): Promise<void> {
  await removeSession(JOB_KEY);
  await clearAlarm(CLIPBOARD_ALARM);
  await closeOffscreenDocument();
}

/** Alarm backstop: the offscreen document picks the job up again and clears at once. */
export async function onClipboardAlarm(): Promise<void> {
  if (await pendingClipboardJob()) await restartOffscreenDocument();
}
