export function PassphraseField({
  label,
  value,
  autocomplete,
}: {
  label: string;
  value: { value: string };
  autocomplete: 'current-password' | 'new-password';
}) {
  return (
    <label class="field">
      <span>{label}</span>
      <input type="password" autocomplete={autocomplete} value={value.value} onInput={(e) => (value.value = e.currentTarget.value)} />
    </label>
  );
}
