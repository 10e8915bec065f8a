import type { ComponentChildren } from 'preact';

/**
 * "Keep on this device only". Under a device-bound-only policy it shows ticked and cannot be
 * changed: the worker stores the account device-bound whatever is sent; the box only says so.
 */
export function DeviceBoundCheck({
  checked,
  onChange,
  managed = false,
  children,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  managed?: boolean;
  /** What it means, in the words of the surface that offers it. */
  children: ComponentChildren;
}) {
  return (
    <label class="check">
      <input
        type="checkbox"
        name="deviceBound"
        checked={checked || managed}
        disabled={managed}
        onChange={(e) => onChange(e.currentTarget.checked)}
      />
      <span>
        <strong>Keep on this device only</strong>
        <small>
          {children}
          {managed && ' Set by your organisation.'}
        </small>
      </span>
    </label>
  );
}
