/**
 * Checks imported accounts against the account set every Aegis importer fixture encodes
 * (`tests/fixtures/import/aegis-vectors.ts`), down to the codes they generate.
 */
import { expect } from 'vitest';
import { decodeBase32, generateCode } from '@/lib/otp';
import type { OtpAccountData } from '@/lib/otp/types';
import type { ImportCandidate } from '@/lib/import';
import { VECTORS, type Vector } from '../../fixtures/import/aegis-vectors';

export { BATTLE_NET, VECTORS, type Vector } from '../../fixtures/import/aegis-vectors';

/** Fixed instants: codes are compared at several times so a wrong period shows up. */
const TIMES = [1_700_000_000_000, 1_234_567_890_000, 59_000];

export const vector = (issuer: string, account: string): Vector => {
  const found = VECTORS.find((v) => v.issuer === issuer && v.account === account);
  if (!found) throw new Error(`no vector ${issuer}/${account}`);
  return found;
};

/** Only the accounts, in file order; fails the test if any entry has a problem. */
export function okAccounts(candidates: readonly ImportCandidate[]): OtpAccountData[] {
  const problems = candidates.filter((c) => !c.ok);
  expect(problems).toEqual([]);
  return candidates.map((c) => (c.ok ? c.account : (undefined as never)));
}

/**
 * Checks an imported account against its vector: the fields, then the codes each produces at fixed
 * times (HOTP: at its counter and the next two), the vector's side computed from the table's base32.
 */
export async function expectMatchesVector(account: OtpAccountData, expected: Vector): Promise<void> {
  const { secret, ...rest } = account;
  const { secret: expectedSecret, ...expectedRest } = expected;
  expect(rest).toEqual(expectedRest);
  expect(Array.from(secret)).toEqual(Array.from(decodeBase32(expectedSecret)));
  const expectedKey = decodeBase32(expectedSecret);
  for (const at of TIMES) {
    for (const step of account.kind === 'hotp' ? [0, 1, 2] : [0]) {
      const params = { ...account, counter: account.counter === undefined ? undefined : account.counter + step };
      const expectedParams = { ...expected, counter: expected.counter === undefined ? undefined : expected.counter + step };
      expect(await generateCode(secret, params, at)).toBe(await generateCode(expectedKey, expectedParams, at));
    }
  }
}

/** Every account matches the vector with its issuer and account name; `adjust` applies a format's known limits. */
export async function expectAllMatch(
  accounts: readonly OtpAccountData[],
  expectedCount: number,
  adjust: (v: Vector) => Vector = (v) => v,
): Promise<void> {
  expect(accounts).toHaveLength(expectedCount);
  for (const account of accounts) {
    await expectMatchesVector(account, adjust(vector(account.issuer, account.account)));
  }
}
