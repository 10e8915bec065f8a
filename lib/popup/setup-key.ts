/**
 * What the add form says about a setup key someone typed: which characters are wrong, what a
 * key may contain and which look-alikes are the usual mistake. Shown next to the field only
 * (it quotes what was typed, so it is never turned into an error that travels).
 */
import { BASE32_MIX_UPS, invalidBase32Characters } from '../otp';
import { formatList, t, type MessageKey } from '../i18n';

const MIX_UP_SENTENCES: Readonly<Record<string, MessageKey>> = {
  '0': 'setup_key_mixup_digit0',
  '1': 'setup_key_mixup_digit1',
  '8': 'setup_key_mixup_digit8',
};

function quoted(chars: string[]): string {
  return formatList(chars.map((char) => (/\s/u.test(char) ? t('setup_key_space') : t('setup_key_quoted_char', char))));
}

/** A message naming the wrong characters, or null when every character is allowed. */
export function setupKeyCharacterProblem(text: string): string | null {
  const wrong = invalidBase32Characters(text);
  if (wrong.length === 0) return null;
  const sentences = [
    t('setup_key_bad_characters', quoted(wrong)),
    t('setup_key_allowed'),
    ...wrong.filter((char) => char in BASE32_MIX_UPS).map((char) => t(MIX_UP_SENTENCES[char] as 'setup_key_allowed')),
  ];
  return sentences.join(' ');
}
