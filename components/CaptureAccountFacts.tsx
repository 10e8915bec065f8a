import type { AccountPreview } from '@/lib/capture';

const KIND: Record<AccountPreview['kind'], string> = {
  totp: 'Time-based (TOTP)',
  hotp: 'Counter-based (HOTP)',
  steam: 'Steam Guard',
};

/** Issuer, account, type and parameters of a scanned account, as a definition list. */
export function CaptureAccountFacts({ preview }: { preview: AccountPreview }) {
  const params =
    preview.kind === 'steam'
      ? '5 characters, 30 s'
      : `${preview.digits} digits, ${preview.algorithm}, ${preview.kind === 'hotp' ? `counter ${preview.counter ?? 0}` : `${preview.period ?? 30} s`}`;
  return (
    <dl class="capture-facts">
      <dt>Service</dt>
      <dd data-field="issuer" dir="auto">{preview.issuer || <em>none given</em>}</dd>
      <dt>Account</dt>
      <dd data-field="account" dir="auto">{preview.account || <em>none given</em>}</dd>
      <dt>Type</dt>
      <dd data-field="type">
        {KIND[preview.kind]} · {params}
      </dd>
      <dt>Secret</dt>
      <dd data-field="secret-bits">{preview.secretBits} bits</dd>
    </dl>
  );
}
