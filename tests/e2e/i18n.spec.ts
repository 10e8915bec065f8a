/**
 * Issue 16 in the browser: the production build with its English catalogue replaced by the
 * pseudo-locale (`TESSERA_PSEUDO_LOCALE=1`, scripts/i18n-pseudo.ts), where every catalogue string
 * is accented, bracketed and 35 % longer, so any plain English left on screen was written into
 * the code, and anything too long for its box overflows. Then the browser in Arabic: the
 * documents lay out right to left while codes stay left to right. Screenshots of both, light
 * and dark, go to test-results/i18n/.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, test, type ExtensionHarness } from './fixtures';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const PSEUDO_DIR = path.join(repoRoot, '.output/chrome-mv3-pseudo');
const SHOTS = path.join(repoRoot, 'test-results/i18n');

/** User data and names that are the same in every language: never catalogue text. */
const USER_DATA = [
  'GitHub',
  'alice@example.com',
  'Counter Co',
  'bob',
  'Acme',
  'Acme Cloud',
  'Work',
  'TOTP',
  'HOTP',
  'Steam',
  'SHA1',
  'SHA-256',
  'SHA-512',
  'otpauth://totp/Example:alice@example.com?secret=…',
  'JBSW Y3DP EHPK 3PXP',
];

/** The fixture server's hosts, as the capture review shows where a code was found. */
const FIXTURE_HOST = /^[a-z0-9.-]+\.test(:\d+)?$/;

/**
 * Text nodes and the `aria-label`, `title`, `placeholder` and `alt` attributes under `root` that
 * hold Latin letters but no pseudo-locale mark (accented letters, brackets, the padding dots),
 * minus user data. Runs in the page.
 */
async function untranslated(page: Page, root = 'body'): Promise<string[]> {
  return page.evaluate(
    ([selector, allowed, hostPattern]) => {
      const host = new RegExp(hostPattern);
      const pseudo = /[\u00C0-\u024F\u1E00-\u1EFF[\]·]/u;
      const found: string[] = [];
      const check = (text: string, where: string) => {
        const trimmed = text.trim();
        if (!/[A-Za-z]/.test(trimmed) || pseudo.test(trimmed) || allowed.includes(trimmed) || host.test(trimmed)) return;
        found.push(`${where}: ${trimmed}`);
      };
      const base = document.querySelector(selector)!;
      const walker = document.createTreeWalker(base, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (!parent || parent.closest('script, style, textarea, [data-code], .phone-part')) continue;
        check(node.textContent ?? '', parent.tagName.toLowerCase());
      }
      for (const element of [base, ...base.querySelectorAll('*')]) {
        for (const attribute of ['aria-label', 'title', 'placeholder', 'alt']) {
          const value = element.getAttribute(attribute);
          if (value) check(value, `${element.tagName.toLowerCase()}[${attribute}]`);
        }
      }
      return found;
    },
    [root, USER_DATA, FIXTURE_HOST.source] as const,
  );
}

/** Elements wider than their box (scrollWidth beyond clientWidth): the page itself and each of `selector`. */
async function overflowing(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((rows) => {
    const wide = (element: Element) => element.scrollWidth > element.clientWidth + 1;
    const found = wide(document.scrollingElement!) ? ['document'] : [];
    for (const element of document.querySelectorAll(rows)) {
      if (wide(element)) found.push(`${element.className}: ${element.textContent?.slice(0, 60)}`);
    }
    return found;
  }, selector);
}

async function expectTranslated(page: Page, view: string, rows = 'li, .actions, .top, .field, .check, h2'): Promise<void> {
  expect(await untranslated(page), `untranslated text in ${view}`).toEqual([]);
  expect(await overflowing(page, rows), `overflow in ${view}`).toEqual([]);
}

async function shoot(page: Page, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: path.join(SHOTS, `${name}-${scheme}.png`), fullPage: true });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/**
 * Adds accounts through the worker, as the add form would (the form itself is checked below).
 * The first is in a group, so the popup shows its group chips and the edit form a group name.
 */
