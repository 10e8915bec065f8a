// Vault benchmark: list + codes for N accounts, warm (same vault, caches filled) and cold (a new
// vault instance with empty caches, as right after a worker restart). Runs under Node with
// fake-indexeddb by default; pass a real `IDBFactory` to measure in Chromium. It uses its own
// database name and deletes it afterwards, so it never touches a real vault.
import { createVault, openVaultDb, type NewAccountInput } from '@/lib/vault';

export type VaultBenchOptions = {
  idbFactory?: IDBFactory;
  accounts?: number;
  /** Timed repetitions per figure; the median is reported. */
  runs?: number;
  log?: (line: string) => void;
};

export type VaultBenchResult = {
  accounts: number;
  runs: number;
  environment: string;
  seedMs: number;
  /** list() + codes() on a warm vault at a new time step: one HMAC per account (old `next` reused). */
  warmMs: number;
  /** list() + codes() on a warm vault again within the same step: no WebCrypto at all. */
  warmSameStepMs: number;
  /** list() + codes() on a fresh vault instance (empty caches, key check redone): decrypt + import + 2 HMACs each. */
  coldMs: number;
  /** overview() (list + codes from one read) on a warm vault at a new time step. */
  warmOverviewMs: number;
};

const BENCH_DB_NAME = 'tessera-vault-bench';
const ALGORITHMS = ['SHA1', 'SHA1', 'SHA1', 'SHA256', 'SHA512'] as const;

export async function runVaultBench(options: VaultBenchOptions = {}): Promise<VaultBenchResult> {
  const { accounts = 1000, runs = 7, log = console.log } = options;
  const factory = options.idbFactory ?? (await nodeFactory());
  const environment = options.idbFactory ? 'given IDBFactory' : 'Node + fake-indexeddb';

  await deleteDb(factory);
  const db = await openVaultDb(factory, { name: BENCH_DB_NAME });
  try {
    const inputs: NewAccountInput[] = Array.from({ length: accounts }, (_, i) => ({
      kind: 'totp',
      issuer: `Issuer ${i}`,
      account: `user${i}@example.com`,
      secret: crypto.getRandomValues(new Uint8Array(20)),
      algorithm: ALGORITHMS[i % ALGORITHMS.length]!,
      digits: 6,
      period: 30,
    }));
    let start = performance.now();
    await createVault({ db }).addMany(inputs);
    const seedMs = performance.now() - start;

    const t0 = Date.now();
    const listAndCodes = async (vault: ReturnType<typeof createVault>, run: number) => {
      const list = await vault.list();
      const codes = await vault.codes(t0 + run * 30_000);
      if (list.length !== accounts || codes.length !== accounts) throw new Error('bench: wrong counts');
    };

    const cold: number[] = [];
    for (let run = 0; run < runs; run++) {
      start = performance.now();
      await listAndCodes(createVault({ db }), run);
      cold.push(performance.now() - start);
    }

    const warmVault = createVault({ db });
    await listAndCodes(warmVault, 0);
    const warm: number[] = [];
    const warmSameStep: number[] = [];
    for (let run = 1; run <= runs; run++) {
      start = performance.now();
      await listAndCodes(warmVault, run);
      warm.push(performance.now() - start);
      start = performance.now();
      await listAndCodes(warmVault, run);
      warmSameStep.push(performance.now() - start);
    }

    const overview: number[] = [];
    for (let run = 1; run <= runs; run++) {
      start = performance.now();
      await warmVault.overview(t0 + (runs + run) * 30_000);
      overview.push(performance.now() - start);
    }

    const result: VaultBenchResult = {
      accounts,
      runs,
      environment,
      seedMs: round(seedMs),
      warmMs: median(warm),
      warmSameStepMs: median(warmSameStep),
      coldMs: median(cold),
      warmOverviewMs: median(overview),
    };
    log(`vault bench (${environment}, ${accounts} accounts, median of ${runs})`);
    log(`  addMany (seed)               ${result.seedMs} ms`);
    log(`  list+codes warm, new step    ${result.warmMs} ms   (target ≤ 25 ms in Chromium)`);
    log(`  list+codes warm, same step   ${result.warmSameStepMs} ms`);
    log(`  list+codes cold (restart)    ${result.coldMs} ms   (target ≤ 150 ms in Chromium)`);
    log(`  overview warm, new step      ${result.warmOverviewMs} ms`);
    return result;
  } finally {
    db.close();
    await deleteDb(factory);
  }
}

async function nodeFactory(): Promise<IDBFactory> {
  // idb checks `instanceof IDBDatabase` etc., so Node needs the fake's globals as well.
  // Specifiers in variables: a browser bundle of this file must not try to include the fake.
  const auto = 'fake-indexeddb/auto';
  const fake = 'fake-indexeddb';
  if (typeof (globalThis as { IDBDatabase?: unknown }).IDBDatabase === 'undefined') await import(/* @vite-ignore */ auto);
  const { IDBFactory: FakeFactory } = (await import(/* @vite-ignore */ fake)) as { IDBFactory: new () => IDBFactory };
  return new FakeFactory();
}

function deleteDb(factory: IDBFactory): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = factory.deleteDatabase(BENCH_DB_NAME);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
    request.onblocked = () => resolve();
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return round(sorted[Math.floor(sorted.length / 2)] ?? NaN);
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

// `tsx tests/bench/vault-bench.ts` runs it directly.
const entry = typeof process !== 'undefined' ? process.argv?.[1] : undefined;
if (entry && import.meta.url.endsWith(entry.replace(/\\/g, '/').replace(/^.*\/tests\/bench\//, '/tests/bench/'))) {
  runVaultBench().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
