/**
 * OTP benchmark: codes per second for 1,000 TOTP accounts (mixed SHA1/SHA256/SHA512), with keys held
 * as non-extractable CryptoKeys and as raw bytes, beside the `otpauth` npm library on the same accounts.
 * Run alone with `npx tsx tests/bench/otp-bench.ts`.
 */
import { pathToFileURL } from 'node:url';
import * as OTPAuth from 'otpauth';
import { generateTotp, type OtpAlgorithm } from '../../lib/otp/index';

const ACCOUNTS = 1000;
const ROUNDS = 5;
const HASH = { SHA1: 'SHA-1', SHA256: 'SHA-256', SHA512: 'SHA-512' } as const;

type BenchAccount = { secret: Uint8Array<ArrayBuffer>; algorithm: OtpAlgorithm; digits: number; period: number };

function makeAccounts(): BenchAccount[] {
  const algorithms: OtpAlgorithm[] = ['SHA1', 'SHA256', 'SHA512'];
  return Array.from({ length: ACCOUNTS }, (_, i) => ({
    secret: crypto.getRandomValues(new Uint8Array(20)),
    algorithm: algorithms[i % 3]!,
    digits: i % 5 === 0 ? 8 : 6,
    period: i % 7 === 0 ? 60 : 30,
  }));
}

/** Runs `round` ROUNDS times after one warm-up and returns codes per second. */
async function measure(round: (timestamp: number) => Promise<string[]>): Promise<{ rate: number; codes: string[] }> {
  const codes = await round(1_700_000_000_000);
  const start = performance.now();
  for (let r = 0; r < ROUNDS; r++) await round(1_700_000_000_000 + r * 30_000);
  const seconds = (performance.now() - start) / 1000;
  return { rate: (ACCOUNTS * ROUNDS) / seconds, codes };
}

export async function runOtpBench(): Promise<void> {
  const accounts = makeAccounts();
  const keys = await Promise.all(
    accounts.map((a) => crypto.subtle.importKey('raw', a.secret, { name: 'HMAC', hash: HASH[a.algorithm] }, false, ['sign'])),
  );

  // All codes of a list at once, as the popup renders them.
  const withKeys = await measure((timestamp) =>
    Promise.all(accounts.map((a, i) => generateTotp(keys[i]!, { algorithm: a.algorithm, digits: a.digits, period: a.period, timestamp }))),
  );
  const withBytes = await measure((timestamp) =>
    Promise.all(accounts.map((a) => generateTotp(a.secret, { algorithm: a.algorithm, digits: a.digits, period: a.period, timestamp }))),
  );
  const library = await measure(async (timestamp) =>
    accounts.map((a) =>
      new OTPAuth.TOTP({
        secret: new OTPAuth.Secret({ buffer: a.secret.buffer }),
        algorithm: a.algorithm,
        digits: a.digits,
        period: a.period,
      }).generate({ timestamp }),
    ),
  );

  const agree = withKeys.codes.every((code, i) => code === withBytes.codes[i] && code === library.codes[i]);
  const fmt = (rate: number) => Math.round(rate).toLocaleString('en-US').padStart(10);
  console.log(`OTP bench: ${ACCOUNTS} TOTP accounts (SHA1/SHA256/SHA512 mixed), ${ROUNDS} rounds after a warm-up`);
  console.log(`  Tessera, CryptoKey keys : ${fmt(withKeys.rate)} codes/s`);
  console.log(`  Tessera, raw-byte keys  : ${fmt(withBytes.rate)} codes/s (key imported per code)`);
  console.log(`  otpauth ${OTPAuth.version.padEnd(15)} : ${fmt(library.rate)} codes/s (new TOTP(...).generate)`);
  console.log(`  ratio CryptoKey / otpauth: ${(withKeys.rate / library.rate).toFixed(2)}x; bytes / otpauth: ${(withBytes.rate / library.rate).toFixed(2)}x`);
  console.log(`  codes agree across all three: ${agree ? 'yes' : 'NO'}`);
  if (!agree) process.exitCode = 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runOtpBench();
}
