/** Owns every read and write of vault accounts: metadata out, codes out, secrets sealed in, one transaction per change. */
import type { IDBPTransaction } from 'idb';
import { equalBytes, importOtpKey, isOtpKey, otpKeyFingerprint, type KeyProvider, EnvelopeError, type RandomBytes, type SecretEnvelope, enrollmentAad, openEnvelope, recordAad, sealEnvelope } from '@/lib/crypto';
import { TesseraError } from '@/lib/errors';
import { NO_POLICY, assertExportAllowed, forcedDeviceBound, type ManagedPolicy } from '@/lib/policy';
import { OTP_DEFAULTS, generateHotp, generateSteam, generateTotp } from '@/lib/otp';
import { createDeviceKeyProvider } from './device-key-provider';
import {
  AccountNotFoundError,
  DeviceBoundError,
  RecordUnreadableError,
  VaultError,
  VaultInputError,
  VaultUnavailableError,
  ConcurrentModificationError,
} from './errors';
import { bumpRevision, RECORD_FORMAT_VERSION, VAULT_META_ROW_ID, type VaultDb, type VaultDbSchema } from './schema';
import type {
  AccountCode,
  AccountCodeFailure,
  AccountMeta,
  AccountRecord,
  AccountUpdate,
  AddOptions,
  AddResult,
  NewAccountInput,
  PreviewResult,
  VaultStatus,
} from './types';
import { type ValidAccount, canonicalGroup, labelKey, validateNewAccount, validateUpdate } from './validate';

export type VaultDeps = {
  db: VaultDb | Promise<VaultDb>;
  /** Defaults to device mode (the stored non-extractable key); the passphrase mode will pass its own. */
  keyProvider?: KeyProvider;
  now?: () => number;
  randomId?: () => string;
  randomBytes?: RandomBytes;
  /** Told whenever accounts are about to change or have changed (drops caches kept elsewhere). */
  onChange?: () => void;
  /** The organisation's policy, read at each add and export (lib/policy.ts); none by default. */
  policy?: () => Promise<ManagedPolicy>;
};

/**
 * The vault: the accounts, their codes and the trash. Every method may also throw
 * `VaultUnavailableError` (`storage-unavailable`, `device-key-missing`, `device-key-unusable`,
 * `vault-too-new`): a blocking state in which nothing was written. Ids are checked first
 * (`TypeError`/`RangeError` for a malformed id). Secrets leave only through `exportableSecret`
 * and `enrollmentPart`.
 */
export interface Vault {
  /** `ready` or `empty`; the first call on a new profile creates the device key. */
  status(): Promise<VaultStatus>;
  /** Every account (no secrets), in list order (pinned first, then the user's order). */
  list(): Promise<AccountMeta[]>;
  /** Throws `AccountNotFoundError`. */
  get(id: string): Promise<AccountMeta>;
  /**
   * Current and next code of every totp/steam account at `timestamp` (hotp omitted); with `ids`,
   * only those (unknown ids skipped). An undecryptable account comes back as an
   * `AccountCodeFailure`, never dropped and never failing the rest.
   */
  codes(timestamp?: number, ids?: readonly string[]): Promise<Array<AccountCode | AccountCodeFailure>>;
  /** One totp/steam account's codes. Throws `AccountNotFoundError`, `VaultInputError` (`not-time-based`), `RecordUnreadableError`. */
  codeOf(id: string, timestamp?: number): Promise<AccountCode>;
  /** `list()` and `codes()` from one read. */
  overview(timestamp?: number): Promise<{ accounts: AccountMeta[]; codes: Array<AccountCode | AccountCodeFailure> }>;
  /**
   * Adds one account, or reports it already there or in conflict (see `AddOptions.onConflict`).
   * Throws `VaultInputError` (bad input, nothing written), `PolicyError` (`device-bound-only`),
   * `ConcurrentModificationError` (the accounts kept changing; nothing written).
   */
  add(input: NewAccountInput, options?: AddOptions): Promise<AddResult>;
  /** All or nothing, in one transaction; one result per input. Throws as `add` (`VaultInputError.index` names the entry). */
  addMany(inputs: readonly NewAccountInput[], options?: AddOptions): Promise<AddResult[]>;
  /** What `addMany` would do, writing nothing. Throws `VaultInputError`. */
  previewMany(inputs: readonly NewAccountInput[]): Promise<PreviewResult[]>;
  /** Throws `AccountNotFoundError`, `VaultInputError` (a bad field). */
  update(id: string, patch: AccountUpdate): Promise<AccountMeta>;
  /** Moves the account to the trash; returns the undo token. Throws `AccountNotFoundError`. */
  trash(id: string): Promise<string>;
  /** Restores a trashed account (idempotent). Throws `AccountNotFoundError` once the trash was purged. */
  untrash(token: string): Promise<AccountMeta>;
  /** Deletes for good every trashed account older than `maxAgeMs`; returns how many. */
  purgeTrash(maxAgeMs: number): Promise<number>;
  /** `ids` first, in that order; the others keep their relative order after them. Throws `VaultInputError` (`invalid-order`). */
  reorder(ids: readonly string[]): Promise<void>;
  /** Records that a code was used now (for the "recently used" order). Throws `AccountNotFoundError`. */
  markUsed(id: string): Promise<void>;
  /**
   * Reserves the next counter in one transaction and computes its code; concurrent calls get
   * distinct counters. Throws `AccountNotFoundError`, `VaultInputError` (`not-hotp`,
   * `counter-exhausted`), `RecordUnreadableError`.
   */
  nextHotp(id: string): Promise<{ code: string; counter: number }>;
  /**
   * The code `nextHotp` gave last, recomputed from the secret (never stored); null when the counter
   * moved another way since. Throws `AccountNotFoundError`, `VaultInputError` (`not-hotp`), `RecordUnreadableError`.
   */
  lastHotp(id: string): Promise<{ code: string; counter: number } | null>;
  /** The pending two-step client part (the caller zeroes it). Throws `AccountNotFoundError`, `VaultInputError` (`no-enrollment`), `RecordUnreadableError`. */
  enrollmentPart(id: string): Promise<Uint8Array>;
  /** Forgets the pending client part (idempotent). Throws `AccountNotFoundError`. */
  finishEnrollment(id: string): Promise<AccountMeta>;
  /**
   * The decrypted secret, for export and backup paths only. Throws `DeviceBoundError` (no copy of
   * a device-bound secret exists), `AccountNotFoundError`, `RecordUnreadableError`, `PolicyError`
   * (`export-disabled`).
   */
  exportableSecret(id: string): Promise<Uint8Array>;
}

