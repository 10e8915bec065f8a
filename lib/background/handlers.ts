/**
 * What the background worker does for each message: one short call into the vault or a
 * platform module per handler. The only place where messages meet the vault.
 */
import { accountFromSource } from '../accounts/manual-entry';
import type { Handlers } from '../platform/messaging';
import {
  canClearClipboard,
  finishClipboardJob,
  pendingClipboardJob,
  scheduleClipboardJob,
} from '../platform/clipboard';
import { loadSettings } from '../platform/settings';
import { tabUrl } from '../platform/tabs';
import { activeSite } from '../sites/active-site';
import type { Vault } from '../vault/vault';

/** Deleted accounts stay restorable a little longer than the popup offers undo. */
const TRASH_KEPT_MS = 60_000;

export interface BackgroundDeps {
  vault: () => Promise<Vault>;
  now?: () => number;
}

export function createBackgroundHandlers({ vault, now = Date.now }: BackgroundDeps): Handlers {
  return {
    getVaultStatus: async () => {
      const opened = await vault();
      const status = await opened.status();
      await opened.purgeTrash(TRASH_KEPT_MS);
      return status;
    },
    listAccounts: async () => (await vault()).list(),
    getCodes: async ({ at }) => (await vault()).codes(at),
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
    markAccountUsed: async ({ id }) => (await vault()).markUsed(id),
    scheduleClipboardClear: async ({ copied }) => {
      const { clipboardClearSeconds } = await loadSettings();
      if (clipboardClearSeconds === 0 || !(await canClearClipboard())) return { clearAt: null };
      const clearAt = now() + clipboardClearSeconds * 1000;
      await scheduleClipboardJob({ copied, clearAt });
      return { clearAt };
    },
    getActiveSite: async ({ tabId }) => activeSite(await tabUrl(tabId), await (await vault()).list()),
    takeClipboardJob: () => pendingClipboardJob(),
    finishClipboardJob: () => finishClipboardJob(),
  };
}
