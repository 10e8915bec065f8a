/**
 * Owns the codes: the OTP core's `generateCode` over each record's key, with the two caches that make
 * a polling popup cheap (imported HMAC keys, codes by time step). Nothing here is state that matters:
 * both caches die with the worker, harmlessly.
 */
import { EnvelopeError, importOtpKey, isOtpKey, openEnvelope, recordAad, type KeyProvider } from '@/lib/crypto';
import { OTP_DEFAULTS, generateCode } from '@/lib/otp';
import { AccountNotFoundError, RecordUnreadableError, VaultInputError } from './errors';
import { assertId, sortRecords, toMeta, type RecordStore } from './records';
import { RECORD_FORMAT_VERSION } from './schema';
import type { AccountCode, AccountCodeFailure, AccountMeta, AccountRecord } from './types';

/** How far ahead `codes` prepares the next codes: the usual period. */
const PREFETCH_AHEAD_MS = 30_000;

/** The keys and codes of records, cached; shared with add planning (fingerprints) and trash (forgetting). */
export interface CodeCache {
  /** The record's HMAC key, imported once per sealed secret. Throws `RecordUnreadableError`. */
  otpKeyFor(record: AccountRecord, dataKey: () => Promise<CryptoKey>): Promise<CryptoKey>;
  /** Current and next code of every totp/steam record; an unreadable one is reported in place. */
  codesFor(records: AccountRecord[], timestamp: number): Promise<Array<AccountCode | AccountCodeFailure>>;
  /** Drops what is cached for one account (its secret was replaced or it left the vault). */
  forget(id: string): void;
  /** One data-key lookup per operation, and none at all when every key is cached. */
  lazyDataKey(): () => Promise<CryptoKey>;
}

