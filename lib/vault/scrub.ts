/**
 * Erases stale copies of vault rows from the browser's database files after the keys change.
 *
 * Chromium keeps IndexedDB in LevelDB, which appends: a record re-sealed under a passphrase, and
 * the deleted device-key row, survive as old versions in the write-ahead log and table files
 * until LevelDB compacts them, which the web offers no way to request. A copied profile would
 * then still hold the device key and the records it decrypts. Writing enough throw-away data
 * (in a separate database of the same origin, which shares those files) makes LevelDB flush and
 * compact, and compaction drops every superseded version. Measured on Chromium 156: 64 MiB
 * leaves the old copies in a table file, 96 MiB removes them; the default has headroom. The
 * end-to-end disk test checks the outcome on the real browser.
 */
import { deleteDB, openDB } from 'idb';

export const SCRUB_DB_NAME = 'tessera-scrub';
/** Values stay well under the size above which Chromium moves a value out of LevelDB into a blob file. */
const VALUE_BYTES = 16 * 1024;
const VALUES_PER_TRANSACTION = 64;
export const DEFAULT_SCRUB_BYTES = 128 * 1024 * 1024;

export type ScrubResult = { bytesWritten: number; ms: number };

/** Fills, empties and deletes the throw-away database; the vault itself is never touched. */
export async function scrubStaleCopies(
  options: { bytes?: number; now?: () => number; fillRandom?: (buffer: Uint8Array) => void } = {},
): Promise<ScrubResult> {
  const { bytes = DEFAULT_SCRUB_BYTES, now = () => performance.now() } = options;
  // Incompressible filler: LevelDB compresses table blocks, and the threshold counts raw bytes anyway.
  const fillRandom = options.fillRandom ?? ((buffer: Uint8Array) => void crypto.getRandomValues(buffer));
  if (!Number.isSafeInteger(bytes) || bytes < 0) throw new RangeError('bytes must be a whole number ≥ 0');
  const started = now();
  await deleteDB(SCRUB_DB_NAME);
  const db = await openDB(SCRUB_DB_NAME, 1, {
    upgrade(database) {
      database.createObjectStore('filler');
    },
  });
  let written = 0;
  try {
    const value = new Uint8Array(VALUE_BYTES);
    let key = 0;
    while (written < bytes) {
      const tx = db.transaction('filler', 'readwrite');
      const puts: Array<Promise<unknown>> = [];
      for (let i = 0; i < VALUES_PER_TRANSACTION && written < bytes; i += 1) {
        fillRandom(value);
        puts.push(tx.store.put(value.slice(), key++));
        written += VALUE_BYTES;
      }
      await Promise.all([...puts, tx.done]);
    }
    await db.clear('filler');
  } finally {
    db.close();
    await deleteDB(SCRUB_DB_NAME);
  }
  return { bytesWritten: written, ms: now() - started };
}

/** After an interrupted scrub (the worker stopped mid-way): frees the space it held. */
export function removeScrubLeftovers(): Promise<void> {
  return deleteDB(SCRUB_DB_NAME);
}
