/** The worker floor's service worker: reads the accounts and makes their codes for the popup. */
import { accountsWithCodes, CODES_REQUEST, type AccountsWithCodes } from './codes';

type OnMessage = { addListener(listener: (message: unknown, sender: unknown, reply: (value: AccountsWithCodes) => void) => boolean | undefined): void };
const { chrome } = globalThis as unknown as { chrome: { runtime: { onMessage: OnMessage } } };

chrome.runtime.onMessage.addListener((message, _sender, reply) => {
  if (message !== CODES_REQUEST) return undefined;
  void accountsWithCodes().then(reply);
  return true; // the reply comes later
});
