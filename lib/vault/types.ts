/** Owns the shapes of vault records and of what the vault hands out (metadata, codes, undo tokens). */
import type { SecretEnvelope } from '@/lib/crypto';
import type { OtpAccountData, OtpAlgorithm, OtpKind } from '@/lib/otp';

import type { SiteBinding } from '@/lib/sites';

export type { SiteBinding };

/** What crosses to the UI: never a secret, never key material. */
export type AccountMeta = {
  id: string;
  kind: OtpKind;
  issuer: string;
  account: string;
  algorithm: OtpAlgorithm;
  digits: number;
  /** totp and steam only (seconds). */
  period?: number;
  /** hotp only: the NEXT counter to use (see lib/otp/types.ts). */
  counter?: number;
  /**
   * hotp only: Tessera showed the code of `counter - 1` and nothing has moved the counter since,
   * so that code can be shown again (recomputed from the secret; no code is ever stored).
   */
  hotpShown?: boolean;
  sites: SiteBinding[];
  /** The user's group (one per account, like a folder); absent when the account is in none. */
  group?: string;
  pinned: boolean;
  /** Submit the form after filling a code on this account's sites (off unless the user asks). */
  submitAfterFill?: boolean;
  order: number;
  deviceBound: boolean;
  secretBits: number;
  createdAt: number;
  /** Bumped when the label, bindings, flags or secret change; not by counters or use. */
  updatedAt: number;
  lastUsedAt?: number;
  /** A two-step enrollment the user has not finished: the phone part is still to be typed. */
  enrollment?: PendingEnrollmentMeta;
};

/** What the UI may know of a pending enrollment step: never the part itself. */
export type PendingEnrollmentMeta = {
  kind: 'two-step';
  /** Where the QR code was captured (as the browser reported it): the only page it may be filled into. */
  origin: string | null;
};

/** A device-bound secret: only a non-extractable HMAC key, no exportable copy anywhere. */
export type DeviceBoundSecret = { v: 1; alg: 'device-bound'; key: CryptoKey };

export type AccountRecord = Omit<AccountMeta, 'enrollment' | 'group'> & {
  /** null = no group (schema version 3 wrote it on every older record; see VAULT_MIGRATIONS). */
  group: string | null;
  secret: SecretEnvelope | DeviceBoundSecret;
  /** The client part of a two-step enrollment, sealed like a secret until the user says Done. */
  enrollment?: PendingEnrollmentMeta & { part: SecretEnvelope };
};

/** A two-step enrollment's client part, stored with the account until the user has typed it. */
export type NewEnrollmentStep = PendingEnrollmentMeta & { clientPart: Uint8Array };

export type NewAccountInput = OtpAccountData & {
  sites?: SiteBinding[];
  deviceBound?: boolean;
  enrollment?: NewEnrollmentStep;
  /** A group name (an existing group's spelling wins, case-insensitively); null or absent = none. */
  group?: string | null;
};

export type AddOptions = { onConflict?: 'replace' | 'keep-both' };

export type AddResult =
  | { status: 'added'; account: AccountMeta }
  /** Same issuer + account + secret (+ kind, algorithm, digits, period): nothing was added. */
  | { status: 'exists'; account: AccountMeta }
  /** Same issuer + account, different secret, and no `onConflict`: nothing was added. */
  | { status: 'conflict'; existing: AccountMeta };

/**
 * `previewMany`: what `addMany` (without `onConflict`) would do. `existing` is undefined when the
 * match is an earlier entry of the same batch (a duplicate inside the imported file).
 */
export type PreviewResult =
  | { status: 'new' }
  | { status: 'exists' | 'conflict'; existing: AccountMeta | undefined }
  | { status: 'problem'; code: string; message: string };

/** Code pair for a time-based account; times in ms. `next` is the code from `stepEnd` on. */
export type AccountCode = {
  id: string;
  kind: 'totp' | 'steam';
  current: string;
  next: string;
  period: number;
  stepStart: number;
  stepEnd: number;
};

/** One account whose secret cannot be read: reported, never silently dropped. */
export type AccountCodeFailure = { id: string; kind: 'totp' | 'steam'; error: 'record-unreadable' };

export type AccountUpdate = {
  issuer?: string;
  account?: string;
  sites?: SiteBinding[];
  pinned?: boolean;
  submitAfterFill?: boolean;
  /** hotp only: a corrected next counter (when codes and the site have drifted apart). */
  counter?: number;
  /** A group name, or null to take the account out of its group. */
  group?: string | null;
};


export type VaultStatus = { state: 'ready' | 'empty' };
