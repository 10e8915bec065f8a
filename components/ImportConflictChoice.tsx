import type { ConflictChoice } from '@/lib/backup';
import type { ManageState } from '@/lib/manage';

const CHOICES: ReadonlyArray<[ConflictChoice, string, string]> = [
  ['skip', 'Skip them', 'Keep the accounts you have; the conflicting entries are not imported.'],
  ['replace', 'Replace', 'The imported key replaces the one in Tessera (sites and position are kept).'],
  ['keep-both', 'Keep both', 'Add the imported entry next to the existing one.'],
];

/** What to do with entries that share a name with an account but not its key or settings. */
export function ImportConflictChoice({ state }: { state: ManageState }) {
  const conflicts = state.counts.value.conflict;
  if (conflicts === 0) return null;
  return (
    <fieldset class="choices">
      <legend>
        {conflicts} conflict{conflicts === 1 ? '' : 's'}: same name as an account in Tessera, different key or settings
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
            <strong>{label}</strong>
            <small>{hint}</small>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
