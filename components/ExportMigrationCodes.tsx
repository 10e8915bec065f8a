import type { ManageState } from '@/lib/manage';
import { ExportSkippedList } from './ExportSkippedList';
import { ManageQrCode } from './ManageQrCode';

/** QR codes that Google Authenticator (and apps reading its export) scan with "Import accounts". */
export function ExportMigrationCodes({ state }: { state: ManageState }) {
  const task = state.migration.value;
  return (
    <div class="export-part">
      <h3>Google Authenticator export codes</h3>
      {task.name !== 'done' ? (
        <button type="button" onClick={() => void state.showMigrationCodes()} disabled={task.name === 'working'}>
          Show the export QR codes
        </button>
      ) : task.value.uris.length === 0 ? (
        <p>No account can be exported in this format.</p>
      ) : (
        <>
          <p class="hint">
            In Google Authenticator: Transfer accounts, Import accounts, then scan each code in turn ({task.value.exported} account
            {task.value.exported === 1 ? '' : 's'}).
          </p>
          <ol class="qr-grid">
            {task.value.uris.map((uri, index) => {
              const caption = `${index + 1} of ${task.value.uris.length}`;
              return (
                <li key={uri}>
                  <figure>
                    <ManageQrCode text={uri} label={`Google Authenticator export code ${caption}`} />
                    <figcaption>{caption}</figcaption>
                  </figure>
                </li>
              );
            })}
          </ol>
        </>
      )}
      {task.name === 'done' && <ExportSkippedList skipped={task.value.skipped} what="these codes" />}
      {task.name === 'failed' && <p class="field-error" role="alert">{task.message}</p>}
    </div>
  );
}
