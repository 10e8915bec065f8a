import { BackupSection } from '@/components/BackupSection';
import { ExportSection } from '@/components/ExportSection';
import { ImportSection } from '@/components/ImportSection';
import type { ManageState } from '@/lib/manage/state';

/** The manage page: one column of sections (backup, import, export; the passphrase lock will join them). */
export function App({ state }: { state: ManageState }) {
  return (
    <div class="manage-page">
      <header class="manage-top">
        <h1>
          <img src="/icon/32.png" width={24} height={24} alt="" /> Tessera
          <span class="subtitle">Backup, import and export</span>
        </h1>
        <nav aria-label="Sections">
          <a href="#backup">Backup</a>
          <a href="#import">Restore or import</a>
          <a href="#export">Export</a>
        </nav>
      </header>
      <main>
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
