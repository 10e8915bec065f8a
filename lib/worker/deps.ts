/** What every worker feature is built from: the vault, a clock, and the services the entry wires in. */
import type { ParsedPolicy } from '../policy';
import type { CaptureFlow } from '../capture';
import type { PopupSnapshotWriter } from './snapshot';
import type { VaultAccess } from './vault-access';

export interface WorkerDeps {
  vault: VaultAccess;
  /** Called after the vault locks, so the worker forgets what it had decrypted. */
  onLocked?: () => Promise<void>;
  now?: () => number;
  /** QR capture; defaults to the browser's tabs, scripting and session storage. */
  capture?: CaptureFlow;
  /** Keeps what the next popup draws first (`lib/popup/snapshot.ts`); absent in tests. */
  popupSnapshot?: Pick<PopupSnapshotWriter, 'token' | 'recordCodes' | 'recordSite'>;
  /**
   * Erases superseded copies of vault rows from the browser's database files once the keys
   * changed (`lib/vault/scrub.ts`); absent in unit tests, where there are no such files.
   */
  scrubStaleCopies?: () => Promise<unknown>;
  /**
   * The organisation's policy (`./policy.ts` by default): `current` for what only shows,
   * `enforced` for what lets a secret or code leave or weakens protection (lib/policy-source.ts).
   */
  policy?: { current: () => Promise<ParsedPolicy>; enforced: () => Promise<ParsedPolicy> };
}
