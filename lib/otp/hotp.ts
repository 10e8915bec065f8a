/**
 * HOTP (RFC 4226). Counter convention: the caller passes the stored counter, which is the NEXT
 * counter to use (the otpauth `counter=` value); the first code is HOTP(counter).
 */
import { OTP_DEFAULTS } from './defaults';
import { assertAlgorithm, assertCounter, assertDigits, truncatedHmac, type OtpKey } from './hmac';
import type { OtpAlgorithm } from './types';

export type HotpOptions = { algorithm?: OtpAlgorithm; digits?: number };

export async function generateHotp(key: OtpKey, counter: number, options: HotpOptions = {}): Promise<string> {
  const { algorithm = OTP_DEFAULTS.algorithm, digits = OTP_DEFAULTS.digits } = options;
  assertCounter(counter);
  assertAlgorithm(algorithm);
  assertDigits(digits, OTP_DEFAULTS.minDigits, OTP_DEFAULTS.maxDigits);
  const code = await truncatedHmac(key, counter, algorithm);
  // 10^10 exceeds the 31-bit range, so 10 digits is the code itself, zero-padded.
  return String(code % 10 ** digits).padStart(digits, '0');
}
