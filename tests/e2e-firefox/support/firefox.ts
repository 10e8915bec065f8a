/**
 * Firefox ESR with the production Firefox build installed, driven by puppeteer-core over
 * WebDriver BiDi (Playwright's own Firefox cannot be downloaded here; geckodriver is not
 * available).
 *
 * BiDi refuses to navigate a tab to a `moz-extension://` URL, and an add-on's pages live under
 * a random per-install UUID. So Firefox starts with `--remote-allow-system-access`, which lets
 * BiDi evaluate scripts in the browser window itself (chrome scope). From there the harness
 * reads the UUID Firefox gave this install (`WebExtensionPolicy.mozExtensionHostname`) and does
 * what a person's hands would: load an extension page into a tab as typing its address does,
 * click the toolbar button on a tab (which grants `activeTab`), press a shortcut, choose a
 * context-menu item, read the clipboard, and stop the event page the way Firefox does when it
 * idles. Nothing of this is in the extension: the suite runs the very files
 * `npm run zip:firefox` uploads.
 *
 * Starting Firefox is the slow part (3–20 s), so one Firefox serves a test worker and each test
 * installs the add-on afresh and uninstalls it after. Firefox then deletes what it stored
 * (IndexedDB, storage.local/session, alarms, menus, granted permissions), and the next install
 * gets a new UUID, hence a new origin that could not reach an old database anyway.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

export const DEFAULT_FIREFOX_EXTENSION_DIR = path.join(repoRoot, '.output/firefox-mv3');
export const DEFAULT_FIREFOX_PATH = '/usr/bin/firefox-esr';

export function firefoxPath(): string {
  return process.env.FIREFOX_PATH || DEFAULT_FIREFOX_PATH;
}

/** Says how to get Firefox when it is missing; null when it exists. */
export function missingFirefoxMessage(executable = firefoxPath()): string | null {
  if (existsSync(executable)) return null;
  return [
    `Firefox was not found at ${executable}.`,
    'Install it (Debian/Ubuntu):  sudo apt-get update && sudo apt-get install -y firefox-esr',
    'or point FIREFOX_PATH at a Firefox 140 or newer.',
  ].join('\n');
}

/** The add-on id the build declares (`browser_specific_settings.gecko.id`). */
export function addonIdOf(extensionDir: string): string {
  const manifest = JSON.parse(readFileSync(path.join(extensionDir, 'manifest.json'), 'utf8'));
  const id: unknown = manifest.browser_specific_settings?.gecko?.id;
  if (typeof id !== 'string') throw new Error(`${extensionDir}/manifest.json declares no gecko id.`);
  return id;
}

/** The BiDi connection under puppeteer's `Browser`: the one internal the harness needs. */
interface BidiConnection {
  send(method: string, params: object): Promise<{ result: any }>;
}

export interface FirefoxLaunchOptions {
  /** Host names resolved to 127.0.0.1 (Firefox takes a list, not a wildcard). */
  hosts: readonly string[];
  headless?: boolean;
  /**
   * A profile kept from one launch to the next (a browser restart), with Tessera installed in it
   * for good by `installInProfile`; a fresh temporary profile when unset.
   */
  profileDir?: string;
}

/**
 * Installs the build in `extensionDir` into the profile for good, as an install from
 * addons.mozilla.org is, rather than as a temporary add-on (which Firefox removes when it quits,
 * so no test of a restart could use one): an extension proxy file in the profile's `extensions/`
 * folder, named after the add-on id and holding the build's path, which Firefox reads when it
 * starts. Firefox then starts the add-on at every launch of that profile and keeps its
 * per-install UUID and what it stored, as for any installed add-on. The
 * build is unsigned: `FirefoxSession.launch({ profileDir })` sets the two preferences that let
 * such an add-on load without a prompt (ESR honours them; release Firefox does not).
 */
export async function installInProfile(profileDir: string, extensionDir: string): Promise<string> {
  const addonId = addonIdOf(extensionDir);
  await mkdir(path.join(profileDir, 'extensions'), { recursive: true });
  await writeFile(path.join(profileDir, 'extensions', addonId), `${path.resolve(extensionDir)}\n`);
  return addonId;
}

/** One Firefox ESR under BiDi, with access to its browser window's chrome scope. */
export class FirefoxSession {
  private constructor(
    readonly browser: Browser,
    private readonly chromeContext: string,
  ) {}

