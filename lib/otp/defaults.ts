/** The one place that holds OTP defaults and limits shared by generators, parsers and formatters. */
export const OTP_DEFAULTS = Object.freeze({
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  /** HOTP: the counter of the first code when a source gives none (only formatters use it; parsers require it). */
  counter: 0,
  minDigits: 4,
  maxDigits: 10,
  /** A day: longer periods are not used by any issuer and usually mean a typo (KeePassXC clamps here too). */
  maxPeriod: 86_400,
  maxUriLength: 4096,
  steam: Object.freeze({ algorithm: 'SHA1', digits: 5, period: 30 }),
} as const);

export const OTP_ALGORITHMS = ['SHA1', 'SHA256', 'SHA512'] as const;
