import type { AccountPreview } from '@/lib/capture';
import { formatDuration, t, tPlural, type MessageKey } from '@/lib/i18n';

const KIND: Record<AccountPreview['kind'], MessageKey> = {
  totp: 'kind_totp',
  hotp: 'kind_hotp',
  steam: 'kind_steam',
};

/** Issuer, account, type and parameters of a scanned account, as a definition list. */
export function CaptureAccountFacts({ preview }: { preview: AccountPreview }) {
  const params =
    preview.kind === 'steam'
      ? t('capture_fact_steam_params', tPlural('edit_kind_characters', 5), formatDuration(30, 'second', 'short'))
      : t(
          'capture_fact_params',
          tPlural('edit_kind_digits', preview.digits),
          preview.algorithm,
          preview.kind === 'hotp' ? t('capture_fact_counter', preview.counter ?? 0) : formatDuration(preview.period ?? 30, 'second', 'short'),
        );
  return (
    <dl class="capture-facts">
      <dt>{t('capture_fact_service')}</dt>
      <dd data-field="issuer" dir="auto">{preview.issuer || <em>{t('capture_fact_none')}</em>}</dd>
      <dt>{t('capture_fact_account')}</dt>
      <dd data-field="account" dir="auto">{preview.account || <em>{t('capture_fact_none')}</em>}</dd>
      <dt>{t('capture_fact_type')}</dt>
      <dd data-field="type">
        {t(KIND[preview.kind] as 'kind_totp')} · {params}
      </dd>
      <dt>{t('capture_fact_secret')}</dt>
      <dd data-field="secret-bits">{t('capture_fact_bits', preview.secretBits)}</dd>
    </dl>
  );
}
