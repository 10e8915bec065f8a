/**
 * Offscreen document: waits until the clipboard job is due, then clears the clipboard
 * only if it still holds the code Tessera copied. Exists only while a job is pending.
 */
import { shouldClear } from '@/lib/clipboard-job';
import { createClient } from '@/lib/contract';
import { sendRuntimeMessage } from '@/lib/platform';

const worker = createClient(sendRuntimeMessage);

function readClipboard(): string {
  const scratch = document.getElementById('scratch') as HTMLTextAreaElement;
  scratch.value = '';
  scratch.focus();
  document.execCommand('paste');
  const text = scratch.value;
  scratch.value = '';
  return text;
}

/** Replaces the clipboard's text with an empty string (not a space, not a placeholder). */
function emptyClipboard(): void {
  const onCopy = (event: ClipboardEvent) => {
    event.preventDefault();
    event.clipboardData?.setData('text/plain', '');
  };
  document.addEventListener('copy', onCopy, { once: true });
  document.execCommand('copy');
}

async function run(): Promise<void> {
  const job = await worker.takeClipboardJob();
  if (!job) return void (await worker.finishClipboardJob());
  setTimeout(
    () => {
      if (shouldClear(job, readClipboard(), Date.now())) emptyClipboard();
      void worker.finishClipboardJob();
    },
    Math.max(0, job.clearAt - Date.now()),
  );
}

void run();
