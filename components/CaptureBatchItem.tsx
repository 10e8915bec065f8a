import { useSignal } from '@preact/signals';
import type { CaptureItemView } from '@/lib/capture';
import type { PopupState } from '@/lib/popup';
import { CaptureConflictChoice } from './CaptureConflictChoice';
import { CaptureFoundOn } from './CaptureFoundOn';
import { CaptureWarnings } from './CaptureWarnings';
import { DeviceBoundCheck } from './DeviceBoundCheck';
import { formatList, formatNumber, t, tPlural } from '@/lib/i18n';

/** Part numbers as people count them (from 1), as a list in the UI language. */
const partList = (indexes: readonly number[]) => formatList(indexes.map((i) => formatNumber(i + 1)), 'unit');

type BatchItem = Extract<CaptureItemView, { type: 'migration' }>;

/** A Google Authenticator export: every account previewed, duplicates flagged, one atomic import. */
export function CaptureBatchItem({ state, item }: { state: PopupState; item: BatchItem }) {
  const deviceBound = useSignal(false);
  const busy = useSignal(false);
  const conflict = useSignal<number | null>(null);
  const headingId = `capture-${item.id}`;
  const { batch } = item;

  async function add(onConflict?: 'replace' | 'keep-both') {
    busy.value = true;
    try {
      const reply = await state.capture.confirm(item.id, { sites: [], deviceBound: deviceBound.value, ...(onConflict ? { onConflict } : {}) });
      if (reply?.type === 'migration' && reply.status === 'conflict') conflict.value = reply.conflicts;
    } finally {
      busy.value = false;
    }
  }

  const conflicts = conflict.value ?? item.accounts.filter((a) => a.duplicate.state === 'conflict').length;
  const n = item.accounts.length;
  return (
    <section class="panel capture-item" aria-labelledby={headingId} data-capture-item="migration">
      <h2 id={headingId}>{tPlural('capture_batch_title', n)}</h2>
      <CaptureFoundOn foundOn={item.foundOn} />
      <p class="capture-batch-parts" data-batch-parts>
        {batch.size === 1 ? t('capture_batch_one_part') : t('capture_batch_parts', partList(batch.found), batch.size)}
      </p>
      {batch.missing.length > 0 && (
        <p class="capture-note warning" data-batch-missing>
          {tPlural('capture_batch_missing', batch.missing.length, partList(batch.missing), batch.size)}
        </p>
      )}
      <CaptureWarnings warnings={item.warnings} />
      <ul class="capture-batch" aria-label={t('capture_batch_accounts')}>
        {item.accounts.map((a, i) => (
          <li key={i} data-duplicate={a.duplicate.state}>
            <span class="capture-batch-name">
              <strong><bdi>{a.issuer || a.account}</bdi></strong>
              {a.issuer && a.account && <small><bdi>{a.account}</bdi></small>}
            </span>
            <span class="capture-batch-state">
              {a.duplicate.state === 'exists' ? t('capture_batch_already_added') : a.duplicate.state === 'conflict' ? t('capture_batch_conflict') : a.kind.toUpperCase()}
            </span>
          </li>
        ))}
      </ul>
      <DeviceBoundCheck checked={deviceBound.value} onChange={(checked) => (deviceBound.value = checked)}>
        {t('capture_device_bound_note')}
      </DeviceBoundCheck>
      {conflicts > 0 ? (
        <CaptureConflictChoice
          label={tPlural('capture_batch_conflict_label', conflicts)}
          busy={busy.value}
          onChoose={(c) => void add(c)}
          onCancel={() => void state.capture.skip(item.id)}
        />
      ) : (
        <div class="actions">
          <button type="button" class="primary" disabled={busy.value} onClick={() => void add()}>
            {t('capture_batch_import', n)}
          </button>
          <button type="button" class="quiet" disabled={busy.value} onClick={() => void state.capture.skip(item.id)}>
            {t('capture_skip')}
          </button>
        </div>
      )}
    </section>
  );
}
