/**
 * Owns the worker's half of an import or restore: the preview of what would happen to each
 * entry, and the commit as one all-or-nothing `addMany` transaction.
 */
import type { AddOptions, AddResult, AccountMeta, AccountUpdate, NewAccountInput, PreviewResult } from '@/lib/vault';
import { TransferError, readTransferCandidates, toNewAccountInput, type TransferCandidate } from './transfer';

export type ImportTarget = {
  previewMany(inputs: readonly NewAccountInput[]): Promise<PreviewResult[]>;
  addMany(inputs: readonly NewAccountInput[], options?: AddOptions): Promise<AddResult[]>;
  update(id: string, patch: AccountUpdate): Promise<AccountMeta>;
};

/** What to do with an entry whose issuer and account exist with a different secret or parameters. */
export type ConflictChoice = 'skip' | 'replace' | 'keep-both';

/** Per entry; `existing` names the account it matches (never its secret). */
export type ImportPreviewEntry =
  | { status: 'new' }
  | { status: 'exists' | 'conflict'; existing: { issuer: string; account: string } | null }
  | { status: 'problem'; code: string; message: string };

export type ImportCommitResult = {
  /** New accounts, and replacements when the choice was `replace`. */
  added: number;
  replaced: number;
  /** Already in the vault with the same secret: left as they were. */
  unchanged: number;
  /** Conflicts left alone (choice `skip`). */
  skipped: number;
};

export async function previewImport(target: ImportTarget, request: unknown): Promise<ImportPreviewEntry[]> {
  const candidates = readTransferCandidates(request);
  const inputs: Array<NewAccountInput | TransferError> = candidates.map((candidate) => {
    try {
      return toNewAccountInput(candidate);
    } catch (error) {
      if (error instanceof TransferError) return error;
      throw error;
    }
  });
  const valid = inputs.filter((input): input is NewAccountInput => !(input instanceof TransferError));
  try {
    const results = await target.previewMany(valid);
    let next = 0;
    return inputs.map((input): ImportPreviewEntry => {
      if (input instanceof TransferError) return { status: 'problem', code: input.code, message: input.message };
      const result = results[next++]!;
      if (result.status === 'new') return { status: 'new' };
      if (result.status === 'problem') return { status: 'problem', code: result.code, message: stripEntryNumber(result.message) };
      return { status: result.status, existing: result.existing ? { issuer: result.existing.issuer, account: result.existing.account } : null };
    });
  } finally {
    for (const input of valid) input.secret.fill(0);
  }
}

/** The vault numbers entries of its own batch, which differs from the file's numbering the page shows. */
function stripEntryNumber(message: string): string {
  return message.replace(/^Entry \d+: /, '');
}

/**
 * Adds every candidate in one transaction, or nothing: an entry the vault refuses fails the whole
 * import (the preview showed it; the page sends only entries without problems).
 */
export async function commitImport(target: ImportTarget, request: unknown, choice: unknown): Promise<ImportCommitResult> {
  if (choice !== 'skip' && choice !== 'replace' && choice !== 'keep-both') {
    throw new RangeError("onConflict must be 'skip', 'replace' or 'keep-both'");
  }
  const candidates = readTransferCandidates(request);
  const inputs = candidates.map(toNewAccountInput);
  let results: AddResult[];
  try {
    // Which entries replace something is known only before the commit.
    const conflicts = choice === 'replace' ? (await target.previewMany(inputs)).map((p) => p.status === 'conflict') : [];
    results = await target.addMany(inputs, choice === 'skip' ? {} : { onConflict: choice });
    const summary: ImportCommitResult = { added: 0, replaced: 0, unchanged: 0, skipped: 0 };
    results.forEach((result, index) => {
      if (result.status === 'exists') summary.unchanged++;
      else if (result.status === 'conflict') summary.skipped++;
      else if (conflicts[index]) summary.replaced++;
      else summary.added++;
    });
    await restorePins(target, candidates, results);
    return summary;
  } finally {
    for (const input of inputs) input.secret.fill(0);
  }
}

/**
 * Pins come only from a Tessera backup. They are set after the commit: a failure here leaves
 * every account imported, merely unpinned.
 */
async function restorePins(target: ImportTarget, candidates: TransferCandidate[], results: AddResult[]): Promise<void> {
  for (const [index, result] of results.entries()) {
    if (result.status === 'added' && candidates[index]?.pinned === true && !result.account.pinned) {
      await target.update(result.account.id, { pinned: true }).catch(() => undefined);
    }
  }
}
