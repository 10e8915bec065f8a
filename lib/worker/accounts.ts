/** The accounts: listing, codes, adding, editing, deleting (into the trash) and ordering, and which belong to the active site. */
import { accountFromSource, newAccountInput } from '../accounts';
import { activeSite, type ActiveSiteReply } from '../sites';
import { siteKeyOf } from '../popup';
import { tabUrl } from '../platform';
import type { Handlers } from './dispatch';
import type { WorkerDeps } from './deps';
import { TRASH_KEPT_MS } from './lock';
import { currentParsedPolicy, enforcedParsedPolicy } from './policy';

type AccountHandlers = Pick<
  Handlers,
  | 'listAccounts'
  | 'getCodes'
  | 'addAccount'
  | 'updateAccount'
  | 'deleteAccount'
  | 'undoDeleteAccount'
  | 'reorderAccounts'
  | 'nextHotpCode'
  | 'markAccountUsed'
  | 'getActiveSite'
  | 'lastHotpCode'
>;

export function accountHandlers({ vault, popupSnapshot, policy: policies = { current: currentParsedPolicy, enforced: enforcedParsedPolicy } }: WorkerDeps): AccountHandlers {
  return {
    listAccounts: async () => (await vault()).list(),
    getCodes: async ({ at, ids }) => {
      const token = popupSnapshot?.token() ?? 0;
      const opened = await vault();
      const codes = await opened.codes(at, ids);
      // Only a complete answer may stand in for the list in the next popup's first paint.
      if (ids === undefined) popupSnapshot?.recordCodes(token, () => opened.list(), codes);
      return codes;
    },
    addAccount: async ({ source, sites, deviceBound, onConflict, group }) =>
      (await vault()).add(
        // A pasted two-step URI is completed here; it has no capture page, so it fills nowhere.
        await newAccountInput(accountFromSource(source), { sites, deviceBound, origin: null, group: group ?? null }),
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
    lastHotpCode: async ({ id }) => (await vault()).lastHotp(id),
    markAccountUsed: async ({ id }) => (await vault()).markUsed(id),
    getActiveSite: async ({ tabId }) => {
      const token = popupSnapshot?.token() ?? 0;
      const url = await tabUrl(tabId);
      const accounts = await (await vault()).list();
      const found = activeSite(url, accounts);
      // No Fill button, no Enter-to-fill and no fill offer when the organisation turned filling off.
      // Only what shows: fillCode itself waits for the enforced policy.
      const site: ActiveSiteReply = (await policies.current()).policy.disableAutofill
        ? { ...found, fillableIds: [], notFillableBecause: 'filling-off' }
        : found;
      popupSnapshot?.recordSite(token, accounts, siteKeyOf(url), site);
      return site;
    },
  };
}
