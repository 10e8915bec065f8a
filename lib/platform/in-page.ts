/**
 * The browser side of the optional in-page fill button: its host permission, the registration of
 * its content script, and keeping both in step with the setting (browser calls only).
 */
import { browser } from 'wxt/browser';
import { inPageButtonAllowed, type InPageButtonFacts } from '../in-page/allowed';
import { policyDisablesInPageButton } from '../policy';
import { hasInPageButtonPermission, IN_PAGE_ORIGINS } from './in-page-permission';
import { currentPolicy } from './policy';
import { loadSettings, saveSettings, watchSettings } from './settings';

const IN_PAGE_SCRIPT_ID = 'tessera-in-page-button';
const IN_PAGE_SCRIPT_FILE = 'in-page-button.js';

/**
 * THE place that decides whether the button may exist: the worker registers the script and
 * answers its messages only when this is true (the user's setting, the host permission, and no
 * managed policy turning it or autofill off).
 */
export async function isInPageButtonAllowed(): Promise<boolean> {
  return inPageButtonAllowed(await inPageButtonFacts());
}

async function inPageButtonFacts(): Promise<InPageButtonFacts> {
  const [settings, hostPermission, policy] = await Promise.all([loadSettings(), hasInPageButtonPermission(), currentPolicy()]);
  return { setting: settings.inPageButton, hostPermission, policyDisabled: policyDisablesInPageButton(policy) };
}

async function isRegistered(): Promise<boolean> {
  const scripts = await browser.scripting.getRegisteredContentScripts({ ids: [IN_PAGE_SCRIPT_ID] });
  return scripts.length > 0;
}

async function reconcile(): Promise<void> {
  let facts = await inPageButtonFacts();
  // A setting left on after the permission went away (revoked in the browser's settings) is
  // turned off, so the popup shows what is true.
  if (facts.setting && !facts.hostPermission) {
    await saveSettings({ inPageButton: false });
    facts = { ...facts, setting: false };
  }
  const allowed = inPageButtonAllowed(facts);
  const registered = await isRegistered();
  if (allowed && !registered) {
    await browser.scripting.registerContentScripts([
      {
        id: IN_PAGE_SCRIPT_ID,
        js: [IN_PAGE_SCRIPT_FILE],
        matches: IN_PAGE_ORIGINS,
        allFrames: false,
        runAt: 'document_idle',
        persistAcrossSessions: true,
      },
    ]);
  } else if (!allowed && registered) {
    await browser.scripting.unregisterContentScripts({ ids: [IN_PAGE_SCRIPT_ID] });
  }
}

let queue: Promise<void> = Promise.resolve();

/** Registers or unregisters the content script to match setting + permission; calls run one at a time. */
export function syncInPageButton(): Promise<void> {
  queue = queue.then(reconcile).catch(() => undefined);
  return queue;
}

/**
 * Worker start-up: reconciles now, and again whenever the setting or the host permission changes
 * (the listeners are registered synchronously, so they wake a stopped worker). A policy change
 * reaches `syncInPageButton` through the worker's one policy watcher.
 */
export function keepInPageButtonInSync(): void {
  void syncInPageButton();
  watchSettings(() => void syncInPageButton());
  browser.permissions.onAdded.addListener(() => void syncInPageButton());
  browser.permissions.onRemoved.addListener(() => void syncInPageButton());
}

/** Whether `tabId` is the tab in front of the person (a background tab cannot be clicked). */
export async function isActiveTab(tabId: number): Promise<boolean> {
  const tab = await browser.tabs.get(tabId).catch(() => null);
  return tab?.active === true;
}