/** How far ahead `codes` prepares the next codes: the usual period. */
const PREFETCH_AHEAD_MS = 30_000;

/** Attempts before `addMany` gives up when other writers keep changing the accounts under it. */
const MAX_ADD_ATTEMPTS = 5;

/**
 * The vault API the background worker calls. Nothing here is state: the database is the truth;
 * the only memory is a cache of imported non-extractable HMAC keys (lost with the worker, harmless).
 */
export function createVault(deps: VaultDeps): Vault {
  const now = deps.now ?? Date.now;
  const randomId = deps.randomId ?? (() => crypto.randomUUID());
  const { randomBytes } = deps;
  const policy = deps.policy ?? (async () => NO_POLICY);
  const dbReady = Promise.resolve(deps.db);
  // Keep a rejected open from surfacing as an unhandled rejection before the first call.
  dbReady.catch(() => undefined);
  const keyProvider = deps.keyProvider ?? createDeviceKeyProvider({ db: dbReady, now, randomId, randomBytes });

  /**
   * id → imported HMAC key. Stamped with the envelope's IV, which changes exactly when the
   * secret is re-sealed, so a replaced secret can never be served from here.
   */
  const otpKeys = new Map<string, { stamp: string; key: Promise<CryptoKey> }>();

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

  /**
   * id → codes by time step. Codes are what the UI receives anyway; caching them means a popup
   * polling every second costs no WebCrypto within a step, and a step change costs one HMAC per
   * account (the old `next` is the new `current`). Tagged like `otpKeys`, plus the parameters.
   */
  const codeCache = new Map<string, { tag: string; byStep: Map<number, string> }>();

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
    const code = await timeCode(await key(), record, timestamp);
    // Keep a small window around the steps asked for; old steps are never asked again.
    for (const known of entry.byStep.keys()) if (Math.abs(known - step) > 2) entry.byStep.delete(known);
    entry.byStep.set(step, code);
    return code;
  }

  function forget(id: string): void {
    otpKeys.delete(id);
    codeCache.delete(id);
  }

  /** One data-key lookup per operation, and none at all when every key is cached. */
  function lazyDataKey(): () => Promise<CryptoKey> {
    let pending: Promise<CryptoKey> | undefined;
    return () => (pending ??= keyProvider.getDataKey());
  }

  /**
   * Current and next code of every totp/steam account at `timestamp` (ms). All WebCrypto work is
   * issued at once; an unreadable record is reported in place, a blocking key problem throws.
   */
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

  /**
   * The records as last read, so a popup asking for codes every step costs one small read
   * instead of all of them. Each write bumps a revision in the meta row (after its commit);
   * a read compares revisions, so a write by any other vault instance is seen as well.
   */
  let recordsCache: { revision: number; records: AccountRecord[] } | null = null;
  let generation = 0;

  async function readAll(db: VaultDb): Promise<AccountRecord[]> {
    const started = generation;
    const revision = (await db.get('meta', VAULT_META_ROW_ID))?.revision ?? 0;
    if (recordsCache && recordsCache.revision === revision && started === generation) return recordsCache.records;
    const records = await db.getAll('accounts');
    if (started === generation) recordsCache = { revision, records };
    return records;
  }

  /** Drops the cache; with `db`, also tells other instances (best effort: the write already committed). */
  async function recordsChanged(db?: VaultDb): Promise<void> {
    generation += 1;
    recordsCache = null;
    deps.onChange?.();
    if (db) await bumpRevision(db).catch(() => undefined);
  }

  /** A read-write transaction on the accounts; the cached records are dropped around it. */
  async function writeTransaction<T>(db: VaultDb, body: (tx: AccountsTx<'readwrite'>) => Promise<T>): Promise<T> {
    void recordsChanged();
    let result: T;
    try {
      result = await inTransaction(db, 'readwrite', body);
    } finally {
      void recordsChanged();
    }
    await recordsChanged(db);
    return result;
  }

  async function readRecord(db: VaultDb, id: string): Promise<AccountRecord> {
    assertId(id);
    const record = await db.get('accounts', id);
    if (!record) throw new AccountNotFoundError();
    return record;
  }

  async function sealRecordSecret(
    id: string,
    account: ValidAccount,
    dataKey: () => Promise<CryptoKey>,
  ): Promise<AccountRecord['secret']> {
    if (account.deviceBound && !(await keyProvider.sealsDeviceBound?.())) {
      return { v: 1, alg: 'device-bound', key: await importOtpKey(account.secret, account.algorithm) };
    }
    // In passphrase mode a device-bound secret is sealed under the data key like any other, so
    // a copied profile holds nothing usable; the deviceBound flag still shuts every export path.
    return sealEnvelope(await dataKey(), account.secret, recordAad(RECORD_FORMAT_VERSION, id), { randomBytes });
  }

  async function addMany(inputs: readonly NewAccountInput[], options: AddOptions = {}): Promise<AddResult[]> {
    if (!Array.isArray(inputs)) throw new TypeError('inputs must be an array');
    const onConflict = options.onConflict;
    if (onConflict !== undefined && onConflict !== 'replace' && onConflict !== 'keep-both') {
      throw new RangeError("onConflict must be 'replace' or 'keep-both'");
    }
    // Every entry is checked before anything is read or written: one bad entry, nothing added.
    const valid = inputs.map((input, index) => validateNewAccount(input, index));
    try {
      // Every path that adds (by hand, capture, import, restore) ends here, so the policy is applied once.
      const enforced = await policy();
      for (const account of valid) account.deviceBound = forcedDeviceBound(account.deviceBound, enforced);
      const db = await dbReady;
      const dataKey = lazyDataKey();
      // Fails early (and creates the key on first run) before any planning.
      await dataKey();
      for (let attempt = 0; attempt < MAX_ADD_ATTEMPTS; attempt++) {
        const snapshot = await readAll(db);
        const plan = await planAdds(valid, snapshot, onConflict, dataKey);
        const written = await commitPlan(db, plan, snapshotStamp(snapshot));
        if (written) return written;
      }
      throw new ConcurrentModificationError('The accounts kept changing while adding; try again.');
    } finally {
      for (const account of valid) {
        account.secret.fill(0);
        account.enrollment?.clientPart.fill(0);
      }
    }
  }

  type PlannedWrite = {
    id: string;
    account: ValidAccount;
    replaces?: AccountRecord;
    secret?: AccountRecord['secret'];
    enrollmentPart?: SecretEnvelope;
  };
  type Plan = {
    writes: Map<string, PlannedWrite>;
    results: Array<{ status: AddResult['status']; id: string }>;
    existing: Map<string, AccountRecord>;
  };

  /** Decides, for each entry, exists / conflict / add / replace, then seals the secrets to write. */
  async function planAdds(
    valid: ValidAccount[],
    snapshot: AccountRecord[],
    onConflict: AddOptions['onConflict'],
    dataKey: () => Promise<CryptoKey>,
    seal = true,
  ): Promise<Plan> {
    type Candidate = {
      id: string;
      label: string;
      params: string;
      fingerprint: () => Promise<Uint8Array>;
    };
    const once = (make: () => Promise<Uint8Array>) => {
      let p: Promise<Uint8Array> | undefined;
      return () => (p ??= make());
    };
    const candidates: Candidate[] = sortRecords(snapshot).map((record) => ({
      id: record.id,
      label: labelKey(record.issuer, record.account),
      params: paramsKey(record),
      fingerprint: once(async () => otpKeyFingerprint(await otpKeyFor(record, dataKey))),
    }));
    const plan: Plan = { writes: new Map(), results: [], existing: new Map(snapshot.map((r) => [r.id, r])) };
    const groups = snapshot.map((record) => record.group);

    for (const account of valid) {
      account.group = canonicalGroup(account.group, groups);
      groups.push(account.group);
      const label = labelKey(account.issuer, account.account);
      const sameLabel = candidates.filter((c) => c.label === label);
      const fingerprint = once(async () => otpKeyFingerprint(await importOtpKey(account.secret, account.algorithm)));
      let exact: Candidate | undefined;
      for (const candidate of sameLabel) {
        if (candidate.params === paramsKey(account) && equalBytes(await candidate.fingerprint(), await fingerprint())) {
          exact = candidate;
          break;
        }
      }
      if (exact) {
        plan.results.push({ status: 'exists', id: exact.id });
        continue;
      }
      const target = sameLabel[0];
      if (target && onConflict === undefined) {
        plan.results.push({ status: 'conflict', id: target.id });
        continue;
      }
      const replacing = target !== undefined && onConflict === 'replace';
      let id: string;
      let replaces: AccountRecord | undefined;
      if (replacing) {
        id = target.id;
        // Replacing an entry planned earlier in this batch still writes a new record.
        const previous = plan.writes.get(id);
        replaces = previous ? previous.replaces : plan.existing.get(id);
      } else {
        id = randomId();
        // A new account never overwrites anything, even if an id generator misbehaves.
        if (plan.existing.has(id) || plan.writes.has(id)) {
          throw new VaultError('id-collision', 'Could not pick a new account id; try again.');
        }
      }
      plan.writes.set(id, { id, account, replaces });
      const entry: Candidate = { id, label, params: paramsKey(account), fingerprint };
      if (replacing) candidates[candidates.indexOf(target)] = entry;
      else candidates.push(entry);
      plan.results.push({ status: 'added', id });
    }

    if (!seal) return plan;
    await Promise.all(
      [...plan.writes.values()].map(async (write) => {
        write.secret = await sealRecordSecret(write.id, write.account, dataKey);
        const step = write.account.enrollment;
        // Sealed like any secret, even for a device-bound account: it is half of that secret.
        if (step) write.enrollmentPart = await sealEnvelope(await dataKey(), step.clientPart, enrollmentAad(RECORD_FORMAT_VERSION, write.id), { randomBytes });
      }),
    );
    return plan;
  }

  /**
   * What `addMany` without `onConflict` would do with each entry, writing nothing: the import
   * preview. Entries are validated one by one, so a bad entry is reported in place, not thrown.
   */
  async function previewMany(inputs: readonly NewAccountInput[]): Promise<PreviewResult[]> {
    if (!Array.isArray(inputs)) throw new TypeError('inputs must be an array');
    const checked = inputs.map((input, index): ValidAccount | VaultInputError => {
      try {
        return validateNewAccount(input, index);
      } catch (error) {
        if (error instanceof VaultInputError) return error;
        throw error;
      }
    });
    const valid = checked.filter((entry): entry is ValidAccount => !(entry instanceof VaultInputError));
    try {
      const db = await dbReady;
      const plan = await planAdds(valid, await readAll(db), undefined, lazyDataKey(), false);
      let next = 0;
      return checked.map((entry): PreviewResult => {
        if (entry instanceof VaultInputError) return { status: 'problem', code: entry.code, message: entry.message };
        const { status, id } = plan.results[next++]!;
        const existing = plan.existing.get(id);
        if (status === 'added') return { status: 'new' };
        // A match planned earlier in the same batch has no record yet: it is a duplicate within the file.
        return existing ? { status, existing: toMeta(existing) } : { status, existing: undefined };
      });
    } finally {
      for (const account of valid) account.secret.fill(0);
    }
  }

  /** One transaction; returns null (writing nothing) when the accounts changed since the snapshot. */
  async function commitPlan(db: VaultDb, plan: Plan, stamp: string): Promise<AddResult[] | null> {
    const time = now();
    const written = new Map<string, AccountRecord>();
    const ok = await writeTransaction(db, async (tx) => {
      const all = await tx.store.getAll();
      if (snapshotStamp(all) !== stamp) return false;
      let nextOrder = all.reduce((max, r) => Math.max(max, r.order), -1) + 1;
      const current = new Map(all.map((r) => [r.id, r]));
      for (const write of plan.writes.values()) {
        const old = write.replaces ? current.get(write.replaces.id) : undefined;
        const record = buildRecord(write, old, old ? old.order : nextOrder++, time);
        written.set(record.id, record);
        await (old ? tx.store.put(record) : tx.store.add(record));
      }
      return true;
    });
    if (!ok) return null;
    for (const write of plan.writes.values()) if (write.replaces) forget(write.id);
    return plan.results.map(({ status, id }) => {
      const record = written.get(id) ?? plan.existing.get(id);
      if (!record) throw new Error('planned account vanished');
      return status === 'conflict' ? { status, existing: toMeta(record) } : { status, account: toMeta(record) };
    });
  }

  function buildRecord(write: PlannedWrite, old: AccountRecord | undefined, order: number, time: number): AccountRecord {
    const { account } = write;
    if (!write.secret) throw new Error('secret not sealed');
    return {
      id: write.id,
      kind: account.kind,
      issuer: account.issuer,
      account: account.account,
      algorithm: account.algorithm,
      digits: account.digits,
      ...(account.period !== undefined && { period: account.period }),
      ...(account.counter !== undefined && { counter: account.counter }),
      // A replacement keeps where the user put it and what they bound it to (unless new bindings are given).
      sites: account.sites.length > 0 || !old ? account.sites : old.sites,
      // Likewise its group, unless the new entry names one.
      group: account.group ?? old?.group ?? null,
      pinned: old?.pinned ?? false,
      order,
      deviceBound: account.deviceBound,
      secretBits: account.secret.length * 8,
      createdAt: old?.createdAt ?? time,
      updatedAt: old ? Math.max(time, old.updatedAt + 1) : time,
      ...(old?.lastUsedAt !== undefined && { lastUsedAt: old.lastUsedAt }),
      secret: write.secret,
      ...(account.enrollment &&
        write.enrollmentPart && { enrollment: { kind: account.enrollment.kind, origin: account.enrollment.origin, part: write.enrollmentPart } }),
    };
  }

  return {
    /** Blocking problems throw `VaultUnavailableError`; first run creates the device key here (once). */
    status: (): Promise<VaultStatus> =>
      guard(async () => {
        const db = await dbReady;
        await keyProvider.getDataKey();
        const count = await db.count('accounts');
        return { state: count > 0 ? 'ready' : 'empty' };
      }),

    list: (): Promise<AccountMeta[]> => guard(async () => sortRecords(await readAll(await dbReady)).map(toMeta)),

    get: (id: string): Promise<AccountMeta> => guard(async () => toMeta(await readRecord(await dbReady, id))),

    /**
     * Current and next code of every totp/steam account at `timestamp` (ms), in list order; hotp
     * omitted. With `ids`, only those accounts (unknown ids are skipped: the asker's list may be
     * a moment old), so a cold worker can answer a popup's first screen before decrypting the rest.
     */
    codes: (timestamp: number = now(), ids?: readonly string[]): Promise<Array<AccountCode | AccountCodeFailure>> =>
      guard(async () => {
        if (ids !== undefined) {
          if (!Array.isArray(ids)) throw new TypeError('ids must be an array of account ids');
          ids.forEach(assertId);
        }
        const all = sortRecords(await readAll(await dbReady));
        const wanted = ids === undefined ? null : new Set(ids);
        const records = wanted ? all.filter((record) => wanted.has(record.id)) : all;
        const result = await codesFor(records, timestamp);
        // Time only moves forward: work out the following step's codes now, after replying, so
        // the request a popup sends at the next boundary is answered from memory.
        if (!wanted) setTimeout(() => void codesFor(records, timestamp + PREFETCH_AHEAD_MS).catch(() => undefined), 0);
        return result;
      }),

    /** Current and next code of ONE totp/steam account (what a fill needs), decrypting only it. */
    codeOf: (id: string, timestamp: number = now()): Promise<AccountCode> =>
      guard(async () => {
        assertId(id);
        const record = await readRecord(await dbReady, id);
        if (record.kind === 'hotp') throw new VaultInputError('not-time-based', 'Counter-based accounts use nextHotp.');
        const [code] = await codesFor([record], timestamp);
        if (!code || 'error' in code) throw new RecordUnreadableError('decrypt-failed');
        return code;
      }),

    /** `list()` and `codes()` from one read: what a popup needs to draw, at half the IndexedDB cost. */
    overview: (
      timestamp: number = now(),
    ): Promise<{ accounts: AccountMeta[]; codes: Array<AccountCode | AccountCodeFailure> }> =>
      guard(async () => {
        const records = sortRecords(await readAll(await dbReady));
        return { accounts: records.map(toMeta), codes: await codesFor(records, timestamp) };
      }),

    add: (input: NewAccountInput, options?: AddOptions): Promise<AddResult> =>
      guard(async () => {
        const [result] = await addMany([input], options);
        if (!result) throw new Error('add produced no result');
        return result;
      }),

    /** All or nothing, in one transaction; one result per input, in order. */
    addMany: (inputs: readonly NewAccountInput[], options?: AddOptions): Promise<AddResult[]> =>
      guard(() => addMany(inputs, options)),

    update: (id: string, patch: AccountUpdate): Promise<AccountMeta> =>
      guard(async () => {
        assertId(id);
        const changes = validateUpdate(patch);
        const db = await dbReady;
        const record = await writeTransaction(db, async (tx) => {
          const old = await tx.store.get(id);
          if (!old) throw new AccountNotFoundError();
          if (changes.counter !== undefined && old.kind !== 'hotp') {
            throw new VaultInputError('not-hotp', 'This account does not use counters.');
          }
          if (changes.group) changes.group = canonicalGroup(changes.group, (await tx.store.getAll()).map((r) => r.group));
          const next: AccountRecord = { ...old, ...changes, updatedAt: Math.max(now(), old.updatedAt + 1) };
          // A corrected counter: the code shown last no longer belongs to it.
          if (changes.counter !== undefined && changes.counter !== old.counter) delete next.hotpShown;
          await tx.store.put(next);
          return next;
        });
        return toMeta(record);
      }),

    /**
     * Moves an account to the trash in one transaction and returns the token that undoes it.
     * Trashed accounts are invisible to every read, export included, and purged after the undo window.
     */
    trash: (id: string): Promise<string> =>
      guard(async () => {
        assertId(id);
        const db = await dbReady;
        void recordsChanged();
        const tx = db.transaction(['accounts', 'trash'], 'readwrite');
        const record = await tx.objectStore('accounts').get(id);
        if (!record) {
          tx.abort();
          tx.done.catch(() => undefined);
          throw new AccountNotFoundError();
        }
        await Promise.all([
          tx.objectStore('accounts').delete(id),
          tx.objectStore('trash').put({ id, record, deletedAt: now() }),
          tx.done,
        ]);
        await recordsChanged(db);
        forget(id);
        return id;
      }),

    /** Puts a trashed account back; idempotent, and refused once the trash was purged. */
    untrash: (token: string): Promise<AccountMeta> =>
      guard(async () => {
        assertId(token);
        const db = await dbReady;
        void recordsChanged();
        const tx = db.transaction(['accounts', 'trash'], 'readwrite');
        const [row, present] = await Promise.all([tx.objectStore('trash').get(token), tx.objectStore('accounts').get(token)]);
        if (!row) {
          await tx.done;
          if (present) return toMeta(present);
          throw new AccountNotFoundError();
        }
        const restored = present ?? row.record;
        await Promise.all([
          present ? Promise.resolve() : tx.objectStore('accounts').add(row.record),
          tx.objectStore('trash').delete(token),
          tx.done,
        ]);
        await recordsChanged(db);
        return toMeta(restored);
      }),

    /** Deletes for good every trashed account older than `maxAgeMs`; returns how many. */
    purgeTrash: (maxAgeMs: number): Promise<number> =>
      guard(async () => {
        const db = await dbReady;
        const tx = db.transaction('trash', 'readwrite');
        const expired = await tx.store.index('by-deleted-at').getAllKeys(IDBKeyRange.upperBound(now() - maxAgeMs));
        await Promise.all([...expired.map((key) => tx.store.delete(key)), tx.done]);
        return expired.length;
      }),

    /** `ids` first, in that order; accounts not named keep their relative order after them. */
    reorder: (ids: readonly string[]): Promise<void> =>
      guard(async () => {
        if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string') || new Set(ids).size !== ids.length) {
          throw new VaultInputError('invalid-order', 'The new order must list distinct account ids.');
        }
        const db = await dbReady;
        await writeTransaction(db, async (tx) => {
          const all = sortRecords(await tx.store.getAll());
          const byId = new Map(all.map((r) => [r.id, r]));
          const named = ids.map((id) => {
            const record = byId.get(id);
            if (!record) throw new AccountNotFoundError();
            return record;
          });
          const rest = all.filter((r) => !ids.includes(r.id)).sort((a, b) => a.order - b.order);
          const writes: Promise<unknown>[] = [];
          [...named, ...rest].forEach((record, order) => {
            if (record.order !== order) writes.push(tx.store.put({ ...record, order }));
          });
          await Promise.all(writes);
        });
      }),

    markUsed: (id: string): Promise<void> =>
      guard(async () => {
        assertId(id);
        const db = await dbReady;
        await writeTransaction(db, async (tx) => {
          const record = await tx.store.get(id);
          if (!record) throw new AccountNotFoundError();
          await tx.store.put({ ...record, lastUsedAt: now() });
        });
      }),

    /**
     * Reserves a counter (read + write counter+1 in ONE transaction, awaiting only IDB requests),
     * then computes HOTP(reserved) outside it. Concurrent calls get distinct counters.
     */
    nextHotp: (id: string): Promise<{ code: string; counter: number }> =>
      guard(async () => {
        const db = await dbReady;
        const dataKey = lazyDataKey();
        // Prove the secret is usable first, so a broken record does not burn counters.
        const before = await readRecord(db, id);
        if (before.kind !== 'hotp') throw new VaultInputError('not-hotp', 'This account does not use counters.');
        await otpKeyFor(before, dataKey);

        const reserved = await writeTransaction(db, async (tx) => {
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
        const key = await otpKeyFor(reserved.record, dataKey);
        const code = await generateHotp(key, reserved.counter, {
          algorithm: reserved.record.algorithm,
          digits: reserved.record.digits,
        });
        return { code, counter: reserved.counter };
      }),

    /**
     * The code `nextHotp` gave last, again (the popup was closed meanwhile), recomputed from the
     * secret; null when no code was shown since the counter last moved another way.
     */
    lastHotp: (id: string): Promise<{ code: string; counter: number } | null> =>
      guard(async () => {
        assertId(id);
        const record = await readRecord(await dbReady, id);
        if (record.kind !== 'hotp') throw new VaultInputError('not-hotp', 'This account does not use counters.');
        const counter = (record.counter ?? OTP_DEFAULTS.counter) - 1;
        if (!record.hotpShown || counter < 0) return null;
        const key = await otpKeyFor(record, lazyDataKey());
        const code = await generateHotp(key, counter, { algorithm: record.algorithm, digits: record.digits });
        return { code, counter };
      }),

    /**
     * The decrypted secret, for export and backup paths only: the ONE function they must use.
     * Device-bound accounts throw `DeviceBoundError`: no copy of their secret exists to give.
     */
    previewMany: (inputs: readonly NewAccountInput[]): Promise<PreviewResult[]> => guard(() => previewMany(inputs)),

    /**
     * The client part of a pending two-step enrollment, for the worker to show as the phone part
     * (or fill into its enrollment page). Not an export path: the final secret never leaves.
     */
    enrollmentPart: (id: string): Promise<Uint8Array> =>
      guard(async () => {
        const record = await readRecord(await dbReady, id);
        if (!record.enrollment) throw new VaultInputError('no-enrollment', 'This account has no enrollment step to finish.');
        return openSealed(await keyProvider.getDataKey(), record.enrollment.part, enrollmentAad(RECORD_FORMAT_VERSION, record.id));
      }),

    /** The user typed the phone part: forget it, in one transaction. Idempotent. */
    finishEnrollment: (id: string): Promise<AccountMeta> =>
      guard(async () => {
        assertId(id);
        const db = await dbReady;
        const record = await writeTransaction(db, async (tx) => {
          const old = await tx.store.get(id);
          if (!old) throw new AccountNotFoundError();
          if (!old.enrollment) return old;
          const { enrollment: _done, ...rest } = old;
          const next: AccountRecord = { ...rest, updatedAt: Math.max(now(), old.updatedAt + 1) };
          await tx.store.put(next);
          return next;
        });
        return toMeta(record);
      }),

    exportableSecret: (id: string): Promise<Uint8Array> =>
      guard(async () => {
        // The organisation's "no export" and "device-bound only" policies close this door for every account.
        assertExportAllowed(await policy());
        const db = await dbReady;
        const record = await readRecord(db, id);
        if (record.deviceBound || record.secret.alg === 'device-bound') throw new DeviceBoundError();
        return openRecordSecret(record, await keyProvider.getDataKey());
      }),
  };
}

