/** TOTP (RFC 6238) on top of HOTP, plus the time-step arithmetic the UI's countdown needs. */
import { OTP_DEFAULTS } from './defaults';
import { generateHotp } from './hotp';
import type { OtpKey } from './hmac';
import type { OtpAlgorithm } from './types';

export type TotpOptions = {
  algorithm?: OtpAlgorithm;
  digits?: number;
  /** Seconds, any finite value ≥ 1. */
  period?: number;
  /** Milliseconds since the Unix epoch; defaults to `Date.now()`. */
  timestamp?: number;
};

function assertPeriod(period: unknown): asserts period is number {
  if (typeof period !== 'number' || !Number.isFinite(period) || period < 1) {
    throw new RangeError('period must be a number of seconds ≥ 1');
  }
}

function assertTimestamp(timestamp: unknown): asserts timestamp is number {
  if (typeof timestamp !== 'number' || !Number.isFinite(timestamp) || timestamp < 0) {
    throw new RangeError('timestamp must be a non-negative number of milliseconds');
  }
}

/** T = floor(unix seconds / period), computed in milliseconds to avoid a lossy division by 1000. */
export function timeStep(timestamp: number, period: number = OTP_DEFAULTS.period): number {
  assertTimestamp(timestamp);
  assertPeriod(period);
  return Math.floor(timestamp / (period * 1000));
}

/** Whole seconds until the code changes, from `period` (just changed) down to 1. */
export function secondsLeft(timestamp: number, period: number = OTP_DEFAULTS.period): number {
  assertTimestamp(timestamp);
  assertPeriod(period);
  const periodMs = period * 1000;
  return Math.ceil((periodMs - (timestamp % periodMs)) / 1000);
}

export async function generateTotp(key: OtpKey, options: TotpOptions = {}): Promise<string> {
  const { algorithm, digits, period = OTP_DEFAULTS.period, timestamp = Date.now() } = options;
  return generateHotp(key, timeStep(timestamp, period), { algorithm, digits });
}
