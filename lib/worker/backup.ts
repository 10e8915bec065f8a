/** Backups, exports (secrets in the reply, to an extension page only) and imports; exports obey the export policy. */
import { commitImport, exportAccountUri, exportBackup, exportMigrationList, exportOtpauthList, previewImport } from '../backup';
import { assertExportAllowed } from '../policy';
import type { Handlers } from './dispatch';
import type { WorkerDeps } from './deps';
import { currentParsedPolicy, enforcedParsedPolicy } from './policy';

type BackupHandlers = Pick<
  Handlers,
  'exportBackup' | 'exportOtpauthUris' | 'exportMigrationUris' | 'exportAccountQr' | 'previewImport' | 'commitImport'
>;

export function backupHandlers({ vault, now = Date.now, policy = { current: currentParsedPolicy, enforced: enforcedParsedPolicy } }: WorkerDeps): BackupHandlers {
  /** Export paths refuse up front, so a policy never yields an empty file that looks like a backup. */
  const exportVault = async () => {
    assertExportAllowed((await policy.enforced()).policy);
    return vault();
  };
  return {
    exportBackup: async ({ passphrase }) => exportBackup(await exportVault(), passphrase, { now: now() }),
    exportOtpauthUris: async () => exportOtpauthList(await exportVault()),
    exportMigrationUris: async () => exportMigrationList(await exportVault()),
    exportAccountQr: async ({ id }) => exportAccountUri(await exportVault(), id),
    previewImport: async ({ candidates }) => previewImport(await vault(), candidates),
    commitImport: async ({ candidates, onConflict }) => commitImport(await vault(), candidates, onConflict),
  };
}
