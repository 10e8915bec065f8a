/** The account data every OTP parser produces and every formatter consumes. */
export type OtpKind = 'totp' | 'hotp' | 'steam';
export type OtpAlgorithm = 'SHA1' | 'SHA256' | 'SHA512';

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
