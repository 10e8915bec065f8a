/**
 * The manage page's single source of truth: read-only signals plus actions for backup, import and
 * export. Files are parsed here, in the page; only the parsed accounts being imported cross to the
 * worker. Everything the browser provides comes in through `ManageApi`, so it runs in tests.
 */
import { batch, computed, signal, type ReadonlySignal, type Signal } from '@preact/signals';
import { accountLabel } from '../accounts';
import { type BackupExport, type ConflictChoice, type ExportSkip, type ImportCommitResult, type ImportPreviewEntry, type TransferCandidate, toTransferCandidate, MIN_BACKUP_PASSPHRASE_LENGTH } from '../backup';
import type { Client } from '../contract';
import { codeOf, messageOf } from '../error-text';
import { detectFormat, importFile, type ImportCandidate, type ImportFormat } from '../import';
import type { OtpKind } from '../otp';
import type { AccountMeta } from '../vault';
import { fileTooLarge, formatNameOf, isImageFile, otpQrTexts } from './files';
import type { DecryptTask, OpenEncrypted } from './decrypt-task';
import { formatList, t, tPlural } from '../i18n';
import { importProblemText } from './problem-text';

/** What the manage page asks the worker (a slice of `Client`) and needs of the page itself. */
export interface ManageDeps
  extends Pick<
    Client,
    'listAccounts' | 'exportBackup' | 'exportOtpauthUris' | 'exportMigrationUris' | 'exportAccountQr' | 'previewImport' | 'commitImport'
  > {
  /** Every QR code text in an image file; throws (code `not-an-image`) when it is no image. */
  readQrTexts(file: Blob): Promise<string[]>;
  saveFile(fileName: string, text: string, type: string): void;
  copyText(text: string): Promise<void>;
  /** Opens an encrypted file off the page (a Worker), with progress; cancellable. */
  openEncrypted: OpenEncrypted;
}

/** What the picker or a drop hands over (a `File`). */
export type PickedFile = Blob & { readonly name: string };

export type SourceStatus =
  | { name: 'reading' }
  | { name: 'ready'; format: ImportFormat; candidates: ImportCandidate[] }
  /** `progress`: fraction of the key derivation done while `busy` (null when unknown or idle). */
  | { name: 'password'; format: ImportFormat | null; wrong: boolean; busy: boolean; progress: number | null }
  | { name: 'failed'; code: string; message: string };

/** One picked file, or every QR image picked so far (one Google Authenticator export spans several). */
export type ImportSource = { id: number; name: string; kind: 'file' | 'images'; status: SourceStatus };

export type RowStatus = 'checking' | 'new' | 'exists' | 'conflict' | 'problem';

export type PreviewRow = {
  key: string;
  source: string;
  label: string;
  kind: OtpKind | null;
  status: RowStatus;
  /** The problem, or what a duplicate or conflict matches. */
  message: string;
};

/** What the page keeps of a backup once the file is saved: not the file text. */
export type BackupSummary = Omit<BackupExport, 'fileText'>;

export type Task<T> = { name: 'idle' } | { name: 'working' } | { name: 'done'; value: T } | { name: 'failed'; message: string };

export type AccountQr = { name: 'idle' } | { name: 'working'; id: string } | { name: 'done'; id: string; label: string; uri: string } | { name: 'failed'; id: string; message: string };

const IMAGES_SOURCE_ID = 0;



export function describeSkip(skip: ExportSkip): string {
  const key = skip.reason === 'device-bound' ? 'skip_device_bound' : skip.reason === 'unreadable' ? 'skip_unreadable' : 'skip_not_representable';
  return t(key, accountLabel(skip));
}

/** How long a status message stays on screen (the live region has read it out by then). */
export const ANNOUNCEMENT_MS = 8000;

