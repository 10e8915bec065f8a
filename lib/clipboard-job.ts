/** The pending "clear the clipboard" job: what was copied and when to clear it (pure). */

export interface ClipboardJob {
  copied: string;
  clearAt: number;
}

export function isClipboardJob(value: unknown): value is ClipboardJob {
  if (typeof value !== 'object' || value === null) return false;
  const job = value as Partial<ClipboardJob>;
  return typeof job.copied === 'string' && typeof job.clearAt === 'number' && Number.isFinite(job.clearAt);
}

/** Only our own code is ever cleared: anything the user copied since is left alone. */
export function shouldClear(job: ClipboardJob, clipboardText: string, now: number): boolean {
  return now >= job.clearAt && clipboardText === job.copied;
}
