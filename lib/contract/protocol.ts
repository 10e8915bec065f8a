/**
 * The one typed message contract between extension pages, content scripts and the
 * background worker: every message, its payload, its reply, and who may send it. Imports
 * domain types only; no domain module imports it (they speak their own types).
 *
 * Hand-written rather than @webext-core/messaging because each message must carry a
 * sender allow-list checked in the worker before dispatch, and errors must cross the
 * boundary with their `code` intact; both are a few lines here and awkward there.
 */
import type { ClipboardJob } from '../clipboard-job';
import type { ManagedPolicy, PolicyIssue } from '../policy';
import type { SerializedError } from '../errors';
import type { AccountCode, AccountCodeFailure, AccountMeta } from '../vault';
import type { AccountPatch, AddAccountReply, AddAccountRequest } from '../accounts';
import type { InPageFillReply } from '../in-page';
import type { ActiveSiteReply } from '../sites';

export type { ActiveSiteReply } from '../sites';

export type { AccountPatch, AccountSource, AddAccountReply, AddAccountRequest, ManualAccountInput } from '../accounts';
export type { InPageFillReply, SenderInfo } from '../in-page';
import { type ConfirmCaptureReply, type ConfirmCaptureRequest, type CaptureView } from '../capture';
import type { BackupExport, ConflictChoice, ExportSkip, ImportCommitResult, ImportPreviewEntry, TransferCandidate } from '../backup';

/** Who sent a message, as derived from the browser's `sender`, never from the payload. */
export type SenderContext = 'extension-page' | 'content-script';


/**
 * `locked` says nothing else about the accounts: no names, no count. `policy`: what the organisation
 * manages (the worker enforces it; pages only show it); while it requires a passphrase that is not
 * set, `state` is not read and every other request answers `passphrase-required`.
 */
export type VaultStatusReply = {
  state: 'ready' | 'empty' | 'locked';
  mode: 'device' | 'passphrase';
  policy?: ManagedPolicy;
  policyIssues?: PolicyIssue[];
};


/** A pending two-step enrollment's phone part (ungrouped; the popup groups it) and where it may be filled. */
export type EnrollmentStepView = { phonePart: string; origin: string | null };

/** Every message: request payload, reply, and the sender contexts allowed to send it. */
export interface Protocol {
  getVaultStatus: { request: void; reply: VaultStatusReply };
  unlockVault: { request: { passphrase: string }; reply: void };
  lockVault: { request: void; reply: void };
  setPassphrase: { request: { passphrase: string }; reply: void };
  changePassphrase: { request: { current: string; next: string }; reply: void };
  removePassphrase: { request: { passphrase: string }; reply: void };
  listAccounts: { request: void; reply: AccountMeta[] };
  /** `ids`: only these accounts (a first screen while the worker is still cold); all when absent. */
  getCodes: { request: { at: number; ids?: string[] }; reply: Array<AccountCode | AccountCodeFailure> };
  addAccount: { request: AddAccountRequest; reply: AddAccountReply };
  updateAccount: { request: { id: string; patch: AccountPatch }; reply: AccountMeta };
  deleteAccount: { request: { id: string }; reply: { undoToken: string } };
  undoDeleteAccount: { request: { undoToken: string }; reply: AccountMeta };
  reorderAccounts: { request: { ids: string[] }; reply: void };
  nextHotpCode: { request: { id: string }; reply: { code: string; counter: number } };
  /** The code `nextHotpCode` gave last, recomputed (null when none is still current): a reopened popup shows it again. */
  lastHotpCode: { request: { id: string }; reply: { code: string; counter: number } | null };
  // QR capture (issue 5): the popup asks, the worker scans the tab and keeps the findings.
  scanPage: { request: { tabId?: number }; reply: CaptureView };
  getPendingCapture: { request: { tabId?: number }; reply: CaptureView | null };
  confirmCapture: { request: ConfirmCaptureRequest; reply: ConfirmCaptureReply };
  dismissCapture: { request: { captureId: string; itemId?: string }; reply: void };
  markAccountUsed: { request: { id: string }; reply: void };
  scheduleClipboardClear: { request: { copied: string }; reply: { clearAt: number | null } };
  getActiveSite: { request: { tabId?: number }; reply: ActiveSiteReply };
  fillCode: { request: { id: string; tabId?: number }; reply: { code: string; fields: number } };
  takeClipboardJob: { request: void; reply: ClipboardJob | null };
  finishClipboardJob: { request: void; reply: void };
  // The manage page: backup, exports (secrets in the reply, to an extension page only) and imports.
  exportBackup: { request: { passphrase: string }; reply: BackupExport };
  exportOtpauthUris: { request: void; reply: { text: string; exported: number; skipped: ExportSkip[] } };
  exportMigrationUris: { request: void; reply: { uris: string[]; exported: number; skipped: ExportSkip[] } };
  exportAccountQr: { request: { id: string }; reply: { uri: string } };
  previewImport: { request: { candidates: TransferCandidate[] }; reply: ImportPreviewEntry[] };
  commitImport: { request: { candidates: TransferCandidate[]; onConflict: ConflictChoice }; reply: ImportCommitResult };
  // privacyIDEA two-step enrollment (issue 8): the pending phone part, filling it, finishing.
  getEnrollmentStep: { request: { id: string }; reply: EnrollmentStepView };
  fillEnrollmentPart: { request: { id: string; tabId?: number }; reply: { fields: number } };
  finishEnrollment: { request: { id: string }; reply: AccountMeta };
  // The optional in-page button (issue 6): its content script asks about its own frame only;
  // the worker takes the frame and origin from the browser's `sender`, never from the payload.
  getInPageOffer: { request: void; reply: { offer: boolean } };
  requestInPageFill: { request: void; reply: InPageFillReply };
}