export function createManageState(api: ManageDeps, timers: Pick<typeof globalThis, 'setTimeout' | 'clearTimeout'> = globalThis) {
  const accounts = signal<AccountMeta[]>([]);
  const announcement = signal('');
  let announcementTimer: ReturnType<typeof setTimeout> | undefined;
  function announce(text: string): void {
    announcement.value = text;
    timers.clearTimeout(announcementTimer);
    announcementTimer = timers.setTimeout(() => (announcement.value = ''), ANNOUNCEMENT_MS);
  }
  const backup = signal<Task<BackupSummary>>({ name: 'idle' });

  const sources = signal<ImportSource[]>([]);
  const vaultPreview = signal<ReadonlyMap<string, ImportPreviewEntry>>(new Map());
  const previewError = signal<string | null>(null);
  const conflictChoice = signal<ConflictChoice>('skip');
  const committing = signal(false);
  const importResult = signal<Task<ImportCommitResult>>({ name: 'idle' });

  const otpauthList = signal<Task<{ text: string; exported: number; skipped: ExportSkip[] }>>({ name: 'idle' });
  const migration = signal<Task<{ uris: string[]; exported: number; skipped: ExportSkip[] }>>({ name: 'idle' });
  const accountQr = signal<AccountQr>({ name: 'idle' });

  /** Encrypted files' text, kept until the password opens them (ciphertext only). */
  const pendingText = new Map<number, string>();
  let qrTexts: string[] = [];
  let qrImageNames: string[] = [];
  let nextId = 1;
  let previewGeneration = 0;

  /** Every readable entry of every ready source, in file order, keyed for the preview. */
  const entries = computed(() =>
    sources.value.flatMap((source) =>
      source.status.name === 'ready'
        ? source.status.candidates.map((candidate, index) => ({ key: `${source.id}:${index}`, source: source.name, candidate }))
        : [],
    ),
  );

  const rows = computed<PreviewRow[]>(() => {
    const preview = vaultPreview.value;
    return entries.value.map(({ key, source, candidate }): PreviewRow => {
      if (!candidate.ok) return { key, source, label: candidate.label, kind: null, status: 'problem', message: importProblemText(candidate.problem) };
      const base = { key, source, label: candidate.label, kind: candidate.account.kind };
      const entry = preview.get(key);
      if (!entry) return { ...base, status: 'checking', message: '' };
      if (entry.status === 'new') return { ...base, status: 'new', message: '' };
      if (entry.status === 'problem') return { ...base, status: 'problem', message: importProblemText(entry) };
      const existing = entry.existing ? accountLabel(entry.existing) : null;
      return {
        ...base,
        status: entry.status,
        message:
          entry.status === 'exists'
            ? existing ? t('import_same_as_existing', existing) : t('import_same_as_earlier')
            : existing ? t('import_conflicts_existing', existing) : t('import_conflicts_earlier'),
      };
    });
  });

  const counts = computed(() => {
    const tally = { new: 0, exists: 0, conflict: 0, problem: 0, checking: 0 };
    for (const row of rows.value) tally[row.status]++;
    return tally;
  });

  /** What "Import N accounts" would add or change. */
  const importCount = computed(() => counts.value.new + (conflictChoice.value === 'skip' ? 0 : counts.value.conflict));

  function setSource(id: number, update: Partial<ImportSource>): void {
    sources.value = sources.value.map((s) => (s.id === id ? { ...s, ...update } : s));
  }

  function upsertSource(source: ImportSource): void {
    const exists = sources.value.some((s) => s.id === source.id);
    sources.value = exists ? sources.value.map((s) => (s.id === source.id ? source : s)) : [...sources.value, source];
  }

  /** Files being opened with a password, so Cancel can stop them. */
  const opening = new Map<number, DecryptTask>();

  async function parseText(id: number, name: string, text: string, password?: string): Promise<SourceStatus> {
    try {
      const { format, candidates } = password === undefined ? await importFile(name, text) : await openWithPassword(id, name, text, password);
      pendingText.delete(id);
      return { name: 'ready', format, candidates };
    } catch (error) {
      const code = codeOf(error);
      if (code === 'password-required' || code === 'wrong-password') {
        pendingText.set(id, text);
        let format: ImportFormat | null = null;
        try {
          format = detectFormat(name, text);
        } catch {
          // Named only when detection succeeds; the password prompt works either way.
        }
        return { name: 'password', format, wrong: code === 'wrong-password', busy: false, progress: null };
      }
      pendingText.delete(id);
      return { name: 'failed', code, message: messageOf(error) };
    }
  }

  /** Key derivation happens only with a password: in the Worker, reporting progress, cancellable. */
  async function openWithPassword(id: number, name: string, text: string, password: string) {
    const task = api.openEncrypted(name, text, password, (done) => {
      const source = sources.value.find((s) => s.id === id);
      if (source?.status.name === 'password' && source.status.busy) setSource(id, { status: { ...source.status, progress: done } });
    });
    opening.set(id, task);
    try {
      return await task.result;
    } finally {
      if (opening.get(id) === task) opening.delete(id);
    }
  }

  async function readFileSource(file: PickedFile): Promise<void> {
    const id = nextId++;
    upsertSource({ id, name: file.name, kind: 'file', status: { name: 'reading' } });
    const tooLarge = fileTooLarge(file, false);
    if (tooLarge) return setSource(id, { status: { name: 'failed', code: 'too-large', message: tooLarge } });
    let text: string;
    try {
      text = await file.text();
    } catch (error) {
      return setSource(id, { status: { name: 'failed', code: 'unreadable-file', message: t('import_file_unreadable') } });
    }
    setSource(id, { status: await parseText(id, file.name, text) });
  }

  /** Decodes each image; the 2FA codes of all images so far are read together as one export. */
  async function readImages(images: PickedFile[]): Promise<void> {
    for (const image of images) {
      const tooLarge = fileTooLarge(image, true);
      const failed = (code: string, message: string) =>
        upsertSource({ id: nextId++, name: image.name, kind: 'file', status: { name: 'failed', code, message } });
      if (tooLarge) {
        failed('too-large', tooLarge);
        continue;
      }
      let texts: string[];
      try {
        texts = await api.readQrTexts(image);
      } catch (error) {
        failed(codeOf(error), messageOf(error));
        continue;
      }
      const otp = otpQrTexts(texts);
      if (otp.length === 0) {
        failed('no-qr-code', texts.length > 0 ? t('import_image_not_setup_code') : t('import_image_no_qr'));
        continue;
      }
      qrImageNames = [...qrImageNames, image.name];
      qrTexts = [...new Set([...qrTexts, ...otp])];
    }
    if (qrTexts.length === 0) return;
    const name = qrImageNames.length === 1 ? qrImageNames[0]! : tPlural('import_images_source', qrImageNames.length);
    const status = await parseText(IMAGES_SOURCE_ID, 'qr-codes.txt', `${qrTexts.join('\n')}\n`);
    upsertSource({ id: IMAGES_SOURCE_ID, name, kind: 'images', status });
  }

  async function refreshPreview(): Promise<void> {
    const generation = ++previewGeneration;
    const ready = entries.value.filter((e) => e.candidate.ok);
    previewError.value = null;
    if (ready.length === 0) {
      vaultPreview.value = new Map();
      return;
    }
    const transfer = ready.map(({ candidate }) => toTransfer(candidate));
    try {
      const preview = await api.previewImport({ candidates: transfer });
      if (generation !== previewGeneration) return;
      vaultPreview.value = new Map(ready.map((entry, index) => [entry.key, preview[index]!]));
    } catch (error) {
      if (generation === previewGeneration) previewError.value = messageOf(error);
    }
  }

  function toTransfer(candidate: ImportCandidate): TransferCandidate {
    if (!candidate.ok) throw new Error('only readable entries are sent');
    return toTransferCandidate(candidate.account, candidate.extras, candidate.group);
  }

  function clearImport(): void {
    for (const task of opening.values()) task.cancel();
    pendingText.clear();
    qrTexts = [];
    qrImageNames = [];
    previewGeneration++;
    batch(() => {
      sources.value = [];
      vaultPreview.value = new Map();
    });
  }

  async function loadAccounts(): Promise<void> {
    accounts.value = await api.listAccounts().catch(() => accounts.value);
  }

  return {
    accounts: accounts as ReadonlySignal<AccountMeta[]>,
    announcement: announcement as ReadonlySignal<string>,
    backup: backup as ReadonlySignal<Task<BackupSummary>>,
    sources: sources as ReadonlySignal<ImportSource[]>,
    rows,
    counts,
    importCount,
    previewError: previewError as ReadonlySignal<string | null>,
    conflictChoice: conflictChoice as ReadonlySignal<ConflictChoice>,
    committing: committing as ReadonlySignal<boolean>,
    importResult: importResult as ReadonlySignal<Task<ImportCommitResult>>,
    otpauthList: otpauthList as ReadonlySignal<Task<{ text: string; exported: number; skipped: ExportSkip[] }>>,
    migration: migration as ReadonlySignal<Task<{ uris: string[]; exported: number; skipped: ExportSkip[] }>>,
    accountQr: accountQr as ReadonlySignal<AccountQr>,

    start: loadAccounts,

    async createBackup(passphrase: string, confirmation: string): Promise<void> {
      if ([...passphrase].length < MIN_BACKUP_PASSPHRASE_LENGTH) {
        backup.value = { name: 'failed', message: `Use at least ${MIN_BACKUP_PASSPHRASE_LENGTH} characters.` };
        return;
      }
      if (passphrase !== confirmation) {
        backup.value = { name: 'failed', message: t('backup_differ') };
        return;
      }
      backup.value = { name: 'working' };
      try {
        const result = await api.exportBackup({ passphrase });
        api.saveFile(result.fileName, result.fileText, 'application/json');
        // The file text is not kept: it is saved now, and the page need not hold it.
        backup.value = { name: 'done', value: { fileName: result.fileName, exported: result.exported, skipped: result.skipped } };
        announce(tPlural('announce_backup_saved', result.exported, result.fileName));
      } catch (error) {
        backup.value = { name: 'failed', message: messageOf(error) };
      }
    },

    /** Several files at once; images are read as QR codes, everything else as an export file. */
    async addFiles(files: readonly PickedFile[]): Promise<void> {
      importResult.value = { name: 'idle' };
      const images = files.filter((file) => isImageFile({ name: file.name, type: file.type }));
      const others = files.filter((file) => !images.includes(file));
      await Promise.all([...others.map(readFileSource), readImages(images)]);
      const ready = sources.value.filter((s) => s.status.name === 'ready').length;
      const failed = sources.value.filter((s) => s.status.name === 'failed').length;
      const locked = sources.value.filter((s) => s.status.name === 'password').length;
      const parts = [t('files_ready', ready), locked ? tPlural('files_need_password', locked) : '', failed ? t('files_refused', failed) : ''];
      announce(tPlural('announce_files', sources.value.length, formatList(parts.filter(Boolean))));
      await refreshPreview();
    },

    async unlock(id: number, password: string): Promise<void> {
      const source = sources.value.find((s) => s.id === id);
      const text = pendingText.get(id);
      if (!source || source.status.name !== 'password' || text === undefined || password === '') return;
      setSource(id, { status: { ...source.status, busy: true, progress: 0 } });
      let status: SourceStatus;
      try {
        status = await parseText(id, source.name, text, password);
      } catch (error) {
        status = { name: 'failed', code: codeOf(error), message: messageOf(error) };
      }
      if (status.name === 'failed' && status.code === 'cancelled') {
        // Stopped by the person: the file stays, waiting for a password, and nothing was read.
        pendingText.set(id, text);
        setSource(id, { status: { name: 'password', format: source.status.format, wrong: false, busy: false, progress: null } });
        announce(status.message);
        return;
      }
      setSource(id, { status });
      announce(status.name === 'password' ? t('announce_wrong_password') : status.name === 'failed' ? status.message : t('announce_file_opened', source.name));
      await refreshPreview();
    },

    /** Stops opening a file: its worker is terminated mid-derivation; nothing is imported. */
    cancelUnlock(id: number): void {
      opening.get(id)?.cancel();
    },

    async removeSource(id: number): Promise<void> {
      opening.get(id)?.cancel();
      pendingText.delete(id);
      if (id === IMAGES_SOURCE_ID) {
        qrTexts = [];
        qrImageNames = [];
      }
      sources.value = sources.value.filter((s) => s.id !== id);
      await refreshPreview();
    },

    clearImport,

    setConflictChoice(choice: ConflictChoice): void {
      conflictChoice.value = choice;
    },

    /** One transaction in the worker: every account of the import, or none. */
    async commit(): Promise<void> {
      if (committing.value || importCount.value === 0) return;
      const preview = vaultPreview.value;
      const choice = conflictChoice.value;
      const chosen = entries.value.filter(({ key, candidate }) => {
        const status = preview.get(key)?.status;
        return candidate.ok && (status === 'new' || (status === 'conflict' && choice !== 'skip'));
      });
      // A backup's saved order decides where accounts land; other files keep their own order.
      const ordered = chosen
        .map((entry, index) => ({ entry, index }))
        .sort((a, b) => orderOf(a.entry.candidate, a.index) - orderOf(b.entry.candidate, b.index) || a.index - b.index)
        .map(({ entry }) => toTransfer(entry.candidate));
      committing.value = true;
      importResult.value = { name: 'working' };
      try {
        const result = await api.commitImport({ candidates: ordered, onConflict: choice });
        const changed = result.added + result.replaced;
        batch(() => {
          importResult.value = { name: 'done', value: result };
          announce(result.replaced ? tPlural('announce_imported_replaced', changed, result.replaced) : tPlural('announce_imported', changed));
        });
        clearImport();
        await loadAccounts();
      } catch (error) {
        importResult.value = { name: 'failed', message: t('import_failed', messageOf(error)) };
        announce(t('announce_nothing_imported'));
      } finally {
        committing.value = false;
      }
    },

    showOtpauthList: (): Promise<void> => runTask(otpauthList, () => api.exportOtpauthUris()),

    async copyOtpauthList(): Promise<void> {
      const list = otpauthList.value;
      if (list.name !== 'done') return;
      try {
        await api.copyText(list.value.text);
        announce(t('announce_list_copied'));
      } catch {
        announce(t('announce_list_copy_failed'));
      }
    },

    saveOtpauthList(): void {
      const list = otpauthList.value;
      if (list.name === 'done') api.saveFile('tessera-otpauth-links.txt', list.value.text, 'text/plain');
    },

    showMigrationCodes: (): Promise<void> => runTask(migration, () => api.exportMigrationUris()),

    async showAccountQr(id: string): Promise<void> {
      const meta = accounts.value.find((a) => a.id === id);
      if (!meta) return;
      accountQr.value = { name: 'working', id };
      try {
        const { uri } = await api.exportAccountQr({ id });
        accountQr.value = { name: 'done', id, label: accountLabel(meta), uri };
      } catch (error) {
        accountQr.value = { name: 'failed', id, message: messageOf(error) };
      }
    },

    /** Takes every clear-text export off the screen (and out of the page's memory). */
    hideExports(): void {
      batch(() => {
        otpauthList.value = { name: 'idle' };
        migration.value = { name: 'idle' };
        accountQr.value = { name: 'idle' };
      });
    },

    formatName(format: ImportFormat | null): string {
      return format ? formatNameOf(format) : t('format_encrypted_file');
    },
  };
}

/** Shows `work` going through `task`: working, then its value or what went wrong. */
async function runTask<T>(task: Signal<Task<T>>, work: () => Promise<T>): Promise<void> {
  task.value = { name: 'working' };
  try {
    task.value = { name: 'done', value: await work() };
  } catch (error) {
    task.value = { name: 'failed', message: messageOf(error) };
  }
}

function orderOf(candidate: ImportCandidate, index: number): number {
  return candidate.ok && candidate.extras ? candidate.extras.order : index;
}

export type ManageState = ReturnType<typeof createManageState>;
