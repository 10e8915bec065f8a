/**
 * The one typed message contract between extension pages, content scripts and the
 * background worker: every message, its payload, its reply, and who may send it.
 *
 * Hand-written rather than @webext-core/messaging because each message must carry a
 * sender allow-list checked in the worker before dispatch, and errors must cross the
 * boundary with their `code` intact; both are a few lines here and awkward there.
 */
import type { ClipboardJob } from './clipboard-job';
import type { EnrollmentStepView } from './background/enrollment';
import type { ManagedPolicy, PolicyIssue } from './policy';
import type { SerializedError } from './errors';
import { TesseraError } from './errors';
import type { AccountCode, AccountCodeFailure, AccountMeta, SiteBinding } from './vault/types';
import type { OtpAccountText } from './otp/types';
import type { ConfirmCaptureReply, ConfirmCaptureRequest } from './capture/capture-flow';
import type { CaptureView } from './capture/review';
import type { BackupExport, ConflictChoice, ExportSkip, ImportCommitResult, ImportPreviewEntry, TransferCandidate } from './backup';

/** Who sent a message, as derived from the browser's `sender`, never from the payload. */
export type SenderContext = 'extension-page' | 'content-script';

/** Fields of the manual "add account" form; the secret is base32 text. */
export type ManualAccountInput = OtpAccountText;

export type AccountSource = { uri: string } | { fields: ManualAccountInput };

export interface AddAccountRequest {
  source: AccountSource;
  sites: SiteBinding[];
  deviceBound: boolean;
  onConflict?: 'replace' | 'keep-both';
}

export type AddAccountReply =
  | { status: 'added'; account: AccountMeta }
  | { status: 'exists'; account: AccountMeta }
  | { status: 'conflict'; existing: AccountMeta };

/** The active tab's registrable domain (visible only through activeTab) and its accounts. */
export interface ActiveSiteReply {
  domain: string | null;
  /** Bound anywhere on the page's registrable domain: listed under "This site". */
  accountIds: string[];
  /** Bound so that they may fill on this exact page origin: these offer Fill. */
  fillableIds: string[];
}

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

export interface AccountPatch {
  issuer?: string;
  account?: string;
  sites?: SiteBinding[];
  pinned?: boolean;
  submitAfterFill?: boolean;
}

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

/**
 * What a click on the in-page button gets: one code (exactly one bound account), the popup
 * (several: the person chooses there), or nothing. Never names, never a count.
 */
export type InPageFillReply =
  | { status: 'code'; code: string; submit: boolean }
  | { status: 'popup-opened' }
  | { status: 'open-popup' }
  | { status: 'refused' };

/** The parts of `runtime.MessageSender` a handler may read (origin and frame as the browser saw them). */
export interface SenderInfo {
  url?: string;
  origin?: string;
  frameId?: number;
  documentId?: string;
  tab?: { id?: number; active?: boolean };
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

export class MessageRejectedError extends TesseraError {}

export function isEnvelope(value: unknown): value is Envelope {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Envelope>;
  return (
    candidate.tessera === 1 &&
    typeof candidate.name === 'string' &&
    Object.prototype.hasOwnProperty.call(ALLOWED_SENDERS, candidate.name)
  );
}

/** The parts of `runtime.MessageSender` the classification reads. */
export interface SenderFacts {
  id?: string;
  url?: string;
  origin?: string;
  tab?: unknown;
  frameId?: number;
}

/**
 * Classifies a sender from what the browser says about it. Extension pages are known
 * by their origin (an options page opened in a tab has `tab` set, so `tab` alone
 * proves nothing); content scripts by a web origin on a tab. Opaque origins and
 * foreign extensions get nothing.
 */
export function classifySender(sender: SenderFacts, runtimeId: string): SenderContext | null {
  if (sender.id !== runtimeId) return null;
  const origin = sender.origin ?? originOfUrl(sender.url);
  if (!origin || origin === 'null') return null;
  const extensionOrigins = [`chrome-extension://${runtimeId}`, `moz-extension://${runtimeId}`];
  if (extensionOrigins.includes(origin)) {
    return sender.url && extensionOrigins.some((o) => sender.url!.startsWith(`${o}/`))
      ? 'extension-page'
      : null;
  }
  if (sender.tab && /^https?:\/\//.test(origin)) return 'content-script';
  return null;
}

function originOfUrl(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/** Checks a message against the allow-list; throws a typed rejection otherwise. */
export function authorize(name: MessageName, context: SenderContext | null): SenderContext {
  if (context === null) {
    throw new MessageRejectedError('sender-unknown', 'Message refused: the sender is not part of Tessera.');
  }
  if (!ALLOWED_SENDERS[name].includes(context)) {
    throw new MessageRejectedError('sender-not-allowed', `Message "${name}" is not allowed from a ${context}.`);
  }
  return context;
}
