import { useSignal } from '@preact/signals';
import { type ImportSource, type ManageState, formatNameOf } from '@/lib/manage';
import { t, tPlural } from '@/lib/i18n';

/** One picked file: what it is, whether it was read, and a password field when it is encrypted. */
export function ImportSourceItem({ source, state }: { source: ImportSource; state: ManageState }) {
  const password = useSignal('');
  const { status } = source;
  const fieldId = `password-${source.id}`;
  return (
    <li class={`source ${status.name}`} data-source={source.name}>
      <div class="source-head">
        <strong class="source-name" dir="auto">{source.name}</strong>
        <span class="source-format">
          {status.name === 'ready'
            ? tPlural('import_source_entries', status.candidates.length, formatNameOf(status.format))
            : status.name === 'password'
              ? t('import_source_encrypted', state.formatName(status.format))
              : status.name === 'reading'
                ? t('import_source_reading')
                : t('import_source_not_imported')}
        </span>
        <button type="button" class="quiet" aria-label={t('import_remove_file_label', source.name)} onClick={() => void state.removeSource(source.id)}>
          {t('import_remove_file')}
        </button>
      </div>
      {status.name === 'failed' && (
        <p class="field-error" role="alert">
          {status.message}
        </p>
      )}
      {status.name === 'password' && (
        <form
          class="inline-form"
          aria-label={t('import_password_form_label', source.name)}
          onSubmit={(e) => {
            e.preventDefault();
            void state.unlock(source.id, password.value).then(() => (password.value = ''));
          }}
        >
          <label for={fieldId}>{t('import_password_label')}</label>
          <input
            id={fieldId}
            type="password"
            autocomplete="off"
            value={password}
            onInput={(e) => (password.value = e.currentTarget.value)}
            aria-invalid={status.wrong}
            aria-describedby={status.wrong ? `${fieldId}-error` : undefined}
            disabled={status.busy}
          />
          <button type="submit" disabled={status.busy || password.value === ''}>
            {status.busy ? t('import_opening') : t('import_open')}
          </button>
          {status.busy && (
            <>
              {/* Opening runs in a Worker: the page stays usable, and Cancel stops it for good. */}
              <progress
                class="open-progress"
                aria-label={t('import_opening_file_label', source.name)}
                max={1}
                {...(status.progress === null ? {} : { value: status.progress })}
              />
              <button type="button" onClick={() => state.cancelUnlock(source.id)}>
                {t('common_cancel')}
              </button>
            </>
          )}
          {status.wrong && (
            <p class="field-error" id={`${fieldId}-error`} role="alert">
              {t('import_wrong_password')}
            </p>
          )}
        </form>
      )}
    </li>
  );
}
