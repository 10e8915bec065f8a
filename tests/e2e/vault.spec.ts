/**
 * The vault end to end (issue 3): accounts added through the popup survive a stopped
 * worker after every step and a browser restart, HOTP counters never repeat, no secret is
 * readable outside the extension's IndexedDB (and only sealed there), keys cannot be
 * exported, and a missing device key blocks instead of showing an empty vault.
 * Expected codes come from the independent oracles in `support/`, never from `lib/otp`.
 */
import { randomBytes } from 'node:crypto';
import type { Worker } from '@playwright/test';
import { expect, test, type ChromeGlobal, type ExtensionHarness } from './fixtures';
import { PopupPage, type NewAccount } from './pages/popup-page';
import { base32ToBytes, hotp, totp } from './support/otp-oracle';
import { steam, steamWindow } from './support/steam-oracle';

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 with padding: the test's own encoder, for secrets it makes up. */
function base32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = ((value << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += B32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += B32[(value << (5 - bits)) & 31];
  return out.padEnd(Math.ceil(out.length / 8) * 8, '=');
}

type Check = (code: string, at: number) => boolean;

/** A code is right when the oracle gives it for the current step or a neighbour (clock edges). */
function totpCheck(secret: string, options: { algorithm?: string; digits?: number; period?: number } = {}): Check {
  const key = base32ToBytes(secret);
  const period = (options.period ?? 30) * 1000;
  return (code, at) => [at - period, at, at + period].some((t) => totp(key, t, options) === code);
}

function steamCheck(secret: string): Check {
  return (code, at) => steamWindow(base32ToBytes(secret), at).includes(code);
}

const GITHUB = { issuer: 'GitHub', account: 'alice@example.com', secret: 'JBSWY3DPEHPK3PXP' } satisfies NewAccount;
// RFC 6238 Appendix B's SHA-256 seed (32 bytes), 8 digits.
const BANK = {
  issuer: 'Bank',
  account: 'dave',
  secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA',
  algorithm: 'SHA256',
  digits: 8,
} satisfies NewAccount;
// RFC 4226 Appendix D's secret.
const COUNTER = { issuer: 'Counter', account: 'rfc4226', secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', kind: 'hotp', counter: 0 } satisfies NewAccount;
// KeePassXC's Steam vector secret.
const STEAM = { issuer: 'Steam', account: 'gabe', secret: '63BEDWCQZKTQWPESARIERL5DTTQFCJTK', kind: 'steam' } satisfies NewAccount;
const VPN = { issuer: 'Work VPN', account: 'carol', secret: 'KRSXG5CTMVRXEZLU', deviceBound: true } satisfies NewAccount;

const CHECKS: Record<string, Check> = {
  GitHub: totpCheck(GITHUB.secret),
  Bank: totpCheck(BANK.secret, { algorithm: 'sha256', digits: 8 }),
  'Bank of Tests': totpCheck(BANK.secret, { algorithm: 'sha256', digits: 8 }),
  Steam: steamCheck(STEAM.secret),
  'Work VPN': totpCheck(VPN.secret),
};

async function popupFor(extension: ExtensionHarness): Promise<PopupPage> {
  const page = await extension.openPopup();
  await page.setViewportSize({ width: 360, height: 600 });
  const popup = new PopupPage(page, extension.extensionId);
  await popup.ready();
  return popup;
}

async function add(popup: PopupPage, account: NewAccount): Promise<void> {
  await popup.addAndConfirm(account);
}

/** Every time-based row shows a code the oracle agrees with (polled: codes arrive after the list). */
async function expectCodes(popup: PopupPage, issuers: string[]): Promise<void> {
  for (const issuer of issuers) {
    const check = CHECKS[issuer];
    if (!check) throw new Error(`no oracle for ${issuer}`);
    const name = new RegExp(`^${issuer} `);
    await expect.poll(async () => check(await popup.codeOf(name), Date.now()), { message: `code of ${issuer}` }).toBe(true);
  }
}

/** Issuers as shown, without the visually hidden badges (", pinned", ", this device only"). */
async function order(popup: PopupPage): Promise<string[]> {
  return (await popup.names()).map((name) => name.replace(/,.*$/, '').trim());
}

/** Reads everything the worker can see in `tessera-vault`, bytes as hex and keys described. */
async function dumpVaultDb(worker: Worker): Promise<Record<string, unknown[]>> {
  return worker.evaluate(async () => {
    const describe = (value: unknown): unknown => {
      if (value instanceof CryptoKey) {
        return { $cryptoKey: { type: value.type, extractable: value.extractable, algorithm: value.algorithm.name, usages: value.usages } };
      }
      if (value instanceof ArrayBuffer) return { $bytes: [...new Uint8Array(value)].map((b) => b.toString(16).padStart(2, '0')).join('') };
      if (ArrayBuffer.isView(value)) {
        const bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
        return { $bytes: [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('') };
      }
      if (Array.isArray(value)) return value.map(describe);
      if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, describe(v)]));
      return value;
    };
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('tessera-vault');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    try {
      const out: Record<string, unknown[]> = {};
      for (const store of [...db.objectStoreNames]) {
        out[store] = await new Promise<unknown[]>((resolve, reject) => {
          const request = db.transaction(store).objectStore(store).getAll();
          request.onsuccess = () => resolve(request.result.map(describe));
          request.onerror = () => reject(request.error);
        });
      }
      return out;
    } finally {
      db.close();
    }
  });
}

