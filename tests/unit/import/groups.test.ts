import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commitImport, createBackup, exportBackup, readBackup, toTransferCandidates, type ExportableAccount } from '@/lib/backup';
import { importFile, type ImportCandidate } from '@/lib/import';
import { decodeBase32 } from '@/lib/otp';
import { setUpVault, totp } from '../vault/helpers';
import { VECTORS } from './vectors';

const read = (name: string) => readFileSync(`tests/fixtures/import/${name}`, 'utf8');
const groupsOf = (candidates: ImportCandidate[]) => candidates.map((c) => (c.ok ? (c.group ?? null) : 'problem'));

describe('import groups', () => {
  it('Aegis content version 3: the first of an entry\'s group uuids, by name', async () => {
    const vault = JSON.parse(read('aegis_plain.json'));
    vault.db.version = 3;
    vault.db.groups = [
      { uuid: 'g-work', name: 'Work' },
      { uuid: 'g-home', name: 'Home' },
    ];
    vault.db.entries[0].groups = ['g-work', 'g-home'];
    vault.db.entries[1].groups = ['g-unknown', 'g-home'];
    vault.db.entries[2].groups = [];

    const { format, candidates } = await importFile('aegis.json', JSON.stringify(vault));

    expect(format).toBe('aegis');
    expect(groupsOf(candidates).slice(0, 4)).toEqual(['Work', 'Home', null, null]);
  });

  it('Aegis content versions 1–2: the entry\'s `group` name', async () => {
    const vault = JSON.parse(read('aegis_plain.json'));
    vault.db.entries[0].group = '  Banking ';
    vault.db.entries[1].group = null;

    const { candidates } = await importFile('aegis.json', JSON.stringify(vault));

    expect(groupsOf(candidates).slice(0, 3)).toEqual(['Banking', null, null]);
  });

  it('2FAS: the group named by `groupId`', async () => {
    const backup = JSON.parse(read('2fas_authenticator_plain_v4.2fas'));
    backup.groups = [{ id: 'a1', name: 'Gaming', isExpanded: true }];
    backup.services[0].groupId = 'a1';
    backup.services[1].groupId = 'missing';

    const { format, candidates } = await importFile('backup.2fas', JSON.stringify(backup));

    expect(format).toBe('2fas');
    expect(groupsOf(candidates).slice(0, 3)).toEqual(['Gaming', null, null]);
  });

  it('Bitwarden JSON: the item\'s folder; Bitwarden CSV: the folder column', async () => {
    const file = JSON.parse(read('bitwarden.json'));
    file.folders = [{ id: 'f1', name: 'Cloud' }];
    file.items[0].folderId = 'f1';
    const csv = read('bitwarden.csv').replace('\n,,login,Test 1', '\nFinance,,login,Test 1');

    const json = await importFile('bitwarden.json', JSON.stringify(file));
    const fromCsv = await importFile('bitwarden.csv', csv);

    expect(groupsOf(json.candidates).slice(0, 2)).toEqual(['Cloud', null]);
    expect(groupsOf(fromCsv.candidates).slice(0, 2)).toEqual(['Finance', null]);
  });

  it('cuts another app\'s long folder name to 32 characters and drops control and format characters', async () => {
    const file = JSON.parse(read('bitwarden.json'));
    file.folders = [
      { id: 'long', name: `Clients/${'x'.repeat(40)}` },
      { id: 'odd', name: '\u202eWo\u0007rk\u200b' },
    ];
    file.items[0].folderId = 'long';
    file.items[1].folderId = 'odd';

    const { candidates } = await importFile('bitwarden.json', JSON.stringify(file));

    expect(groupsOf(candidates).slice(0, 2)).toEqual([`Clients/${'x'.repeat(24)}`, 'Wo rk']);
  });

  it('a Tessera backup keeps each account\'s group, and one written before groups reads as none', async () => {
    const accounts: ExportableAccount[] = VECTORS.slice(0, 3).map((v, i) => ({
      ...v,
      secret: decodeBase32(v.secret),
      sites: [],
      pinned: false,
      order: i,
      ...(i === 0 ? { group: 'Work' } : i === 1 ? { group: 'Home' } : {}),
    }));

    const backup = await createBackup(accounts, 'a long backup passphrase');
    const { accounts: read } = await readBackup(backup, 'a long backup passphrase');

    expect(groupsOf(read)).toEqual(['Work', 'Home', null]);
  });

  it('vault → backup → another vault: every group comes back, through the import commit', async () => {
    const { vault: source } = await setUpVault();
    await source.addMany([
      totp({ issuer: 'GitHub', group: 'Work' }),
      totp({ issuer: 'Steam', group: 'Gaming' }),
      totp({ issuer: 'Plain' }),
    ]);

    const { fileText } = await exportBackup(source, 'a long backup passphrase');
    const { accounts } = await readBackup(fileText, 'a long backup passphrase');
    const { vault: target } = await setUpVault();
    // As the manage page sends it: JSON, then the worker's commit.
    await commitImport(target, JSON.parse(JSON.stringify(toTransferCandidates(accounts))), 'skip');

    expect((await target.list()).map((a) => [a.issuer, a.group ?? null])).toEqual([
      ['GitHub', 'Work'],
      ['Steam', 'Gaming'],
      ['Plain', null],
    ]);
  });
});