async function seedAccounts(page: Page): Promise<void> {
  const uris = [
    'otpauth://totp/GitHub:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=GitHub',
    'otpauth://hotp/Counter%20Co:bob?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Counter%20Co&counter=3',
    'otpauth://totp/Acme:alice@example.com?secret=GEZDGNBVGY3TQOJQ&issuer=Acme&digits=8',
  ];
  for (const [index, uri] of uris.entries()) {
    const reply = await page.evaluate(
      ([source, deviceBound, group]) =>
        (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean }> } } }).chrome.runtime.sendMessage({
          tessera: 1,
          name: 'addAccount',
          payload: { source: { uri: source }, sites: [], deviceBound, group },
        }),
      [uri, index === 2, index === 0 ? 'Work' : null] as const,
    );
    expect(reply.ok).toBe(true);
  }
}

async function openPopup(extension: ExtensionHarness): Promise<Page> {
  const page = await extension.openPopup();
  await page.setViewportSize({ width: 360, height: 600 });
  await expect(page.locator('.loading')).toHaveCount(0);
  return page;
}

test.describe('pseudo-locale', () => {
  test.use({ extensionDir: PSEUDO_DIR });
  // Each test walks several screens, and the build below runs once per worker.
  test.describe.configure({ timeout: 120_000 });

  test.beforeAll(() => {
    test.setTimeout(120_000);
    // The production build with the pseudo-locale in place of English (wxt.config.ts).
    execFileSync('npx', ['wxt', 'build'], { cwd: repoRoot, env: { ...process.env, TESSERA_PSEUDO_LOCALE: '1' }, stdio: 'ignore' });
  });

  test('the popup says nothing outside the catalogue and nothing overflows (list, add, edit, settings)', async ({ extension }) => {
    const popup = await openPopup(extension);
    await expectTranslated(popup, 'the empty popup');
    await seedAccounts(popup);
    await popup.reload();
    await expect(popup.locator('li[data-account-id]')).toHaveCount(3);
    await expect(popup.locator('.group-filter .chip')).toHaveCount(2);
    await expectTranslated(popup, 'the account list', 'li, .actions, .top, .field, .check, h2, .group-filter');
    // A group chosen and a search that finds nothing in it: the sentence names both.
    await popup.locator('.group-filter [data-group-chip="Work"]').click();
    await popup.locator('input[type=search]').fill('999');
    await expect(popup.locator('.no-results')).toBeVisible();
    expect(await untranslated(popup), 'untranslated text in the empty group search').toEqual([]);
    await popup.locator('input[type=search]').fill('');
    await popup.locator('.group-filter [data-group-chip=""]').click();
    await shoot(popup, 'popup-list-pseudo');

    await popup.locator('#open-add').click();
    await popup.locator('details.advanced summary').click();
    await expectTranslated(popup, 'the add form');
    await shoot(popup, 'popup-add-pseudo');
    await popup.locator('.back').click();

    await popup.locator('li[data-account-id]').first().locator('.row-actions .icon-button').click();
    await expect(popup.locator('#edit-title')).toBeVisible();
    await expectTranslated(popup, 'the edit form');
    await popup.locator('#delete-account').click();
    await expectTranslated(popup, 'the delete question');
    await popup.locator('.back').click();

    await popup.locator('#open-settings').click();
    await expect(popup.locator('#settings-title')).toBeVisible();
    await expectTranslated(popup, 'the settings');
    await shoot(popup, 'popup-settings-pseudo');
  });

  test('the capture review says nothing outside the catalogue', async ({ extension, site }) => {
    const page = await extension.context.newPage();
    await page.goto(site('acme.test', '/enroll.html'));
    await page.waitForLoadState('load');
    const popup = await extension.clickToolbarButton(page);
    await popup.setViewportSize({ width: 360, height: 600 });
    await expect(popup.locator('.loading')).toHaveCount(0);
    await page.bringToFront();
    await popup.locator('#scan-page').click();
    // Reading the page's images takes a while on a loaded machine.
    await expect(popup.locator('[data-capture-item]').first()).toBeVisible({ timeout: 45_000 });
    await expectTranslated(popup, 'the capture review');
    await shoot(popup, 'capture-review-pseudo');
  });

  test('every manage section says nothing outside the catalogue', async ({ extension }) => {
    const popup = await openPopup(extension);
    await seedAccounts(popup);
    const manage = await extension.context.newPage();
    await manage.goto(extension.url('options.html'));
    await expect(manage.locator('#export')).toBeVisible();
    // Show the exports too (their headings, counts and captions are catalogue text).
    const show = manage.locator('#export .export-part > button');
    await show.first().click();
    await expect(manage.locator('#export textarea')).toBeVisible();
    await show.first().click();
    await expect(manage.locator('#export .qr-grid')).toBeVisible();
    await manage.locator('#backup input[type=password]').first().fill('short');
    await expectTranslated(manage, 'the manage page', '.manage-section, .actions, .field, li');
    await shoot(manage, 'manage-pseudo');
  });
});

