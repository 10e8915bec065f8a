import { useComputed, useSignal } from '@preact/signals';
import { MIN_BACKUP_PASSPHRASE_LENGTH } from '@/lib/backup';
import { passphraseStrength, type ManageState } from '@/lib/manage';
import { ExportSkippedList } from './ExportSkippedList';
import { FieldError } from './FieldError';
import { ManageSection } from './ManageSection';
import { PassphraseField } from './PassphraseField';

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
      title="Encrypted backup"
      intro="A .tessera file with every account, encrypted with a passphrase you choose. Keep it somewhere other than this computer. Restore it below, under Import."
    >
      <form class="manage-form" aria-label="Download encrypted backup" onSubmit={submit}>
        <PassphraseField
          label="Backup passphrase"
          value={passphrase}
          autocomplete="new-password"
          describedBy="backup-strength backup-warning"
          disabled={working}
        />
        <p class={`strength ${strength.value?.level ?? ''}`} id="backup-strength" aria-live="polite">
          {strength.value?.hint ?? `At least ${MIN_BACKUP_PASSPHRASE_LENGTH} characters; several words are best.`}
        </p>
        <PassphraseField label="Passphrase again" value={confirmation} autocomplete="new-password" disabled={working} />
        <p class="notice" id="backup-warning">
          If you forget this passphrase, the backup cannot be opened by anyone, Tessera included. There is no recovery.
        </p>
        <FieldError id="backup-error" message={task.name === 'failed' ? task.message : null} />
        <div class="actions">
          <button type="submit" class="primary" disabled={working}>
            Download encrypted backup (.tessera)
          </button>
        </div>
        {working && (
          <div class="progress" role="status">
            <progress aria-label="Encrypting the backup" /> Encrypting (the passphrase is stretched on purpose; this takes a moment)…
          </div>
        )}
      </form>
      {task.name === 'done' && (
        <div class="result" role="status">
          <p>
            Saved <strong>{task.value.fileName}</strong> with {task.value.exported} account{task.value.exported === 1 ? '' : 's'}.
          </p>
          <ExportSkippedList skipped={task.value.skipped} what="the backup" />
        </div>
      )}
    </ManageSection>
  );
}
