/**
 * What the background worker does for each message: one short call into the vault or a
 * platform module per handler. The only place where messages meet the vault.
 */
import { accountFromSource } from '../accounts/manual-entry';
import { newAccountInput } from '../accounts/two-step-enrollment';
import { enrollmentStep, fillEnrollmentPart } from './enrollment';
import { commitImport, exportAccountUri, exportBackup, exportMigrationList, exportOtpauthList, previewImport } from '../backup';
import { CaptureError, createCaptureFlow, type CaptureFlow } from '../capture/capture-flow';
import { activeTabId as captureTabId, browserCaptureDeps } from '../platform/capture';
import type { Handlers } from '../platform/messaging';
import {
  canClearClipboard,
  finishClipboardJob,
  pendingClipboardJob,
  scheduleClipboardJob,
} from '../platform/clipboard';
import { loadSettings } from '../platform/settings';
import { activeTabId, tabUrl } from '../platform/tabs';
import { AutofillError } from '../autofill/errors';
import { fillAccountCode } from './fill';
import { inPageFill, inPageOffer, type InPageDeps } from './in-page';
import { isActiveTab, isInPageButtonAllowed } from '../platform/in-page';
import { openPopup } from '../platform/autofill';
import { activeSite } from '../sites/active-site';
import { siteKeyOf } from '../popup/snapshot';
import type { PopupSnapshotWriter } from '../platform/popup-snapshot';
import type { VaultAccess } from './vault-access';
import {
  assertExportAllowed,
  assertPassphraseRemovable,
  checkPassphrase,
  isPolicyActive,
  passphraseRequired,
  type ParsedPolicy,
} from '../policy';
import { currentParsedPolicy } from '../platform/policy';

/** Deleted accounts stay restorable a little longer than the popup offers undo. */
const TRASH_KEPT_MS = 60_000;

export interface BackgroundDeps {
  vault: VaultAccess;
  /** Called after the vault locks, so the worker forgets what it had decrypted. */
  onLocked?: () => Promise<void>;
  now?: () => number;
  /** QR capture; defaults to the browser's tabs, scripting and session storage. */
  capture?: CaptureFlow;
  /** Keeps what the next popup draws first (`lib/popup/snapshot.ts`); absent in tests. */
  popupSnapshot?: Pick<PopupSnapshotWriter, 'token' | 'recordCodes' | 'recordSite'>;
  /**
   * Erases superseded copies of vault rows from the browser's database files once the keys
   * changed (`lib/vault/scrub.ts`); absent in unit tests, where there are no such files.
   */
  scrubStaleCopies?: () => Promise<unknown>;
  /** The organisation's policy (lib/platform/policy.ts by default). */
  policy?: (options?: { fresh?: boolean }) => Promise<ParsedPolicy>;
}

