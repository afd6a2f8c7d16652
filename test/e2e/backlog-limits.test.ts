/**
 * The backlog is bounded by the limits in the extension's storage: a page that captured more records than the
 * limit before the panel opened shows the newest ones, and the panel says how many earlier ones were not kept.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Page } from 'puppeteer-core';
import { startEchoServer, type EchoServer } from '../apps/echo-server';
import { describeInBrowsers, navigate } from './browsers';
import { exportFromPanel } from './panel-page';
import { waitFor } from './wait';

const MAX_RECORDS = 20;
const FLOOD = 200;

/** Sets (or with undefined, removes) the backlog's record limit from an extension page. */
function setMaxRecords(extensionPage: Page, value: number | undefined): Promise<void> {
  return extensionPage.evaluate(async (limit) => {
    type Storage = { storage: { local: { set(items: object): Promise<void>; remove(key: string): Promise<void> } } };
    const scope = globalThis as never as { browser?: Storage; chrome: Storage };
    const api = scope.browser ?? scope.chrome;
    if (limit === null) await api.storage.local.remove('backlogMaxRecords');
    else await api.storage.local.set({ backlogMaxRecords: limit });
  }, value ?? null);
}

describeInBrowsers(
  (browserName) => `backlog limits in ${browserName}`,
  (extension) => {
    let server: EchoServer;
    before(async () => {
      server = await startEchoServer(4);
    });
    after(async () => {
      await server?.close();
    });

    it(`keeps the newest ${MAX_RECORDS} records when set so, and the panel says how many earlier ones went`, async () => {
      const settings = await extension.browser.newPage();
      await navigate(settings, `${extension.extensionOrigin}/panel.html`);
      await setMaxRecords(settings, MAX_RECORDS);
      const page = await extension.browser.newPage();
      try {
        const url = `${server.url}?client=4&transports=websocket`;
        await page.goto(url, { waitUntil: 'domcontentloaded' });
        await waitFor(
          'the page to connect',
          () => page.evaluate(() => Boolean((window as never as { echoResult?: unknown }).echoResult)),
          Boolean,
        );
        await page.evaluate(
          (count) => (window as never as { startFlood(count: number): void }).startFlood(count),
          FLOOD,
        );
        await waitFor(
          'the page to receive the flood',
          () => page.evaluate(() => (window as never as { floodResult?: unknown }).floodResult),
          Boolean,
        );

        const panel = await extension.openPanelFor(url);
        const notKept = await waitFor(
          'the panel to say how many records were not kept',
          () => panel.evaluate(() => document.querySelector('header .warning')?.textContent ?? ''),
          (text) => /^\d+ earlier records not kept/.test(text),
        );
        await waitFor(
          `the panel to show the ${MAX_RECORDS} records kept`,
          () => panel.evaluate(() => document.querySelector('[aria-label="Captured records"]')?.textContent),
          (count) => count === `${MAX_RECORDS} rows`,
        );
        assert.ok(Number.parseInt(notKept, 10) >= FLOOD - MAX_RECORDS, notKept);
        const ticks = (await exportFromPanel(panel)).packets
          .filter((packet) => packet.sio?.event === 'tick')
          .map((packet) => packet.sio!.args![0]);
        assert.deepEqual(
          ticks,
          Array.from({ length: MAX_RECORDS }, (_, index) => FLOOD - MAX_RECORDS + index),
          'the newest records are the ones kept',
        );
        await panel.close();
      } finally {
        await setMaxRecords(settings, undefined);
        await settings.close();
        await page.close();
      }
    });
  },
);
