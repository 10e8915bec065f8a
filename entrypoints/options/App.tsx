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

/** Said instead of the backup and export sections: why they are not there. */
function exportOffMessage(policy: ManagedPolicy): string {
  return policy.deviceBoundOnly
    ? 'Your organisation keeps every account on this device only, so no account can be backed up or exported from Tessera.'
    : 'Your organisation has turned off backup and export in Tessera, so no account can leave it from here.';
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
          <img src="/icon/32.png" width={24} height={24} alt="" /> Tessera
          <span class="subtitle">Security, backup, import and export</span>
        </h1>
        <nav aria-label="Sections">
          <a href="#lock">Passphrase and auto-lock</a>
          {!exportsOff && <a href="#backup">Backup</a>}
          <a href="#import">Restore or import</a>
          <a href="#export">Export</a>
        </nav>
      </header>
      <main>
        <PolicySummary policy={policy} issues={status?.policyIssues} />
        <LockSection state={lock} />
        {!exportsOff && <BackupSection state={state} />}
        <ImportSection state={state} />
        {exportsOff ? (
          <ManageSection id="export" title="Backup and export">
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
