import { describe, expect, it } from 'vitest';
import { rowCodeText, type DisplayedCode } from '@/lib/popup/codes';

const shown: DisplayedCode = { code: '123456', next: null, msLeft: 10_000, period: 30, stepStart: 0 };

describe('rowCodeText', () => {
  it('shows a time-based code grouped for reading, or dots while hidden', () => {
    expect(rowCodeText({ kind: 'totp', hidden: false, hotpCode: undefined, shown })).toBe('123 456');
    expect(rowCodeText({ kind: 'totp', hidden: true, hotpCode: undefined, shown })).toBe('••• •••');
    expect(rowCodeText({ kind: 'steam', hidden: false, hotpCode: undefined, shown: { ...shown, code: 'K7TQ2' } })).toBe('K7TQ2');
  });

  it('shows a code that has not arrived as loading, hidden or not (dots would promise a code a click cannot reveal)', () => {
    expect(rowCodeText({ kind: 'totp', hidden: false, hotpCode: undefined, shown: null })).toBe('…');
    expect(rowCodeText({ kind: 'totp', hidden: true, hotpCode: undefined, shown: null })).toBe('…');
    expect(rowCodeText({ kind: 'steam', hidden: true, hotpCode: undefined, shown: null })).toBe('…');
  });

  it('shows a counter-based account’s last code, dashes before one was asked for, dots while hidden', () => {
    expect(rowCodeText({ kind: 'hotp', hidden: false, hotpCode: '654321', shown: null })).toBe('654 321');
    expect(rowCodeText({ kind: 'hotp', hidden: false, hotpCode: undefined, shown: null })).toBe('––– –––');
    expect(rowCodeText({ kind: 'hotp', hidden: true, hotpCode: '654321', shown: null })).toBe('••• •••');
  });
});
