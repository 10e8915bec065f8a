import type { ManageState, RowStatus } from '@/lib/manage';

const STATUS_TEXT: { readonly [S in RowStatus]: string } = {
  checking: 'Checking…',
  new: 'OK',
  exists: 'Duplicate',
  conflict: 'Conflict',
  problem: 'Problem',
};

const KIND_TEXT = { totp: 'TOTP', hotp: 'HOTP (counter)', steam: 'Steam' } as const;

/** Every entry of every file, with what importing would do to it. Never shows a secret. */
export function ImportPreviewTable({ state }: { state: ManageState }) {
  const rows = state.rows.value;
  if (rows.length === 0) return null;
  const several = new Set(rows.map((r) => r.source)).size > 1;
  return (
    <div class="table-wrap">
      <table class="preview">
        <caption class="visually-hidden">Accounts found in the chosen files</caption>
        <thead>
          <tr>
            <th scope="col">Account</th>
            <th scope="col">Type</th>
            <th scope="col">Status</th>
            {several && <th scope="col">File</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} data-status={row.status}>
              <th scope="row" dir="auto">{row.label}</th>
              <td>{row.kind ? KIND_TEXT[row.kind] : '—'}</td>
              <td>
                <span class={`status ${row.status}`}>{STATUS_TEXT[row.status]}</span>
                {row.message && <small class="status-detail">{row.message}</small>}
              </td>
              {several && <td class="muted">{row.source}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
