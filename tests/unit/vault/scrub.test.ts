import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { removeScrubLeftovers, SCRUB_DB_NAME, scrubStaleCopies } from '@/lib/vault/scrub';

async function databaseNames(): Promise<string[]> {
  return (await indexedDB.databases()).map((d) => d.name ?? '');
}

describe('scrubStaleCopies', () => {
  it('writes the requested amount of fresh random filler, then leaves no database behind', async () => {
    const seen = new Set<string>();
    const result = await scrubStaleCopies({
      bytes: 1024 * 1024,
      fillRandom: (buffer) => {
        crypto.getRandomValues(buffer);
        seen.add(Buffer.from(buffer.subarray(0, 16)).toString('hex'));
      },
    });
    expect(result.bytesWritten).toBe(1024 * 1024);
    expect(seen.size).toBe(64); // 64 values of 16 KiB, each different
    expect(await databaseNames()).not.toContain(SCRUB_DB_NAME);
  });

  it('never touches another database of the origin (the vault)', async () => {
    const vault = await openDB('scrub-neighbour', 1, { upgrade: (db) => void db.createObjectStore('meta') });
    await vault.put('meta', { revision: 7 }, 'vault');
    vault.close();
    await scrubStaleCopies({ bytes: 64 * 1024 });
    const reopened = await openDB('scrub-neighbour', 1);
    expect(await reopened.get('meta', 'vault')).toEqual({ revision: 7 });
    reopened.close();
  });

  it('frees what an interrupted scrub left', async () => {
    const leftover = await openDB(SCRUB_DB_NAME, 1, { upgrade: (db) => void db.createObjectStore('filler') });
    await leftover.put('filler', new Uint8Array(16), 1);
    leftover.close();
    expect(await databaseNames()).toContain(SCRUB_DB_NAME);
    await removeScrubLeftovers();
    expect(await databaseNames()).not.toContain(SCRUB_DB_NAME);
  });

  it('refuses a nonsensical size', async () => {
    await expect(scrubStaleCopies({ bytes: -1 })).rejects.toThrow(RangeError);
  });
});
