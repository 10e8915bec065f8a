import { useSignal } from '@preact/signals';
import { accountLabel } from '@/lib/accounts';
import type { ManageState } from '@/lib/manage';
import { ManageQrCode } from './ManageQrCode';
import { SLOT, t, tPlural } from '@/lib/i18n';
import { Slotted } from './Slotted';

/** One account as a QR code, to move it to a phone app. Device-bound accounts are not offered. */
export function ExportAccountQr({ state }: { state: ManageState }) {
  const exportable = state.accounts.value.filter((a) => !a.deviceBound);
  const bound = state.accounts.value.length - exportable.length;
  const chosen = useSignal('');
  const qr = state.accountQr.value;
  return (
    <div class="export-part">
      <h3>{t('export_qr_title')}</h3>
      <form
        class="inline-form"
        aria-label={t('export_qr_form_label')}
        onSubmit={(e) => {
          e.preventDefault();
          if (chosen.value) void state.showAccountQr(chosen.value);
        }}
      >
        <label for="qr-account">{t('export_qr_account')}</label>
        <select id="qr-account" value={chosen} onChange={(e) => (chosen.value = e.currentTarget.value)}>
          <option value="">{t('export_qr_choose')}</option>
          {exportable.map((a) => (
            <option key={a.id} value={a.id} dir="auto">
              {accountLabel(a)}
            </option>
          ))}
        </select>
        <button type="submit" disabled={!chosen.value}>
          {t('export_qr_show')}
        </button>
      </form>
      {bound > 0 && (
        <p class="hint">
          {tPlural('export_qr_bound', bound)}
        </p>
      )}
      {qr.name === 'done' && (
        <figure class="single-qr">
          <ManageQrCode text={qr.uri} label={t('export_qr_label', qr.label)} />
          <figcaption>
            <Slotted text={t('export_qr_caption', SLOT)} parts={[<bdi>{qr.label}</bdi>]} />
          </figcaption>
        </figure>
      )}
      {qr.name === 'failed' && <p class="field-error" role="alert">{qr.message}</p>}
    </div>
  );
}
