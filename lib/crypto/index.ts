/** The public face of `lib/crypto/`: the only module tree that handles key material. */
export {
  type EnvelopeErrorCode,
  type RandomBytes,
  type SecretEnvelope,
  ENVELOPE_IV_BYTES,
  EnvelopeError,
  assertEnvelope,
  defaultRandomBytes,
  openEnvelope,
  purposeAad,
  recordAad,
  sealEnvelope,
} from './envelope';
export { type KeyProvider, createKeyCheck, generateDeviceKey, isKeyCheckValid } from './device-key';
export { importOtpKey, isOtpKey, otpKeyFingerprint } from './device-bound';
