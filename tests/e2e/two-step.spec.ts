/**
 * privacyIDEA two-step enrollment end to end (issue 8): the fixture page (its own script is the
 * server-side oracle) shows the QR code; the real toolbar button scans it; the popup shows the
 * phone part, fills it (and copies it); the page derives the key itself and accepts only that
 * key's TOTP. The key is also derived here, independently, from the phone part the popup shows
 * (standards.md 4.3: pbkdf2_hmac('sha1', hexlify(server), client, 10000, 20)).
 */
import { createHash, pbkdf2Sync } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect, test, type ChromeGlobal, type ExtensionHarness } from './fixtures';
import { CaptureReview } from './pages/capture-review';
import { PopupPage } from './pages/popup-page';
import { ClipboardReader } from './support/clipboard';
import { base32ToBytes, totpWindow } from './support/otp-oracle';

/** The fixture's server component (tests/fixtures/site/two-step/README.md). */
const SERVER_COMPONENT = 'ZSHO3442AUYM47ZYBOOEXWLUHN4UHGBO';
const HOST = 'privacyidea.test';
const ROW = /privacyIDEA.*TOTP0002A1B2/;

type Opened = { page: Page; popup: PopupPage; review: CaptureReview };

async function openEnrollmentPage(extension: ExtensionHarness, url: string): Promise<Opened> {
  const page = await extension.context.newPage();
  await page.goto(url);
  await page.waitForLoadState('load');
  await page.locator('#qr-img').evaluate((img: HTMLImageElement) => img.decode());
  return { page, ...(await popupFor(extension, page)) };
}

async function popupFor(extension: ExtensionHarness, page: Page): Promise<{ popup: PopupPage; review: CaptureReview }> {
  const popupTab = await extension.clickToolbarButton(page);
  const popup = new PopupPage(popupTab, extension.extensionId);
  await popup.ready();
  return { popup, review: new CaptureReview(popupTab) };
}

/** Asks the worker as an extension page does; returns the wire reply. */
async function ask(popupPage: Page, name: string, payload?: unknown): Promise<{ ok: boolean; value?: any; error?: { code: string; message: string } }> {
  return popupPage.evaluate(
    async ([n, p]) => {
      const { chrome } = globalThis as unknown as ChromeGlobal;
      return chrome.runtime.sendMessage({ tessera: 1, name: n, payload: p });
    },
    [name, payload] as const,
  );
}

/** privacyIDEA's decode_base32check, independently: checksum sha1(payload)[:4], then the payload. */
function decodeBase32check(phonePart: string): Buffer {
  const data = base32ToBytes(phonePart.replace(/ /g, ''));
  const checksum = data.subarray(0, 4);
  const payload = data.subarray(4);
  expect(createHash('sha1').update(payload).digest().subarray(0, 4).equals(checksum)).toBe(true);
  return payload;
}

/** The key privacyIDEA's server derives for this client component (tests/test_api_2stepinit.py). */
function serverKey(clientComponent: Buffer): Buffer {
  const hexlified = base32ToBytes(SERVER_COMPONENT).toString('hex');
  return pbkdf2Sync(hexlified, clientComponent, 10000, 20, 'sha1');
}