/** Every textual form a leaked secret could take. */
function secretForms(secret: Buffer): Array<[form: string, text: string]> {
  const b32 = base32(secret);
  const b64 = secret.toString('base64');
  return [
    ['raw bytes', secret.toString('latin1')],
    ['hex', secret.toString('hex')],
    ['base32', b32],
    ['base32 unpadded', b32.replace(/=+$/, '')],
    ['base64', b64],
    ['base64 unpadded', b64.replace(/=+$/, '')],
    ['base64url', secret.toString('base64url')],
    ['byte array', [...secret].join(',')], // a Uint8Array that went through JSON as an array
    ['byte object', JSON.stringify(Object.fromEntries([...secret].map((b, i) => [i, b]))).slice(1, -1)], // ... or as an object
  ];
}

function expectNoSecret(where: string, value: unknown, secrets: Buffer[]): void {
  const text = JSON.stringify(value) ?? '';
  for (const secret of secrets) {
    // Compared without case: hex and base32 come in either (base64 only gets stricter).
    for (const [form, leaked] of secretForms(secret)) {
      expect(text.toLowerCase().includes(leaked.toLowerCase()), `${where} holds a secret as ${form}`).toBe(false);
    }
  }
}

test.describe('steam oracle', () => {
  test('matches the KeePassXC vector', () => {
    expect(steam(base32ToBytes('63BEDWCQZKTQWPESARIERL5DTTQFCJTK'), 1511200518 * 1000)).toBe('FR8RV');
  });
});

