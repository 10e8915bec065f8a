/** Context-menu items and keyboard commands: triggers the browser draws, which a page cannot synthesise. */
import { browser } from 'wxt/browser';

export type MenuContext = 'editable' | 'image' | 'page';

/** Context-menu items persist across worker restarts; a duplicate id after an update is harmless. */
export function createMenuItem(id: string, title: string, contexts: MenuContext[]): void {
  // Reading lastError keeps Chrome quiet about the duplicate.
  browser.contextMenus.create({ id, title, contexts: contexts as [MenuContext, ...MenuContext[]] }, () => void browser.runtime.lastError);
}

export function removeMenuItem(id: string): void {
  browser.contextMenus.remove(id, () => void browser.runtime.lastError);
}

/** `tabId` is the tab the click happened on, when the browser names one. */
export function onMenuClicked(callback: (menuItemId: string | number, tabId: number | undefined) => void): void {
  browser.contextMenus.onClicked.addListener((info, tab) => callback(info.menuItemId, tab?.id));
}

export function onCommand(callback: (command: string, tabId: number | undefined) => void): void {
  browser.commands.onCommand.addListener((command, tab) => callback(command, tab?.id));
}
