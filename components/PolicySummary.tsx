import { describePolicy, isPolicyActive, type ManagedPolicy, type PolicyIssue } from '@/lib/policy';
import { t } from '@/lib/i18n';

/**
 * Every policy the organisation set, in plain words, and any value Tessera ignored (so an
 * administrator can see a typo from the browser instead of guessing).
 */
export function PolicySummary({ policy, issues = [] }: { policy: ManagedPolicy; issues?: PolicyIssue[] | undefined }) {
  if (!isPolicyActive(policy) && issues.length === 0) return null;
  const lines = describePolicy(policy);
  return (
    <section class="policy-summary" aria-labelledby="policy-summary-title">
      <h2 id="policy-summary-title">{t('policy_summary_title')}</h2>
      {lines.length > 0 && (
        <ul>
          {lines.map((line) => (
            <li key={line.key} data-policy={line.key}>
              {line.text}
            </li>
          ))}
        </ul>
      )}
      {issues.length > 0 && (
        <p class="hint policy-issues">
          {t('policy_issues', issues.map((issue) => `${issue.key} ${issue.reason}`).join('; '))}
        </p>
      )}
    </section>
  );
}
