/** Owns the device-mode key lifecycle in the vault DB: create the key once on first run, then read and check it. */
import { type KeyProvider, createKeyCheck, generateDeviceKey, isKeyCheckValid, type RandomBytes } from '@/lib/crypto';
import { VaultUnavailableError } from './errors';
import { DEVICE_KEY_ROW_ID, type DeviceKeyRow, type PassphraseKeyRow, VAULT_META_ROW_ID, type VaultDb } from './schema';

export type DeviceKeyProviderDeps = {
  db: VaultDb | Promise<VaultDb>;
  now?: () => number;
  randomId?: () => string;
  randomBytes?: RandomBytes;
};

/**
 * Reads the stored device key on every call (one IDB get) so a key replaced or deleted
 * elsewhere is noticed; only the result of the key check is remembered, by public `keyId`.
 * On first run (no key row AND no records) it creates the key exactly once; it never creates
 * one while records exist.
 */
export function createDeviceKeyProvider(deps: DeviceKeyProviderDeps): KeyProvider {
  const { now = Date.now, randomId = () => crypto.randomUUID(), randomBytes } = deps;
  let checkedKeyId: string | undefined;

  async function readRow(db: VaultDb): Promise<{ row: DeviceKeyRow | undefined; accounts: number; keys: number }> {
    const tx = db.transaction(['accounts', 'keys'], 'readonly');
    const [row, accounts, keys] = await Promise.all([
      tx.objectStore('keys').get(DEVICE_KEY_ROW_ID),
      tx.objectStore('accounts').count(),
      tx.objectStore('keys').count(),
      tx.done,
    ]);
    return { row: deviceRow(row), accounts, keys };
  }

  async function createFirstKey(db: VaultDb): Promise<DeviceKeyRow> {
    // WebCrypto work happens before the transaction: awaiting it inside would let the transaction commit.
    const key = await generateDeviceKey();
    const candidate: DeviceKeyRow = {
      id: DEVICE_KEY_ROW_ID,
      keyId: randomId(),
      key,
      check: await createKeyCheck(key, { randomBytes }),
      createdAt: now(),
    };
    const tx = db.transaction(['accounts', 'keys', 'meta'], 'readwrite');
    const keys = tx.objectStore('keys');
    const meta = tx.objectStore('meta');
    const [existing, accounts, keyCount, metaRow] = await Promise.all([
      keys.get(DEVICE_KEY_ROW_ID),
      tx.objectStore('accounts').count(),
      keys.count(),
      meta.get(VAULT_META_ROW_ID),
    ]);
    if (existing || accounts > 0 || keyCount > 0) {
      // Another context got here first (or records appeared): keep what is stored, write nothing.
      tx.abort();
      await tx.done.catch(() => undefined);
      const existingDevice = deviceRow(existing);
      if (existingDevice) return existingDevice;
      throw missingKey();
    }
    await Promise.all([
      keys.add(candidate),
      meta.put({ id: VAULT_META_ROW_ID, schemaVersion: db.version, createdAt: now(), ...metaRow, mode: 'device' }),
      tx.done,
    ]);
    return candidate;
  }

  return {
    async getDataKey() {
      const db = await deps.db;
      const state = await readRow(db);
      let row = state.row;
      if (!row) {
        if (state.accounts > 0 || state.keys > 0) throw missingKey();
        row = await createFirstKey(db);
      }
      if (checkedKeyId !== row.keyId) {
        if (!(await isKeyCheckValid(row.key, row.check))) {
          throw new VaultUnavailableError(
            'device-key-unusable',
            'The device key of this vault cannot be used; the accounts are kept untouched.',
          );
        }
        checkedKeyId = row.keyId;
      }
      return row.key;
    },
  };
}

/** Rows are keyed by kind, so the device row is the one with the device id. */
export function deviceRow(row: DeviceKeyRow | PassphraseKeyRow | undefined): DeviceKeyRow | undefined {
  return row?.id === DEVICE_KEY_ROW_ID ? row : undefined;
}

function missingKey(): VaultUnavailableError {
  return new VaultUnavailableError(
    'device-key-missing',
    'The device key of this vault is missing, so its accounts cannot be decrypted; they are kept untouched.',
  );
}