  static async launch(options: FirefoxLaunchOptions): Promise<FirefoxSession> {
    const browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: firefoxPath(),
      headless: options.headless ?? !process.env.HEADED,
      // The fixture server's certificate is self-signed.
      acceptInsecureCerts: true,
      args: ['--remote-allow-system-access'],
      ...(options.profileDir ? { userDataDir: options.profileDir } : {}),
      extraPrefsFirefox: {
        'network.dns.localDomains': options.hosts.join(','),
        // Optional permissions (clipboardRead, https://*/*) are granted without the doorhanger,
        // which BiDi cannot click: it stands for the person's "Allow".
        'extensions.webextOptionalPermissionPrompts': false,
        // The add-on `installInProfile` put in the profile: unsigned, and found in the profile's
        // folder, which Firefox would otherwise leave disabled until the person confirms it.
        ...(options.profileDir ? { 'xpinstall.signatures.required': false, 'extensions.autoDisableScopes': 0 } : {}),
      },
    });
    try {
      const tree = await connectionOf(browser).send('browsingContext.getTree', { 'moz:scope': 'chrome' });
      const window = (tree.result.contexts as Array<{ context: string; url: string }>).find(
        (context) => context.url === 'chrome://browser/content/browser.xhtml',
      );
      if (!window) throw new Error('No browser window in chrome scope: is --remote-allow-system-access supported?');
      return new FirefoxSession(browser, window.context);
    } catch (error) {
      await browser.close().catch(() => {});
      throw error;
    }
  }

  /**
   * Runs `body` (JavaScript source of a function taking one JSON argument) in the browser
   * window's chrome scope and returns its JSON result. Written as source because its globals
   * (gBrowser, Services, WebExtensionPolicy) exist only there.
   */
  async chrome<T>(body: string, argument: unknown = null): Promise<T> {
    const reply = await connectionOf(this.browser).send('script.callFunction', {
      functionDeclaration: `async function (json) { return JSON.stringify((await (${body})(JSON.parse(json))) ?? null); }`,
      arguments: [{ type: 'string', value: JSON.stringify(argument) }],
      awaitPromise: true,
      target: { context: this.chromeContext },
    });
    if (reply.result.type === 'exception') throw new Error(`In chrome scope: ${reply.result.exceptionDetails.text}`);
    return JSON.parse(reply.result.result.value) as T;
  }

  /** Installs the unpacked build in `extensionDir` (a temporary add-on, as about:debugging does). */
  async install(extensionDir: string): Promise<FirefoxHarness> {
    const addonId = addonIdOf(extensionDir);
    const installed = await this.browser.installExtension(extensionDir);
    if (installed !== addonId) throw new Error(`Installed ${installed}, expected ${addonId}.`);
    const host = await this.chrome<string>(`({ addonId }) => WebExtensionPolicy.getByID(addonId).mozExtensionHostname`, { addonId });
    return new FirefoxHarness(this, addonId, `moz-extension://${host}`);
  }

  /**
   * Tessera as installed in this profile by `installInProfile`, once Firefox has started it
   * (it starts add-ons a moment after the window opens).
   */
  async installed(addonId: string, timeoutMs = 30_000): Promise<FirefoxHarness> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const host = await this.chrome<string | null>(`({ addonId }) => WebExtensionPolicy.getByID(addonId)?.mozExtensionHostname ?? null`, { addonId });
      if (host) return new FirefoxHarness(this, addonId, `moz-extension://${host}`);
      if (Date.now() > deadline) throw new Error(`${addonId} did not start within ${timeoutMs} ms of Firefox's start.`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** The address of every tab, in the order of the tab strip (including pages BiDi cannot open). */
  tabAddresses(): Promise<string[]> {
    return this.chrome<string[]>(`() => gBrowser.tabs.map((tab) => tab.linkedBrowser.currentURI.spec)`);
  }

  async close(): Promise<void> {
    await this.browser.close().catch(() => {});
  }
}

/**
 * A profile with Tessera installed in it for good (`installInProfile`), and Firefox started on
 * it, then quit and started again (a browser restart) as a test asks.
 */
export class KeptFirefoxProfile {
  private session: FirefoxSession | null = null;

  private constructor(
    readonly dir: string,
    readonly addonId: string,
    private readonly hosts: readonly string[],
  ) {}

  /** A new profile with the build `TESSERA_FIREFOX_EXTENSION_DIR` names (else `.output/firefox-mv3`) installed. */
  static async create(hosts: readonly string[]): Promise<KeptFirefoxProfile> {
    const dir = await mkdtemp(path.join(tmpdir(), 'tessera-e2e-firefox-kept-'));
    const extensionDir = process.env.TESSERA_FIREFOX_EXTENSION_DIR ?? DEFAULT_FIREFOX_EXTENSION_DIR;
    return new KeptFirefoxProfile(dir, await installInProfile(dir, extensionDir), hosts);
  }

  /** Starts Firefox on the profile (quitting the one running first) and returns Tessera in it. */
  async start(): Promise<{ session: FirefoxSession; firefox: FirefoxHarness }> {
    await this.session?.close();
    this.session = null; // not closed twice if the launch below fails
    this.session = await FirefoxSession.launch({ hosts: this.hosts, profileDir: this.dir });
    return { session: this.session, firefox: await this.session.installed(this.addonId) };
  }

