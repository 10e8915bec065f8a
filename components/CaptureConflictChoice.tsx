import { SLOT, t } from '@/lib/i18n';
import { Slotted } from './Slotted';

/**
 * An account with the same service and name exists with another secret: never overwritten
 * silently, the user picks Replace, Keep both or Cancel.
 */
export function CaptureConflictChoice({
  label,
  busy,
  onChoose,
  onCancel,
}: {
  label: string;
  busy: boolean;
  onChoose: (choice: 'replace' | 'keep-both') => void;
  onCancel: () => void;
}) {
  return (
    <div class="capture-conflict" role="group" aria-label={t('capture_conflict_label')}>
      <p>
        <Slotted text={t('capture_conflict_text', SLOT)} parts={[<strong><bdi>{label}</bdi></strong>]} />
      </p>
      <div class="actions">
        <button type="button" class="danger" disabled={busy} onClick={() => onChoose('replace')}>
          {t('add_conflict_replace')}
        </button>
        <button type="button" disabled={busy} onClick={() => onChoose('keep-both')}>
          {t('add_conflict_keep_both')}
        </button>
        <button type="button" class="quiet" disabled={busy} onClick={onCancel}>
          {t('common_cancel')}
        </button>
      </div>
    </div>
  );
}
