/**
 * `npm run bench` (after `npm run build`): every benchmark in order, then one summary table.
 * Figures are measurements on this machine, printed beside their targets, never asserted.
 */
import { loadavg, cpus } from 'node:os';
import { runCaptureBench, type CaptureBenchResult } from './capture-bench';
import { runOtpBench } from './otp-bench';
import { BenchSession, ms, snapshotBuild } from './extension-session';
import { formatSize, runPopupBench, type PopupBenchResult, type PopupOpenRow } from './popup-bench';
import { runQrBench, type QrBenchResult } from './qr-bench';
import { runVaultBench, type VaultBenchResult } from './vault-bench';
import { runWorkerBench, WORKER_TARGETS, type WorkerBenchResult } from './worker-bench';

type Row = [what: string, figure: string, target: string, verdict: string];

function verdict(value: number, target: number): string {
  return Number.isFinite(value) ? (value <= target ? 'ok' : 'MISSES') : 'n/a';
}

/** `runOtpBench` prints its rates; keep its lines for the summary as well. */
async function otpRates(): Promise<string[]> {
  const lines: string[] = [];
  const log = console.log;
  console.log = (...args: unknown[]) => {
    lines.push(args.map(String).join(' '));
    log(...args);
  };
  try {
    await runOtpBench();
  } finally {
    console.log = log;
  }
  return lines.filter((line) => /codes\/s|ratio/.test(line)).map((line) => line.trim());
}

function table(rows: Row[]): string {
  const header: Row = ['measurement', 'figure', 'target', ''];
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => r[i]!.length)));
  const line = (r: Row) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const CASE_NAMES: Record<PopupOpenRow['worker'], string> = {
  restart: 'first popup after a browser restart',
  warm: 'worker running (warm)',
  cold: 'worker stopped, snapshot in session',
  'cold, no snapshot': 'worker stopped, no snapshot',
};

