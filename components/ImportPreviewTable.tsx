import type { ManageState, RowStatus } from '@/lib/manage';
import { t, type MessageKey } from '@/lib/i18n';

const STATUS_KEYS: { readonly [S in RowStatus]: MessageKey } = {
  checking: 'import_status_checking',
  new: 'import_status_new',
  exists: 'import_status_exists',
  conflict: 'import_status_conflict',
  problem: 'import_status_problem',
};

/** TOTP and Steam are names, the same in every language; HOTP gets a word of explanation. */
const kindText = (kind: 'totp' | 'hotp' | 'steam') => (kind === 'hotp' ? t('import_kind_hotp') : kind === 'totp' ? 'TOTP' : 'Steam');

/** Every entry of every file, with what importing would do to it. Never shows a secret. */
export function ImportPreviewTable({ state }: { state: ManageState }) {
  const rows = state.rows.value;
  if (rows.length === 0) return null;
  const several = new Set(rows.map((r) => r.source)).size > 1;
  return (
    <div class="table-wrap">
      <table class="preview">
        <caption class="visually-hidden">{t('import_preview_caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('import_col_account')}</th>
            <th scope="col">{t('import_col_type')}</th>
            <th scope="col">{t('import_col_status')}</th>
            {several && <th scope="col">{t('import_col_file')}</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} data-status={row.status}>
              <th scope="row" dir="auto">{row.label}</th>
              <td>{row.kind ? kindText(row.kind) : '—'}</td>
              <td>
                <span class={`status ${row.status}`}>{t(STATUS_KEYS[row.status] as 'import_status_new')}</span>
                {row.message && <small class="status-detail">{row.message}</small>}
              </td>
              {several && <td class="muted" dir="auto">{row.source}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