export function createCodeCache(keyProvider: KeyProvider): CodeCache {
  /**
   * id → imported HMAC key. Stamped with the envelope's IV, which changes exactly when the
   * secret is re-sealed, so a replaced secret can never be served from here.
   */
  const otpKeys = new Map<string, { stamp: string; key: Promise<CryptoKey> }>();

  /**
   * id → codes by time step. Codes are what the UI receives anyway; caching them means a popup
   * polling every second costs no WebCrypto within a step, and a step change costs one HMAC per
   * account (the old `next` is the new `current`). Tagged like `otpKeys`, plus the parameters.
   */
  const codeCache = new Map<string, { tag: string; byStep: Map<number, string> }>();

  function otpKeyFor(record: AccountRecord, dataKey: () => Promise<CryptoKey>): Promise<CryptoKey> {
    const { secret } = record;
    if (secret.alg === 'device-bound') {
      if (!isOtpKey(secret.key, record.algorithm)) {
        return Promise.reject(new RecordUnreadableError('bad-key'));
      }
      return Promise.resolve(secret.key);
    }
    const stamp = secret.iv instanceof Uint8Array ? hex(secret.iv) : '';
    const cached = otpKeys.get(record.id);
    if (cached && cached.stamp === stamp && stamp !== '') return cached.key;
    const key = (async () => {
      const bytes = await openRecordSecret(record, await dataKey());
      try {
        return await importOtpKey(bytes, record.algorithm);
      } finally {
        bytes.fill(0);
      }
    })();
    otpKeys.set(record.id, { stamp, key });
    key.catch(() => {
      if (otpKeys.get(record.id)?.key === key) otpKeys.delete(record.id);
    });
    return key;
  }

  async function cachedTimeCode(
    record: AccountRecord,
    step: number,
    timestamp: number,
    key: () => Promise<CryptoKey>,
  ): Promise<string> {
    const tag = codeTag(record);
    let entry = codeCache.get(record.id);
    if (!entry || entry.tag !== tag) {
      entry = { tag, byStep: new Map() };
      codeCache.set(record.id, entry);
    }
    const hit = entry.byStep.get(step);
    if (hit !== undefined) return hit;
    const code = await generateCode(await key(), record, timestamp);
    // Keep a small window around the steps asked for; old steps are never asked again.
    for (const known of entry.byStep.keys()) if (Math.abs(known - step) > 2) entry.byStep.delete(known);
    entry.byStep.set(step, code);
    return code;
  }

  /** All WebCrypto work is issued at once; an unreadable record is reported in place, a blocking key problem throws. */
  async function codesFor(
    records: AccountRecord[],
    timestamp: number,
  ): Promise<Array<AccountCode | AccountCodeFailure>> {
    if (!Number.isFinite(timestamp) || timestamp < 0) throw new RangeError('timestamp must be ≥ 0 ms');
    const dataKey = lazyDataKey();
    const timeBased = records.filter(
      (r): r is AccountRecord & { kind: 'totp' | 'steam' } => r.kind === 'totp' || r.kind === 'steam',
    );
    return Promise.all(
      timeBased.map(async (record): Promise<AccountCode | AccountCodeFailure> => {
        try {
          let keyPromise: Promise<CryptoKey> | undefined;
          const key = () => (keyPromise ??= otpKeyFor(record, dataKey));
          const period = record.kind === 'steam' ? OTP_DEFAULTS.steam.period : (record.period ?? OTP_DEFAULTS.period);
          const periodMs = period * 1000;
          const step = Math.floor(timestamp / periodMs);
          const stepStart = step * periodMs;
          const stepEnd = stepStart + periodMs;
          const [current, next] = await Promise.all([
            cachedTimeCode(record, step, stepStart, key),
            cachedTimeCode(record, step + 1, stepEnd, key),
          ]);
          return { id: record.id, kind: record.kind, current, next, period, stepStart, stepEnd };
        } catch (error) {
          if (error instanceof RecordUnreadableError) {
            return { id: record.id, kind: record.kind, error: 'record-unreadable' };
          }
          throw error;
        }
      }),
    );
  }

  function lazyDataKey(): () => Promise<CryptoKey> {
    let pending: Promise<CryptoKey> | undefined;
    return () => (pending ??= keyProvider.getDataKey());
  }

  return {
    otpKeyFor,
    codesFor,
    forget(id) {
      otpKeys.delete(id);
      codeCache.delete(id);
    },
    lazyDataKey,
  };
}

