/**
 * Owns the JSON-safe form in which parsed import candidates cross from the manage page to the
 * worker (runtime messages are JSON: a Uint8Array would arrive as `{}`), and its strict reading.
 */
import { TesseraError } from '@/lib/errors';
import { OtpUriError, decodeBase32, encodeBase32, type OtpAccountData, type OtpAccountText } from '@/lib/otp';
import type { ImportCandidate } from '@/lib/import';
import type { NewAccountInput, SiteBinding } from '@/lib/vault';

/** One importable account; `secret` is base32. */
export type TransferAccount = OtpAccountText;

/** `sites`, `pinned` and `order` come only from a Tessera backup; `group` from any format that has groups. */
export type TransferCandidate = { account: TransferAccount; sites?: SiteBinding[]; pinned?: boolean; group?: string };

/** More accounts than any real export holds: a bigger message is refused before any work. */
export const MAX_TRANSFER_CANDIDATES = 5000;

export class TransferError extends TesseraError {}

/**
 * The candidates worth sending, in the order they should be added (a backup's saved order), as
 * JSON-safe values. Entries with a problem stay on the page: they are shown, never sent.
 */
export function toTransferCandidates(candidates: readonly ImportCandidate[]): TransferCandidate[] {
  if (!Array.isArray(candidates)) throw new TypeError('candidates must be an array');
  return candidates
    .map((candidate, index) => ({ candidate, index }))
    .filter((entry): entry is { candidate: Extract<ImportCandidate, { ok: true }>; index: number } => entry.candidate.ok)
    .sort((a, b) => (a.candidate.extras?.order ?? a.index) - (b.candidate.extras?.order ?? b.index) || a.index - b.index)
    .map(({ candidate }) => toTransferCandidate(candidate.account, candidate.extras, candidate.group));
}

export function toTransferCandidate(
  data: OtpAccountData,
  extras?: { sites: SiteBinding[]; pinned: boolean },
  group?: string,
): TransferCandidate {
  const account: TransferAccount = {
    kind: data.kind,
    issuer: data.issuer,
    account: data.account,
    secret: encodeBase32(data.secret),
    algorithm: data.algorithm,
    digits: data.digits,
    ...(data.kind === 'hotp' ? { counter: data.counter } : { period: data.period }),
  };
  return {
    account,
    ...(extras && { sites: extras.sites, pinned: extras.pinned }),
    ...(group !== undefined && { group }),
  };
}

/** The list as the worker received it: a wrong shape is the sender's bug, refused as a whole. */
export function readTransferCandidates(value: unknown): TransferCandidate[] {
  if (!Array.isArray(value)) throw new TransferError('bad-request', 'The import request is not a list of accounts.');
  if (value.length > MAX_TRANSFER_CANDIDATES) {
    throw new TransferError('too-many', `An import holds at most ${MAX_TRANSFER_CANDIDATES} accounts.`, { params: [MAX_TRANSFER_CANDIDATES] });
  }
  return value.map((entry, index) => {
    if (typeof entry !== 'object' || entry === null || typeof entry.account !== 'object' || entry.account === null) {
      throw new TransferError('bad-request', `Entry ${index + 1} of the import request is not an account.`);
    }
    return entry as TransferCandidate;
  });
}

/**
 * The vault's input for one candidate. Shapes and values are checked again by the vault itself;
 * here only what the vault cannot see: the base32 text.
 */
export function toNewAccountInput(candidate: TransferCandidate): NewAccountInput {
  const { account } = candidate;
  if (typeof account.secret !== 'string') throw new TransferError('invalid-secret', 'This entry has no secret.');
  let secret: Uint8Array;
  try {
    secret = decodeBase32(account.secret);
  } catch (cause) {
    if (cause instanceof OtpUriError) throw new TransferError('invalid-secret', 'This entry’s secret is not valid base32.', { cause });
    throw cause;
  }
  const input: NewAccountInput = {
    kind: account.kind,
    issuer: account.issuer,
    account: account.account,
    secret,
    algorithm: account.algorithm,
    digits: account.digits,
    ...(account.period !== undefined && { period: account.period }),
    ...(account.counter !== undefined && { counter: account.counter }),
  };
  if (candidate.sites !== undefined) input.sites = candidate.sites;
  // The vault checks the name again (it may have come from anywhere).
  if (candidate.group !== undefined) input.group = candidate.group;
  return input;
}
