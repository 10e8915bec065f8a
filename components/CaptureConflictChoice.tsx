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
    <div class="capture-conflict" role="group" aria-label="This account already exists">
      <p>
        <strong><bdi>{label}</bdi></strong> is already in Tessera with a different secret. Replacing it makes the old codes stop
        working here.
      </p>
      <div class="actions">
        <button type="button" class="danger" disabled={busy} onClick={() => onChoose('replace')}>
          Replace the old one
        </button>
        <button type="button" disabled={busy} onClick={() => onChoose('keep-both')}>
          Keep both
        </button>
        <button type="button" class="quiet" disabled={busy} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
