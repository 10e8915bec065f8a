import { describe, expect, it } from 'vitest';
import { commitImport, previewImport, toTransferCandidates, type TransferCandidate } from '@/lib/backup';
import { importFile } from '@/lib/import';
import { decodeBase32, encodeBase32 } from '@/lib/otp';
import { readFileSync } from 'node:fs';
import { setUpVault } from '../vault/helpers';
import { VECTORS } from '../import/vectors';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/import/${name}`, import.meta.url), 'utf8');

async function aegisCandidates(): Promise<TransferCandidate[]> {
  const { candidates } = await importFile('aegis_plain.json', fixture('aegis_plain.json'));
  return toTransferCandidates(candidates);
}

describe('toTransferCandidates', () => {
  it('keeps only entries without problems, as JSON-safe base32, in a backup’s saved order', () => {
    const secret = decodeBase32('JBSWY3DPEHPK3PXP');
    const account = { kind: 'totp', issuer: 'A', account: 'a', secret, algorithm: 'SHA1', digits: 6, period: 30 } as const;
    const wire = toTransferCandidates([
      { ok: true, label: 'A', account: { ...account, issuer: 'Second' }, extras: { sites: [], pinned: false, order: 5 } },
      { ok: false, label: 'Bad', problem: { code: 'missing-secret', message: 'no' } },
      { ok: true, label: 'A', account: { ...account, issuer: 'First' }, extras: { sites: [], pinned: true, order: 1 } },
    ]);
    expect(wire.map((c) => c.account.issuer)).toEqual(['First', 'Second']);
    expect(JSON.parse(JSON.stringify(wire))).toEqual(wire);
    expect(wire[0]).toMatchObject({ account: { secret: 'JBSWY3DPEHPK3PXP' }, pinned: true });
  });
});

describe('import preview and commit', () => {
  it('previews new entries, then commits them in one go', async () => {
    const { vault } = await setUpVault();
    const candidates = await aegisCandidates();
    const preview = await previewImport(vault, candidates);
    expect(preview.every((p) => p.status === 'new')).toBe(true);
    expect(await vault.list()).toEqual([]);

    const result = await commitImport(vault, candidates, 'skip');
    expect(result).toEqual({ added: candidates.length, replaced: 0, unchanged: 0, skipped: 0 });
    expect((await vault.list()).map((a) => a.issuer).sort()).toEqual(VECTORS.map((v) => v.issuer).sort());
  });

  it('marks a second import as duplicates and adds nothing', async () => {
    const { vault } = await setUpVault();
    const candidates = await aegisCandidates();
    await commitImport(vault, candidates, 'skip');
    expect((await previewImport(vault, candidates)).map((p) => p.status)).toEqual(candidates.map(() => 'exists'));
    expect(await commitImport(vault, candidates, 'keep-both')).toMatchObject({ added: 0, unchanged: candidates.length });
    expect(await vault.list()).toHaveLength(candidates.length);
  });

  it.each([
    ['skip', 1, 'JBSWY3DPEHPK3PXP', { added: 0, replaced: 0, skipped: 1 }],
    ['replace', 1, 'GEZDGNBVGY3TQOJQ', { added: 0, replaced: 1, skipped: 0 }],
    ['keep-both', 2, 'GEZDGNBVGY3TQOJQ', { added: 1, replaced: 0, skipped: 0 }],
  ] as const)('resolves a conflict with %s', async (choice, count, secretAfter, summary) => {
    const { vault } = await setUpVault();
    await vault.add({ kind: 'totp', issuer: 'X', account: 'y', secret: decodeBase32('JBSWY3DPEHPK3PXP'), algorithm: 'SHA1', digits: 6, period: 30 });
    const incoming: TransferCandidate[] = [
      { account: { kind: 'totp', issuer: 'X', account: 'y', secret: 'GEZDGNBVGY3TQOJQ', algorithm: 'SHA1', digits: 6, period: 30 } },
    ];
    expect(await previewImport(vault, incoming)).toEqual([{ status: 'conflict', existing: { issuer: 'X', account: 'y' } }]);

    expect(await commitImport(vault, incoming, choice)).toMatchObject(summary);
    const list = await vault.list();
    expect(list).toHaveLength(count);
    const secrets = await Promise.all(list.map(async (a) => encodeBase32(await vault.exportableSecret(a.id))));
    expect(secrets).toContain(secretAfter);
  });

  it('reports an entry the vault refuses in place, and a commit containing it changes nothing', async () => {
    const { vault } = await setUpVault();
    const good = (await aegisCandidates())[0]!;
    const bad: TransferCandidate = { account: { ...good.account, issuer: 'Bad', digits: 99 } };
    const notBase32: TransferCandidate = { account: { ...good.account, issuer: 'Worse', secret: '!!!' } };
    const preview = await previewImport(vault, [good, bad, notBase32]);
    expect(preview.map((p) => p.status)).toEqual(['new', 'problem', 'problem']);
    expect(preview[1]).toMatchObject({ code: 'invalid-digits' });
    expect(preview[2]).toMatchObject({ code: 'invalid-secret' });

    await expect(commitImport(vault, [good, bad], 'skip')).rejects.toMatchObject({ code: 'invalid-digits' });
    expect(await vault.list()).toEqual([]);
  });

  it('refuses a request that is not a list, or an unknown conflict choice', async () => {
    const { vault } = await setUpVault();
    await expect(previewImport(vault, { length: 1 })).rejects.toMatchObject({ code: 'bad-request' });
    await expect(commitImport(vault, [], 'merge')).rejects.toBeInstanceOf(RangeError);
  });

  it('restores pins from a backup', async () => {
    const { vault } = await setUpVault();
    const [first] = await aegisCandidates();
    await commitImport(vault, [{ ...first!, pinned: true }], 'skip');
    expect((await vault.list())[0]?.pinned).toBe(true);
  });
});
