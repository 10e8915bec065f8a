/**
 * Owns adding accounts: validation, the duplicate check (same label, parameters and secret
 * fingerprint), the exists / conflict / add / replace plan, its import preview, and the one
 * transaction that commits it (retried when other writers changed the accounts meanwhile).
 */
import { enrollmentAad, equalBytes, importOtpKey, otpKeyFingerprint, recordAad, sealEnvelope, type KeyProvider, type RandomBytes, type SecretEnvelope } from '@/lib/crypto';
import { forcedDeviceBound, type ManagedPolicy } from '@/lib/policy';
import type { CodeCache } from './codes';
import { ConcurrentModificationError, VaultError, VaultInputError } from './errors';
import { sortRecords, toMeta, type RecordStore } from './records';
import { RECORD_FORMAT_VERSION, type VaultDb } from './schema';
import type { AccountMeta, AccountRecord, AddOptions, AddResult, NewAccountInput, PreviewResult } from './types';
import { type ValidAccount, canonicalGroup, labelKey, validateNewAccount } from './validate';

/** Attempts before `addMany` gives up when other writers keep changing the accounts under it. */
const MAX_ADD_ATTEMPTS = 5;

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

export type AddPlanningDeps = {
  records: RecordStore;
  cache: CodeCache;
  keyProvider: KeyProvider;
  policy: () => Promise<ManagedPolicy>;
  now: () => number;
  randomId: () => string;
  randomBytes?: RandomBytes;
};

/** The vault's add methods: `add`, `addMany` and the writing-nothing `previewMany`. */
export function createAddMethods(deps: AddPlanningDeps) {
  const { records, cache, keyProvider, policy, now, randomId, randomBytes } = deps;
  const { otpKeyFor, lazyDataKey, forget } = cache;
  const { readAll, writeTransaction } = records;
  const dbReady = records.db;

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
    add: async (input: NewAccountInput, options?: AddOptions): Promise<AddResult> => {
      const [result] = await addMany([input], options);
      if (!result) throw new Error('add produced no result');
      return result;
    },
    /** All or nothing, in one transaction; one result per input, in order. */
    addMany,
    previewMany,
  };
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
