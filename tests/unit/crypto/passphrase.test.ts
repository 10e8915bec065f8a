import { createDecipheriv, pbkdf2Sync } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  PBKDF2_MIN_ITERATIONS,
  PassphraseError,
  deriveKey,
  openWithPassphrase,
  parsePassphraseEnvelope,
  sealWithPassphrase,
  type PassphraseEnvelope,
} from '@/lib/crypto/passphrase';

const text = (value: string) => new TextEncoder().encode(value);
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(PassphraseError);
    return (error as PassphraseError).code;
  }
  throw new Error('expected a PassphraseError');
}

describe('passphrase envelope', () => {
  const plaintext = text('{"accounts":[]} and some more bytes');
  let envelope: PassphraseEnvelope;

  beforeAll(async () => {
    envelope = await sealWithPassphrase(plaintext, 'correct horse battery staple');
  });

  it('writes a versioned, JSON-safe envelope with 600,000 iterations, a 16-byte salt and a 12-byte IV', () => {
    expect(envelope.v).toBe(1);
    expect(envelope.alg).toBe('A256GCM');
    expect(envelope.kdf.name).toBe('PBKDF2-SHA256');
    expect(envelope.kdf.iterations).toBe(600_000);
    expect(Buffer.from(envelope.kdf.salt, 'base64')).toHaveLength(16);
    expect(Buffer.from(envelope.iv, 'base64')).toHaveLength(12);
    // ciphertext + 16-byte tag
    expect(Buffer.from(envelope.ct, 'base64')).toHaveLength(plaintext.length + 16);
    expect(JSON.parse(JSON.stringify(envelope))).toEqual(envelope);
  });

  it('is standard PBKDF2-HMAC-SHA256 + AES-256-GCM: an independent implementation opens it', () => {
    // node:crypto (OpenSSL) as the second implementation, so the format is not only self-consistent.
    const key = pbkdf2Sync('correct horse battery staple', Buffer.from(envelope.kdf.salt, 'base64'), 600_000, 32, 'sha256');
    const ct = Buffer.from(envelope.ct, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(envelope.iv, 'base64'));
    decipher.setAuthTag(ct.subarray(ct.length - 16));
    const plain = Buffer.concat([decipher.update(ct.subarray(0, ct.length - 16)), decipher.final()]);
    expect(new Uint8Array(plain)).toEqual(plaintext);
  });

  it('opens with the right passphrase, also after a JSON round trip', async () => {
    const opened = await openWithPassphrase(JSON.parse(JSON.stringify(envelope)), 'correct horse battery staple');
    expect(opened).toEqual(plaintext);
  });

  it('says wrong-passphrase for a wrong passphrase', async () => {
    expect(await codeOf(openWithPassphrase(envelope, 'correct horse battery stapler'))).toBe('wrong-passphrase');
  });

  it('says wrong-passphrase, naming damage too, when one ciphertext byte was changed', async () => {
    const ct = Buffer.from(envelope.ct, 'base64');
    ct[3]! ^= 0x01;
    const tampered = { ...envelope, ct: ct.toString('base64') };
    const error = await openWithPassphrase(tampered, 'correct horse battery staple').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PassphraseError);
    expect((error as PassphraseError).code).toBe('wrong-passphrase');
    // GCM cannot tell the two apart, so the message must not claim it was the passphrase.
    expect((error as PassphraseError).message).toMatch(/damaged|altered/);
  });

  it('binds the ciphertext to its purpose through the AAD', async () => {
    const sealed = await sealWithPassphrase(plaintext, 'pw-for-aad', { aad: text('purpose-a') });
    expect(await codeOf(openWithPassphrase(sealed, 'pw-for-aad', { aad: text('purpose-b') }))).toBe('wrong-passphrase');
  });

  it('normalises passphrases to NFC, so composed and decomposed accents open the same envelope', async () => {
    const sealed = await sealWithPassphrase(plaintext, 'caf\u00e9 \u00c5ngstr\u00f6m');
    expect(await openWithPassphrase(sealed, 'cafe\u0301 A\u030angstro\u0308m')).toEqual(plaintext);
  });

  it('derives a non-extractable AES-GCM-256 key', async () => {
    const key = await deriveKey('pw', { name: 'PBKDF2-SHA256', iterations: PBKDF2_MIN_ITERATIONS, salt: new Uint8Array(16) });
    expect(key.extractable).toBe(false);
    expect(key.algorithm).toMatchObject({ name: 'AES-GCM', length: 256 });
    await expect(crypto.subtle.exportKey('raw', key)).rejects.toThrow();
  });

  it('refuses to seal or derive below the 600,000-iteration floor or above 10,000,000', async () => {
    await expect(sealWithPassphrase(plaintext, 'pw', { iterations: 599_999 })).rejects.toBeInstanceOf(RangeError);
    await expect(sealWithPassphrase(plaintext, 'pw', { iterations: 10_000_001 })).rejects.toBeInstanceOf(RangeError);
    await expect(deriveKey('pw', { name: 'PBKDF2-SHA256', iterations: 1000, salt: new Uint8Array(16) })).rejects.toBeInstanceOf(RangeError);
    await expect(deriveKey('pw', { name: 'PBKDF2-SHA256', iterations: PBKDF2_MIN_ITERATIONS, salt: new Uint8Array(8) })).rejects.toBeInstanceOf(RangeError);
  });

  it('refuses an empty passphrase', async () => {
    await expect(sealWithPassphrase(plaintext, '')).rejects.toBeInstanceOf(RangeError);
  });

  const good = () => ({ ...envelope, kdf: { ...envelope.kdf } });
  it.each<[string, (e: ReturnType<typeof good>) => unknown, string]>([
    ['not an object', () => 'nope', 'corrupt-envelope'],
    ['null', () => null, 'corrupt-envelope'],
    ['no version', (e) => ({ ...e, v: undefined }), 'corrupt-envelope'],
    ['a newer version', (e) => ({ ...e, v: 2 }), 'unsupported-envelope'],
    ['an unknown cipher', (e) => ({ ...e, alg: 'XC20P' }), 'unsupported-envelope'],
    ['a cipher of the wrong type', (e) => ({ ...e, alg: 7 }), 'corrupt-envelope'],
    ['an unknown KDF', (e) => ({ ...e, kdf: { ...e.kdf, name: 'argon2id' } }), 'unsupported-envelope'],
    ['no KDF', (e) => ({ ...e, kdf: null }), 'corrupt-envelope'],
    ['iterations below the floor', (e) => ({ ...e, kdf: { ...e.kdf, iterations: 1000 } }), 'unsupported-envelope'],
    ['absurd iterations', (e) => ({ ...e, kdf: { ...e.kdf, iterations: 20_000_000 } }), 'unsupported-envelope'],
    ['fractional iterations', (e) => ({ ...e, kdf: { ...e.kdf, iterations: 600_000.5 } }), 'corrupt-envelope'],
    ['iterations as text', (e) => ({ ...e, kdf: { ...e.kdf, iterations: '600000' } }), 'corrupt-envelope'],
    ['a short salt', (e) => ({ ...e, kdf: { ...e.kdf, salt: b64(new Uint8Array(8)) } }), 'corrupt-envelope'],
    ['a salt that is not base64', (e) => ({ ...e, kdf: { ...e.kdf, salt: 'not base64!' } }), 'corrupt-envelope'],
    ['an 8-byte IV', (e) => ({ ...e, iv: b64(new Uint8Array(8)) }), 'corrupt-envelope'],
    ['no IV', (e) => ({ ...e, iv: undefined }), 'corrupt-envelope'],
    ['a ciphertext shorter than the tag', (e) => ({ ...e, ct: b64(new Uint8Array(15)) }), 'corrupt-envelope'],
    ['a ciphertext with broken base64', (e) => ({ ...e, ct: e.ct.slice(0, -3) }), 'corrupt-envelope'],
  ])('rejects an envelope with %s before deriving any key', async (_name, mutate, code) => {
    const broken = mutate(good());
    expect(() => parsePassphraseEnvelope(broken)).toThrow(PassphraseError);
    expect(await codeOf(openWithPassphrase(broken, 'correct horse battery staple'))).toBe(code);
  });
});