test.describe('right to left', () => {
  test.use({ browserLanguage: 'ar' });

  test('in Arabic the popup and manage page are rtl, and a code stays ltr', async ({ extension }) => {
    const popup = await openPopup(extension);
    await seedAccounts(popup);
    await popup.reload();
    await expect(popup.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(popup.locator('html')).toHaveAttribute('lang', 'ar');
    const code = popup.locator('[data-code]').first();
    await expect(code).toHaveText(/\d{3} \d{3}/);
    expect(await code.evaluate((element) => getComputedStyle(element).direction)).toBe('ltr');
    // The row runs right to left: the name sits right of the code.
    const row = popup.locator('li[data-account-id]').first();
    const nameBox = (await row.locator('.row-issuer').boundingBox())!;
    const codeBox = (await code.boundingBox())!;
    expect(nameBox.x).toBeGreaterThan(codeBox.x);
    expect(await overflowing(popup, 'li, .top')).toEqual([]);
    await shoot(popup, 'popup-list-ar');

    const manage = await extension.context.newPage();
    await manage.goto(extension.url('options.html'));
    await expect(manage.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(manage.locator('#export')).toBeVisible();
    await shoot(manage, 'manage-ar');
  });
});

/** The catalogue of `language` as shipped (public/_locales): the oracle for what the browser shows. */
function catalogueOf(language: string): Record<string, { message: string }> {
  return JSON.parse(readFileSync(path.join(repoRoot, 'public/_locales', language, 'messages.json'), 'utf8'));
}

/** Words that stay in Latin letters in every language: names, standards and user data. */
const LATIN_IN_EVERY_LANGUAGE =
  /^(Tessera|QR-?|TOTP|HOTP|Steam( Guard)?|SHA-?\d+|base32|Esc|Enter|Alt|Shift|https?|[A-Z]{1,3}|otpauth:\/\/\S*|https?:\/\/\S*|Google Authenticator|Aegis|2FAS|Bitwarden|privacyIDEA|Authenticator|andOTP|[Ee]nte Auth|FreeOTP\+?|JPEG|JSON|WebP|PNG|CSV|\.?tessera|[\w.-]+\.(test|com|org))$/;

/**
 * Text in Latin letters in a non-Latin language: English left in the code, or a key the catalogue
 * lacks (the browser then shows nothing, or the key). User data and names are allowed.
 */
async function latinText(page: Page): Promise<string[]> {
  const texts = await page.evaluate(() => {
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement?.closest('script, style, textarea, [data-code], .phone-part')) continue;
      found.push(node.textContent ?? '');
    }
    for (const element of document.body.querySelectorAll('[aria-label], [placeholder], [title]')) {
      for (const attribute of ['aria-label', 'placeholder', 'title']) found.push(element.getAttribute(attribute) ?? '');
    }
    return found;
  });
  return texts
    .filter((text) => !USER_DATA.includes(text.trim()))
    .flatMap((text) => text.match(/[A-Za-z][\w.:/@-]*(?:\s+[A-Za-z][\w.:/@-]*)*/g) ?? [])
    .map((word) => word.trim().replace(/[.:]$/, ''))
    .filter((word) => !USER_DATA.includes(word) && !LATIN_IN_EVERY_LANGUAGE.test(word) && !/^(alice|bob|Work|Counter Co|Acme|GitHub)\b/.test(word));
}

