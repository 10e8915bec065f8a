import type { ConflictChoice } from '@/lib/backup';
import type { ManageState } from '@/lib/manage';
import { t, tPlural, type MessageKey } from '@/lib/i18n';

const CHOICES: ReadonlyArray<[ConflictChoice, MessageKey, MessageKey]> = [
  ['skip', 'import_choice_skip', 'import_choice_skip_hint'],
  ['replace', 'import_choice_replace', 'import_choice_replace_hint'],
  ['keep-both', 'import_choice_keep_both', 'import_choice_keep_both_hint'],
];

/** What to do with entries that share a name with an account but not its key or settings. */
export function ImportConflictChoice({ state }: { state: ManageState }) {
  const conflicts = state.counts.value.conflict;
  if (conflicts === 0) return null;
  return (
    <fieldset class="choices">
      <legend>
        {tPlural('import_conflicts_legend', conflicts)}
      </legend>
      {CHOICES.map(([value, label, hint]) => (
        <label class="check" key={value}>
          <input
            type="radio"
            name="conflict"
            value={value}
            checked={state.conflictChoice.value === value}
            onChange={() => state.setConflictChoice(value)}
          />
          <span>
            <strong>{t(label as 'import_choice_skip')}</strong>
            <small>{t(hint as 'import_choice_skip')}</small>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
