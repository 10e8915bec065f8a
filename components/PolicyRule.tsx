import { minPassphraseLength, type ManagedPolicy } from '@/lib/policy';
import { t } from '@/lib/i18n';

/** The organisation's passphrase rule (length, and the hint that says the pattern in words), where one is chosen. */
export function PolicyRule({ policy }: { policy: ManagedPolicy }) {
  return (
    <p class="policy-rule">
      <strong>{t('policy_rule_title')}</strong>{' '}
      {policy.passphraseHint
        ? t('policy_rule_min_hint', minPassphraseLength(policy), policy.passphraseHint)
        : policy.passphrasePattern
          ? t('policy_rule_min_pattern', minPassphraseLength(policy))
          : t('policy_rule_min', minPassphraseLength(policy))}
    </p>
  );
}
