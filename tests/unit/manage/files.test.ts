import { describe, expect, it } from 'vitest';
import { fileTooLarge, isImageFile, otpQrTexts, passphraseStrength } from '@/lib/manage/files';

describe('manage files', () => {
  it.each([
    [{ name: 'a.png', type: 'image/png' }, true],
    [{ name: 'a.jpg', type: 'image/jpeg' }, true],
    [{ name: 'a.webp', type: '' }, true],
    [{ name: 'a.json', type: 'application/json' }, false],
    // A PNG renamed .json is read as a file, and refused there as binary.
    [{ name: 'picture.json', type: '' }, false],
    [{ name: 'a.gif', type: 'image/gif' }, false],
  ])('tells QR images (%o) from export files', (file, expected) => {
    expect(isImageFile(file)).toBe(expected);
  });

  it('refuses export files over 5 MB and images over 20 MB by their size alone', () => {
    expect(fileTooLarge({ size: 5 * 1024 * 1024 }, false)).toBeNull();
    expect(fileTooLarge({ size: 5 * 1024 * 1024 + 1 }, false)).toMatch(/5 MB/);
    expect(fileTooLarge({ size: 6 * 1024 * 1024 }, true)).toBeNull();
    expect(fileTooLarge({ size: 21 * 1024 * 1024 }, true)).toMatch(/20 MB/);
  });

  it('keeps only 2FA QR texts', () => {
    expect(otpQrTexts([' otpauth://totp/A?secret=AA ', 'https://example.com', 'OTPAUTH-MIGRATION://offline?data=x'])).toEqual([
      'otpauth://totp/A?secret=AA',
      'OTPAUTH-MIGRATION://offline?data=x',
    ]);
  });

  it.each([
    ['short', 'too-short'],
    ['abcdefgh', 'weak'],
    ['correct horse', 'fair'],
    ['correct horse battery staple', 'strong'],
    ['Tr0ub4dor&3xyz!', 'strong'],
  ])('rates %j as %s', (passphrase, level) => {
    expect(passphraseStrength(passphrase).level).toBe(level);
  });
});