test.describe('privacyIDEA two-step enrollment', () => {
  test('scan, fill the phone part, verify: the page enrolls the token; device-bound; the part survives until Done', async ({ extension, site }) => {
    const url = site(HOST, '/two-step/');
    const origin = new URL(url).origin;
    const { page, popup, review } = await openEnrollmentPage(extension, url);

    await review.scan(page);
    const item = review.item('Add privacyIDEA?');
    await expect(item).toBeVisible();
    await expect(item.locator('[data-two-step]')).toContainText('Two-step enrollment');
    expect(await review.fact(item, 'account')).toBe('TOTP0002A1B2');
    expect(await review.fact(item, 'secret-bits')).toBe('160 bits');
    expect(await review.warnings(item)).toEqual([]);
    // Device-bound by default for a two-step account.
    await expect(item.getByRole('checkbox', { name: /this device only/i })).toBeChecked();
    expect((await ask(popup.page, 'listAccounts')).value).toEqual([]);
    await item.getByRole('button', { name: 'Add', exact: true }).click();

    // The enrollment step: the phone part in groups of four (8 random bytes + 4 checksum bytes → 20 characters).
    const view = popup.page.locator('[data-enrollment]');
    await expect(view).toBeVisible();
    const phonePart = ((await view.locator('[data-phone-part]').textContent()) ?? '').trim();
    expect(phonePart).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{4}){4}$/);
    const client = decodeBase32check(phonePart);
    expect(client).toHaveLength(8);
    const key = serverKey(client);

    // Copy gives the phone part as shown.
    const clipboard = new ClipboardReader(extension.context, origin);
    await view.getByRole('button', { name: 'Copy' }).click();
    expect(await clipboard.read(popup.page)).toBe(phonePart);

    // Closing the popup before typing it loses nothing: the row offers to finish.
    await popup.page.close();
    const again = await popupFor(extension, page);
    const row = again.popup.row(ROW);
    await expect(row.getByRole('button', { name: /Finish enrollment/ })).toBeVisible();
    await row.getByRole('button', { name: /Finish enrollment/ }).click();
    await expect(again.popup.page.locator('[data-phone-part]')).toHaveText(phonePart);

    // Fill into this page: the named field, not the other empty one.
    await again.popup.page.getByRole('button', { name: 'Fill into this page' }).click();
    // Filled without the grouping spaces (privacyIDEA's web UI strips them anyway).
    await expect(page.locator('#clientpart')).toHaveValue(phonePart.replace(/ /g, ''));
    await expect(page.locator('#description')).toHaveValue('');
    await page.getByRole('button', { name: 'Enroll token' }).click();
    await expect(page.locator('body')).toHaveAttribute('data-step', '2');

    // Done deletes the phone part; the row stops asking.
    await again.popup.page.getByRole('button', { name: 'Done', exact: true }).click();
    await expect(again.popup.row(ROW)).toHaveCount(1);
    await expect(again.popup.row(ROW).getByRole('button', { name: /Finish enrollment/ })).toHaveCount(0);
    const [stored] = (await ask(again.popup.page, 'listAccounts')).value as Array<{ id: string; deviceBound: boolean; enrollment?: unknown; sites: unknown[] }>;
    expect(stored!.enrollment).toBeUndefined();
    expect((await ask(again.popup.page, 'getEnrollmentStep', { id: stored!.id })).error?.code).toBe('no-enrollment');

    // The code the popup shows is the server's derivation; Fill puts it in, the page accepts it.
    await expect(async () => {
      expect(totpWindow(key, Date.now())).toContain(await again.popup.codeOf(ROW));
    }).toPass();
    await again.popup.row(ROW).getByRole('button', { name: /Fill the code/ }).click();
    await expect(page.locator('#otp')).toHaveValue(/^\d{6}$/);
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect(page.getByRole('status')).toHaveText('Token enrolled');

    // Device-bound: no export path offers it.
    expect(stored).toMatchObject({ deviceBound: true, sites: [{ match: 'origin', origin }] });
    const list = await ask(again.popup.page, 'exportOtpauthUris');
    expect(list.ok).toBe(true);
    expect(list.value.exported).toBe(0);
    expect(list.value.text).not.toContain('TOTP0002A1B2');
    expect((await ask(again.popup.page, 'exportAccountQr', { id: stored!.id })).ok).toBe(false);
    const migration = await ask(again.popup.page, 'exportMigrationUris');
    expect(migration.value?.exported ?? 0).toBe(0);
  });

  test('the phone part fills only into the page its QR code came from', async ({ extension, site }) => {
    const { page, review, popup } = await openEnrollmentPage(extension, site(HOST, '/two-step/'));
    await review.scan(page);
    await review.item('Add privacyIDEA?').getByRole('button', { name: 'Add', exact: true }).click();
    await expect(popup.page.locator('[data-phone-part]')).toBeVisible();

    const other = await extension.context.newPage();
    await other.goto(site('acme.test', '/two-step/'));
    const elsewhere = await popupFor(extension, other);
    await elsewhere.popup.row(ROW).getByRole('button', { name: /Finish enrollment/ }).click();
    await elsewhere.popup.page.getByRole('button', { name: 'Fill into this page' }).click();
    await expect(elsewhere.popup.page.locator('[data-enrollment] [role="alert"]')).toContainText('only into the page its QR code came from');
    await expect(other.locator('#clientpart')).toHaveValue('');
  });

  test('a hostile two-step code (salt 0, difficulty 10^9) is refused with its reason; nothing is stored', async ({ extension, site }) => {
    const { page, review, popup } = await openEnrollmentPage(extension, site(HOST, '/two-step/?hostile'));
    await review.scan(page);
    const item = review.item('Two-step enrollment refused');
    await expect(item).toBeVisible();
    await expect(item).toHaveAttribute('data-reason', 'bad-two-step');
    await expect(item.locator('.capture-reason')).toContainText('2step_salt must be an integer from 1 to');
    expect((await ask(popup.page, 'listAccounts')).value).toEqual([]);
  });

  test('a pasted two-step link is completed too: device-bound, phone part to copy, nothing to fill', async ({ extension }) => {
    const popup = new PopupPage(await extension.openPopup(), extension.extensionId);
    await popup.ready();
    await popup.page.getByRole('button', { name: 'Add an account' }).click();
    await popup.page.getByRole('radio', { name: 'Paste an otpauth:// link' }).click();
    await popup.page
      .getByRole('textbox', { name: 'Link' })
      .fill(`otpauth://totp/TOTP0002A1B2?secret=${SERVER_COMPONENT}&issuer=privacyIDEA&2step_salt=8&2step_output=20&2step_difficulty=10000`);
    await expect(popup.page.locator('[data-two-step]')).toBeVisible();
    await expect(popup.page.getByRole('checkbox', { name: /this device only/i })).toBeChecked();
    await popup.page.getByRole('button', { name: 'Add account' }).click();
    await expect(popup.page.locator('[data-phone-part]')).toBeVisible();
    const phonePart = ((await popup.page.locator('[data-phone-part]').textContent()) ?? '').trim();
    const key = serverKey(decodeBase32check(phonePart));
    await expect(popup.page.getByRole('button', { name: 'Fill into this page' })).toHaveCount(0);
    await popup.page.getByRole('button', { name: 'Later' }).click();
    await expect(async () => {
      expect(totpWindow(key, Date.now())).toContain(await popup.codeOf(ROW));
    }).toPass();
    const [stored] = (await ask(popup.page, 'listAccounts')).value as Array<{ deviceBound: boolean; enrollment?: { origin: string | null } }>;
    expect(stored).toMatchObject({ deviceBound: true, enrollment: { kind: 'two-step', origin: null } });
  });
});
