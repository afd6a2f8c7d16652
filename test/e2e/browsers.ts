/**
 * Launches Debian's Chromium or Firefox ESR with the built extension (dist/) through puppeteer-core, and opens the
 * panel in a tab attached to a page's tab. Recipes: ../shared/TESTING.md.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe } from 'node:test';
import puppeteer, { TargetType, type Browser, type LaunchOptions, type Page } from 'puppeteer-core';
import { waitFor } from './wait';

export type BrowserName = 'chromium' | 'firefox';
export const BROWSERS: BrowserName[] = ['chromium', 'firefox'];

export const DIST = fileURLToPath(new URL('../../dist', import.meta.url));
const EXECUTABLES: Record<BrowserName, { path: string; package: string }> = {
  chromium: { path: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', package: 'chromium' },
  firefox: { path: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr', package: 'firefox-esr' },
};
/** A fixed internal UUID, so the extension's pages have a known moz-extension:// origin in Firefox. */
const FIREFOX_UUID = '6b0d3a4e-7c1f-4d2b-9a55-1f0e2c3d4b5a';

export interface ExtensionBrowser {
  name: BrowserName;
  browser: Browser;
  /** `chrome-extension://<id>` or `moz-extension://<uuid>`. */
  extensionOrigin: string;
  /** Opens the panel in a new tab, attached to the tab that shows `pageUrl`. */
  openPanelFor(pageUrl: string): Promise<Page>;
  close(): Promise<void>;
}

function requireBuiltExtension(): void {
  if (!existsSync(join(DIST, 'manifest.json')))
    throw new Error(`No built extension in ${DIST}: run \`npm run build\` first.`);
}

function requireExecutable(name: BrowserName): string {
  const { path, package: debianPackage } = EXECUTABLES[name];
  if (!existsSync(path)) {
    throw new Error(
      `${name} is not installed at ${path}. Install Debian's browser with ` +
        `\`apt-get update && apt-get install -y --no-install-recommends ${debianPackage}\` ` +
        `(or set ${name === 'chromium' ? 'CHROMIUM_PATH' : 'FIREFOX_PATH'}).`,
    );
  }
  return path;
}

function geckoId(): string {
  const manifest = JSON.parse(readFileSync(join(DIST, 'manifest.json'), 'utf8')) as {
    browser_specific_settings: { gecko: { id: string } };
  };
  return manifest.browser_specific_settings.gecko.id;
}

/**
 * Navigates without awaiting (Firefox ESR never resolves navigations to extension pages), then waits for a new document
 * at the URL to load.
 */
export async function navigate(page: Page, url: string): Promise<void> {
  // Each document has its own time origin: a navigation to the URL the page already shows (a reload) is done once a
  // new document shows it, not while the old one, already complete, still does.
  const before = await page.evaluate(() => performance.timeOrigin).catch(() => undefined);
  page.goto(url).catch(() => undefined);
  await waitFor(
    `navigation to ${url}`,
    () => page.evaluate(() => ({ href: location.href, timeOrigin: performance.timeOrigin })),
    (shown) => shown.href === url && shown.timeOrigin !== before,
  );
  await waitFor(
    `${url} to finish loading`,
    () => page.evaluate(() => document.readyState),
    (state) => state === 'complete',
  );
}

/**
 * How every test starts each browser, with or without the extension. Puppeteer does not watch the network
 * (`networkEnabled: false`): no test reads its requests, and watching them costs every page a DevTools event per
 * WebSocket frame (a CDP `Network` domain, as if DevTools were open), which the page benchmarks must not measure.
 */
function launchOptions(name: BrowserName, profile: string): LaunchOptions {
  const executablePath = requireExecutable(name);
  if (name === 'chromium') {
    return {
      executablePath,
      headless: true,
      pipe: true,
      networkEnabled: false,
      userDataDir: profile,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    };
  }
  return {
    browser: 'firefox',
    executablePath,
    headless: true,
    networkEnabled: false,
    userDataDir: profile,
    args: ['--remote-allow-system-access'],
  };
}

async function launchBrowser(
  name: BrowserName,
  profile: string,
): Promise<{ browser: Browser; extensionOrigin: string }> {
  if (name === 'chromium') {
    const browser = await puppeteer.launch({ ...launchOptions(name, profile), enableExtensions: [DIST] });
    const worker = await browser.waitForTarget(
      (target) => target.type() === TargetType.SERVICE_WORKER && target.url().startsWith('chrome-extension://'),
    );
    return { browser, extensionOrigin: `chrome-extension://${new URL(worker.url()).host}` };
  }
  const browser = await puppeteer.launch({
    ...launchOptions(name, profile),
    extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [geckoId()]: FIREFOX_UUID }) },
  });
  await browser.installExtension(DIST);
  return { browser, extensionOrigin: `moz-extension://${FIREFOX_UUID}` };
}

/** Closes the browser, then removes its profile. */
function closer(browser: Browser, profile: string): () => Promise<void> {
  return async () => {
    try {
      await browser.close();
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
  };
}

export async function launchWithExtension(name: BrowserName): Promise<ExtensionBrowser> {
  requireBuiltExtension();
  const profile = mkdtempSync(join(tmpdir(), `sio-inspector-${name}-`));
  const { browser, extensionOrigin } = await launchBrowser(name, profile);
  return {
    name,
    browser,
    extensionOrigin,
    async openPanelFor(pageUrl) {
      const panel = await browser.newPage();
      // Tall enough that the virtualized timeline renders every row of a test's capture (a few dozen packets).
      await panel.setViewport({ width: 1400, height: 2400 });
      await navigate(panel, `${extensionOrigin}/panel.html`);
      const tabId = await waitFor(
        `the tab picker to list ${pageUrl}`,
        () =>
          panel.evaluate(
            (url) => document.querySelector(`a[data-url="${CSS.escape(url)}"]`)?.getAttribute('data-tab-id') ?? null,
            pageUrl,
          ),
        (id) => id !== null,
      );
      await navigate(panel, `${extensionOrigin}/panel.html?tabId=${tabId}`);
      return panel;
    },
    close: closer(browser, profile),
  };
}

export interface PlainBrowser {
  name: BrowserName;
  browser: Browser;
  close(): Promise<void>;
}

/** The same browser, started the same way, without the extension: the baseline a page must not tell apart. */
export async function launchPlain(name: BrowserName): Promise<PlainBrowser> {
  const profile = mkdtempSync(join(tmpdir(), `sio-inspector-plain-${name}-`));
  const browser = await puppeteer.launch(launchOptions(name, profile));
  return { name, browser, close: closer(browser, profile) };
}

/**
 * One suite per browser, whose tests share one browser with the extension, launched before them and closed after.
 * `body` gets that browser (usable inside the tests) and the browser's name.
 */
export function describeInBrowsers(
  title: (name: BrowserName) => string,
  body: (extension: ExtensionBrowser, name: BrowserName) => void,
): void {
  for (const name of BROWSERS) {
    describe(title(name), () => {
      let launched: ExtensionBrowser | undefined;
      const running = (): ExtensionBrowser => {
        if (!launched) throw new Error(`${name} is not running: use the extension inside tests only`);
        return launched;
      };
      before(async () => {
        launched = await launchWithExtension(name);
      });
      after(async () => {
        await launched?.close();
      });
      body(
        {
          name,
          get browser() {
            return running().browser;
          },
          get extensionOrigin() {
            return running().extensionOrigin;
          },
          openPanelFor: (pageUrl) => running().openPanelFor(pageUrl),
          close: () => running().close(),
        },
        name,
      );
    });
  }
}