/** The vault's code methods: time-based codes for the list and for a fill, and HOTP counters. */
export function createCodeMethods(records: RecordStore, cache: CodeCache, now: () => number) {
  return {
    /**
     * Current and next code of every totp/steam account at `timestamp` (ms), in list order; hotp
     * omitted. With `ids`, only those accounts (unknown ids are skipped: the asker's list may be
     * a moment old), so a cold worker can answer a popup's first screen before decrypting the rest.
     */
    codes: async (timestamp: number = now(), ids?: readonly string[]): Promise<Array<AccountCode | AccountCodeFailure>> => {
      if (ids !== undefined) {
        if (!Array.isArray(ids)) throw new TypeError('ids must be an array of account ids');
        ids.forEach(assertId);
      }
      const all = sortRecords(await records.readAll(await records.db));
      const wanted = ids === undefined ? null : new Set(ids);
      const selected = wanted ? all.filter((record) => wanted.has(record.id)) : all;
      const result = await cache.codesFor(selected, timestamp);
      // Time only moves forward: work out the following step's codes now, after replying, so
      // the request a popup sends at the next boundary is answered from memory.
      if (!wanted) setTimeout(() => void cache.codesFor(selected, timestamp + PREFETCH_AHEAD_MS).catch(() => undefined), 0);
      return result;
    },

    /** Current and next code of ONE totp/steam account (what a fill needs), decrypting only it. */
    codeOf: async (id: string, timestamp: number = now()): Promise<AccountCode> => {
      assertId(id);
      const record = await records.readRecord(await records.db, id);
      if (record.kind === 'hotp') throw new VaultInputError('not-time-based', 'Counter-based accounts use nextHotp.');
      const [code] = await cache.codesFor([record], timestamp);
      if (!code || 'error' in code) throw new RecordUnreadableError('decrypt-failed');
      return code;
    },

    /** `list()` and `codes()` from one read: what a popup needs to draw, at half the IndexedDB cost. */
    overview: async (
      timestamp: number = now(),
    ): Promise<{ accounts: AccountMeta[]; codes: Array<AccountCode | AccountCodeFailure> }> => {
      const all = sortRecords(await records.readAll(await records.db));
      return { accounts: all.map(toMeta), codes: await cache.codesFor(all, timestamp) };
    },

    /**
     * Reserves a counter (read + write counter+1 in ONE transaction, awaiting only IDB requests),
     * then computes HOTP(reserved) outside it. Concurrent calls get distinct counters.
     */
    nextHotp: async (id: string): Promise<{ code: string; counter: number }> => {
      const db = await records.db;
      const dataKey = cache.lazyDataKey();
      // Prove the secret is usable first, so a broken record does not burn counters.
      const before = await records.readRecord(db, id);
      if (before.kind !== 'hotp') throw new VaultInputError('not-hotp', 'This account does not use counters.');
      await cache.otpKeyFor(before, dataKey);

      const reserved = await records.writeTransaction(db, async (tx) => {
        const record = await tx.store.get(id);
        if (!record) throw new AccountNotFoundError();
        if (record.kind !== 'hotp') throw new VaultInputError('not-hotp', 'This account does not use counters.');
        const counter = record.counter ?? OTP_DEFAULTS.counter;
        if (counter >= Number.MAX_SAFE_INTEGER) {
          throw new VaultInputError('counter-exhausted', 'This account has used up its counter.');
        }
        await tx.store.put({ ...record, counter: counter + 1, hotpShown: true, lastUsedAt: now() });
        return { record, counter };
      });
      const key = await cache.otpKeyFor(reserved.record, dataKey);
      const code = await generateCode(key, { ...reserved.record, counter: reserved.counter });
      return { code, counter: reserved.counter };
    },

    /**
     * The code `nextHotp` gave last, again (the popup was closed meanwhile), recomputed from the
     * secret; null when no code was shown since the counter last moved another way.
     */
    lastHotp: async (id: string): Promise<{ code: string; counter: number } | null> => {
      assertId(id);
      const record = await records.readRecord(await records.db, id);
      if (record.kind !== 'hotp') throw new VaultInputError('not-hotp', 'This account does not use counters.');
      const counter = (record.counter ?? OTP_DEFAULTS.counter) - 1;
      if (!record.hotpShown || counter < 0) return null;
      const key = await cache.otpKeyFor(record, cache.lazyDataKey());
      const code = await generateCode(key, { ...record, counter });
      return { code, counter };
    },
  };
}

export function openRecordSecret(record: AccountRecord, dataKey: CryptoKey): Promise<Uint8Array> {
  return openSealed(dataKey, record.secret, recordAad(RECORD_FORMAT_VERSION, record.id));
}

/** Opens something sealed in a record; a wrong key, AAD or damaged envelope is the record's problem. */
export async function openSealed(dataKey: CryptoKey, envelope: unknown, aad: Uint8Array): Promise<Uint8Array> {
  try {
    return await openEnvelope(dataKey, envelope, aad);
  } catch (cause) {
    if (cause instanceof EnvelopeError) throw new RecordUnreadableError(cause.code, { cause });
    throw cause;
  }
}

/** Changes when the secret is re-sealed (new IV) or replaced, or when code parameters change. */
function codeTag(record: AccountRecord): string {
  const { secret } = record;
  const secretTag =
    secret.alg === 'device-bound' ? `bound:${record.createdAt}:${record.updatedAt}` : secret.iv instanceof Uint8Array ? hex(secret.iv) : '';
  return `${secretTag}|${record.kind}|${record.algorithm}|${record.digits}|${record.period ?? ''}`;
}

function hex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}
