import { BackupSection } from '@/components/BackupSection';
import { ExportSection } from '@/components/ExportSection';
import { ImportSection } from '@/components/ImportSection';
import { LockSection } from '@/components/LockSection';
import { UnlockSection } from '@/components/UnlockSection';
import type { LockState } from '@/lib/manage/lock-state';
import type { ManageState } from '@/lib/manage/state';

/** The manage page: one column of sections (lock, backup, import, export). */
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
  return (
    <div class="manage-page">
      <header class="manage-top">
        <h1>
          <img src="/icon/32.png" width={24} height={24} alt="" /> Tessera
          <span class="subtitle">Lock, backup, import and export</span>
        </h1>
        <nav aria-label="Sections">
          <a href="#lock">Lock</a>
          <a href="#backup">Backup</a>
          <a href="#import">Restore or import</a>
          <a href="#export">Export</a>
        </nav>
      </header>
      <main>
        <LockSection state={lock} />
        <BackupSection state={state} />
        <ImportSection state={state} />
        <ExportSection state={state} />
      </main>
      <div class="toast" role="status" aria-live="polite" data-empty={String(!state.announcement.value)}>
        {state.announcement}
      </div>
    </div>
  );
}
