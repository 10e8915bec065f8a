import { useSignal } from '@preact/signals';
import type { CaptureItemView } from '@/lib/capture';
import type { PopupState } from '@/lib/popup';
import { CaptureConflictChoice } from './CaptureConflictChoice';
import { CaptureFoundOn } from './CaptureFoundOn';
import { CaptureWarnings } from './CaptureWarnings';
import { DeviceBoundCheck } from './DeviceBoundCheck';

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
      <h2 id={headingId}>
        Import {n} account{n === 1 ? '' : 's'} from a Google Authenticator export?
      </h2>
      <CaptureFoundOn foundOn={item.foundOn} />
      <p class="capture-batch-parts" data-batch-parts>
        {batch.size === 1 ? 'The export is one QR code.' : `QR codes found: ${batch.found.map((i) => i + 1).join(', ')} of ${batch.size}.`}
      </p>
      {batch.missing.length > 0 && (
        <p class="capture-note warning" data-batch-missing>
          Missing part{batch.missing.length === 1 ? '' : 's'} {batch.missing.map((i) => i + 1).join(', ')} of {batch.size}: show{' '}
          {batch.missing.length === 1 ? 'it' : 'them'} on the page and scan again to add {batch.missing.length === 1 ? 'it' : 'them'} to this import,
          or import these now.
        </p>
      )}
      <CaptureWarnings warnings={item.warnings} />
      <ul class="capture-batch" aria-label="Accounts in the export">
        {item.accounts.map((a, i) => (
          <li key={i} data-duplicate={a.duplicate.state}>
            <span class="capture-batch-name">
              <strong><bdi>{a.issuer || a.account}</bdi></strong>
              {a.issuer && a.account && <small><bdi>{a.account}</bdi></small>}
            </span>
            <span class="capture-batch-state">
              {a.duplicate.state === 'exists' ? 'already added' : a.duplicate.state === 'conflict' ? 'exists, different secret' : a.kind.toUpperCase()}
            </span>
          </li>
        ))}
      </ul>
      <DeviceBoundCheck checked={deviceBound.value} onChange={(checked) => (deviceBound.value = checked)}>
        Never exported or backed up; lost if this browser profile is lost.
      </DeviceBoundCheck>
      {conflicts > 0 ? (
        <CaptureConflictChoice
          label={`${conflicts} of these account${conflicts === 1 ? '' : 's'}`}
          busy={busy.value}
          onChoose={(c) => void add(c)}
          onCancel={() => void state.capture.skip(item.id)}
        />
      ) : (
        <div class="actions">
          <button type="button" class="primary" disabled={busy.value} onClick={() => void add()}>
            Import {n}
          </button>
          <button type="button" class="quiet" disabled={busy.value} onClick={() => void state.capture.skip(item.id)}>
            Skip
          </button>
        </div>
      )}
    </section>
  );
}
