import * as OTPAuth from 'otpauth';
import { describe, expect, it, vi } from 'vitest';
import { createCaptureFlow, type CaptureFlowDeps, type CaptureVault, type TabFacts } from '@/lib/capture/capture-flow';
import { parseScanReport, type PageScanReport } from '@/lib/capture/page-scan';
import type { StoredCapture } from '@/lib/capture/review';
import type { AccountCode, AccountMeta } from '@/lib/vault/types';
import type { QrPixelSource } from '@/lib/qr';

const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // RFC 6238's 160-bit secret
const OTHER_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const uri = (issuer: string, account: string, secret = SECRET) =>
  `otpauth://totp/${encodeURIComponent(issuer)}:${encodeURIComponent(account)}?secret=${secret}&issuer=${encodeURIComponent(issuer)}`;
// The three parts of tests/fixtures/site/capture/migration.html (batch 424242, accounts "Export N").
const PARTS = [
  'otpauth-migration://offline?data=CkIKFDEyMzQ1Njc4OTAxMjM0NTY3ODkwEhpFeHBvcnQgMTp1c2VyMUBleGFtcGxlLmNvbRoIRXhwb3J0IDEgASgBMAIQARgDIAAosvIZ',
  'otpauth-migration://offline?data=CkIKFDEyMzQ1Njc4OTAxMjM0NTY3ODkwEhpFeHBvcnQgMjp1c2VyMkBleGFtcGxlLmNvbRoIRXhwb3J0IDIgASgBMAIQARgDIAEosvIZ',
  'otpauth-migration://offline?data=CkIKFDEyMzQ1Njc4OTAxMjM0NTY3ODkwEhpFeHBvcnQgMzp1c2VyM0BleGFtcGxlLmNvbRoIRXhwb3J0IDMgASgBMAIQARgDIAIosvIZ',
];
const NOW = 1_700_000_000_000;
const VIEWPORT = { innerWidth: 1280, innerHeight: 800, devicePixelRatio: 1 };

function report(texts: string[], unreadable = 0): PageScanReport {
  return {
    ok: true,
    viewport: VIEWPORT,
    documentUrl: null,
    found: texts.map((text) => ({ text, sourceKind: 'img' as const, rect: { x: 10, y: 10, width: 200, height: 200 } })),
    unreadable: Array.from({ length: unreadable }, () => ({ rect: { x: 300, y: 10, width: 200, height: 200 }, reason: 'cross-origin' })),
    scanned: texts.length,
    ms: 5,
  };
}

function meta(issuer: string, account: string, id = 'acc-1'): AccountMeta {
  return {
    id, kind: 'totp', issuer, account, algorithm: 'SHA1', digits: 6, period: 30, sites: [], pinned: false,
    order: 0, deviceBound: false, secretBits: 160, createdAt: NOW, updatedAt: NOW,
  };
}

/** The stored account's codes as the vault would give them, from the independent otpauth library. */
function codesOf(id: string, secret: string, at: number): AccountCode {
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' });
  const stepStart = Math.floor(at / 30_000) * 30_000;
  return {
    id, kind: 'totp', period: 30, stepStart, stepEnd: stepStart + 30_000,
    current: totp.generate({ timestamp: at }), next: totp.generate({ timestamp: stepStart + 30_000 }),
  };
}

