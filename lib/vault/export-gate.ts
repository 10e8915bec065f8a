/**
 * Owns the only two doors a secret leaves the vault by: `exportableSecret` (export and backup
 * paths, closed for device-bound accounts and by policy) and `enrollmentPart` (the client half of
 * a pending two-step enrollment, forgotten once the user has typed it).
 */
import { enrollmentAad, type KeyProvider } from '@/lib/crypto';
import { assertExportAllowed, type ManagedPolicy } from '@/lib/policy';
import { openRecordSecret, openSealed } from './codes';
import { AccountNotFoundError, DeviceBoundError, VaultInputError } from './errors';
import { assertId, toMeta, type RecordStore } from './records';
import { RECORD_FORMAT_VERSION } from './schema';
import type { AccountMeta, AccountRecord } from './types';

export type ExportGateDeps = {
  records: RecordStore;
  keyProvider: KeyProvider;
  policy: () => Promise<ManagedPolicy>;
  now: () => number;
};

export function createExportGate({ records, keyProvider, policy, now }: ExportGateDeps) {
  return {
    /**
     * The decrypted secret, for export and backup paths only: the ONE function they must use.
     * Device-bound accounts throw `DeviceBoundError`: no copy of their secret exists to give.
     */
    exportableSecret: async (id: string): Promise<Uint8Array> => {
      // The organisation's "no export" and "device-bound only" policies close this door for every account.
      assertExportAllowed(await policy());
      const db = await records.db;
      const record = await records.readRecord(db, id);
      if (record.deviceBound || record.secret.alg === 'device-bound') throw new DeviceBoundError();
      return openRecordSecret(record, await keyProvider.getDataKey());
    },

    /**
     * The client part of a pending two-step enrollment, for the worker to show as the phone part
     * (or fill into its enrollment page). Not an export path: the final secret never leaves.
     */
    enrollmentPart: async (id: string): Promise<Uint8Array> => {
      const record = await records.readRecord(await records.db, id);
      if (!record.enrollment) throw new VaultInputError('no-enrollment', 'This account has no enrollment step to finish.');
      return openSealed(await keyProvider.getDataKey(), record.enrollment.part, enrollmentAad(RECORD_FORMAT_VERSION, record.id));
    },

    /** The user typed the phone part: forget it, in one transaction. Idempotent. */
    finishEnrollment: async (id: string): Promise<AccountMeta> => {
      assertId(id);
      const db = await records.db;
      const record = await records.writeTransaction(db, async (tx) => {
        const old = await tx.store.get(id);
        if (!old) throw new AccountNotFoundError();
        if (!old.enrollment) return old;
        const { enrollment: _done, ...rest } = old;
        const next: AccountRecord = { ...rest, updatedAt: Math.max(now(), old.updatedAt + 1) };
        await tx.store.put(next);
        return next;
      });
      return toMeta(record);
    },
  };
}
