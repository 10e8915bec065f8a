import { t } from '@/lib/i18n';

/**
 * The account's group: pick an existing one from the list the input offers, or type a new name.
 * Empty means no group. The vault cleans and checks the name (32 characters at most).
 */
export function GroupField({
  id,
  value,
  groups,
  onInput,
}: {
  id: string;
  value: string;
  groups: readonly string[];
  onInput: (value: string) => void;
}) {
  const listId = `${id}-options`;
  return (
    <div class="field group-field">
      <label class="field">
        <span>{t('group_field_label')}</span>
        <input
          id={id}
          name="group"
          autocomplete="off"
          maxLength={32}
          list={groups.length > 0 ? listId : undefined}
          value={value}
          aria-describedby={`${id}-hint`}
          onInput={(event) => onInput(event.currentTarget.value)}
        />
      </label>
      <small class="hint" id={`${id}-hint`}>
        {t('group_field_hint')}
      </small>
      {groups.length > 0 && (
        <datalist id={listId}>
          {groups.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
      )}
    </div>
  );
}
