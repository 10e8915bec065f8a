/**
 * Popup benchmark (issue 4): open-to-all-codes-visible in headless Chromium with the production
 * build, from navigation start of `popup.html` to the moment every row inside the 360×600 popup
 * shows its code (no `…` placeholder); rows below the fold mount their code when scrolled near,
 * by design, and the time until every account's row is in the list is printed beside it. For 200
 * and 1,000 accounts, with the worker warm and
 * right after it was stopped. Also the popup's JS size (what popup.html loads up front, raw and gzip).
 * Figures are printed, not asserted. Run alone with `npx tsx tests/bench/popup-bench.ts`.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { BenchSession, benchExtensionDir, median, ms } from './extension-session';
import { buildFloorExtension } from './floor-extension';
import { formatFirstCalls, measureFirstCalls, type FirstCallRow } from './first-calls';

/** Targets as ratios to the floor extension measured in the same run (issue 12). */
export const RATIO_TARGETS: Record<WorkerState, number> = { warm: 1.2, cold: 1.5, 'cold, no snapshot': 1.5, restart: 1.3 };

/** What the page itself measured; times are `performance.now()`, i.e. ms since navigation start. */
export type OpenTiming = {
  /** Every row on screen shows its code: what the person sees (the measured figure). */
  allCodes: number;
  /** Every account's row is in the list (keyboard and search can reach all of them). */
  allRows: number;
  firstCode: number | null;
  domContentLoaded: number;
  /** First message the popup sent: its script has been fetched, parsed and started. */
  firstMessage: number | null;
  messages: Array<{ name: string; start: number; end: number }>;
  longTaskMs: number;
};

export type OpenStats = { medianMs: number; minMs: number; maxMs: number; runs: number; /** Median-run breakdown. */ sample: OpenTiming };

export type PopupOpenRow = {
  accounts: number;
  /**
   * warm: the worker is running; cold: it was just stopped (the popup snapshot it left in
   * session memory is there, as after any earlier open in this browser session); cold, no
   * snapshot: stopped and its snapshot removed, as for the first open after an unlock;
   * restart: the first popup after the browser was quit and started again.
   */
  worker: WorkerState;
  tessera: OpenStats;
  /**
   * The floor extension, measured in the same run with the same accounts, its opens alternating
   * with Tessera's: after a restart for the restart case, otherwise in a running browser (it has
   * no worker to stop).
   */
  floor: OpenStats;
  ratio: number;
  targetRatio: number;
  /** In how many of the paired opens Tessera's was the faster one. */
  fasterPairs: number;
};

/**
 * What a worker costs by itself: the floor with its codes made in a service worker (the smallest
 * design that keeps secrets out of the popup, as Tessera does), beside the plain floor, with that
 * worker running (`warm`) or stopped (`cold`).
 */
export type WorkerCostRow = { worker: 'warm' | 'cold'; accounts: number; viaWorker: OpenStats; floor: OpenStats; ratio: number };

export type JsSize = { file: string; raw: number; gzip: number };
export type PopupSize = { upFront: JsSize[]; lazy: JsSize[]; css: JsSize[] };
export type PopupBenchResult = {
  opens: PopupOpenRow[];
  /** At the smallest size; empty with BENCH_AGAINST or BENCH_QUICK. */
  workerCost: WorkerCostRow[];
  /** BENCH_AGAINST: the other Tessera build measured in the floor's place (targets then say nothing), else null. */
  against: string | null;
  size: PopupSize;
  baselineMs: number;
  trace: TraceSlice[];
  profile: ProfileEntry[];
  firstCalls: FirstCallRow[];
};

/**
 * Injected before any popup script runs, only on `popup.html#bench=<n>`: times every message the
 * popup sends and notes when all n codes are in the DOM (checked on every DOM mutation).
 */