function setup(options: { url?: string | (() => string); active?: boolean; locked?: () => boolean; scan?: PageScanReport; stored?: Array<{ meta: AccountMeta; secret: string }> } = {}) {
  let saved: StoredCapture | null = null;
  let n = 0;
  const stored = options.stored ?? [];
  const vault: CaptureVault = {
    list: vi.fn(async () => stored.map((s) => s.meta)),
    codes: vi.fn(async (at = NOW) => stored.map((s) => codesOf(s.meta.id, s.secret, at))),
    add: vi.fn(async (input) => ({ status: 'added' as const, account: meta(input.issuer, input.account, 'new') })),
    addMany: vi.fn(async (inputs) => inputs.map((i: { issuer: string; account: string }) => ({ status: 'added' as const, account: meta(i.issuer, i.account, 'new') }))),
  };
  const url = options.url ?? 'https://acme.test/enroll';
  const deps: CaptureFlowDeps = {
    tab: vi.fn(async (): Promise<TabFacts> => ({ url: typeof url === 'function' ? url() : url, windowId: 1, active: options.active ?? true })),
    scanTab: vi.fn(async () => options.scan ?? report([])),
    screenshot: vi.fn(async (): Promise<QrPixelSource> => ({ width: 4, height: 4, read: ({ width, height }) => ({ data: new Uint8ClampedArray(width * height * 4), width, height }), close: () => {} })),
    decode: vi.fn(() => []),
    load: async () => saved,
    save: async (c) => {
      saved = c;
    },
    vault: async () => vault,
    isLocked: vi.fn(async () => options.locked?.() ?? false),
    now: () => NOW,
    newId: () => `id-${++n}`,
  };
  return { flow: createCaptureFlow(deps), deps, vault, saved: () => saved };
}