test.describe('vault', () => {
  test('accounts, labels, order and HOTP counters survive a worker stop after every step and a browser restart', async ({
    extension,
  }) => {
    test.slow();
    const popup = await popupFor(extension);
    const hotpKey = base32ToBytes(COUNTER.secret);

    /** One user action, then the worker is killed and a fresh popup must show the result. */
    const step = async (action: () => Promise<void>, expected: string[]) => {
      await action();
      await extension.stopServiceWorker();
      await popup.goto();
      await expect.poll(() => order(popup)).toEqual(expected);
      await expectCodes(popup, expected.filter((issuer) => issuer in CHECKS));
    };

    await step(() => add(popup, GITHUB), ['GitHub']);
    await step(() => add(popup, BANK), ['GitHub', 'Bank']);
    await step(() => add(popup, COUNTER), ['GitHub', 'Bank', 'Counter']);
    await step(() => add(popup, STEAM), ['GitHub', 'Bank', 'Counter', 'Steam']);
    await step(() => add(popup, VPN), ['GitHub', 'Bank', 'Counter', 'Steam', 'Work VPN']);
    await expect(popup.row(/^Work VPN/).locator('.badge.device')).toHaveCount(1);
    // Steam codes use Steam's alphabet, five characters.
    await expect(popup.row(/^Steam /).locator('[data-code]')).toHaveText(/^[23456789BCDFGHJKMNPQRTVWXY]{5}$/);
    await expect(popup.row(/^Bank /).locator('[data-code]')).toHaveText(/^\d{4} \d{4}$/);

    const all = ['GitHub', 'Bank', 'Counter', 'Steam', 'Work VPN'];
    await step(async () => {
      await popup.nextHotp('Counter');
      await expect.poll(() => popup.codeOf(/^Counter /)).toBe(hotp(hotpKey, 0));
    }, all);
    await step(async () => {
      await popup.nextHotp('Counter');
      await expect.poll(() => popup.codeOf(/^Counter /)).toBe(hotp(hotpKey, 1));
    }, all);

    await step(async () => {
      const form = await popup.openEditor('Bank');
      await form.getByLabel('Service (issuer)').fill('Bank of Tests');
      await form.getByLabel('Account', { exact: true }).fill('dave@bank.test');
      await form.getByRole('button', { name: 'Save' }).click();
      await expect(popup.rowButton(/^Bank of Tests/)).toHaveAccessibleName(/^Bank of Tests dave@bank\.test \S/);
    }, ['GitHub', 'Bank of Tests', 'Counter', 'Steam', 'Work VPN']);

    const reordered = ['Bank of Tests', 'GitHub', 'Counter', 'Steam', 'Work VPN'];
    await step(async () => {
      await popup.moveRow(/^GitHub/, 'down');
      await expect.poll(() => order(popup)).toEqual(reordered);
    }, reordered);

    // Delete, kill the worker while the undo is on offer, then undo from the same popup.
    await popup.deleteAccount('Counter');
    await expect(popup.rows).toHaveCount(4);
    await extension.stopServiceWorker();
    await step(async () => {
      await popup.undoDelete();
      await expect(popup.rows).toHaveCount(5);
    }, reordered);

    // The restored HOTP account kept its counter.
    await step(async () => {
      await popup.nextHotp('Counter');
      await expect.poll(() => popup.codeOf(/^Counter /)).toBe(hotp(hotpKey, 2));
    }, reordered);

    await extension.restartBrowser();
    const after = await popupFor(extension);
    await expect.poll(() => order(after)).toEqual(reordered);
    await expect(after.rowButton(/^GitHub/)).toHaveAccessibleName(/^GitHub alice@example\.com \S/);
    await expect(after.rowButton(/^Bank of Tests/)).toHaveAccessibleName(/^Bank of Tests dave@bank\.test \S/);
    await expect(after.rowButton(/^Counter/)).toHaveAccessibleName(/^Counter rfc4226 \S/);
    await expect(after.rowButton(/^Steam/)).toHaveAccessibleName(/^Steam gabe \S/);
    await expect(after.rowButton(/^Work VPN/)).toHaveAccessibleName(/^Work VPN carol \S/);
    await expect(after.rowButton(/^Work VPN/)).toHaveAccessibleDescription('Kept on this device only.');
    await expect(after.row(/^Work VPN/).locator('.badge.device')).toHaveCount(1);
    await expectCodes(after, ['GitHub', 'Bank of Tests', 'Steam', 'Work VPN']);

    // HOTP never repeats: the counter continues after stops and the restart.
    await after.nextHotp('Counter');
    await expect.poll(() => after.codeOf(/^Counter /)).toBe(hotp(hotpKey, 3));
    await extension.stopServiceWorker();
    await after.goto();
    await after.nextHotp('Counter');
    await expect.poll(() => after.codeOf(/^Counter /)).toBe(hotp(hotpKey, 4));
  });

  test('canary: no storage area a page or content script can reach holds a secret; IndexedDB holds envelopes; keys do not export', async ({
    extension,
    site,
  }) => {
    const canary = randomBytes(16); // 26 base32 characters plus padding: every form differs
    const boundCanary = randomBytes(20);
    const popup = await popupFor(extension);
    await add(popup, { issuer: 'Canary', account: 'tweety', secret: base32(canary) });
    await add(popup, { issuer: 'Bound Canary', account: 'sylvester', secret: base32(boundCanary).toLowerCase(), deviceBound: true });
    await expect.poll(async () => totpCheck(base32(canary))(await popup.codeOf(/^Canary /), Date.now())).toBe(true);
    const secrets = [canary, boundCanary];

    // The worker's view of every storage area.
    const worker = await extension.currentServiceWorker();
    const areas = await worker.evaluate(async () => {
      const { chrome } = globalThis as unknown as ChromeGlobal;
      return {
        local: await chrome.storage.local.get(null),
        sync: await chrome.storage.sync.get(null),
        session: await chrome.storage.session.get(null),
      };
    });
    for (const [area, value] of Object.entries(areas)) expectNoSecret(`storage.${area}`, value, secrets);

    // A real content script (our extension's isolated world on a page granted activeTab).
    const tab = await extension.context.newPage();
    await tab.goto(site('acme.test', '/login.html'));
    const toolbarPopup = await extension.clickToolbarButton(tab);
    await toolbarPopup.close();
    const seen = await (await extension.currentServiceWorker()).evaluate(async (url) => {
      const { chrome } = globalThis as unknown as ChromeGlobal;
      const target = (await chrome.tabs.query({})).find((t) => t.url === url);
      const [result] = await chrome.scripting.executeScript({
        target: { tabId: target!.id! },
        func: async () => {
          const api = (globalThis as unknown as ChromeGlobal).chrome;
          const attempt = async (read: () => Promise<unknown>) => {
            try {
              return { value: await read() };
            } catch (error) {
              return { refused: String(error) };
            }
          };
          return {
            local: await attempt(() => api.storage.local.get(null)),
            sync: await attempt(() => api.storage.sync.get(null)),
            session: await attempt(() => api.storage.session.get(null)),
            listAccounts: await attempt(() => api.runtime.sendMessage({ tessera: 1, name: 'listAccounts' })),
            getCodes: await attempt(() => api.runtime.sendMessage({ tessera: 1, name: 'getCodes', payload: { at: Date.now() } })),
            page: {
              localStorage: { ...localStorage },
              sessionStorage: { ...sessionStorage },
              cookie: document.cookie,
              html: document.documentElement.outerHTML,
            },
          };
        },
      });
      return result!.result as Record<string, unknown>;
    }, tab.url());
    expectNoSecret('what a content script can read', seen, secrets);
    // storage.session stays closed to content scripts (default TRUSTED_CONTEXTS).
    expect(seen.session).toHaveProperty('refused');
    // Vault messages are refused to a content script, by the worker's allow-list.
    for (const name of ['listAccounts', 'getCodes'] as const) {
      expect(seen[name], name).toMatchObject({ value: { ok: false, error: { code: 'sender-not-allowed' } } });
    }

    // IndexedDB: every record's secret is an envelope (or, device-bound, a key); nothing else holds it.
    const dump = await dumpVaultDb(await extension.currentServiceWorker());
    expectNoSecret('tessera-vault', dump, secrets);
    const records = dump.accounts as Array<{ issuer: string; secret: Record<string, unknown> } & Record<string, unknown>>;
    expect(records).toHaveLength(2);
    const sealed = records.find((r) => r.issuer === 'Canary')!;
    expect(sealed.secret).toEqual({ v: 1, alg: 'A256GCM', iv: { $bytes: expect.stringMatching(/^[0-9a-f]{24}$/) }, ct: { $bytes: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    const bound = records.find((r) => r.issuer === 'Bound Canary')!;
    expect(bound.deviceBound).toBe(true);
    expect(bound.secret).toEqual({
      v: 1,
      alg: 'device-bound',
      key: { $cryptoKey: { type: 'secret', extractable: false, algorithm: 'HMAC', usages: ['sign'] } },
    });
    const [deviceKey] = dump.keys as Array<{ key: unknown }>;
    expect(deviceKey!.key).toEqual({ $cryptoKey: { type: 'secret', extractable: false, algorithm: 'AES-GCM', usages: ['encrypt', 'decrypt'] } });

    // exportKey is refused on the device key and on a device-bound HMAC key.
    const refusals = await (await extension.currentServiceWorker()).evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('tessera-vault');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const all = (store: string) =>
        new Promise<Array<Record<string, any>>>((resolve, reject) => {
          const request = db.transaction(store).objectStore(store).getAll();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
      const [keys, accounts] = [await all('keys'), await all('accounts')];
      db.close();
      const tryExport = async (key: CryptoKey, format: 'raw' | 'jwk') => {
        try {
          await crypto.subtle.exportKey(format, key);
          return 'exported';
        } catch (error) {
          return (error as DOMException).name;
        }
      };
      const boundKey = accounts.find((a) => a.deviceBound)!.secret.key as CryptoKey;
      return {
        deviceRaw: await tryExport(keys[0]!.key, 'raw'),
        deviceJwk: await tryExport(keys[0]!.key, 'jwk'),
        boundRaw: await tryExport(boundKey, 'raw'),
        boundJwk: await tryExport(boundKey, 'jwk'),
      };
    });
    expect(refusals).toEqual({
      deviceRaw: 'InvalidAccessError',
      deviceJwk: 'InvalidAccessError',
      boundRaw: 'InvalidAccessError',
      boundJwk: 'InvalidAccessError',
    });
  });

  test('a missing device key blocks with a specific error and overwrites nothing', async ({ extension }) => {
    const popup = await popupFor(extension);
    await add(popup, GITHUB);
    await add(popup, VPN);
    await popup.page.close();

    const worker = await extension.currentServiceWorker();
    const before = await dumpVaultDb(worker);
    expect(before.accounts).toHaveLength(2);
    expect(before.keys).toHaveLength(1);
    await worker.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('tessera-vault');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('keys', 'readwrite');
        tx.objectStore('keys').delete('device');
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    });
    await extension.stopServiceWorker();

    const blocked = await extension.openPopup();
    await expect(blocked.getByRole('alert')).toContainText('Tessera cannot open your accounts');
    await expect(blocked.getByRole('alert')).toContainText('device-key-missing');
    await expect(blocked.getByRole('heading', { name: 'No accounts yet' })).toHaveCount(0);
    await expect(blocked.locator('li[data-account-id]')).toHaveCount(0);
    await expect(blocked.getByRole('button', { name: 'Add an account' })).toHaveCount(0);

    // Reopening (and a second stop) changes nothing: same records, byte for byte, and no new key.
    await extension.stopServiceWorker();
    await blocked.reload();
    await expect(blocked.getByRole('alert')).toContainText('device-key-missing');
    const after = await dumpVaultDb(await extension.currentServiceWorker());
    expect(after.accounts).toEqual(before.accounts);
    expect(after.keys).toEqual([]);
  });
});