export function createBackgroundHandlers({
  vault,
  now = Date.now,
  capture,
  onLocked,
  popupSnapshot,
  policy: parsedPolicy = currentParsedPolicy,
  scrubStaleCopies,
}: BackgroundDeps): Handlers {
  const captureFlow = capture ?? createCaptureFlow({ ...browserCaptureDeps, vault, now });
  const policy = async () => (await parsedPolicy()).policy;
  /** Export paths refuse up front, so a policy never yields an empty file that looks like a backup. */
  const exportVault = async () => {
    assertExportAllowed(await policy());
    return vault();
  };
  return {
    getVaultStatus: async () => {
      const lock = await vault.lock();
      // Read afresh once per page open, so a page reacting to a policy change sees it.
      const [mode, { policy: managed, issues }] = await Promise.all([lock.mode(), parsedPolicy({ fresh: true })]);
      const policyFacts = isPolicyActive(managed) || issues.length > 0 ? { policy: managed, policyIssues: issues } : {};
      if (await lock.isLocked()) return { state: 'locked', mode, ...policyFacts };
      // Pages show the set-passphrase screen; `state` is not read (the vault refuses until then).
      if (passphraseRequired(managed, mode)) return { state: 'ready', mode, ...policyFacts };
      const opened = await vault();
      const status = await opened.status();
      // Housekeeping, not on the popup's critical path.
      void opened.purgeTrash(TRASH_KEPT_MS).catch(() => undefined);
      return { ...status, mode, ...policyFacts };
    },
    unlockVault: async ({ passphrase }) => (await vault.lock()).unlock(passphrase),
    lockVault: async () => {
      await (await vault.lock()).lock();
      vault.forget();
      await onLocked?.();
    },
    setPassphrase: async ({ passphrase }) => {
      checkPassphrase(passphrase, await policy());
      // Only accounts sealed under the device key leave copies worth erasing.
      // (Unreadable here, e.g. behind a required-passphrase policy: erase anyway.)
      const hadAccounts = await vault()
        .then((opened) => opened.status())
        .then((status) => status.state === 'ready', () => true);
      await (await vault.lock()).setPassphrase(passphrase);
      vault.forget();
      if (hadAccounts) await scrubStaleCopies?.();
    },
    changePassphrase: async ({ current, next }) => {
      checkPassphrase(next, await policy());
      await (await vault.lock()).changePassphrase(current, next);
      // The data key sealed under the old passphrase must not outlive the change on disk.
      await scrubStaleCopies?.();
    },
    removePassphrase: async ({ passphrase }) => {
      assertPassphraseRemovable(await policy());
      await (await vault.lock()).removePassphrase(passphrase);
      vault.forget();
    },
    listAccounts: async () => (await vault()).list(),
    getCodes: async ({ at, ids }) => {
      const token = popupSnapshot?.token() ?? 0;
      const opened = await vault();
      const codes = await opened.codes(at, ids);
      // Only a complete answer may stand in for the list in the next popup's first paint.
      if (ids === undefined) popupSnapshot?.recordCodes(token, () => opened.list(), codes);
      return codes;
    },
    addAccount: async ({ source, sites, deviceBound, onConflict }) =>
      (await vault()).add(
        // A pasted two-step URI is completed here; it has no capture page, so it fills nowhere.
        await newAccountInput(accountFromSource(source), { sites, deviceBound, origin: null }),
        onConflict ? { onConflict } : {},
      ),
    updateAccount: async ({ id, patch }) => (await vault()).update(id, patch),
    deleteAccount: async ({ id }) => {
      const opened = await vault();
      await opened.purgeTrash(TRASH_KEPT_MS);
      return { undoToken: await opened.trash(id) };
    },
    undoDeleteAccount: async ({ undoToken }) => (await vault()).untrash(undoToken),
    reorderAccounts: async ({ ids }) => (await vault()).reorder(ids),
    nextHotpCode: async ({ id }) => (await vault()).nextHotp(id),
    scanPage: async ({ tabId }) => captureFlow.scan(tabId ?? (await requireCaptureTab())),
    getPendingCapture: async ({ tabId }) => captureFlow.pending(tabId ?? (await captureTabId()) ?? undefined),
    confirmCapture: async (request) => captureFlow.confirm(request),
    dismissCapture: async ({ captureId, itemId }) => captureFlow.dismiss(captureId, itemId),
    markAccountUsed: async ({ id }) => (await vault()).markUsed(id),
    scheduleClipboardClear: async ({ copied }) => {
      const { clipboardClearSeconds } = await loadSettings();
      if (clipboardClearSeconds === 0 || !(await canClearClipboard())) return { clearAt: null };
      const clearAt = now() + clipboardClearSeconds * 1000;
      await scheduleClipboardJob({ copied, clearAt });
      return { clearAt };
    },
    fillCode: async ({ id, tabId }) => fillAccountCode(await vault(), tabId ?? (await requireActiveTab()), id, now()),
    getActiveSite: async ({ tabId }) => {
      const token = popupSnapshot?.token() ?? 0;
      const url = await tabUrl(tabId);
      const accounts = await (await vault()).list();
      const found = activeSite(url, accounts);
      // No Fill button, no Enter-to-fill and no fill offer when the organisation turned filling off.
      const site = (await policy()).disableAutofill ? { ...found, fillableIds: [] } : found;
      popupSnapshot?.recordSite(token, accounts, siteKeyOf(url), site);
      return site;
    },
    takeClipboardJob: () => pendingClipboardJob(),
    finishClipboardJob: () => finishClipboardJob(),
    exportBackup: async ({ passphrase }) => exportBackup(await exportVault(), passphrase, { now: now() }),
    exportOtpauthUris: async () => exportOtpauthList(await exportVault()),
    exportMigrationUris: async () => exportMigrationList(await exportVault()),
    exportAccountQr: async ({ id }) => exportAccountUri(await exportVault(), id),
    previewImport: async ({ candidates }) => previewImport(await vault(), candidates),
    commitImport: async ({ candidates, onConflict }) => commitImport(await vault(), candidates, onConflict),
    getEnrollmentStep: async ({ id }) => enrollmentStep(await vault(), id),
    fillEnrollmentPart: async ({ id, tabId }) => fillEnrollmentPart(await vault(), tabId ?? (await requireActiveTab()), id),
    finishEnrollment: async ({ id }) => (await vault()).finishEnrollment(id),
    getInPageOffer: async (_, _context, sender) => inPageOffer(sender, inPageDeps(vault, now)),
    requestInPageFill: async (_, _context, sender) => inPageFill(sender, inPageDeps(vault, now)),
  };
}

function inPageDeps(vault: VaultAccess, now: () => number): InPageDeps {
  return { allowed: isInPageButtonAllowed, isActiveTab, openPopup, vault: () => vault(), now };
}

async function requireActiveTab(): Promise<number> {
  const id = await activeTabId();
  if (id === null) throw new AutofillError('page-not-fillable', 'There is no page to fill.');
  return id;
}

async function requireCaptureTab(): Promise<number> {
  const id = await captureTabId();
  if (id === null) throw new CaptureError('page-not-scannable', 'There is no page to scan.');
  return id;
}
