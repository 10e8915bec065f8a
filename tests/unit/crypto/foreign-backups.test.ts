import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';

// Counts key derivations (and can stand in for them), so a refusal "before deriving" is checked, not timed.
const scryptCalls = vi.hoisted(() => ({ count: 0, fake: false }));
vi.mock('@noble/hashes/scrypt.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('@noble/hashes/scrypt.js')>();
  return {
    ...real,
    scryptAsync: (...args: Parameters<typeof real.scryptAsync>) => {
      scryptCalls.count++;
      return scryptCalls.fake ? Promise.resolve(new Uint8Array(args[2].dkLen ?? 32)) : real.scryptAsync(...args);
    },
  };
});

const { ForeignBackupError, decryptAegisVault, decryptTwoFasServices, MAX_SCRYPT_TOTAL_WORK } = await import('@/lib/crypto/foreign-backups');

const fixture = (name: string) => JSON.parse(readFileSync(`tests/fixtures/import/${name}`, 'utf8'));
const utf8 = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ForeignBackupError);
  return (error as InstanceType<typeof ForeignBackupError>).code;
}

/** Flips one base64 character in the middle of a field (still valid base64, different bytes). */
function flipBase64(text: string): string {
  const at = Math.floor(text.length / 2);
  return text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);
}

describe('decryptAegisVault', () => {
  it('opens the Aegis encrypted fixture with its password and yields the vault content', async () => {
    const content = JSON.parse(utf8(await decryptAegisVault(fixture('aegis_encrypted.json'), 'test')));
    expect(content.version).toBe(1);
    expect(content.entries.map((e: { issuer: string }) => e.issuer)).toEqual([
      'Deno', 'SPDX', 'Airbnb', 'Issuu', 'Air Canada', 'WWE', 'Boeing',
    ]);
  });

  it('says wrong-password for another password', async () => {
    expect(await codeOf(decryptAegisVault(fixture('aegis_encrypted.json'), 'tset'))).toBe('wrong-password');
  });

  it('tells damaged content from a wrong password: the slot opens, the content does not', async () => {
    const vault = fixture('aegis_encrypted.json');
    vault.db = flipBase64(vault.db);
    expect(await codeOf(decryptAegisVault(vault, 'test'))).toBe('malformed-backup');
  });

  it.each<[string, (v: Record<string, any>) => void, string]>([
    ['no header', (v) => delete v.header, 'malformed-backup'],
    ['a db that is not text', (v) => (v.db = { entries: [] }), 'malformed-backup'],
    ['a db that is not base64', (v) => (v.db = '%%%'), 'malformed-backup'],
    ['a short content nonce', (v) => (v.header.params.nonce = 'abcd'), 'malformed-backup'],
    ['a slot key that is not hex', (v) => (v.header.slots[0].key = 'zz'), 'malformed-backup'],
    ['N that is not a power of two', (v) => (v.header.slots[0].n = 30000), 'malformed-backup'],
    ['scrypt memory above the limit', (v) => (v.header.slots[0].n = 2 ** 22), 'too-costly-backup'],
    ['only a biometric slot', (v) => (v.header.slots[0].type = 2), 'unsupported-backup'],
  ])('rejects a vault with %s without deriving a key', async (_name, mutate, code) => {
    const vault = fixture('aegis_encrypted.json');
    mutate(vault);
    scryptCalls.count = 0;
    expect(await codeOf(decryptAegisVault(vault, 'test'))).toBe(code);
    expect(scryptCalls.count).toBe(0);
  });

  it.each<[string, (v: Record<string, any>) => void]>([
    // Each slot within the per-slot limits; together hours of scrypt on the manage page (#14.4).
    ['8 slots at N=2^15, r=8, p=16', (v) => (v.header.slots = Array.from({ length: 8 }, () => ({ ...v.header.slots[0], p: 16 })))],
    ['64 slots at Aegis defaults', (v) => (v.header.slots = Array.from({ length: 64 }, () => ({ ...v.header.slots[0] })))],
    ['one slot at N·r = 2^20 with p = 16', (v) => Object.assign(v.header.slots[0], { n: 2 ** 17, r: 8, p: 16 })],
  ])('caps the total key-derivation work across slots: refuses %s before deriving anything', async (_name, mutate) => {
    const vault = fixture('aegis_encrypted.json');
    mutate(vault);
    scryptCalls.count = 0;
    scryptCalls.fake = true;
    try {
      const error = await decryptAegisVault(vault, 'test').catch((e: unknown) => e as InstanceType<typeof ForeignBackupError>);
      expect(error).toMatchObject({ code: 'too-costly-backup' });
      expect((error as Error).message).toMatch(/key slots|work/);
      expect(scryptCalls.count).toBe(0);
    } finally {
      scryptCalls.fake = false;
    }
  });

  it('still opens a vault with several ordinary password slots (within the total)', async () => {
    const vault = fixture('aegis_encrypted.json');
    const slot = vault.header.slots.find((s: { type: number }) => s.type === 1);
    // Slots for other passwords first: each is tried and fails, then the right one opens.
    vault.header.slots = [{ ...slot, key: '00'.repeat(32) }, { ...slot, key: '11'.repeat(32) }, slot];
    expect(2 ** 15 * 8 * 3).toBeLessThanOrEqual(MAX_SCRYPT_TOTAL_WORK);
    const progress: number[] = [];
    const content = JSON.parse(utf8(await decryptAegisVault(vault, 'test', { onProgress: (p) => progress.push(p) })));
    expect(content.entries).toHaveLength(7);
    // Progress over all slots: rising, ending at 1.
    expect(progress.length).toBeGreaterThan(3);
    expect(progress.every((p, i) => i === 0 || p >= progress[i - 1]!)).toBe(true);
    expect(progress.at(-1)).toBe(1);
  }, 60_000);
});

