/** The typed error every OTP parser and formatter throws on bad input. */
import { TesseraError } from '@/lib/errors';

/**
 * Stable codes callers branch on (they survive the message boundary where `instanceof` does not).
 * Messages name the problem, never the input: a URI or payload carries a secret.
 */
export type OtpUriErrorCode =
  | 'invalid-base32'
  | 'too-long'
  | 'missing-secret'
  | 'wrong-scheme'
  | 'unknown-type'
  | 'unsupported-algorithm'
  | 'malformed-uri'
  | 'bad-counter'
  | 'digits-out-of-range'
  | 'period-out-of-range'
  | 'bad-two-step'
  /** A privacyIDEA 2step URI reached a path that would store its server half as the secret. */
  | 'two-step-enrollment'
  | 'malformed-payload'
  | 'not-representable';

export class OtpUriError extends TesseraError {
  declare readonly code: OtpUriErrorCode;
  constructor(code: OtpUriErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