function instrumentPopup(): void {
  const match = /^#bench=(\d+)$/.exec(location.hash);
  if (!match) return;
  const expected = Number(match[1]);
  type Probe = {
    done: boolean;
    allCodes: number | null;
    allRows: number | null;
    firstCode: number | null;
    messages: Array<{ name: string; start: number; end: number }>;
    longTaskMs: number;
  };
  const probe: Probe = { done: false, allCodes: null, allRows: null, firstCode: null, messages: [], longTaskMs: 0 };
  (globalThis as unknown as { __tesseraBench: Probe }).__tesseraBench = probe;

  const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage: (...args: unknown[]) => Promise<unknown> } } }).chrome
    .runtime;
  const send = runtime.sendMessage.bind(runtime);
  runtime.sendMessage = (...args: unknown[]) => {
    const entry = { name: String((args[0] as { name?: string })?.name ?? '?'), start: performance.now(), end: NaN };
    probe.messages.push(entry);
    return send(...args).finally(() => (entry.end = performance.now()));
  };
  try {
    new PerformanceObserver((list) => {
      for (const task of list.getEntries()) probe.longTaskMs += task.duration;
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // longtask is not supported everywhere; the breakdown just lacks it.
  }

  const observer = new MutationObserver(() => {
    const codes = document.querySelectorAll('[data-code]');
    if (codes.length > 0 && probe.firstCode === null) probe.firstCode = performance.now();
    const rows = document.querySelectorAll('li[data-account-id]');
    if (rows.length === 0) return;
    if (probe.allCodes === null) {
      // Rows are in screen order: check them until the first one below the fold; the screen
      // must be full (or the list complete) so a half-drawn first paint does not count.
      let last: DOMRect | null = null;
      for (const row of rows) {
        last = row.getBoundingClientRect();
        if (last.top >= innerHeight) break;
        if (last.bottom > 0 && row.querySelector('[data-code]')?.textContent === '…') return;
      }
      if (rows.length < expected && last !== null && last.top < innerHeight) return;
      probe.allCodes = performance.now();
    }
    if (rows.length < expected) return;
    probe.allRows = performance.now();
    probe.done = true;
    observer.disconnect();
  });
  observer.observe(document, { subtree: true, childList: true, characterData: true });
}

/** Waits in `page` (already at `popup.html#bench=<n>`) until every on-screen code shows; returns what it measured. */
async function collectTiming(page: Page): Promise<OpenTiming> {
  await page.waitForFunction(() => (globalThis as unknown as { __tesseraBench?: { done: boolean } }).__tesseraBench?.done, null, {
    timeout: 30_000,
    polling: 50,
  });
  return page.evaluate(() => {
    const probe = (globalThis as unknown as {
      __tesseraBench: { allCodes: number; allRows: number; firstCode: number | null; messages: OpenTiming['messages']; longTaskMs: number };
    }).__tesseraBench;
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    return {
      allCodes: probe.allCodes,
      allRows: probe.allRows,
      firstCode: probe.firstCode,
      domContentLoaded: nav?.domContentLoadedEventEnd ?? NaN,
      firstMessage: probe.messages[0]?.start ?? null,
      messages: probe.messages,
      longTaskMs: probe.longTaskMs,
    };
  });
}

async function openOnce(session: BenchSession, accounts: number): Promise<OpenTiming> {
  const page = await session.context.newPage();
  try {
    await page.setViewportSize({ width: 360, height: 600 });
    await page.goto(session.url(`popup.html#bench=${accounts}`));
    return await collectTiming(page);
  } finally {
    await page.close();
  }
}

/** The first popup of a restarted browser session (see `BenchSession.restartAndOpen`). */
async function openAfterRestart(session: BenchSession, accounts: number): Promise<OpenTiming> {
  const page = await session.restartAndOpen(`popup.html#bench=${accounts}`, { width: 360, height: 600 });
  return collectTiming(page);
}

/** `restart`: the first popup after quitting and starting the browser again on the same profile. */
export type WorkerState = 'warm' | 'cold' | 'cold, no snapshot' | 'restart';
const ALL_CASES: readonly WorkerState[] = ['warm', 'cold', 'cold, no snapshot', 'restart'];

async function forgetPopupSnapshot(session: BenchSession): Promise<void> {
  const page = await session.quietPage();
  await page.evaluate(() =>
    (globalThis as unknown as { chrome: { storage: { session: { remove(key: string): Promise<void> } } } }).chrome.storage.session.remove(
      'popupSnapshot',
    ),
  );
}

function statsOf(samples: OpenTiming[]): OpenStats {
  const sorted = [...samples].sort((x, y) => x.allCodes - y.allCodes);
  return {
    medianMs: median(samples.map((x) => x.allCodes)),
    minMs: sorted[0]!.allCodes,
    maxMs: sorted[sorted.length - 1]!.allCodes,
    runs: samples.length,
    sample: sorted[Math.floor(sorted.length / 2)]!,
  };
}

/** One open of `worker` kind; the plain floor has no worker, so its cold cases are opens in the running browser. */
async function sampleOpen(session: BenchSession, accounts: number, worker: WorkerState): Promise<OpenTiming> {
  if (worker === 'restart') return openAfterRestart(session, accounts);
  if (session.hasWorker && worker !== 'warm') await session.stopWorker();
  if (session.isTessera && worker === 'cold, no snapshot') await forgetPopupSnapshot(session);
  return openOnce(session, accounts);
}

/**
 * Tessera and the floor, one open each in turn (ABBA: which goes first alternates), so a change
 * in the machine's load during the case weighs on both alike. Warm: one open first fills the
 * worker's caches; restart: the first start after seeding also compacts what seeding wrote;
 * neither is counted.
 */
async function measurePair(
  tessera: BenchSession,
  floor: BenchSession,
  accounts: number,
  worker: WorkerState,
  runs: number,
): Promise<{ tessera: OpenStats; floor: OpenStats; fasterPairs: number }> {
  const sessions = [tessera, floor];
  if (worker === 'warm' || worker === 'restart') for (const session of sessions) await sampleOpen(session, accounts, worker);
  const samples: OpenTiming[][] = [[], []];
  for (let run = 0; run < runs; run++) {
    for (const i of run % 2 === 0 ? [0, 1] : [1, 0]) samples[i]!.push(await sampleOpen(sessions[i]!, accounts, worker));
  }
  const fasterPairs = samples[0]!.filter((open, run) => open.allCodes < samples[1]![run]!.allCodes).length;
  return { tessera: statsOf(samples[0]!), floor: statsOf(samples[1]!), fasterPairs };
}

/** The worker floor beside the plain floor (already seeded to `accounts`), opens paired as in `measurePair`. */
async function measureWorkerCost(floor: BenchSession, accounts: number, runs: number): Promise<WorkerCostRow[]> {
  const build = await buildFloorExtension({ codesFromWorker: true });
  const viaWorker = await BenchSession.launch({ extensionDir: build.dir, profilePrefix: 'tessera-bench-worker-floor-', floor: true });
  try {
    await viaWorker.addInitScript(instrumentPopup);
    await viaWorker.seedTo(accounts);
    const rows: WorkerCostRow[] = [];
    for (const worker of ['warm', 'cold'] as const) {
      const measured = await measurePair(viaWorker, floor, accounts, worker, runs);
      rows.push({ worker, accounts, viaWorker: measured.tessera, floor: measured.floor, ratio: measured.tessera.medianMs / measured.floor.medianMs });
    }
    return rows;
  } finally {
    await viaWorker.close();
    await build.remove();
  }
}

/** DOMContentLoaded of `offscreen.html` (a tiny extension page): the floor any extension page pays. */
async function baselineOpen(session: BenchSession, runs: number): Promise<number> {
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    const page = await session.context.newPage();
    await page.goto(session.url('offscreen.html'));
    samples.push(
      await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd),
    );
    await page.close();
  }
  return median(samples);
}

