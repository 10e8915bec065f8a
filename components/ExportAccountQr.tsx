import { useSignal } from '@preact/signals';
import { accountLabel } from '@/lib/accounts';
import type { ManageState } from '@/lib/manage';
import { ManageQrCode } from './ManageQrCode';

/** One account as a QR code, to move it to a phone app. Device-bound accounts are not offered. */
export function ExportAccountQr({ state }: { state: ManageState }) {
  const exportable = state.accounts.value.filter((a) => !a.deviceBound);
  const bound = state.accounts.value.length - exportable.length;
  const chosen = useSignal('');
  const qr = state.accountQr.value;
  return (
    <div class="export-part">
      <h3>One account as a QR code</h3>
      <form
        class="inline-form"
        aria-label="Show one account as a QR code"
        onSubmit={(e) => {
          e.preventDefault();
          if (chosen.value) void state.showAccountQr(chosen.value);
        }}
      >
        <label for="qr-account">Account</label>
        <select id="qr-account" value={chosen} onChange={(e) => (chosen.value = e.currentTarget.value)}>
          <option value="">Choose an account…</option>
          {exportable.map((a) => (
            <option key={a.id} value={a.id} dir="auto">
              {accountLabel(a)}
            </option>
          ))}
        </select>
        <button type="submit" disabled={!chosen.value}>
          Show QR code
        </button>
      </form>
      {bound > 0 && (
        <p class="hint">
          {bound} device-bound account{bound === 1 ? ' is' : 's are'} not listed: {bound === 1 ? 'its' : 'their'} secret cannot be read back.
        </p>
      )}
      {qr.name === 'done' && (
        <figure class="single-qr">
          <ManageQrCode text={qr.uri} label={`QR code for ${qr.label}`} />
          <figcaption><bdi>{qr.label}</bdi>: scan it with the phone app, then hide it.</figcaption>
        </figure>
      )}
      {qr.name === 'failed' && <p class="field-error" role="alert">{qr.message}</p>}
    </div>
  );
}
