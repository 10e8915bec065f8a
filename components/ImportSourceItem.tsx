import { useSignal } from '@preact/signals';
import { type ImportSource, type ManageState, FORMAT_NAMES } from '@/lib/manage';

/** One picked file: what it is, whether it was read, and a password field when it is encrypted. */
export function ImportSourceItem({ source, state }: { source: ImportSource; state: ManageState }) {
  const password = useSignal('');
  const { status } = source;
  const fieldId = `password-${source.id}`;
  return (
    <li class={`source ${status.name}`} data-source={source.name}>
      <div class="source-head">
        <strong class="source-name">{source.name}</strong>
        <span class="source-format">
          {status.name === 'ready'
            ? `${FORMAT_NAMES[status.format]}: ${status.candidates.length} entr${status.candidates.length === 1 ? 'y' : 'ies'}`
            : status.name === 'password'
              ? `${state.formatName(status.format)}, encrypted`
              : status.name === 'reading'
                ? 'Reading…'
                : 'Not imported'}
        </span>
        <button type="button" class="quiet" aria-label={`Remove ${source.name}`} onClick={() => void state.removeSource(source.id)}>
          Remove
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
          aria-label={`Password for ${source.name}`}
          onSubmit={(e) => {
            e.preventDefault();
            void state.unlock(source.id, password.value).then(() => (password.value = ''));
          }}
        >
          <label for={fieldId}>Password of this file</label>
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
            {status.busy ? 'Opening…' : 'Open'}
          </button>
          {status.busy && (
            <>
              {/* Opening runs in a Worker: the page stays usable, and Cancel stops it for good. */}
              <progress
                class="open-progress"
                aria-label={`Opening ${source.name}`}
                max={1}
                {...(status.progress === null ? {} : { value: status.progress })}
              />
              <button type="button" onClick={() => state.cancelUnlock(source.id)}>
                Cancel
              </button>
            </>
          )}
          {status.wrong && (
            <p class="field-error" id={`${fieldId}-error`} role="alert">
              Wrong password: this password does not open the file. The file itself looks intact.
            </p>
          )}
        </form>
      )}
    </li>
  );
}
