/** A passphrase input bound to a signal (never echoed anywhere else). */
export function PassphraseField({
  label,
  value,
  autocomplete,
  describedBy,
  disabled = false,
}: {
  label: string;
  value: { value: string };
  autocomplete: 'current-password' | 'new-password';
  describedBy?: string;
  disabled?: boolean;
}) {
  return (
    <label class="field">
      <span>{label}</span>
      <input
        type="password"
        autocomplete={autocomplete}
        value={value.value}
        onInput={(e) => (value.value = e.currentTarget.value)}
        aria-describedby={describedBy}
        disabled={disabled}
      />
    </label>
  );
}