/** Popup open to every on-screen code: Tessera beside the floor extension, same run, same accounts. */
function popupTable({ opens, against }: Pick<PopupBenchResult, 'opens' | 'against'>): string {
  // With BENCH_AGAINST the other column is another Tessera build, not the floor (targets then say nothing).
  const header = ['popup open → every on-screen code', 'accounts', 'Tessera', against ? 'other build' : 'floor', 'ratio', 'target', 'faster in'];
  const order = ['restart', 'warm', 'cold', 'cold, no snapshot'];
  const body = [...opens]
    .sort((a, b) => order.indexOf(a.worker) - order.indexOf(b.worker) || a.accounts - b.accounts)
    .map((r) => [
      CASE_NAMES[r.worker],
      r.accounts.toLocaleString('en-US'),
      ms(r.tessera.medianMs),
      ms(r.floor.medianMs),
      `${r.ratio.toFixed(2)}×`,
      against ? '' : `≤ ${r.targetRatio}×`,
      against ? '' : r.ratio <= r.targetRatio ? 'ok' : 'MISSES',
      `${r.fasterPairs}/${r.tessera.runs} pairs`,
    ]);
  const all = [header, ...body];
  const widths = header.map((_, i) => Math.max(...all.map((row) => row[i]!.length)));
  const right = new Set([1, 2, 3, 4]);
  const line = (row: string[]) => row.map((cell, i) => (right.has(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ').trimEnd();
  const runs = opens[0]?.tessera.runs ?? 0;
  return [`medians of ${runs} opens each`, line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

async function main(): Promise<void> {
  const started = performance.now();
  const load = () => loadavg()[0]!.toFixed(1);
  console.log(`Tessera benchmarks on ${cpus().length} CPU(s), load average ${load()} at start\n`);

  const otp = await otpRates();
  console.log('');
  const vault: VaultBenchResult = await runVaultBench();
  console.log('');
  const qr: QrBenchResult[] = runQrBench();
  console.log('');

  // One browser for both browser benchmarks (seeding 1,000 accounts once), on a copy of the build.
  const build = await snapshotBuild();
  const session = await BenchSession.launch();
  let popup: PopupBenchResult;
  let worker: WorkerBenchResult;
  let capture: CaptureBenchResult[];
  try {
    try {
      popup = await runPopupBench({ session });
      console.log('');
      worker = await runWorkerBench({ session, accounts: 1000 });
    } finally {
      await session.close();
    }
    console.log('');
    // Its own browsers (DPR 1 and 2), on the same copy of the build.
    capture = await runCaptureBench();
  } finally {
    await build.remove();
  }

  const rows: Row[] = [];
  for (const line of otp) {
    const rate = /^(.*?)\s*:\s*([\d,.]+ codes\/s)/.exec(line);
    rows.push(rate ? [`otp 1,000 TOTP: ${rate[1]}`, rate[2]!, '', ''] : [`otp: ${line.replace(/:.*$/, '')}`, line.replace(/^[^:]*:\s*/, ''), '', '']);
  }
  rows.push(['vault (Node, fake-indexeddb) 1,000: list+codes warm', ms(vault.warmMs), '', '']);
  rows.push(['vault (Node, fake-indexeddb) 1,000: list+codes cold', ms(vault.coldMs), '', '']);
  for (const r of qr) rows.push([`qr: ${r.name}`, `${ms(r.medianMs)} (first ${ms(r.firstMs)})`, '', '']);
  rows.push(['empty extension page (offscreen.html) to DOMContentLoaded', ms(popup.baselineMs), '', '']);
  for (const r of popup.firstCalls) rows.push([`first call after a browser start: ${r.name}`, `${ms(r.firstMs)} (then ${ms(r.againMs)})`, '', '']);
  for (const r of popup.workerCost) {
    rows.push([
      `popup, floor with its codes from a worker, ${r.accounts} accounts, worker ${r.worker === 'warm' ? 'running' : 'stopped'}`,
      `${ms(r.viaWorker.medianMs)} vs floor ${ms(r.floor.medianMs)}: ${r.ratio.toFixed(2)}×`,
      '',
      '',
    ]);
  }
  const [sizeLine] = formatSize(popup.size);
  rows.push([sizeLine!.replace(/:.*$/, ''), sizeLine!.replace(/^[^:]*:\s*/, ''), '', '']);
  const rt = worker.roundTrip;
  rows.push(['worker getCodes 1,000, warm, new step (round trip)', ms(rt.warmNewStepMs), `≤ ${WORKER_TARGETS.warmMs} ms`, verdict(rt.warmNewStepMs, WORKER_TARGETS.warmMs)]);
  rows.push(['worker getCodes 1,000, warm, same step (round trip)', ms(rt.warmSameStepMs), `≤ ${WORKER_TARGETS.warmMs} ms`, verdict(rt.warmSameStepMs, WORKER_TARGETS.warmMs)]);
  rows.push(['worker getCodes 1,000, cold after stop (round trip)', ms(rt.coldMs), `≤ ${WORKER_TARGETS.coldMs} ms`, verdict(rt.coldMs, WORKER_TARGETS.coldMs)]);
  for (const r of capture) {
    rows.push([`capture click to confirmation: ${r.name}`, `median ${ms(r.medianMs)}`, `≤ ${r.targetMs} ms`, verdict(r.medianMs, r.targetMs)]);
  }
  if (worker.inWorker) {
    rows.push(['vault in the worker 1,000: list+codes warm, new step', ms(worker.inWorker.warmMs), '', '']);
    rows.push(['vault in the worker 1,000: list+codes cold', ms(worker.inWorker.coldMs), '', '']);
  }

  console.log(`\nSummary (load average ${load()} at the end; figures on a busy machine run high)\n`);
  console.log(popupTable(popup));
  console.log('');
  console.log(table(rows));
  console.log(`\nbench finished in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
