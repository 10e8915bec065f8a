/**
 * What the background worker does for each message: one short call into the vault or a
 * platform module per handler. The only place where messages meet the vault.
 */
import { accountFromSource } from '../accounts/manual-entry';
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
import { isActiveTab, isInPageButtonAllowed, openPopupForChoice } from '../platform/in-page';
import { activeSite } from '../sites/active-site';
import { siteKeyOf } from '../popup/snapshot';
import type { PopupSnapshotWriter } from '../platform/popup-snapshot';
import type { VaultAccess } from './vault-access';

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
}

export function createBackgroundHandlers({ vault, now = Date.now, capture, onLocked, popupSnapshot }: BackgroundDeps): Handlers {
  const captureFlow = capture ?? createCaptureFlow({ ...browserCaptureDeps, vault, now });
  return {
    getVaultStatus: async () => {
      const lock = await vault.lock();
      const mode = await lock.mode();
      if (await lock.isLocked()) return { state: 'locked', mode };
      const opened = await vault();
      const status = await opened.status();
      // Housekeeping, not on the popup's critical path.
      void opened.purgeTrash(TRASH_KEPT_MS).catch(() => undefined);
      return { ...status, mode };
    },
    unlockVault: async ({ passphrase }) => (await vault.lock()).unlock(passphrase),
    lockVault: async () => {
      await (await vault.lock()).lock();
      vault.forget();
      await onLocked?.();
    },
    setPassphrase: async ({ passphrase }) => {
      await (await vault.lock()).setPassphrase(passphrase);
      vault.forget();
    },
    changePassphrase: async ({ current, next }) => (await vault.lock()).changePassphrase(current, next),
    removePassphrase: async ({ passphrase }) => {
      await (await vault.lock()).removePassphrase(passphrase);
      vault.forget();
    },
    listAccounts: async () => (await vault()).list(),
    getCodes: async ({ at }) => {
      const token = popupSnapshot?.token() ?? 0;
      const opened = await vault();
      const codes = await opened.codes(at);
      popupSnapshot?.recordCodes(token, () => opened.list(), codes);
      return codes;
    },
    addAccount: async ({ source, sites, deviceBound, onConflict }) =>
      (await vault()).add(
        { ...accountFromSource(source), sites, deviceBound },
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
      const site = activeSite(url, accounts);
      popupSnapshot?.recordSite(token, accounts, siteKeyOf(url), site);
      return site;
    },
    takeClipboardJob: () => pendingClipboardJob(),
    finishClipboardJob: () => finishClipboardJob(),
    exportBackup: async ({ passphrase }) => exportBackup(await vault(), passphrase, { now: now() }),
    exportOtpauthUris: async () => exportOtpauthList(await vault()),
    exportMigrationUris: async () => exportMigrationList(await vault()),
    exportAccountQr: async ({ id }) => exportAccountUri(await vault(), id),
    previewImport: async ({ candidates }) => previewImport(await vault(), candidates),
    commitImport: async ({ candidates, onConflict }) => commitImport(await vault(), candidates, onConflict),
    getInPageOffer: async (_, _context, sender) => inPageOffer(sender, inPageDeps(vault, now)),
    requestInPageFill: async (_, _context, sender) => inPageFill(sender, inPageDeps(vault, now)),
  };
}

function inPageDeps(vault: VaultAccess, now: () => number): InPageDeps {
  return { allowed: isInPageButtonAllowed, isActiveTab, openPopup: openPopupForChoice, vault: () => vault(), now };
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