export type MessageName = keyof Protocol;
export type RequestOf<N extends MessageName> = Protocol[N]['request'];
export type ReplyOf<N extends MessageName> = Protocol[N]['reply'];

const PAGES_ONLY: readonly SenderContext[] = ['extension-page'];
const CONTENT_ONLY: readonly SenderContext[] = ['content-script'];

/** The allow-list the worker checks before any handler runs. */
export const ALLOWED_SENDERS: { readonly [N in MessageName]: readonly SenderContext[] } = {
  getVaultStatus: PAGES_ONLY,
  unlockVault: PAGES_ONLY,
  lockVault: PAGES_ONLY,
  setPassphrase: PAGES_ONLY,
  changePassphrase: PAGES_ONLY,
  removePassphrase: PAGES_ONLY,
  listAccounts: PAGES_ONLY,
  getCodes: PAGES_ONLY,
  addAccount: PAGES_ONLY,
  updateAccount: PAGES_ONLY,
  deleteAccount: PAGES_ONLY,
  undoDeleteAccount: PAGES_ONLY,
  reorderAccounts: PAGES_ONLY,
  nextHotpCode: PAGES_ONLY,
  lastHotpCode: PAGES_ONLY,
  scanPage: PAGES_ONLY,
  getPendingCapture: PAGES_ONLY,
  confirmCapture: PAGES_ONLY,
  dismissCapture: PAGES_ONLY,
  markAccountUsed: PAGES_ONLY,
  scheduleClipboardClear: PAGES_ONLY,
  getActiveSite: PAGES_ONLY,
  fillCode: PAGES_ONLY,
  takeClipboardJob: PAGES_ONLY,
  finishClipboardJob: PAGES_ONLY,
  exportBackup: PAGES_ONLY,
  exportOtpauthUris: PAGES_ONLY,
  exportMigrationUris: PAGES_ONLY,
  exportAccountQr: PAGES_ONLY,
  previewImport: PAGES_ONLY,
  commitImport: PAGES_ONLY,
  getEnrollmentStep: PAGES_ONLY,
  fillEnrollmentPart: PAGES_ONLY,
  finishEnrollment: PAGES_ONLY,
  getInPageOffer: CONTENT_ONLY,
  requestInPageFill: CONTENT_ONLY,
};

/** The wire form of a request; `tessera` tells our messages from anything else. */
export interface Envelope<N extends MessageName = MessageName> {
  tessera: 1;
  name: N;
  payload: RequestOf<N>;
}

export type WireReply<N extends MessageName = MessageName> =
  | { ok: true; value: ReplyOf<N> }
  | { ok: false; error: SerializedError };

export function isEnvelope(value: unknown): value is Envelope {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Envelope>;
  return (
    candidate.tessera === 1 &&
    typeof candidate.name === 'string' &&
    Object.prototype.hasOwnProperty.call(ALLOWED_SENDERS, candidate.name)
  );
}

