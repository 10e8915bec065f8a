import type { ComponentChildren } from 'preact';
import { t } from '@/lib/i18n';

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
        <strong>{t('device_bound_title')}</strong>
        <small>
          {children}
          {managed && ` ${t('device_bound_managed')}`}
        </small>
      </span>
    </label>
  );
}
