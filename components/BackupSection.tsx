import { useComputed, useSignal } from '@preact/signals';
import { MIN_BACKUP_PASSPHRASE_LENGTH } from '@/lib/backup';
import { passphraseStrength, type ManageState } from '@/lib/manage';
import { ExportSkippedList } from './ExportSkippedList';
import { FieldError } from './FieldError';
import { ManageSection } from './ManageSection';
import { PassphraseField } from './PassphraseField';
import { SLOT, t, tPlural } from '@/lib/i18n';
import { Slotted } from './Slotted';

export function BackupSection({ state }: { state: ManageState }) {
  const passphrase = useSignal('');
  const confirmation = useSignal('');
  const strength = useComputed(() => (passphrase.value === '' ? null : passphraseStrength(passphrase.value, MIN_BACKUP_PASSPHRASE_LENGTH)));
  const task = state.backup.value;
  const working = task.name === 'working';

  async function submit(event: Event) {
    event.preventDefault();
    await state.createBackup(passphrase.value, confirmation.value);
    if (state.backup.value.name === 'done') {
      passphrase.value = '';
      confirmation.value = '';
    }
  }

  return (
    <ManageSection
      id="backup"
      title={t('backup_title')}
      intro={t('backup_intro')}
    >
      <form class="manage-form" aria-label={t('backup_form_label')} onSubmit={submit}>
        <PassphraseField
          label={t('backup_passphrase')}
          value={passphrase}
          autocomplete="new-password"
          describedBy="backup-strength backup-warning"
          disabled={working}
        />
        <p class={`strength ${strength.value?.level ?? ''}`} id="backup-strength" aria-live="polite">
          {strength.value?.hint ?? t('backup_min_hint', MIN_BACKUP_PASSPHRASE_LENGTH)}
        </p>
        <PassphraseField label={t('backup_passphrase_again')} value={confirmation} autocomplete="new-password" disabled={working} />
        <p class="notice" id="backup-warning">
          {t('backup_warning')}
        </p>
        <FieldError id="backup-error" message={task.name === 'failed' ? task.message : null} />
        <div class="actions">
          <button type="submit" class="primary" disabled={working}>
            {t('backup_download')}
          </button>
        </div>
        {working && (
          <div class="progress" role="status">
            <progress aria-label={t('backup_encrypting_label')} /> {t('backup_encrypting')}
          </div>
        )}
      </form>
      {task.name === 'done' && (
        <div class="result" role="status">
          <p>
            <Slotted text={tPlural('backup_saved', task.value.exported, SLOT)} parts={[<strong dir="ltr">{task.value.fileName}</strong>]} />
          </p>
          <ExportSkippedList skipped={task.value.skipped} from="backup" />
        </div>
      )}
    </ManageSection>
  );
}
