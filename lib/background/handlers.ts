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
import type { Vault } from '../vault/vault';

export interface BackgroundDeps {
  vault: () => Promise<Vault>;
  now?: () => number;
}

export function createBackgroundHandlers({ vault, now = Date.now }: BackgroundDeps): Handlers {
  return {
    getVaultStatus: async () => (await vault()).status(),
    listAccounts: async () => (await vault()).list(),
    getCodes: async ({ at }) => (await vault()).codes(at),
    addAccount: async ({ source, sites, deviceBound, onConflict }) =>
      (await vault()).add(
        { ...accountFromSource(source), sites, deviceBound },
        onConflict ? { onConflict } : {},
      ),
    updateAccount: async ({ id, patch }) => (await vault()).update(id, patch),
    deleteAccount: async ({ id }) => ({ undoToken: await (await vault()).trash(id) }),
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
    takeClipboardJob: () => pendingClipboardJob(),
    finishClipboardJob: () => finishClipboardJob(),
  };
}
