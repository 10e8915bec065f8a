/** The typed error every OTP parser and formatter throws on bad input. */
import { TesseraError, type OtpUriErrorCode, type TesseraErrorOptions } from '@/lib/errors';

/**
 * Stable codes callers branch on (they survive the message boundary where `instanceof` does not).
 * Messages name the problem, never the input: a URI or payload carries a secret.
 */
export type { OtpUriErrorCode };

export class OtpUriError extends TesseraError {
  declare readonly code: OtpUriErrorCode;
  constructor(code: OtpUriErrorCode, message: string, options?: TesseraErrorOptions) {
    super(code, message, options);
  }
}