/**
 * Each shipped language, with the browser's UI language set to it (issue 16's acceptance): the
 * popup, manage page and welcome page carry that catalogue's words and language tag (and
 * direction), nothing overflows its box
 * (German's long words, Russian), and the non-Latin languages show no English. Screenshots of each
 * go to test-results/i18n/ (German, Japanese and Arabic were looked at).
 */
for (const language of ['de', 'fr', 'es', 'pt_BR', 'it', 'ja', 'zh_CN', 'ru', 'ar']) {
  test.describe(`in ${language}`, () => {
    test.use({ browserLanguage: language.replace('_', '-') });

    test('the popup, manage page and welcome page speak it and nothing is cut off', async ({ extension }) => {
      const catalogue = catalogueOf(language);
      const popup = await openPopup(extension);
      await seedAccounts(popup);
      await popup.reload();
      await expect(popup.locator('li[data-account-id]')).toHaveCount(3);
      await expect(popup.locator('html')).toHaveAttribute('lang', catalogue.locale_code!.message);
      await expect(popup.getByRole('searchbox', { name: catalogue.search_label!.message })).toBeVisible();
      await expect(popup.locator('#scan-page')).toContainText(catalogue.scan_button_text!.message);
      const nonLatin = ['ja', 'zh_CN', 'ru', 'ar'].includes(language);
      if (nonLatin) expect(await latinText(popup), 'English in the account list').toEqual([]);
      expect(await overflowing(popup, 'li, .actions, .top, .field, .check, h2, .group-filter'), 'overflow in the list').toEqual([]);
      await shoot(popup, `popup-list-${language}`);

      await popup.locator('#open-add').click();
      await popup.locator('details.advanced summary').click();
      if (nonLatin) expect(await latinText(popup), 'English in the add form').toEqual([]);
      expect(await overflowing(popup, 'li, .actions, .top, .field, .check, h2'), 'overflow in the add form').toEqual([]);
      await shoot(popup, `popup-add-${language}`);
      await popup.locator('.back').click();

      await popup.locator('#open-settings').click();
      await expect(popup.locator('#settings-title')).toBeVisible();
      if (nonLatin) expect(await latinText(popup), 'English in the settings').toEqual([]);
      expect(await overflowing(popup, 'li, .actions, .top, .field, .check, h2'), 'overflow in the settings').toEqual([]);

      const manage = await extension.context.newPage();
      await manage.goto(extension.url('options.html'));
      await expect(manage.locator('#export')).toBeVisible();
      await expect(manage.locator('html')).toHaveAttribute('lang', catalogue.locale_code!.message);
      if (nonLatin) expect(await latinText(manage), 'English on the manage page').toEqual([]);
      expect(await overflowing(manage, '.manage-section, .actions, .field, li'), 'overflow on the manage page').toEqual([]);
      await shoot(manage, `manage-${language}`);

      // The first page a new user reads: the welcome page a first install opens.
      const welcome = await extension.context.newPage();
      await welcome.goto(extension.url('welcome.html'));
      await expect(welcome.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(welcome.locator('html')).toHaveAttribute('lang', catalogue.locale_code!.message);
      await expect(welcome.locator('html')).toHaveAttribute('dir', catalogue.locale_direction?.message === 'rtl' ? 'rtl' : 'ltr');
      await expect(welcome).toHaveTitle(catalogue.page_title_welcome!.message);
      if (nonLatin) expect(await latinText(welcome), 'English on the welcome page').toEqual([]);
      expect(await overflowing(welcome, 'h1, h2, h3, p, section'), 'overflow on the welcome page').toEqual([]);
      await shoot(welcome, `welcome-${language}`);
    });
  });
}