export type TraceSlice = { name: string; selfMs: number };

/**
 * One popup open under a Chromium trace: self time per trace event on the popup's renderer main
 * thread (script, style, layout, GC, ...) from navigation to all codes, largest first.
 */
export async function traceOpen(session: BenchSession, accounts: number): Promise<TraceSlice[]> {
  const page = await session.context.newPage();
  const cdp = await session.context.newCDPSession(page);
  const events: Array<{ name: string; ph: string; ts: number; dur?: number; pid: number; tid: number; args?: any }> = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as typeof events)));
  const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  try {
    await cdp.send('Tracing.start', {
      categories: 'devtools.timeline,disabled-by-default-devtools.timeline,v8,blink',
      transferMode: 'ReportEvents',
    });
    await page.goto(session.url(`popup.html#bench=${accounts}`));
    await page.waitForFunction(() => (globalThis as unknown as { __tesseraBench?: { done: boolean } }).__tesseraBench?.done, null, {
      timeout: 20_000,
      polling: 50,
    });
    await cdp.send('Tracing.end');
    await complete;
  } finally {
    await cdp.detach().catch(() => {});
    await page.close();
  }
  // The popup's renderer main thread: where its module script was evaluated.
  const mainThreads = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const popupEval = events.find(
    (e) => mainThreads.has(`${e.pid}:${e.tid}`) && JSON.stringify(e.args ?? {}).includes('/chunks/popup-'),
  );
  if (!popupEval) return [];
  const slices = events
    .filter((e) => e.ph === 'X' && e.pid === popupEval.pid && e.tid === popupEval.tid && typeof e.dur === 'number')
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const self = new Map<string, number>();
  const stack: Array<{ end: number; name: string; self: number }> = [];
  const close = (until: number) => {
    while (stack.length > 0 && stack[stack.length - 1]!.end <= until) {
      const done = stack.pop()!;
      self.set(done.name, (self.get(done.name) ?? 0) + done.self);
    }
  };
  for (const e of slices) {
    close(e.ts);
    const parent = stack[stack.length - 1];
    if (parent) parent.self -= e.dur!;
    stack.push({ end: e.ts + e.dur!, name: e.name, self: e.dur! });
  }
  close(Infinity);
  return [...self]
    .map(([name, us]) => ({ name, selfMs: us / 1000 }))
    .filter((s) => s.selfMs >= 1)
    .sort((a, b) => b.selfMs - a.selfMs);
}

