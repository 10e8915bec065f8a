/** Steam Guard codes: TOTP's truncated HMAC-SHA1 (30 s) spelled in Steam's 26-character alphabet. */
import { OTP_DEFAULTS } from './defaults';
import { truncatedHmac, type OtpKey } from './hmac';
import { timeStep } from './totp';

const STEAM_ALPHABET = '23456789BCDFGHJKMNPQRTVWXY';

export async function generateSteam(key: OtpKey, options: { timestamp?: number } = {}): Promise<string> {
  const { timestamp = Date.now() } = options;
  const { algorithm, digits, period } = OTP_DEFAULTS.steam;
  let value = await truncatedHmac(key, timeStep(timestamp, period), algorithm);
  let code = '';
  // Least significant character first, no reversal: what the Steam app does.
  for (let i = 0; i < digits; i++) {
    code += STEAM_ALPHABET[value % STEAM_ALPHABET.length];
    value = Math.floor(value / STEAM_ALPHABET.length);
  }
  return code;
}
