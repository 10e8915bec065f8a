/**
 * The optional host permission of the in-page fill button, asked and given back from the popup's
 * settings. Apart from `in-page.ts` so the popup does not load the worker's policy parser.
 */
import { browser } from 'wxt/browser';

/** The only host permission Tessera ever asks for, and only for this button. */
export const IN_PAGE_ORIGINS = ['https://*/*'];

/** Must be the first call in a click handler: the browser asks only from a user gesture. */
export async function requestInPageButtonPermission(): Promise<boolean> {
  return browser.permissions.request({ origins: IN_PAGE_ORIGINS });
}

/** Turning the button off gives the permission back: without it Tessera holds no host access. */
export async function removeInPageButtonPermission(): Promise<void> {
  await browser.permissions.remove({ origins: IN_PAGE_ORIGINS }).catch(() => false);
}

export async function hasInPageButtonPermission(): Promise<boolean> {
  return browser.permissions.contains({ origins: IN_PAGE_ORIGINS }).catch(() => false);
}
