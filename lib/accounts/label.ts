/** Owns how an account is named in every sentence Tessera shows: one format, used everywhere. */

/**
 * "Issuer (account)" when both are given, else whichever is, else `unnamed`. Callers pass the
 * wording their sentence needs for an account with neither ("the account", "" for a plain list).
 */
export function accountLabel(names: { issuer: string; account: string }, unnamed = 'Unnamed account'): string {
  const { issuer, account } = names;
  return issuer && account ? `${issuer} (${account})` : issuer || account || unnamed;
}
