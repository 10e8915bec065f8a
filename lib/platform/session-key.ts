/**
 * The unlocked data key, kept in `storage.session`: in memory only, cleared when the
 * browser quits, closed to content scripts by default (a CryptoKey cannot be stored
 * there, so the raw key bytes are, base64-encoded). It is the passphrase mode's residual
 * risk while unlocked, the same one other password managers accept.
 */
import { browser } from 'wxt/browser';
import type { SessionKey, SessionKeyStore } from '../vault';

const SESSION_KEY = 'unlockedDataKey';

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
}

export function createSessionKeyStore(): SessionKeyStore {
  return {
    async get(): Promise<SessionKey | null> {
      const stored = (await browser.storage.session.get(SESSION_KEY))[SESSION_KEY] as
        | { keyId?: unknown; raw?: unknown }
        | undefined;
      if (!stored || typeof stored.keyId !== 'string' || typeof stored.raw !== 'string') return null;
      return { keyId: stored.keyId, raw: fromBase64(stored.raw) };
    },
    async set(key: SessionKey): Promise<void> {
      await browser.storage.session.set({ [SESSION_KEY]: { keyId: key.keyId, raw: toBase64(key.raw) } });
    },
    async clear(): Promise<void> {
      await browser.storage.session.remove(SESSION_KEY);
    },
  };
}
