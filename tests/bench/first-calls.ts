/**
 * What the browser's first calls cost right after it starts (issue 12, item 2): the first page of
 * a restarted session (Tessera's quiet offscreen.html) times, all at once as the worker issues
 * them, the first `storage.managed`, `storage.session` and `storage.local` reads, opening the
 * vault's IndexedDB and reading its key row, and importing an HMAC key; then the same calls again.
 */
import { BenchSession, median, ms } from './extension-session';

export type FirstCallRow = { name: string; firstMs: number; againMs: number };

const TIMED_CALLS = `(async () => {
  const time = async (run) => { const t = performance.now(); await run(); return performance.now() - t; };
  const idb = () => new Promise((resolve, reject) => {
    const request = indexedDB.open('tessera-vault');
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const calls = {
    'storage.managed.get': () => chrome.storage.managed.get(null),
    'storage.session.get': () => chrome.storage.session.get('unlockedDataKey'),
    'storage.local.get': () => chrome.storage.local.get('settings'),
    'IndexedDB open (vault) + key row': async () => {
      const db = await idb();
      await new Promise((resolve, reject) => {
        const request = db.transaction('keys').objectStore('keys').get('device');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      db.close();
    },
    'HMAC importKey': () => crypto.subtle.importKey('raw', new Uint8Array(20), { name: 'HMAC', hash: 'SHA-1' }, false, ['sign']),
  };
  const names = Object.keys(calls);
  const first = await Promise.all(names.map((name) => time(calls[name])));
  const again = await Promise.all(names.map((name) => time(calls[name])));
  return names.map((name, i) => ({ name, firstMs: first[i], againMs: again[i] }));
})()`;

export async function measureFirstCalls(session: BenchSession, runs = 5): Promise<FirstCallRow[]> {
  const samples: FirstCallRow[][] = [];
  for (let run = 0; run < runs; run++) {
    const page = await session.restartAndOpen('offscreen.html');
    samples.push((await page.evaluate(TIMED_CALLS)) as FirstCallRow[]);
  }
  return samples[0]!.map((row, i) => ({
    name: row.name,
    firstMs: median(samples.map((s) => s[i]!.firstMs)),
    againMs: median(samples.map((s) => s[i]!.againMs)),
  }));
}

export function formatFirstCalls(rows: FirstCallRow[]): string[] {
  return rows.map((r) => `${r.name}: first ${ms(r.firstMs)}, then ${ms(r.againMs)}`);
}
