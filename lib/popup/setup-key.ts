/**
 * What the add form says about a setup key someone typed: which characters are wrong, what a
 * key may contain and which look-alikes are the usual mistake. Shown next to the field only
 * (it quotes what was typed, so it is never turned into an error that travels).
 */
import { BASE32_MIX_UPS, invalidBase32Characters } from '../otp';

const MIX_UP_SENTENCES: Readonly<Record<string, string>> = {
  '0': 'A “0” (zero) is usually the letter O.',
  '1': 'A “1” (one) is usually the letter I or L.',
  '8': 'An “8” is usually the letter B.',
};

function quoted(chars: string[]): string {
  const shown = chars.map((char) => (/\s/u.test(char) ? 'a space' : `“${char}”`));
  if (shown.length === 1) return shown[0]!;
  return `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
}

/** A message naming the wrong characters, or null when every character is allowed. */
export function setupKeyCharacterProblem(text: string): string | null {
  const wrong = invalidBase32Characters(text);
  if (wrong.length === 0) return null;
  const sentences = [
    `The setup key contains ${quoted(wrong)}, which setup keys never contain.`,
    'Setup keys use only the letters A to Z and the digits 2 to 7.',
    ...wrong.filter((char) => char in BASE32_MIX_UPS).map((char) => MIX_UP_SENTENCES[char]!),
  ];
  return sentences.join(' ');
}
