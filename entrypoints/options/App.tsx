import { BackupSection } from '@/components/BackupSection';
import { ExportSection } from '@/components/ExportSection';
import { ImportSection } from '@/components/ImportSection';
import { LockSection } from '@/components/LockSection';
import { UnlockSection } from '@/components/UnlockSection';
import { type LockState, type ManageState } from '@/lib/manage';
import { ManageSection } from '@/components/ManageSection';
import { PassphraseRequired } from '@/components/PassphraseRequired';
import { PolicySummary } from '@/components/PolicySummary';
import { exportBlocked, passphraseRequired, NO_POLICY, type ManagedPolicy } from '@/lib/policy';
import { t } from '@/lib/i18n';

/** Said instead of the backup and export sections: why they are not there. */
function exportOffMessage(policy: ManagedPolicy): string {
  return policy.deviceBoundOnly ? t('manage_export_off_device_bound') : t('manage_export_off');
}

/** The manage page: one column of sections (security, backup, import, export). */
export function App({ state, lock }: { state: ManageState; lock: LockState }) {
  if (lock.status.value?.state === 'locked') {
    return (
      <div class="manage-page">
        <main>
          <UnlockSection state={lock} />
        </main>
      </div>
    );
  }
  const status = lock.status.value;
  const policy = status?.policy ?? NO_POLICY;
  if (status && passphraseRequired(policy, status.mode)) {
    return (
      <div class="manage-page">
        <main>
          <PolicySummary policy={policy} issues={status.policyIssues} />
          <section class="manage-section" id="lock">
            <PassphraseRequired policy={policy} lock={lock} onDone={() => location.reload()} />
          </section>
        </main>
      </div>
    );
  }
  const exportsOff = exportBlocked(policy);
  return (
    <div class="manage-page">
      <header class="manage-top">
        <h1>
          <img src="/icon/32.png" width={24} height={24} alt="" /> {t('manage_title')}
          <span class="subtitle">{t('manage_subtitle')}</span>
        </h1>
        <nav aria-label={t('manage_sections')}>
          <a href="#lock">{t('manage_nav_lock')}</a>
          {!exportsOff && <a href="#backup">{t('manage_nav_backup')}</a>}
          <a href="#import">{t('manage_nav_import')}</a>
          <a href="#export">{t('manage_nav_export')}</a>
        </nav>
      </header>
      <main>
        <PolicySummary policy={policy} issues={status?.policyIssues} />
        <LockSection state={lock} />
        {!exportsOff && <BackupSection state={state} />}
        <ImportSection state={state} />
        {exportsOff ? (
          <ManageSection id="export" title={t('manage_export_off_title')}>
            <p class="notice" role="note" data-policy="export-off">
              {exportOffMessage(policy)}
            </p>
          </ManageSection>
        ) : (
          <ExportSection state={state} />
        )}
      </main>
      <div class="toast" role="status" aria-live="polite" data-empty={String(!state.announcement.value)}>
        {state.announcement}
      </div>
    </div>
  );
}