  async remove(): Promise<void> {
    await this.session?.close();
    await rm(this.dir, { recursive: true, force: true });
  }
}

/** Tessera installed in a FirefoxSession, and what a person could do to it. */
export class FirefoxHarness {
  constructor(
    private readonly session: FirefoxSession,
    readonly addonId: string,
    /** `moz-extension://<uuid>`: where this install's pages live. */
    readonly origin: string,
  ) {}

  get browser(): Browser {
    return this.session.browser;
  }

  chrome<T>(body: string, argument: unknown = null): Promise<T> {
    return this.session.chrome<T>(body, argument);
  }

  /**
   * Closes every tab but one and uninstalls the add-on, which deletes everything it stored;
   * the next test installs it again into a clean state.
   */
  async uninstall(): Promise<void> {
    const pages = await this.browser.pages();
    for (const page of pages.slice(1)) await page.close().catch(() => {});
    await this.browser.uninstallExtension(this.addonId);
    const left = await this.chrome<boolean>(`({ addonId }) => WebExtensionPolicy.getByID(addonId) !== null`, { addonId: this.addonId });
    if (left) throw new Error(`${this.addonId} is still installed.`);
  }

  url(pathname: string): string {
    return `${this.origin}/${pathname.replace(/^\/+/, '')}`;
  }

  /**
   * Opens one of Tessera's pages (`popup.html`, `options.html`, …) in a new tab, in front, as a
   * person's new tab is: a tab left behind another is throttled by Firefox (timers, polling),
   * which once made each step of a test after another one's selected tab closed take seconds.
   */
  async openExtensionPage(pathname: string): Promise<Page> {
    const page = await this.browser.newPage();
    await this.selectTab(page);
    await this.loadExtensionPage(page, pathname);
    return page;
  }

  /** Loads one of Tessera's pages into `page`, as typing its address would. */
  async loadExtensionPage(page: Page, pathname: string): Promise<void> {
    const url = this.url(pathname);
    await this.chrome(
      `({ context, url }) => {
        const browser = ${NAVIGABLE}.getBrowsingContextById(context).embedderElement;
        browser.loadURI(Services.io.newURI(url), { triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() });
      }`,
      { context: contextOf(page), url },
    );
    // Puppeteer does not see chrome-initiated navigations as its own, so ask the page.
    await page.waitForFunction((expected: string) => location.href === expected && document.readyState === 'complete', { polling: 50 }, url);
  }

  /**
   * Clicks Tessera's toolbar button with `page` as the selected tab: selects the tab and grants
   * `activeTab` on it exactly as Firefox's button does (`tabManager.addActiveTabPermission`).
   * Returns the popup loaded in a tab of its own for that tab (`popup.html?tab=<id>`), which a
   * test can drive like any page (the Chromium suite does the same); `openToolbarPopup` opens the
   * real panel instead, for what the popup does for the page it was opened on.
   */
  async clickToolbarButton(page: Page): Promise<Page> {
    const tabId = await this.pressToolbarButtonOn(page);
    return this.openExtensionPage(`popup.html?tab=${tabId}`);
  }

  /**
   * Opens Firefox's own popup, the panel the toolbar button opens (`popup.html` with no
   * `?tab=`), with `page` as the selected tab: what a click on the button does (select the tab,
   * grant `activeTab`), then `action.openPopup()`. BiDi cannot reach the panel's document, but
   * Tessera's pages share its origin and process: the returned page, one of Tessera's pages in a
   * tab, reaches it through `extension.getViews({ type: 'popup' })` (pages/popup.ts,
   * `FirefoxToolbarPopup`). Its clicks there are DOM clicks, not a mouse's.
   */
  async openToolbarPopup(page: Page): Promise<Page> {
    const helper = await this.openExtensionPage('welcome.html');
    await this.pressToolbarButtonOn(page);
    const opened = await helper.evaluate(() =>
      (globalThis as unknown as { browser: { action: { openPopup(): Promise<void> } } }).browser.action.openPopup().then(
        () => 'opened',
        (error: unknown) => String(error),
      ),
    );
    if (opened !== 'opened') throw new Error(`action.openPopup() failed: ${opened}`);
    await helper.waitForFunction(
      () => {
        const [view] = (globalThis as unknown as { browser: { extension: { getViews(filter: object): Window[] } } }).browser.extension.getViews({ type: 'popup' });
        return view?.document.readyState === 'complete';
      },
      { polling: 50 },
    );
    return helper;
  }

