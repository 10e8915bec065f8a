import { describe, expect, it } from 'vitest';
import {
  EnvelopeError,
  openEnvelope,
  purposeAad,
  recordAad,
  sealEnvelope,
  type SecretEnvelope,
} from '@/lib/crypto/envelope';

const newKey = () => crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

async function errorOf(promise: Promise<unknown>): Promise<EnvelopeError> {
  try {
    await promise;
  } catch (error) {
    return error as EnvelopeError;
  }
  throw new Error('expected a rejection');
}

describe('envelope', () => {
  it.each([10, 16, 20, 32, 64])('round-trips a %i-byte secret', async (length) => {
    const key = await newKey();
    const secret = crypto.getRandomValues(new Uint8Array(length));
    const aad = recordAad(1, 'acc-1');

    const envelope = await sealEnvelope(key, secret, aad);

    expect(envelope).toMatchObject({ v: 1, alg: 'A256GCM' });
    expect(envelope.iv).toHaveLength(12);
    expect(envelope.ct).toHaveLength(length + 16);
    expect(hex(envelope.ct)).not.toContain(hex(secret));
    expect(await openEnvelope(key, envelope, recordAad(1, 'acc-1'))).toEqual(secret);
  });

  it('writes the AAD as tessera/v1|<schemaVersion>|<recordId>', () => {
    expect(new TextDecoder().decode(recordAad(1, 'abc'))).toBe('tessera/v1|1|abc');
    expect(new TextDecoder().decode(purposeAad('key-check'))).toBe('tessera/v1|key-check');
  });

  it('rejects a ciphertext moved to another record (swapped AAD)', async () => {
    const key = await newKey();
    const envelope = await sealEnvelope(key, new Uint8Array(20).fill(7), recordAad(1, 'record-a'));

    const error = await errorOf(openEnvelope(key, envelope, recordAad(1, 'record-b')));

    expect(error).toBeInstanceOf(EnvelopeError);
    expect(error.code).toBe('decrypt-failed');
  });

  it('rejects a ciphertext under another schema version', async () => {
    const key = await newKey();
    const envelope = await sealEnvelope(key, new Uint8Array(20), recordAad(1, 'r'));
    expect((await errorOf(openEnvelope(key, envelope, recordAad(2, 'r')))).code).toBe('decrypt-failed');
  });

  it('rejects a tampered ciphertext and a wrong key as decrypt-failed', async () => {
    const key = await newKey();
    const aad = recordAad(1, 'r');
    const envelope = await sealEnvelope(key, new Uint8Array(16).fill(1), aad);
    const tampered: SecretEnvelope = { ...envelope, ct: envelope.ct.map((b, i) => (i === 0 ? b ^ 1 : b)) };

    expect((await errorOf(openEnvelope(key, tampered, aad))).code).toBe('decrypt-failed');
    expect((await errorOf(openEnvelope(await newKey(), envelope, aad))).code).toBe('decrypt-failed');
  });

  it.each([
    ['an unknown version', { v: 2 }],
    ['an unknown algorithm', { alg: 'A128CBC' }],
  ])('reports %s as unsupported-envelope, not as a wrong key', async (_name, change) => {
    const key = await newKey();
    const aad = recordAad(1, 'r');
    const envelope = await sealEnvelope(key, new Uint8Array(20), aad);

    const error = await errorOf(openEnvelope(key, { ...envelope, ...change }, aad));

    expect(error.code).toBe('unsupported-envelope');
  });

  it.each([
    ['null', null],
    ['a short IV', { v: 1, alg: 'A256GCM', iv: new Uint8Array(8), ct: new Uint8Array(32) }],
    ['a ciphertext shorter than the tag', { v: 1, alg: 'A256GCM', iv: new Uint8Array(12), ct: new Uint8Array(4) }],
    ['an IV that is not bytes', { v: 1, alg: 'A256GCM', iv: 'aaaaaaaaaaaa', ct: new Uint8Array(32) }],
  ])('reports %s as malformed-envelope', async (_name, value) => {
    const error = await errorOf(openEnvelope(await newKey(), value, recordAad(1, 'r')));
    expect(error.code).toBe('malformed-envelope');
  });

  it('never repeats an IV over 10,000 writes', async () => {
    const key = await newKey();
    const aad = recordAad(1, 'r');
    const secret = new Uint8Array(20);

    const envelopes = await Promise.all(Array.from({ length: 10_000 }, () => sealEnvelope(key, secret, aad)));

    expect(new Set(envelopes.map((e) => hex(e.iv))).size).toBe(10_000);
  });

  it('takes its IV from the injected randomBytes and copies it', async () => {
    const key = await newKey();
    const fixed = new Uint8Array(12).fill(9);
    const envelope = await sealEnvelope(key, new Uint8Array(10), recordAad(1, 'r'), { randomBytes: () => fixed });

    fixed.fill(0);

    expect(envelope.iv).toEqual(new Uint8Array(12).fill(9));
    expect(await openEnvelope(key, envelope, recordAad(1, 'r'))).toEqual(new Uint8Array(10));
  });

  it('refuses a randomBytes that returns the wrong length', async () => {
    const key = await newKey();
    await expect(
      sealEnvelope(key, new Uint8Array(10), recordAad(1, 'r'), { randomBytes: () => new Uint8Array(8) }),
    ).rejects.toThrow(RangeError);
  });
});
