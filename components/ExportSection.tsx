import type { ManageState } from '@/lib/manage';
import { ExportAccountQr } from './ExportAccountQr';
import { ExportMigrationCodes } from './ExportMigrationCodes';
import { ExportOtpauthList } from './ExportOtpauthList';
import { ManageSection } from './ManageSection';

/** Clear-text exports, each shown only on request and hidden again with one button. */
export function ExportSection({ state }: { state: ManageState }) {
  const showing =
    state.otpauthList.value.name === 'done' || state.migration.value.name === 'done' || state.accountQr.value.name === 'done';
  return (
    <ManageSection id="export" title="Export to another app">
      <p class="notice warning" role="note">
        <strong>These exports are not encrypted.</strong> Anyone who sees or gets them can make your codes. Show them only where
        nobody watches, and delete any saved copy once it is imported. Accounts kept on this device only never appear.
      </p>
      <p class="hint" data-export-note="groups">
        These formats have no place for groups, site bindings or pins: the other app gets each account's name, secret and code
        settings only. An encrypted Tessera backup keeps all of them.
      </p>
      <ExportOtpauthList state={state} />
      <ExportMigrationCodes state={state} />
      <ExportAccountQr state={state} />
      {showing && (
        <div class="actions">
          <button type="button" class="primary" onClick={() => state.hideExports()}>
            Hide all exports
          </button>
        </div>
      )}
    </ManageSection>
  );
}
