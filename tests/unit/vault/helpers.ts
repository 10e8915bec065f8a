// Shared set-up for vault tests: a fresh in-memory IndexedDB per test, and RFC seeds.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { createVault, openVaultDb, type AddResult, type NewAccountInput, type VaultDeps } from '@/lib/vault';

export const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);

/** RFC 4226 Appendix D / RFC 6238 Appendix B seeds. */
export const SEED_SHA1 = ascii('12345678901234567890');
export const SEED_SHA256 = ascii('12345678901234567890123456789012');
export const SEED_SHA512 = ascii('1234567890123456789012345678901234567890123456789012345678901234');

export async function setUpVault(deps: Partial<Omit<VaultDeps, 'db'>> = {}) {
  const factory = new IDBFactory();
  const db = await openVaultDb(factory);
  const vault = createVault({ db, ...deps });
  return { factory, db, vault };
}

/** The account an add stored; anything else (a duplicate found, say) fails the test. */
export function added(result: AddResult | undefined) {
  if (result?.status !== 'added') throw new Error(`expected added, got ${result?.status}`);
  return result.account;
}

export function totp(overrides: Partial<NewAccountInput> = {}): NewAccountInput {
  return {
    kind: 'totp',
    issuer: 'Example',
    account: 'alice@example.com',
    secret: SEED_SHA1,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    ...overrides,
  };
}

export function hotp(overrides: Partial<NewAccountInput> = {}): NewAccountInput {
  return {
    kind: 'hotp',
    issuer: 'Counter Co',
    account: 'bob',
    secret: SEED_SHA1,
    algorithm: 'SHA1',
    digits: 6,
    counter: 0,
    ...overrides,
  };
}

/** Awaits a promise expected to reject and returns the error, so tests can assert on its `code`. */
export async function rejection(promise: Promise<unknown>): Promise<{ code?: string; name?: string; message?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code?: string };
  }
  throw new Error('expected a rejection');
}