function openRecordSecret(record: AccountRecord, dataKey: CryptoKey): Promise<Uint8Array> {
  return openSealed(dataKey, record.secret, recordAad(RECORD_FORMAT_VERSION, record.id));
}

/** Opens something sealed in a record; a wrong key, AAD or damaged envelope is the record's problem. */
async function openSealed(dataKey: CryptoKey, envelope: unknown, aad: Uint8Array): Promise<Uint8Array> {
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

function timeCode(key: CryptoKey, record: AccountRecord, timestamp: number): Promise<string> {
  if (record.kind === 'steam') return generateSteam(key, { timestamp });
  return generateTotp(key, {
    algorithm: record.algorithm,
    digits: record.digits,
    period: record.period ?? OTP_DEFAULTS.period,
    timestamp,
  });
}

/** Field by field, so nothing added to records later can leak to the UI by accident. */
export function toMeta(record: AccountRecord): AccountMeta {
  const meta: AccountMeta = {
    id: record.id,
    kind: record.kind,
    issuer: record.issuer,
    account: record.account,
    algorithm: record.algorithm,
    digits: record.digits,
    sites: record.sites.map((site) => ({ ...site })),
    pinned: record.pinned,
    order: record.order,
    deviceBound: record.deviceBound,
    secretBits: record.secretBits,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
  if (record.period !== undefined) meta.period = record.period;
  if (record.counter !== undefined) meta.counter = record.counter;
  if (record.hotpShown && record.kind === 'hotp') meta.hotpShown = true;
  if (record.lastUsedAt !== undefined) meta.lastUsedAt = record.lastUsedAt;
  if (record.submitAfterFill) meta.submitAfterFill = true;
  if (record.group) meta.group = record.group;
  if (record.enrollment) meta.enrollment = { kind: record.enrollment.kind, origin: record.enrollment.origin };
  return meta;
}

/** Pinned first, then the user's order; ties (possible after a restore) by creation, then id. */
function sortRecords<T extends Pick<AccountMeta, 'id' | 'pinned' | 'order' | 'createdAt'>>(records: T[]): T[] {
  return [...records].sort(
    (a, b) =>
      Number(b.pinned) - Number(a.pinned) ||
      a.order - b.order ||
      a.createdAt - b.createdAt ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** What must match, besides the secret, for a new entry to be "the same account". */
function paramsKey(a: Pick<AccountMeta, 'kind' | 'algorithm' | 'digits' | 'period'>): string {
  return a.kind === 'hotp' ? `hotp|${a.algorithm}|${a.digits}` : `${a.kind}|${a.algorithm}|${a.digits}|${a.period}`;
}

/** Changes whenever a record is added, removed, re-labelled or re-sealed (not on counters or use). */
function snapshotStamp(records: AccountRecord[]): string {
  return records
    .map((r) => `${r.id}:${r.updatedAt}`)
    .sort()
    .join(',');
}

type AccountsTx<Mode extends IDBTransactionMode> = IDBPTransaction<VaultDbSchema, ['accounts'], Mode>;

/**
 * Runs `body` in one transaction and waits for the commit. `body` must await only requests of
 * `tx`; if it throws, the transaction is aborted so nothing it issued is committed.
 */
async function inTransaction<T, Mode extends IDBTransactionMode>(
  db: VaultDb,
  mode: Mode,
  body: (tx: AccountsTx<Mode>) => Promise<T>,
): Promise<T> {
  const tx: AccountsTx<Mode> = db.transaction(['accounts'], mode);
  try {
    const result = await body(tx);
    await tx.done;
    return result;
  } catch (error) {
    tx.done.catch(() => undefined);
    try {
      tx.abort();
    } catch {
      // Already committed or aborted.
    }
    throw error;
  }
}

const STORAGE_FAILURES = new Set([
  'InvalidStateError',
  'TransactionInactiveError',
  'QuotaExceededError',
  'UnknownError',
  'AbortError',
  'DataCloneError',
  'ReadOnlyError',
  'VersionError',
]);

/** IndexedDB failures become the blocking `storage-unavailable`; our own typed errors pass through. */
async function guard<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (error instanceof TesseraError) throw error;
    const name = (error as { name?: unknown } | null)?.name;
    if (typeof name === 'string' && STORAGE_FAILURES.has(name)) {
      throw new VaultUnavailableError('storage-unavailable', 'The vault database failed.', { cause: error });
    }
    throw error;
  }
}

function assertId(id: unknown): asserts id is string {
  if (typeof id !== 'string' || id.length === 0) throw new TypeError('id must be a non-empty string');
}

function hex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}
