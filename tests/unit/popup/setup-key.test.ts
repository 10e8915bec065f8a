import { describe, expect, it } from 'vitest';
import { setupKeyCharacterProblem } from '@/lib/popup/setup-key';

describe('setupKeyCharacterProblem', () => {
  it('accepts a good key with spaces, dashes, lower case and padding', () => {
    expect(setupKeyCharacterProblem('jbsw-y3dp ehpk 3pxp==')).toBeNull();
  });

  it('names the wrong characters of NOT-A-KEY-1!, what is allowed, and the 1 look-alike', () => {
    expect(setupKeyCharacterProblem('NOT-A-KEY-1!')).toBe(
      'The setup key contains “1” and “!”, which setup keys never contain. ' +
        'Setup keys use only the letters A to Z and the digits 2 to 7. ' +
        'A “1” (one) is usually the letter I or L.',
    );
  });

  it('lists three or more characters with commas and explains each look-alike once', () => {
    const message = setupKeyCharacterProblem('A0B8C1D0_')!;
    // The list is joined as the UI language joins lists (Intl.ListFormat; en-US has the serial comma).
    expect(message).toContain('“0”, “8”, “1”, and “_”');
    expect(message).toContain('A “0” (zero) is usually the letter O.');
    expect(message).toContain('An “8” is usually the letter B.');
    expect(message.match(/usually the letter O/g)).toHaveLength(1);
  });

  it('says nothing about look-alikes when none was typed', () => {
    expect(setupKeyCharacterProblem('ABC$')).not.toContain('usually');
  });
});
