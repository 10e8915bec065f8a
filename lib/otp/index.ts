/** The public face of the OTP core: codes, base32, Key URIs, GA exports and privacyIDEA 2step. */
export { BASE32_MIX_UPS, decodeBase32, encodeBase32, invalidBase32Characters } from './base32';
export { OTP_DEFAULTS, OTP_ALGORITHMS } from './defaults';
export { OtpUriError, type OtpUriErrorCode } from './errors';
export { generateCode } from './generate';
export type { OtpKey } from './hmac';
export { generateHotp, type HotpOptions } from './hotp';
export {
  formatMigrationBatches,
  formatMigrationUri,
  parseMigrationBatch,
  parseMigrationUri,
  type MigrationBatch,
  type MigrationBatchInfo,
} from './migration';
export {
  formatOtpauthUri,
  normalizeAlgorithm,
  parseOtpauthUri,
  parseOtpauthUriDetailed,
  TWO_STEP_REFUSAL,
  type OtpauthUriDetails,
} from './otpauth-uri';
export { withoutFormatCharacters } from './names';
export { generateSteam } from './steam';
export { generateTotp, secondsLeft, timeStep, type TotpOptions } from './totp';
export {
  completeTwoStep,
  deriveTwoStepSecret,
  formatPhonePart,
  generateClientPart,
  groupInFours,
  looksLikeTwoStepUri,
  type TwoStepParams,
} from './two-step';
export type { OtpAccountData, OtpAlgorithm, OtpCodeParams, OtpKind } from './types';
export { assertAccountData } from './otpauth-uri';
export { TWO_STEP_LIMITS } from './two-step';
export type { OtpAccountText } from './types';
