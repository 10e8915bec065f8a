/** One entry point that turns an account's parameters and key into its current code, whatever its kind. */
import { OTP_DEFAULTS } from './defaults';
import type { OtpKey } from './hmac';
import { generateHotp } from './hotp';
import { generateSteam } from './steam';
import { generateTotp } from './totp';
import type { OtpCodeParams } from './types';

/**
 * totp/steam: the code at `timestamp` (ms). hotp: HOTP(params.counter), the stored next counter;
 * advancing it after use is the vault's job.
 */
export async function generateCode(key: OtpKey, params: OtpCodeParams, timestamp: number = Date.now()): Promise<string> {
  switch (params.kind) {
    case 'totp':
      return generateTotp(key, {
        algorithm: params.algorithm,
        digits: params.digits,
        period: params.period ?? OTP_DEFAULTS.period,
        timestamp,
      });
    case 'hotp':
      if (params.counter === undefined) throw new RangeError('counter is required for hotp');
      return generateHotp(key, params.counter, { algorithm: params.algorithm, digits: params.digits });
    case 'steam':
      return generateSteam(key, { timestamp });
    default:
      throw new RangeError('kind must be totp, hotp or steam');
  }
}
