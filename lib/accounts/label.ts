/** Owns how an account is named in every sentence Tessera shows: one format, used everywhere. */
import { t } from '@/lib/i18n';

/**
 * "Issuer (account)" (the catalogue's `common_account_name_with_user`, so each language orders
 * and brackets it its own way) when both are given, else whichever is, else `unnamed`: the
 * catalogue's "Unnamed account" unless the caller's sentence needs other words ("" for a plain list).
 */
export function accountLabel(names: { issuer: string; account: string }, unnamed?: string): string {
  const { issuer, account } = names;
  if (issuer && account) return t('common_account_name_with_user', issuer, account);
  return issuer || account || (unnamed ?? t('common_unnamed_account'));
}
