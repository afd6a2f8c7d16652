/**
 * The options page governs the next page load, in both browsers: the panel's gear opens it; the panel's maximum
 * packets saved there makes a panel opened on the reloaded page let its oldest packets go and say how many; and the
 * frame size cap saved there makes the reloaded page's capture keep big frames cut (that cap is the relay's: it
 * holds once the relay reads the settings).
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { startEchoServer } from '../apps/echo-server';
import { loadEchoPage } from './echo-page';
import { describeInBrowsers } from './browsers';
import { buttonNames, pressButton, readPanelRows } from './panel-page';
import { waitFor } from './wait';

/** The options page the gear opened (a new tab), once loaded. */
async function optionsPageOf(browser: Browser, origin: string): Promise<Page> {
  const url = `${origin}/options.html`;
  // Where each tab is, read from the page itself (Firefox does not report navigations to extension pages).
  const found = await waitFor(
    'the options page to open',
    async () => {
      for (const page of await browser.pages()) {
        const href = await page.evaluate(() => location.href).catch(() => '');
        if (href === url) return page;
      }
      return undefined;
    },
    Boolean,
  );
  await waitFor(
    'the stored settings in the form (its fields are disabled until then)',
    () => found!.evaluate(() => document.getElementById('panelMaxPackets')?.matches(':disabled')),
    (disabled) => disabled === false,
  );
  return found!;
}

/** Types into the options page's field labelled `label`, or picks the option `value` of a select so named. */
async function setOption(options: Page, label: string, value: string): Promise<void> {
  await options.evaluate(
    (name, next) => {
      const byLabel = Array.from(document.querySelectorAll('label')).find((item) => item.textContent === name);
      const field = (
        byLabel ? document.getElementById(byLabel.htmlFor) : document.querySelector(`[aria-label="${name}"]`)
      ) as HTMLInputElement | HTMLSelectElement | null;
      if (!field) throw new Error(`no field labelled ${name}`);
      field.value = next;
      field.dispatchEvent(new Event(field.tagName === 'SELECT' ? 'change' : 'input', { bubbles: true }));
    },
    label,
    value,
  );
}

async function save(options: Page): Promise<void> {
  await pressButton(options, 'Save');
  await waitFor(
    'the settings to be saved',
    () => options.evaluate(() => document.querySelector('[role="status"]')?.textContent ?? ''),
    (text) => text.startsWith('Saved.'),
  );
}

/** Loads the echo page afresh and has the server send it `ticks` events and one binary event of `bytes` bytes. */
async function loadWithTraffic(page: Page, url: string, ticks: number, bytes: number): Promise<void> {
  await loadEchoPage(page, url);
  await page.evaluate((count) => (window as never as { startFlood(count: number): void }).startFlood(count), ticks);
  await waitFor(
    'the flood',
    () => page.evaluate(() => Boolean((window as never as { floodResult?: unknown }).floodResult)),
    Boolean,
  );
  await page.evaluate(
    (size) => (window as never as { startBigFlood(count: number, bytes: number): void }).startBigFlood(1, size),
    bytes,
  );
  await waitFor(
    'the big frame',
    () => page.evaluate(() => Boolean((window as never as { bigResult?: unknown }).bigResult)),
    Boolean,
  );
}

describeInBrowsers(
  (browserName) => `settings in ${browserName}`,
  (extension) => {
    it("opens from the panel's gear, and the panel's maximum packets governs the next load", async () => {
      const server = await startEchoServer(4);
      const page = await extension.browser.newPage();
      try {
        const url = `${server.url}?client=4&transports=websocket`;
        await loadWithTraffic(page, url, 10, 16);
        const first = await extension.openPanelFor(url);
        await waitFor(
          'the gear',
          () => buttonNames(first),
          (names) => names.includes('Settings'),
        );
        await pressButton(first, 'Settings');
        const options = await optionsPageOf(extension.browser, extension.extensionOrigin);
        await setOption(options, 'Maximum packets in the panel', '1,000');
        await save(options);
        await first.close();

        await page.bringToFront();
        await loadWithTraffic(page, url, 1_500, 16);
        const panel = await extension.openPanelFor(url);
        const letGo = await waitFor(
          'the panel to let its oldest packets go',
          () => panel.evaluate(() => document.querySelector('header')?.textContent ?? ''),
          (text) => /[\d,]+ oldest packets let go \(panel limit\)/.test(text),
        );
        const shown = await panel.evaluate(
          () => document.querySelector('[aria-label="Shown packets"]')?.textContent ?? '',
        );
        const kept = Number(/^(\d+) packets$/.exec(shown)?.[1]);
        assert.ok(kept > 0 && kept <= 1_000, `at most 1,000 packets kept: ${shown}`);
        const gone = Number(/([\d,]+) oldest packets let go/.exec(letGo)![1].replace(/,/g, ''));
        assert.ok(kept + gone >= 1_500, `every tick is kept or counted: ${kept} + ${gone}`);

        await pressButton(options, 'Restore defaults');
        await options.close();
        await panel.close();
      } finally {
        await page.close();
        await server.close();
      }
    });

    it('the frame size cap saved on the options page cuts big frames on the next load', async () => {
      const server = await startEchoServer(4);
      const page = await extension.browser.newPage();
      const options = await extension.browser.newPage();
      try {
        const url = `${server.url}?client=4&transports=websocket`;
        void options.goto(`${extension.extensionOrigin}/options.html`).catch(() => undefined);
        await optionsPageOf(extension.browser, extension.extensionOrigin);
        await setOption(options, 'Frame size cap', '1');
        await setOption(options, 'Frame size cap unit', 'KiB');
        await save(options);

        await loadWithTraffic(page, url, 1, 4096);
        const panel = await extension.openPanelFor(url);
        const rows = await waitFor(
          'the big frame, cut to 1 KiB',
          () => readPanelRows(panel),
          (shown) =>
            shown.some((row) => row.data.startsWith('binary ') && row.data.endsWith('(truncated, 4096 in all)')),
        );
        assert.ok(rows.some((row) => row.data.startsWith('binary 4096 B: ')));
        await pressButton(options, 'Restore defaults');
        await panel.close();
      } finally {
        await options.close();
        await page.close();
        await server.close();
      }
    });
  },
);