export type ProfileEntry = { fn: string; selfMs: number };

/** One popup open under the V8 sampling profiler: self time per function (minified names, with chunk:line:col). */
export async function profileOpen(session: BenchSession, accounts: number): Promise<ProfileEntry[]> {
  const page = await session.context.newPage();
  const cdp = await session.context.newCDPSession(page);
  try {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    await page.goto(session.url(`popup.html#bench=${accounts}`));
    await page.waitForFunction(() => (globalThis as unknown as { __tesseraBench?: { done: boolean } }).__tesseraBench?.done, null, {
      timeout: 20_000,
      polling: 50,
    });
    const { profile } = await cdp.send('Profiler.stop');
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    const self = new Map<string, number>();
    profile.samples?.forEach((id, i) => {
      const frame = nodes.get(id)!.callFrame;
      const where = frame.url ? ` ${frame.url.split('/').pop()}:${frame.lineNumber}:${frame.columnNumber}` : '';
      const key = `${frame.functionName || '(anonymous)'}${where}`;
      self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas?.[i] ?? 0) / 1000);
    });
    return [...self]
      .filter(([fn]) => fn !== '(idle)')
      .map(([fn, selfMs]) => ({ fn, selfMs }))
      .sort((a, b) => b.selfMs - a.selfMs);
  } finally {
    await cdp.detach().catch(() => {});
    await page.close();
  }
}