describe('decryptTwoFasServices', () => {
  it.each([
    ['2fas_authenticator_encrypted_v4.2fas', ['Deno', 'Issuu', 'Air Canada', 'WWE', 'Boeing']],
    ['2fas_authenticator_encrypted.2fas', ['Deno', 'Airbnb', 'Issuu', 'WWE']],
  ])('opens %s with its password and yields the services array', async (name, issuers) => {
    const file = fixture(name);
    const services = JSON.parse(utf8(await decryptTwoFasServices(file.servicesEncrypted, 'test', file.reference)));
    expect(services.map((s: { name: string }) => s.name)).toEqual(issuers);
  });

  it('says wrong-password for another password, with or without the reference field', async () => {
    const file = fixture('2fas_authenticator_encrypted_v4.2fas');
    expect(await codeOf(decryptTwoFasServices(file.servicesEncrypted, 'wrong', file.reference))).toBe('wrong-password');
    expect(await codeOf(decryptTwoFasServices(file.servicesEncrypted, 'wrong'))).toBe('wrong-password');
  });

  it('tells damaged services from a wrong password when the reference opens', async () => {
    const file = fixture('2fas_authenticator_encrypted_v4.2fas');
    const [ct, salt, iv] = file.servicesEncrypted.split(':');
    const damaged = [flipBase64(ct), salt, iv].join(':');
    expect(await codeOf(decryptTwoFasServices(damaged, 'test', file.reference))).toBe('malformed-backup');
  });

  it.each([
    ['two parts', 'YWJj:ZGVm'],
    ['a 16-byte IV', `${'A'.repeat(24)}:${'A'.repeat(44)}:${'A'.repeat(24)}`],
    ['bad base64', '!!!:ZGVm:ZGVm'],
    ['not text', 42],
  ])('rejects servicesEncrypted with %s as malformed', async (_name, value) => {
    expect(await codeOf(decryptTwoFasServices(value, 'test'))).toBe('malformed-backup');
  });
});
