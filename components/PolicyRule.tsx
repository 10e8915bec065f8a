import { minPassphraseLength, type ManagedPolicy } from '@/lib/policy';

/** The organisation's passphrase rule (length, and the hint that says the pattern in words), where one is chosen. */
export function PolicyRule({ policy }: { policy: ManagedPolicy }) {
  return (
    <p class="policy-rule">
      <strong>Set by your organisation:</strong> at least {minPassphraseLength(policy)} characters
      {policy.passphraseHint ? `. ${policy.passphraseHint}` : policy.passphrasePattern ? ', following its passphrase rule.' : '.'}
    </p>
  );
}