/** The scripts popup.html loads before it can run (entry, static imports, modulepreloads) and the lazy ones. */
export async function popupJsSize(extensionDir = benchExtensionDir()): Promise<PopupSize> {
  const html = await readFile(path.join(extensionDir, 'popup.html'), 'utf8');
  const attr = (tag: RegExp) => [...html.matchAll(tag)].map((m) => m[1]!);
  const entries = [
    ...attr(/<script[^>]*\bsrc="([^"]+)"/g),
    ...attr(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
  ];
  const css = attr(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g);
  const upFront = new Set<string>();
  const lazy = new Set<string>();
  const visit = async (file: string) => {
    if (upFront.has(file)) return;
    upFront.add(file);
    const source = await readFile(path.join(extensionDir, file), 'utf8');
    const dir = path.posix.dirname(file);
    const resolve = (spec: string) => (spec.startsWith('/') ? spec.slice(1) : path.posix.join(dir, spec));
    // Static: `import{a}from"./x.js"`, `import"./x.js"`, `export*from"./x.js"`.
    for (const m of source.matchAll(/(?:\bimport|\bexport)\s*(?:[\w*{}\s,$]*?\bfrom\s*)?["']([^"']+\.js)["']/g)) {
      await visit(resolve(m[1]!));
    }
    for (const m of source.matchAll(/\bimport\(\s*["']([^"']+\.js)["']\s*\)/g)) lazy.add(resolve(m[1]!));
  };
  for (const entry of entries) await visit(entry.replace(/^\//, ''));
  const sizeOf = async (file: string): Promise<JsSize> => {
    const bytes = await readFile(path.join(extensionDir, file));
    return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  };
  return {
    upFront: await Promise.all([...upFront].map(sizeOf)),
    lazy: await Promise.all([...lazy].filter((f) => !upFront.has(f)).map(sizeOf)),
    css: await Promise.all(css.map((f) => sizeOf(f.replace(/^\//, '')))),
  };
}

function describeSample(s: OpenTiming): string {
  const byName = new Map<string, number>();
  for (const m of s.messages) if (!byName.has(m.name)) byName.set(m.name, m.end);
  const lastReply = Math.max(...s.messages.filter((m) => m.start < s.allCodes).map((m) => m.end));
  const messages = [...byName].map(([name, t]) => `${name} ${t.toFixed(0)}`).join(', ');
  return (
    `DOMContentLoaded ${s.domContentLoaded.toFixed(0)}, first message ${s.firstMessage?.toFixed(0) ?? '-'}, ` +
    `last reply ${lastReply.toFixed(0)}, first code ${s.firstCode?.toFixed(0) ?? '-'}, all on-screen codes ${s.allCodes.toFixed(0)}, all rows ${s.allRows.toFixed(0)} ms; ` +
    `replies received at: ${messages}; long tasks ${s.longTaskMs.toFixed(0)} ms`
  );
}

/** One line per case: the worker floor, the plain floor, the ratio. */
function formatWorkerCost(rows: WorkerCostRow[]): string[] {
  return rows.map(
    (r) =>
      `what a worker costs by itself, ${r.accounts} accounts, worker ${r.worker === 'warm' ? 'running' : 'stopped'}: ` +
      `the floor with its codes from a worker ${ms(r.viaWorker.medianMs)}, the floor ${ms(r.floor.medianMs)}: ${r.ratio.toFixed(2)}×`,
  );
}

export function formatSize(size: PopupSize): string[] {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  const total = (list: JsSize[]) => list.reduce((acc, f) => ({ raw: acc.raw + f.raw, gzip: acc.gzip + f.gzip }), { raw: 0, gzip: 0 });
  const up = total(size.upFront);
  const lines = [`popup JS loaded up front: ${kb(up.raw)} raw, ${kb(up.gzip)} gzip (${size.upFront.length} files)`];
  for (const f of size.upFront) lines.push(`    ${f.file}: ${kb(f.raw)} raw, ${kb(f.gzip)} gzip`);
  if (size.lazy.length === 0) lines.push('popup JS loaded lazily: none');
  else {
    const lazy = total(size.lazy);
    lines.push(`popup JS loaded lazily (import()): ${kb(lazy.raw)} raw, ${kb(lazy.gzip)} gzip`);
    for (const f of size.lazy) lines.push(`    ${f.file}: ${kb(f.raw)} raw, ${kb(f.gzip)} gzip`);
  }
  for (const f of size.css) lines.push(`popup CSS ${f.file}: ${kb(f.raw)} raw, ${kb(f.gzip)} gzip`);
  return lines;
}

export async function runPopupBench(
  options: { session?: BenchSession; floor?: BenchSession; runs?: number; sizes?: number[]; log?: (line: string) => void } = {},
): Promise<PopupBenchResult> {
  // BENCH_RUNS / BENCH_SIZES (comma-separated) shorten a run while working on it; `npm run bench` uses the defaults.
  const { runs = Number(process.env.BENCH_RUNS ?? 9), log = console.log } = options;
  const sizes = options.sizes ?? (process.env.BENCH_SIZES ?? '20,200,1000').split(',').map(Number);
  // BENCH_CASES (comma-separated: warm, cold, no-snapshot, restart) measures only those cases.
  const cases = ALL_CASES.filter((worker) => !process.env.BENCH_CASES || process.env.BENCH_CASES.split(',').includes(worker.replace('cold, no snapshot', 'no-snapshot')));
  const session = options.session ?? (await BenchSession.launch());
  // BENCH_AGAINST=<another build's directory> measures that build in the floor's place, opens
  // paired the same way: how two builds compare when one run's figures move with the machine.
  const against = process.env.BENCH_AGAINST || null;
  const floorBuild = options.floor || against ? null : await buildFloorExtension();
  const floor =
    options.floor ??
    (await BenchSession.launch({
      extensionDir: against ?? floorBuild!.dir,
      profilePrefix: against ? 'tessera-bench-against-' : 'tessera-bench-floor-',
      floor: !against,
    }));
  const other = against ? 'the other build' : 'floor';
  try {
    for (const s of [session, floor]) await s.addInitScript(instrumentPopup);
    const opens: PopupOpenRow[] = [];
    let workerCost: WorkerCostRow[] = [];
    log(`popup bench (headless Chromium, production build beside ${against ? `the build in ${against}` : 'the floor extension'}, same accounts, median of ${runs})`);
    for (const accounts of sizes) {
      for (const s of [session, floor]) {
        if (s.accounts >= accounts) continue;
        const seed = await s.seedTo(accounts);
        log(`  ${s === session ? 'Tessera' : other} seeded to ${accounts} accounts through ${seed.via} in ${(seed.ms / 1000).toFixed(1)} s`);
      }
      for (const worker of cases) {
        const measured = await measurePair(session, floor, accounts, worker, runs);
        const row: PopupOpenRow = {
          accounts,
          worker,
          tessera: measured.tessera,
          floor: measured.floor,
          ratio: measured.tessera.medianMs / measured.floor.medianMs,
          targetRatio: RATIO_TARGETS[worker],
          fasterPairs: measured.fasterPairs,
        };
        opens.push(row);
        const verdict = against ? '' : ` (target ≤ ${row.targetRatio}×: ${row.ratio <= row.targetRatio ? 'meets' : 'MISSES'})`;
        log(
          `  ${worker}, ${accounts} accounts: Tessera median ${ms(row.tessera.medianMs)} (min ${ms(row.tessera.minMs)}, max ${ms(row.tessera.maxMs)}), ` +
            `${other} ${ms(row.floor.medianMs)}: ${row.ratio.toFixed(2)}×${verdict}; ` +
            `Tessera faster in ${row.fasterPairs} of ${runs} paired opens`,
        );
        log(`      Tessera median run: ${describeSample(row.tessera.sample)}`);
        // How much of the gap is the page itself (HTML, CSS, the module graph) before any data.
        log(
          `      DOMContentLoaded, median runs: Tessera ${ms(row.tessera.sample.domContentLoaded)}, ${other} ${ms(row.floor.sample.domContentLoaded)}`,
        );
      }
      // At the smallest size, while the floor holds that many accounts.
      if (!against && !process.env.BENCH_QUICK && accounts === sizes[0]) {
        workerCost = await measureWorkerCost(floor, accounts, runs);
        for (const line of formatWorkerCost(workerCost)) log(`  ${line}`);
      }
    }
    if (process.env.BENCH_QUICK) return { opens, workerCost, against, size: await popupJsSize(), baselineMs: NaN, trace: [], profile: [], firstCalls: [] };
    const firstCalls = await measureFirstCalls(session);
    log(`  first calls right after a browser start, from the session's first extension page (median of 5 restarts):`);
    for (const line of formatFirstCalls(firstCalls)) log(`      ${line}`);
    const baselineMs = await baselineOpen(session, runs);
    log(`  an empty extension page (offscreen.html) reaches DOMContentLoaded in ${ms(baselineMs)} (median)`);
    const largest = Math.max(...sizes);
    const trace = await traceOpen(session, largest);
    const traced = trace.slice(0, 8).map((t) => `${t.name} ${t.selfMs.toFixed(0)}`).join(', ');
    log(`  where the popup's main thread spends a warm open with ${largest} accounts (self ms, traced): ${traced || 'n/a'}`);
    const profile = await profileOpen(session, largest);
    log(`  CPU profile of that open, top self time (V8 sampling; minified names):`);
    for (const entry of profile.slice(0, 6)) log(`      ${entry.selfMs.toFixed(0).padStart(5)} ms  ${entry.fn}`);
    const size = await popupJsSize();
    for (const line of formatSize(size)) log(`  ${line}`);
    return { opens, workerCost, against, size, baselineMs, trace, profile, firstCalls };
  } finally {
    if (!options.session) await session.close();
    if (!options.floor) await floor.close();
    await floorBuild?.remove();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runPopupBench();
}
