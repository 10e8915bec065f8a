/** What adding or editing an account asks for and answers, in the vault's own terms. */
import type { OtpAccountText } from '../otp';
import type { AccountMeta, SiteBinding } from '../vault';

/** Fields of the manual "add account" form; the secret is base32 text. */
export type ManualAccountInput = OtpAccountText;

export type AccountSource = { uri: string } | { fields: ManualAccountInput };

export interface AddAccountRequest {
  source: AccountSource;
  sites: SiteBinding[];
  deviceBound: boolean;
  onConflict?: 'replace' | 'keep-both';
  /** A group name (the vault checks it); absent or null for none. */
  group?: string | null;
}

export type AddAccountReply =
  | { status: 'added'; account: AccountMeta }
  | { status: 'exists'; account: AccountMeta }
  | { status: 'conflict'; existing: AccountMeta };


export interface AccountPatch {
  issuer?: string;
  account?: string;
  sites?: SiteBinding[];
  pinned?: boolean;
  submitAfterFill?: boolean;
  /** hotp only: the corrected next counter. */
  counter?: number;
  /** A group name, or null for none. */
  group?: string | null;
}
