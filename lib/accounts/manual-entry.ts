/**
 * Turns the manual "add account" form into account data. The fields are written into a
 * Key URI and parsed by the same parser as scanned codes, so typed and scanned accounts
 * pass exactly the same validation and get the same error codes.
 */
import type { AccountSource, ManualAccountInput } from './types';
import { parseOtpauthUri, parseOtpauthUriDetailed, type OtpauthUriDetails } from '../otp';

/** A pasted URI keeps its privacyIDEA 2step parameters (see `newAccountInput`); typed fields have none. */
export function accountFromSource(source: AccountSource): OtpauthUriDetails {
  return 'uri' in source ? parseOtpauthUriDetailed(source.uri.trim()) : parseOtpauthUri(manualEntryToUri(source.fields));
}

export function manualEntryToUri(fields: ManualAccountInput): string {
  const encode = (text: string) => encodeURIComponent(text.trim());
  const label = fields.issuer.trim() ? `${encode(fields.issuer)}:${encode(fields.account)}` : encode(fields.account);
  const params = new URLSearchParams();
  params.set('secret', fields.secret.replace(/\s+/g, ''));
  if (fields.issuer.trim()) params.set('issuer', fields.issuer.trim());
  params.set('algorithm', fields.algorithm);
  params.set('digits', String(fields.digits));
  if (fields.kind === 'hotp') params.set('counter', String(fields.counter ?? 0));
  else params.set('period', String(fields.period ?? 30));
  // URLSearchParams writes spaces as '+', which the Key URI parser reads back as spaces.
  return `otpauth://${fields.kind}/${label}?${params.toString()}`;
}