describe('capture flow', () => {
  it('shows an account found on the page without adding it, and without its secret', async () => {
    const { flow, vault } = setup({ scan: report([uri('Acme', 'alice@acme.test')]) });
    const view = await flow.scan(7);
    expect(view.items).toHaveLength(1);
    expect(view.items[0]).toMatchObject({
      type: 'account',
      preview: { issuer: 'Acme', account: 'alice@acme.test', kind: 'totp', digits: 6, secretBits: 160, duplicate: { state: 'new' } },
      foundOn: { registrableDomain: 'acme.test' },
      warnings: [],
      suggestedSites: [{ match: 'origin', origin: 'https://acme.test' }],
    });
    expect(JSON.stringify(view)).not.toContain(SECRET);
    expect(JSON.stringify(view)).not.toContain('secret=');
    expect(vault.add).not.toHaveBeenCalled();
    expect(vault.addMany).not.toHaveBeenCalled();
  });

  it('judges the code against the URL the browser reports for the tab (T18)', async () => {
    const { flow } = setup({ url: 'https://login-g00gle.evil.test/2fa', scan: report([uri('Google', 'victim@gmail.com')]) });
    const [item] = (await flow.scan(7)).items;
    expect(item).toMatchObject({ type: 'account', foundOn: { registrableDomain: 'evil.test' } });
    expect(item!.type === 'account' && item!.warnings.map((w) => w.code)).toContain('issuer-mismatch');
  });

  it('refuses a page that navigated during the scan, keeping nothing', async () => {
    let calls = 0;
    const { flow, saved } = setup({ url: () => (calls++ === 0 ? 'https://acme.test/a' : 'https://evil.test/b'), scan: report([uri('Acme', 'a')]) });
    await expect(flow.scan(7)).rejects.toMatchObject({ code: 'page-changed' });
    expect(saved()).toBeNull();
  });

  it('refuses a scan while the vault is locked, before injecting or capturing anything (#14.5)', async () => {
    const { flow, deps, saved } = setup({ locked: () => true, scan: report([uri('Acme', 'a')]) });
    const error = await flow.scan(7).catch((e: unknown) => e as { code: string; message: string });
    expect(error).toMatchObject({ code: 'locked' });
    expect((error as { message: string }).message).toMatch(/unlock/i);
    expect(deps.scanTab).not.toHaveBeenCalled();
    expect(deps.screenshot).not.toHaveBeenCalled();
    expect(saved()).toBeNull();
  });

  it('shows no pending findings while locked, and forgets them (#14.5)', async () => {
    let locked = false;
    const { flow, saved } = setup({ locked: () => locked, scan: report([uri('Acme', 'a')]) });
    await flow.scan(7);
    expect(saved()).not.toBeNull();
    locked = true;
    expect(await flow.pending(7)).toBeNull();
    expect(saved()).toBeNull();
  });

  it('refuses a report from another document than the tab the browser reports (#14.10)', async () => {
    const elsewhere = { ...report([uri('Acme', 'a')]), documentUrl: 'https://evil.test/frame' } as PageScanReport;
    const { flow, saved } = setup({ scan: elsewhere });
    await expect(flow.scan(7)).rejects.toMatchObject({ code: 'page-changed' });
    expect(saved()).toBeNull();
    const same = setup({ scan: { ...report([uri('Acme', 'a')]), documentUrl: 'https://acme.test/enroll#step-2' } as PageScanReport });
    expect((await same.flow.scan(7)).items).toHaveLength(1);
  });

  it('shows names without invisible formatting characters, as the vault will store them (#14.6)', async () => {
    const { flow } = setup({ scan: report([uri('\u202Emoc.elgoog', 'al\u200Bice')]) });
    const [item] = (await flow.scan(7)).items;
    expect(item).toMatchObject({ type: 'account', preview: { issuer: 'moc.elgoog', account: 'alice' } });
  });

  it('refuses pages that are not http(s)', async () => {
    const { flow, deps } = setup({ url: 'chrome://settings' });
    await expect(flow.scan(7)).rejects.toMatchObject({ code: 'page-not-scannable' });
    expect(deps.scanTab).not.toHaveBeenCalled();
  });

  it('takes a screenshot only for unreadable elements or when the page gave nothing, and only of a visible tab', async () => {
    const found = setup({ scan: report([uri('Acme', 'a')]) });
    await found.flow.scan(7);
    expect(found.deps.screenshot).not.toHaveBeenCalled();

    const unreadable = setup({ scan: report([uri('Acme', 'a')], 1) });
    expect((await unreadable.flow.scan(7)).scan.screenshot).toBe('used');
    expect(unreadable.deps.decode).toHaveBeenCalledWith(expect.anything(), [{ x: 300, y: 10, width: 200, height: 200 }], VIEWPORT);

    const hidden = setup({ active: false, scan: report([]) });
    expect((await hidden.flow.scan(7)).scan.screenshot).toBe('unavailable');
    expect(hidden.deps.screenshot).not.toHaveBeenCalled();
  });

  it("closes the screenshot once decoded; one whose pixels cannot be read is unavailable and the page's findings stand", async () => {
    for (const fails of [false, true]) {
      const close = vi.fn();
      const { deps } = setup({ scan: report([uri('Acme', 'a')], 1) });
      const flow = createCaptureFlow({
        ...deps,
        screenshot: async () => ({ width: 4, height: 4, read: () => ({ data: new Uint8ClampedArray(64), width: 4, height: 4 }), close }),
        decode: () => {
          if (fails) throw new Error('no 2d context');
          return [];
        },
      });
      const view = await flow.scan(7);
      expect(view.scan.screenshot).toBe(fails ? 'unavailable' : 'used');
      expect(view.items).toHaveLength(1);
      expect(close).toHaveBeenCalledTimes(1);
    }
  });

  it('says "exists" for the same secret and "conflict" for another one under the same name', async () => {
    const same = setup({ scan: report([uri('Acme', 'alice')]), stored: [{ meta: meta('Acme', 'alice'), secret: SECRET }] });
    const [a] = (await same.flow.scan(7)).items;
    expect(a).toMatchObject({ preview: { duplicate: { state: 'exists', existingId: 'acc-1' } } });

    const other = setup({ scan: report([uri('acme', 'Alice')]), stored: [{ meta: meta('Acme', 'alice'), secret: OTHER_SECRET }] });
    const [b] = (await other.flow.scan(7)).items;
    expect(b).toMatchObject({ preview: { duplicate: { state: 'conflict', existingId: 'acc-1' } } });
  });

  it('adds a confirmed account with the user’s sites and device binding, then forgets it', async () => {
    const { flow, vault, saved } = setup({ scan: report([uri('Acme', 'alice'), 'https://example.com/']) });
    const view = await flow.scan(7);
    const sites = [{ match: 'site' as const, site: 'acme.test' }];
    const reply = await flow.confirm({ captureId: view.captureId, itemId: view.items[0]!.id, sites, deviceBound: true });
    expect(reply).toMatchObject({ type: 'account', reply: { status: 'added' } });
    expect(vault.add).toHaveBeenCalledWith(expect.objectContaining({ issuer: 'Acme', account: 'alice', sites, deviceBound: true }), {});
    expect(saved()?.items.map((i) => i.id)).toEqual([view.items[1]!.id]);
    // A text that is not an enrollment code can never be added.
    await expect(flow.confirm({ captureId: view.captureId, itemId: view.items[1]!.id, sites: [], deviceBound: false })).rejects.toMatchObject({
      code: 'not-enrollment',
    });
  });

  it('merges the parts of one export scanned one at a time and reports the missing ones', async () => {
    const first = setup({ scan: report([PARTS[0]!]) });
    const partial = await first.flow.scan(7);
    expect(partial.items[0]).toMatchObject({ type: 'migration', batch: { id: 424242, size: 3, found: [0], missing: [1, 2] } });
    // Same tab, same site, the page now shows the other parts.
    first.deps.scanTab = vi.fn(async () => report([PARTS[2]!, PARTS[1]!]));
    const flow2 = createCaptureFlow(first.deps);
    const whole = await flow2.scan(7);
    expect(whole.items).toHaveLength(1);
    expect(whole.items[0]).toMatchObject({ type: 'migration', batch: { found: [0, 1, 2], missing: [] } });
    const reply = await flow2.confirm({ captureId: whole.captureId, itemId: whole.items[0]!.id, sites: [], deviceBound: false });
    expect(reply).toEqual({ type: 'migration', status: 'imported', added: 3, unchanged: 0 });
    expect(first.vault.addMany).toHaveBeenCalledTimes(1);
    expect(vi.mocked(first.vault.addMany).mock.calls[0]![0].map((a) => a.issuer)).toEqual(['Export 1', 'Export 2', 'Export 3']);
  });

  it('does not import a batch with a conflicting account until the user chooses', async () => {
    const { flow, vault } = setup({ scan: report(PARTS), stored: [{ meta: meta('Export 2', 'user2@example.com'), secret: OTHER_SECRET }] });
    const view = await flow.scan(7);
    const itemId = view.items[0]!.id;
    expect(await flow.confirm({ captureId: view.captureId, itemId, sites: [], deviceBound: false })).toEqual({
      type: 'migration',
      status: 'conflict',
      conflicts: 1,
    });
    expect(vault.addMany).not.toHaveBeenCalled();
    await flow.confirm({ captureId: view.captureId, itemId, sites: [], deviceBound: false, onConflict: 'keep-both' });
    expect(vault.addMany).toHaveBeenCalledWith(expect.any(Array), { onConflict: 'keep-both' });
  });
});

