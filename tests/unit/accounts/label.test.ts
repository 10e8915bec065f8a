import { describe, expect, it } from 'vitest';
import { accountLabel } from '@/lib/accounts';

describe('accountLabel', () => {
  it.each([
    [{ issuer: 'GitHub', account: 'ada@example.com' }, undefined, 'GitHub (ada@example.com)'],
    [{ issuer: 'GitHub', account: '' }, undefined, 'GitHub'],
    [{ issuer: '', account: 'ada@example.com' }, undefined, 'ada@example.com'],
    [{ issuer: '', account: '' }, undefined, 'Unnamed account'],
    [{ issuer: '', account: '' }, 'the account', 'the account'],
    [{ issuer: '', account: '' }, '', ''],
  ])('names %o (unnamed: %s) as %s', (names, unnamed, expected) => {
    expect(accountLabel(names, unnamed)).toBe(expected);
  });
});
