/**
 * The floor: plain secrets from storage.local, one HMAC key per account, one Preact render.
 * Built a second time with its codes made in a service worker (`worker.ts`): the popup then sends
 * one message and draws the reply (floor-extension.ts).
 */
import { render } from 'preact';
import { accountsWithCodes, CODES_REQUEST, type AccountsWithCodes } from './codes';

/** Set by the build (esbuild `define`). */
declare const FLOOR_CODES_FROM_WORKER: boolean;

const { chrome } = globalThis as unknown as { chrome: { runtime: { sendMessage(message: string): Promise<AccountsWithCodes> } } };
const { accounts, codes } = FLOOR_CODES_FROM_WORKER ? await chrome.runtime.sendMessage(CODES_REQUEST) : await accountsWithCodes();
render(
  <ul>
    {accounts.map((a, i) => (
      <li key={i} data-account-id={i}>
        <span>{a.issuer} ({a.account})</span>
        <b data-code>{codes[i]}</b>
      </li>
    ))}
  </ul>,
  document.body,
);