describe('parseScanReport', () => {
  it('keeps texts and rects, drops malformed entries', () => {
    const parsed = parseScanReport({
      ok: true,
      viewport: VIEWPORT,
      found: [{ text: 'otpauth://x', sourceKind: 'img', rect: { x: 1, y: 2, width: 3, height: 4 } }, { text: 5 }, null],
      unreadable: [{ rect: { x: 'a' } }, { rect: { x: 0, y: 0, width: 9, height: 9 }, reason: 'cross-origin' }],
      scanned: 2,
      ms: 3,
    });
    expect(parsed).toMatchObject({ ok: true, found: [{ text: 'otpauth://x' }], unreadable: [{ reason: 'cross-origin' }] });
  });

  it('keeps the document URL the script reported, and only a string (#14.10)', () => {
    const base = { ok: true, viewport: VIEWPORT, found: [], unreadable: [], scanned: 0, ms: 1 };
    expect(parseScanReport({ ...base, documentUrl: 'https://acme.test/enroll' })).toMatchObject({ documentUrl: 'https://acme.test/enroll' });
    expect(parseScanReport({ ...base, documentUrl: 42 })).toMatchObject({ documentUrl: null });
    expect(parseScanReport({ ok: false, documentUrl: 'https://acme.test/' })).toMatchObject({ ok: false, documentUrl: 'https://acme.test/' });
  });

  it('treats anything else as a failed scan', () => {
    expect(parseScanReport(undefined)).toMatchObject({ ok: false });
    expect(parseScanReport({ ok: true, found: 'x' })).toMatchObject({ ok: false });
  });
});
