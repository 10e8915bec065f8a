/**
 * How the code the popup loads up front is split into files (Rollup `manualChunks`). Left to
 * itself Rollup cuts the code the popup shares with the other pages into one file per set of
 * pages that use it: the popup's first screen waited for 9 module files. On a busy machine each
 * file an extension page waits for costs far more than its bytes (`npm run bench` prints the
 * count), so that shared code goes into one file and the popup loads two. (It was two files,
 * one the worker shared, until the worker became one classic script built on its own; every page
 * loaded both anyway. In a warm browser a page's first script ran ~4 ms later when its 90 KB
 * came in three module files rather than one.)
 *
 * The list is explicit because the import graph Rollup shows a plugin goes through barrels
 * (`lib/platform/index.ts` and the like) and so reaches code the popup never runs (import,
 * export, QR). A module missing here only costs a file again; the bench's file count shows it.
 */
/** The contract, strings and platform calls every page uses. */
const SHARED_CORE = [
  /\/node_modules\/@wxt-dev\/browser\//,
  /\/node_modules\/wxt\/dist\/browser\.mjs$/,
  /^\0?virtual:wxt-plugins/,
  // The contract, errors and settings every page and the worker speak.
  /\/lib\/(errors|error-text|settings|policy)\.ts$/,
  /\/lib\/contract\//,
  /\/lib\/otp\/(errors|base32|two-step)\.ts$/,
  /\/lib\/platform\/(runtime|clipboard|managed-change|settings|session-storage|tabs|in-page-permission|i18n)\.ts$/,
  /\/lib\/popup\/(codes|snapshot)\.ts$/,
  // Every string (the worker's menu titles too) and the account label the rows and the worker use.
  /\/lib\/i18n\//,
  /\/lib\/accounts\/label\.ts$/,
];

/** The pages' UI runtime. */
const SHARED_UI = [
  /\/node_modules\/(preact|@preact\/signals(-core)?)\//,
  /^\0?virtual:wxt-html-plugins/,
  /vite\/modulepreload-polyfill/,
  // The lock state (the popup's unlock and required-passphrase screens) and the field error both use.
  /\/lib\/manage\/lock-state\.ts$/,
  /\/components\/(FieldError|Slotted)\.tsx$/,
];

const SHARED = [...SHARED_CORE, ...SHARED_UI];

function sharedChunkOf(id: string): string | undefined {
  return SHARED.some((pattern) => pattern.test(id)) ? 'shared' : undefined;
}

type OutputOptions = { manualChunks?: unknown };
type InputOptions = { input?: string | string[] | Record<string, string> };

/**
 * A Vite plugin that sets `manualChunks` on the build of the extension pages and the worker
 * (its inputs include HTML files); WXT builds each content script on its own, as one file.
 */
export function popupSharedChunk() {
  let pages = false;
  return {
    name: 'tessera-popup-shared-chunk',
    apply: 'build' as const,
    options(options: InputOptions): null {
      const input = options.input ?? [];
      const inputs = typeof input === 'string' ? [input] : Array.isArray(input) ? input : Object.values(input);
      pages = inputs.some((file) => file.endsWith('.html'));
      return null;
    },
    outputOptions<T extends OutputOptions>(options: T): T {
      if (!pages) return options;
      return { ...options, manualChunks: sharedChunkOf };
    },
  };
}