  /** Selects `page`'s tab and grants `activeTab` on it, as Firefox's toolbar button does; returns its tab id. */
  private pressToolbarButtonOn(page: Page): Promise<number> {
    return this.chrome<number>(
      `({ context, addonId }) => {
        const tab = gBrowser.getTabForBrowser(${NAVIGABLE}.getBrowsingContextById(context).embedderElement);
        gBrowser.selectedTab = tab;
        const { tabManager } = WebExtensionPolicy.getByID(addonId).extension;
        tabManager.addActiveTabPermission(tab);
        return tabManager.getWrapper(tab).id;
      }`,
      { context: contextOf(page), addonId: this.addonId },
    );
  }

  /** Brings `page`'s tab to the front (the screenshot path of capture sees the selected tab). */
  async selectTab(page: Page): Promise<void> {
    await this.chrome(
      `({ context }) => { gBrowser.selectedTab = gBrowser.getTabForBrowser(${NAVIGABLE}.getBrowsingContextById(context).embedderElement); }`,
      { context: contextOf(page) },
    );
  }

  /**
   * Presses one of Tessera's keyboard shortcuts (`Alt+Shift+F`): runs the `<key>` element Firefox
   * registered for it in this window, which is what the key press itself runs (the shortcut
   * grants activeTab on the selected tab). BiDi key events reach the page, not the window's keys.
   */
  async pressShortcut(shortcut: string): Promise<void> {
    const parts = shortcut.split('+');
    const key = parts.pop()!;
    const modifiers = parts.map((part) => part.toLowerCase()).sort().join(',');
    await this.chrome(
      `({ widget, key, modifiers }) => {
        const keys = [...(document.getElementById('ext-keyset-id-' + widget)?.children ?? [])];
        const match = keys.find((el) => el.getAttribute('key').toUpperCase() === key.toUpperCase()
          && el.getAttribute('modifiers').split(',').sort().join(',') === modifiers);
        if (!match) throw new Error('No shortcut ' + modifiers + '+' + key + ' registered by the add-on');
        match.doCommand();
      }`,
      { widget: widgetId(this.addonId), key, modifiers },
    );
  }

  /**
   * Right-clicks `selector` in `page` (a real pointer event, so Firefox opens its own context
   * menu) and chooses Tessera's item labelled `label` in it.
   */
  async chooseContextMenuItem(page: Page, selector: string, label: string): Promise<void> {
    await this.selectTab(page);
    await page.click(selector, { button: 'right' });
    await this.chrome(
      `async ({ widget, label }) => {
        const menu = document.getElementById('contentAreaContextMenu');
        for (let i = 0; i < 100 && menu.state !== 'open'; i++) await new Promise((r) => setTimeout(r, 50));
        const item = [...menu.querySelectorAll('menuitem')].find((el) => el.id.startsWith(widget + '-menuitem-') && el.getAttribute('label') === label && !el.hidden);
        if (!item) { menu.hidePopup(); throw new Error('No visible Tessera menu item "' + label + '" (menu ' + menu.state + ')'); }
        menu.activateItem(item);
      }`,
      { widget: widgetId(this.addonId), label },
    );
  }

  /** The system clipboard's text, read by the browser itself (no page permission prompt). */
  readClipboard(): Promise<string> {
    return this.chrome<string>(`() => navigator.clipboard.readText()`);
  }

  writeClipboard(text: string): Promise<void> {
    return this.chrome(`(text) => Cc['@mozilla.org/widget/clipboardhelper;1'].getService(Ci.nsIClipboardHelper).copyString(text)`, text);
  }

  /** `starting`, `running`, `suspending` or `stopped`: the event page as Firefox tracks it. */
  backgroundState(): Promise<string> {
    return this.chrome<string>(`({ addonId }) => WebExtensionPolicy.getByID(addonId).extension.backgroundState`, { addonId: this.addonId });
  }

  /**
   * Stops the event page the way Firefox does when it idles (the same call as about:debugging's
   * "Terminate background script"); its globals are gone and the next event starts it again.
   */
  async stopBackground(): Promise<void> {
    await this.chrome(
      `async ({ addonId }) => { await WebExtensionPolicy.getByID(addonId).extension.terminateBackground({ ignoreDevToolsAttached: true }); }`,
      { addonId: this.addonId },
    );
  }

}

/** The remote agent's map from BiDi context ids to browsing contexts, in chrome scope. */
const NAVIGABLE = `ChromeUtils.importESModule('chrome://remote/content/shared/NavigableManager.sys.mjs').NavigableManager`;

function connectionOf(browser: Browser): BidiConnection {
  return (browser as unknown as { connection: BidiConnection }).connection;
}

/** How Firefox names an add-on's browser UI elements (`ExtensionCommon.makeWidgetId`). */
function widgetId(addonId: string): string {
  return addonId.toLowerCase().replace(/[^a-z0-9_-]/g, '_');
}

/** The BiDi browsing-context id of a page's top frame. */
function contextOf(page: Page): string {
  return (page.mainFrame() as unknown as { _id: string })._id;
}
