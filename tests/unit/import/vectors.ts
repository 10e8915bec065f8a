/**
 * The account set every Aegis importer fixture encodes: Aegis `vectors/VaultEntries.java` /
 * `DatabaseImporterTest.java`, as tabulated in standards.md §6. Typed in by hand from that table.
 */
import { expect } from 'vitest';
import { decodeBase32, generateCode } from '@/lib/otp';
import type { OtpAccountData, OtpAlgorithm, OtpKind } from '@/lib/otp/types';
import type { ImportCandidate } from '@/lib/import';

export type Vector = {
  kind: OtpKind;
  issuer: string;
  account: string;
  secret: string;
  algorithm: OtpAlgorithm;
  digits: number;
  period?: number;
  counter?: number;
};

export const VECTORS: readonly Vector[] = [
  { kind: 'totp', issuer: 'Deno', account: 'Mason', secret: '4SJHB4GSD43FZBAI7C2HLRJGPQ', algorithm: 'SHA1', digits: 6, period: 30 },
  { kind: 'totp', issuer: 'SPDX', account: 'James', secret: '5OM4WOOGPLQEF6UGN3CPEOOLWU', algorithm: 'SHA256', digits: 7, period: 20 },
  { kind: 'totp', issuer: 'Airbnb', account: 'Elijah', secret: '7ELGJSGXNCCTV3O6LKJWYFV2RA', algorithm: 'SHA512', digits: 8, period: 50 },
  { kind: 'hotp', issuer: 'Issuu', account: 'James', secret: 'YOOMIXWS5GN6RTBPUFFWKTW5M4', algorithm: 'SHA1', digits: 6, counter: 1 },
  { kind: 'hotp', issuer: 'Air Canada', account: 'Benjamin', secret: 'KUVJJOM753IHTNDSZVCNKL7GII', algorithm: 'SHA256', digits: 7, counter: 50 },
  { kind: 'hotp', issuer: 'WWE', account: 'Mason', secret: '5VAML3X35THCEBVRLV24CGBKOY', algorithm: 'SHA512', digits: 8, counter: 10300 },
  { kind: 'steam', issuer: 'Boeing', account: 'Sophia', secret: 'JRZCL47CMXVOQMNPZR2F7J4RGI', algorithm: 'SHA1', digits: 5, period: 30 },
];

export const BATTLE_NET: Vector = {
  kind: 'totp', issuer: 'Battle.net', account: 'US-2211-2050-3346', secret: 'BMGRXPGFARQQF4GMT25JATL2VYLAHDBI', algorithm: 'SHA1', digits: 8, period: 30,
};

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
