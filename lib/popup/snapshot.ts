/**
 * The popup's last view of an unlocked vault (accounts, their codes, "This site" per origin),
 * which the worker keeps in session memory so that the next popup can draw before the worker
 * answers, or even wakes. Pure: storage lives in `lib/platform/popup-snapshot.ts`.
 *
 * It holds one-time codes and account names, never a secret; it is dropped on every vault
 * change and on lock, and `storage.session` is memory-only and closed to content scripts.
 */
import type { ActiveSiteReply } from '../contract';
import type { AccountCode, AccountCodeFailure, AccountMeta } from '../vault';
import { displayedCode } from './codes';

export const POPUP_SNAPSHOT_VERSION = 1;

/** Its key in `storage.session`: written by the worker, read by the popup. */
export const POPUP_SNAPSHOT_KEY = 'popupSnapshot';
/** Origins remembered for "This site"; the oldest is forgotten first. */
const MAX_SITES = 32;

export type PopupSnapshot = {
  v: typeof POPUP_SNAPSHOT_VERSION;
  accounts: AccountMeta[];
  /** As `getCodes` replied; empty until the first popup asked. */
  codes: Array<AccountCode | AccountCodeFailure>;
  /** Keyed by `siteKeyOf(page URL)`. */
  sites: Record<string, ActiveSiteReply>;
};

/** What a popup can draw straight away. */
export type PopupStart = {
  accounts: AccountMeta[];
  codes: Array<AccountCode | AccountCodeFailure>;
  site: ActiveSiteReply;
};

/** The page's origin, or '' where the browser does not reveal the page (no activeTab). */
export function siteKeyOf(pageUrl: string | null): string {
  if (!pageUrl) return '';
  try {
    const { origin } = new URL(pageUrl);
    return origin === 'null' ? '' : origin;
  } catch {
    return '';
  }
}

/** Accepts a stored value only if it has the current shape; anything else is ignored. */
export function parsePopupSnapshot(raw: unknown): PopupSnapshot | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const candidate = raw as Partial<PopupSnapshot>;
  if (candidate.v !== POPUP_SNAPSHOT_VERSION) return null;
  if (!Array.isArray(candidate.accounts) || !Array.isArray(candidate.codes)) return null;
  if (typeof candidate.sites !== 'object' || candidate.sites === null || Array.isArray(candidate.sites)) return null;
  return candidate as PopupSnapshot;
}

export function withCodes(
  snapshot: PopupSnapshot | null,
  accounts: AccountMeta[],
  codes: Array<AccountCode | AccountCodeFailure>,
): PopupSnapshot {
  return { v: POPUP_SNAPSHOT_VERSION, accounts, codes, sites: snapshot?.sites ?? {} };
}

export function withSite(snapshot: PopupSnapshot | null, accounts: AccountMeta[], siteKey: string, site: ActiveSiteReply): PopupSnapshot {
  const sites = { ...(snapshot?.sites ?? {}) };
  delete sites[siteKey];
  sites[siteKey] = site;
  const keys = Object.keys(sites);
  for (const stale of keys.slice(0, Math.max(0, keys.length - MAX_SITES))) delete sites[stale];
  return { v: POPUP_SNAPSHOT_VERSION, accounts, codes: snapshot?.codes ?? [], sites };
}

/**
 * The snapshot as a popup would draw it at `now`, or null when it cannot be trusted to be
 * complete: no "This site" answer for this page yet, or a time-based account without a code
 * valid now (the worker's own answer is then awaited, as without a snapshot).
 */
export function startFromSnapshot(snapshot: PopupSnapshot | null, siteKey: string, now: number): PopupStart | null {
  if (!snapshot) return null;
  const site = snapshot.sites[siteKey];
  if (!site) return null;
  const byId = new Map(snapshot.codes.map((entry) => [entry.id, entry] as const));
  for (const account of snapshot.accounts) {
    if (account.kind === 'hotp') continue;
    const entry = byId.get(account.id);
    if (!entry) return null;
    if (!('error' in entry) && displayedCode(entry, now) === null) return null;
  }
  return { accounts: snapshot.accounts, codes: snapshot.codes, site };
}
