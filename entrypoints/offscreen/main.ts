/**
 * Offscreen document (Chromium): waits until the clipboard job is due, then clears the clipboard
 * only if it still holds the code Tessera copied. Exists only while a job is pending.
 */
import { shouldClear } from '@/lib/clipboard-job';
import { emptyClipboard, readClipboardText } from '@/lib/clipboard-dom';
import { createClient } from '@/lib/contract';
import { sendRuntimeMessage } from '@/lib/platform';

const worker = createClient(sendRuntimeMessage);

async function run(): Promise<void> {
  const job = await worker.takeClipboardJob();
  if (!job) return void (await worker.finishClipboardJob());
  setTimeout(
    () => {
      if (shouldClear(job, readClipboardText(document), Date.now())) emptyClipboard(document);
      void worker.finishClipboardJob();
    },
    Math.max(0, job.clearAt - Date.now()),
  );
}

void run();
