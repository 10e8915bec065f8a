/** The account data every OTP parser produces and every formatter consumes. */
export type OtpKind = 'totp' | 'hotp' | 'steam';
export type OtpAlgorithm = 'SHA1' | 'SHA256' | 'SHA512';

/**
 * totp and steam carry `period`; hotp carries `counter` instead.
 *
 * HOTP counter convention: `counter` is the NEXT counter to use, i.e. exactly the `counter=` value of
 * an otpauth URI. The first code shown is HOTP(counter); after showing it the vault stores counter + 1.
 * (GA Android shows HOTP(counter + 1) first, FreeOTP HOTP(counter); we follow the URI's own words:
 * "It will set the initial counter value".)
 */
export type OtpAccountData = {
  kind: OtpKind;
  issuer: string;
  account: string;
  secret: Uint8Array;
  algorithm: OtpAlgorithm;
  digits: number;
  period?: number;
  counter?: number;
};

/** An account with its secret as base32 text: the JSON-safe form that crosses a message. */
export type OtpAccountText = Omit<OtpAccountData, 'secret'> & { secret: string };

/** What `generateCode` needs besides the key: the non-secret half of an account. */
export type OtpCodeParams = Pick<OtpAccountData, 'kind' | 'algorithm' | 'digits' | 'period' | 'counter'>;
