/** The floor's codes: plain secrets from storage.local, one HMAC key per account (WebCrypto). */
import type { BenchAccount } from '../extension-session';

const HASH = { SHA1: 'SHA-1', SHA256: 'SHA-256', SHA512: 'SHA-512' };
const STEAM = '23456789BCDFGHJKMNPQRTVWXY';

/** What the worker-floor popup sends its worker (a plain string: the floor has no contract). */
export const CODES_REQUEST = 'codes';

export type AccountsWithCodes = { accounts: BenchAccount[]; codes: string[] };

function base32(text: string): Uint8Array<ArrayBuffer> {
  const bits = [...text].map((c) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'.indexOf(c).toString(2).padStart(5, '0')).join('');
  return Uint8Array.from(bits.match(/.{8}/g) ?? [], (byte) => parseInt(byte, 2));
}

async function code(a: BenchAccount, now: number): Promise<string> {
  const key = await crypto.subtle.importKey('raw', base32(a.secret), { name: 'HMAC', hash: HASH[a.algorithm] }, false, ['sign']);
  const counter = new DataView(new ArrayBuffer(8));
  counter.setUint32(4, Math.floor(now / 1000 / a.period));
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, counter.buffer));
  const offset = mac[mac.length - 1]! & 15;
  let value = new DataView(mac.buffer).getUint32(offset) & 0x7fffffff;
  if (a.kind !== 'steam') return String(value % 10 ** a.digits).padStart(a.digits, '0');
  let out = '';
  for (let i = 0; i < 5; i++, value = Math.floor(value / STEAM.length)) out += STEAM[value % STEAM.length];
  return out;
}

type LocalStorage = { storage: { local: { get(key: string): Promise<{ accounts?: BenchAccount[] }> } } };

/** Every account and its code now. */
export async function accountsWithCodes(): Promise<AccountsWithCodes> {
  const { chrome } = globalThis as unknown as { chrome: LocalStorage };
  const { accounts = [] } = await chrome.storage.local.get('accounts');
  const codes = await Promise.all(accounts.map((a) => code(a, Date.now())));
  return { accounts, codes };
}
