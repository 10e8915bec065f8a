/**
 * Managed policies on Firefox (issue 13): Firefox reads `policies.json` once, when it starts,
 * and hands `3rdparty.Extensions.<add-on id>` to that add-on's `storage.managed` (there is no
 * `managed_schema` there; Tessera validates the values itself). Firefox ESR on Linux reads
 * `/etc/firefox/policies/policies.json` first, so each test writes the file, starts a Firefox of
 * its own (the suite's shared one started without a policy), and puts the file back at once:
 * Firefox keeps what it read until it quits. Needs root (CI runs as root), or
 * TESSERA_FIREFOX_POLICY_FILE pointing at a file this Firefox reads.
 */
import { access, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { constants } from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { expect, test as base, TEST_HOSTS, type FirefoxHarness } from './fixtures';
import { FirefoxPopup, inputLabelled, role } from './pages/popup';
import { DEFAULT_FIREFOX_EXTENSION_DIR, FirefoxSession, KeptFirefoxProfile, addonIdOf } from './support/firefox';

const POLICY_FILE = process.env.TESSERA_FIREFOX_POLICY_FILE ?? '/etc/firefox/policies/policies.json';
const SECRET = 'JBSWY3DPEHPK3PXP';
type Policy = Record<string, unknown>;

/** null when the policy file can be written; otherwise why not. */
async function policyFileProblem(): Promise<string | null> {
  try {
    await mkdir(path.dirname(POLICY_FILE), { recursive: true });
    await access(path.dirname(POLICY_FILE), constants.W_OK);
    return null;
  } catch (error) {
    return `${path.dirname(POLICY_FILE)} is not writable (${(error as Error).message}); the Firefox policy tests need root (or TESSERA_FIREFOX_POLICY_FILE).`;
  }
}

/** Skips the test where the policy file cannot be written; in CI, where it must be, fails it. */
async function skipWithoutPolicyFile(): Promise<void> {
  const problem = await policyFileProblem();
  if (problem && process.env.CI) throw new Error(problem);
  base.skip(problem !== null, problem ?? '');
}

/**
 * Runs `start` (which starts a Firefox) with `policy` for Tessera's add-on id in the policy file,
 * and checks that Firefox read it. Whatever the file held before (nothing, on a test machine) is
 * put back as soon as Firefox has started: Firefox keeps what it read until it quits.
 */
async function startingUnderPolicy<T extends { session: FirefoxSession }>(addonId: string, policy: Policy, start: () => Promise<T>): Promise<T> {
  const before = await readFile(POLICY_FILE, 'utf8').catch(() => null);
  const body = { policies: { '3rdparty': { Extensions: { [addonId]: policy } } } };
  await writeFile(POLICY_FILE, JSON.stringify(body, null, 2));
  try {
    const started = await start();
    // The engine read the file (ACTIVE = 1): otherwise the test below would prove nothing.
    const status = await started.session.chrome<number>(`() => Services.policies.status`);
    if (status !== 1) await started.session.close();
    expect(status).toBe(1);
    return started;
  } finally {
    if (before === null) await rm(POLICY_FILE, { force: true });
    else await writeFile(POLICY_FILE, before);
  }
}

/** Starts a Firefox that read `policy` for Tessera's add-on id, with Tessera installed. */
async function launchUnderPolicy(extensionDir: string, policy: Policy): Promise<{ session: FirefoxSession; firefox: FirefoxHarness }> {
  const { session } = await startingUnderPolicy(addonIdOf(extensionDir), policy, async () => ({
    session: await FirefoxSession.launch({ hosts: TEST_HOSTS }),
  }));
  return { session, firefox: await session.install(extensionDir) };
}

const test = base.extend<{ managedPolicy: Policy; underPolicy: FirefoxHarness }>({
  managedPolicy: [{}, { option: true }],
  underPolicy: async ({ managedPolicy }, use) => {
    await skipWithoutPolicyFile();
    const extensionDir = process.env.TESSERA_FIREFOX_EXTENSION_DIR ?? DEFAULT_FIREFOX_EXTENSION_DIR;
    const { session, firefox } = await launchUnderPolicy(extensionDir, managedPolicy);
    try {
      await use(firefox);
    } finally {
      await firefox.uninstall().catch(() => {});
      await session.close();
    }
  },
});

type Reply = { ok: boolean; value?: unknown; error?: { code: string; message: string } };

/** A message to the background from one of Tessera's pages, as any page of ours could send it. */
function send(page: Page, name: string, payload?: unknown): Promise<Reply> {
  return page.evaluate(
    (n, p) =>
      (globalThis as unknown as { browser: { runtime: { sendMessage(m: unknown): Promise<Reply> } } }).browser.runtime.sendMessage({
        tessera: 1,
        name: n,
        payload: p,
      }),
    name,
    payload,
  );
}

function managed(page: Page): Promise<Policy> {
  return page.evaluate(() => (globalThis as unknown as { browser: { storage: { managed: { get(): Promise<Policy> } } } }).browser.storage.managed.get());
}

async function text(page: Page): Promise<string> {
  return page.evaluate(() => document.body.innerText);
}

test.describe('managed policies on Firefox (policies.json)', () => {
  test.describe('export and autofill turned off', () => {
    test.use({ managedPolicy: { disableExport: true, disableAutofill: true } });

    test('no export on the manage page, every export message refused, no Fill on a bound page', async ({ underPolicy: firefox, site }) => {
      test.setTimeout(90_000);
      const popup = await FirefoxPopup.open(firefox);
      expect(await managed(popup.page)).toEqual({ disableExport: true, disableAutofill: true });
      await popup.addAndConfirm({ issuer: 'Example', account: 'alice', secret: SECRET, sites: ['example.test'] });
      const [account] = (await send(popup.page, 'listAccounts')).value as Array<{ id: string; deviceBound: boolean }>;
      // Not device-bound: only the export policy stands between the secret and a file.
      expect(account!.deviceBound).toBe(false);
      await popup.page.close();

      const manage = await firefox.openExtensionPage('options.html');
      await manage.waitForSelector('[data-policy="export-off"]');
      expect(await manage.$eval('[data-policy="export-off"]', (el) => el.textContent)).toBe(
        'Your organisation has turned off backup and export in Tessera, so no account can leave it from here.',
      );
      expect(await text(manage)).not.toMatch(/Download encrypted backup/);
      for (const [name, payload] of [
        ['exportOtpauthUris', undefined],
        ['exportMigrationUris', undefined],
        ['exportBackup', { passphrase: 'a long backup passphrase' }],
        ['exportAccountQr', { id: account!.id }],
      ] as Array<[string, unknown]>) {
        const reply = await send(manage, name, payload);
        expect(reply.ok, name).toBe(false);
        expect(reply.error?.code, name).toBe('export-disabled');
        expect(JSON.stringify(reply)).not.toContain(SECRET);
      }

      const tab = await firefox.browser.newPage();
      await tab.goto(site('example.test', '/autofill/plain.html'), { waitUntil: 'load' });
      const opened = await FirefoxPopup.openOn(firefox, tab);
      await expect.poll(() => opened.names()).toEqual(['Example']);
      expect(await opened.page.$('[aria-label="Fill the code for Example into this page"]')).toBeNull();
      const tabId = Number(new URL(opened.page.url()).searchParams.get('tab'));
      const fill = await send(opened.page, 'fillCode', { id: account!.id, tabId });
      expect(fill.error?.code).toBe('autofill-disabled');
      // The keyboard shortcut ends in the same refusal.
      await firefox.pressShortcut('Alt+Shift+F');
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(await tab.$eval('#otp', (input) => (input as HTMLInputElement).value)).toBe('');
    });
  });

  test.describe('a passphrase required, with a rule', () => {
    const HINT = 'At least 12 characters, including a digit.';
    test.use({ managedPolicy: { requirePassphrase: true, passphraseMinLength: 12, passphrasePattern: '\\d', passphraseHint: HINT } });

    test('the first popup asks for a passphrase that follows the rule; the vault stays closed until then', async ({ underPolicy: firefox }) => {
      test.setTimeout(90_000);
      const popup = await FirefoxPopup.open(firefox);
      await popup.page.waitForSelector(role('heading', 'Your organisation requires a passphrase'));
      expect(await text(popup.page)).toContain(HINT);
      expect(await popup.page.$(role('button', 'Add an account'))).toBeNull();
      expect((await send(popup.page, 'listAccounts')).error?.code).toBe('passphrase-required');

      // Long enough but without a digit: refused with the organisation's hint.
      await (await inputLabelled(popup.page, 'New passphrase')).type('correct horse battery');
      await (await inputLabelled(popup.page, 'New passphrase again')).type('correct horse battery');
      await popup.button('Set passphrase').click();
      await popup.page.waitForFunction(
        (hint) => document.querySelector('#lock-error')?.textContent === `This passphrase does not follow your organisation's rule: ${hint}`,
        { polling: 100, timeout: 30_000 },
        HINT,
      );

      for (const label of ['New passphrase', 'New passphrase again']) {
        const field = await inputLabelled(popup.page, label);
        // Emptied, then typed: the form reads what the input events carry.
        await field.evaluate((input) => (input.value = ''));
        await field.type('correct horse battery 42');
      }
      await popup.button('Set passphrase').click();
      // The popup starts over on the (empty) account list, with its first-run offers.
      // (It reloads itself, so asked by text, which survives the navigation, not by a held node.)
      await popup.page.waitForFunction(
        () => [...document.querySelectorAll('button')].some((button) => button.textContent?.trim() === 'Enter a setup key'),
        { polling: 100, timeout: 30_000 },
      );
      expect((await send(popup.page, 'listAccounts')).ok).toBe(true);
      const removal = await send(popup.page, 'removePassphrase', { passphrase: 'correct horse battery 42' });
      expect(removal.error?.code).toBe('passphrase-removal-refused');
    });
  });
});

test.describe('a policy that changes while Firefox is closed (issue 12)', () => {
  test('tightened while closed: after the restart no export or fill gets through, and the popup offers no Fill', async ({ site }) => {
    test.setTimeout(150_000);
    await skipWithoutPolicyFile();
    // Installed for good, so that it outlives the restart (support/firefox.ts, installInProfile).
    const profile = await KeptFirefoxProfile.create(TEST_HOSTS);
    try {
      let { firefox } = await profile.start();
      const popup = await FirefoxPopup.open(firefox);
      await popup.addAndConfirm({ issuer: 'Example', account: 'alice', secret: SECRET, sites: ['example.test'] });
      const [account] = (await send(popup.page, 'listAccounts')).value as Array<{ id: string }>;
      // The control: without a policy the secret leaves, and the background has stored "no policy".
      expect((await send(popup.page, 'exportOtpauthUris')).ok).toBe(true);

      ({ firefox } = await startingUnderPolicy(profile.addonId, { disableExport: true, disableAutofill: true }, () => profile.start()));
      const tab = await firefox.browser.newPage();
      await tab.goto(site('example.test', '/autofill/plain.html'), { waitUntil: 'load' });
      const opened = await FirefoxPopup.openOn(firefox, tab);
      const tabId = Number(new URL(opened.page.url()).searchParams.get('tab'));
      const [exported, filled] = await Promise.all([
        send(opened.page, 'exportOtpauthUris'),
        send(opened.page, 'fillCode', { id: account!.id, tabId }),
      ]);
      expect(exported.error?.code).toBe('export-disabled');
      expect(JSON.stringify(exported)).not.toContain(SECRET);
      expect(filled.error?.code).toBe('autofill-disabled');
      expect(await tab.$eval('#otp', (input) => (input as HTMLInputElement).value)).toBe('');
      await expect.poll(() => opened.names()).toEqual(['Example']);
      expect(await opened.page.$('[aria-label="Fill the code for Example into this page"]')).toBeNull();
    } finally {
      await profile.remove();
    }
  });
});
