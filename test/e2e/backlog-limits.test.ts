/**
 * The settings in the extension's storage govern the next page load, in both browsers: the idle budget (a flood
 * larger than it leaves the session's beginning, a marker with the count of frames let go, and the newest frames),
 * the frame size cap (a larger frame is kept truncated, with its full size), and the captured sites (a page of an
 * origin not listed is not recorded at all).
 */
import assert from 'node:assert/strict';
import { afterEach, it } from 'node:test';
import type { Page } from 'puppeteer-core';
import { startEchoServer, type EchoServer } from '../apps/echo-server';
import { describeInBrowsers, navigate, type ExtensionBrowser } from './browsers';
import { loadEchoPage, useEchoServer, type EchoWindow } from './echo-page';
import { exportFromPanel, waitForPanelRow } from './panel-page';
import { storeSettings } from './stored-settings';
import { waitFor } from './wait';

const MiB = 1024 * 1024;
const FLOOD = 40_000;

declare const window: EchoWindow;

/** Opens the echo page (socket.io 4.x over a WebSocket) at `server`, connected and done with its echoes. */
async function openEchoPage(extension: ExtensionBrowser, server: EchoServer): Promise<{ page: Page; url: string }> {
  const page = await extension.browser.newPage();
  const url = `${server.url}?client=4&transports=websocket`;
  await loadEchoPage(page, url);
  return { page, url };
}

describeInBrowsers(
  (browserName) => `settings govern the next page load in ${browserName}`,
  (extension) => {
    const echo = useEchoServer();
    afterEach(() => storeSettings(extension, undefined));

    it(`keeps the session's beginning and the newest frames within a 1 MiB idle budget, with a marker between`, async () => {
      await storeSettings(extension, { idleBudgetBytes: 1 * MiB });
      const { page, url } = await openEchoPage(extension, echo.server);
      await page.evaluate((count) => window.startFlood(count), FLOOD);
      await waitFor('the flood in the page', () => page.evaluate(() => window.floodResult), Boolean);

      const panel = await extension.openPanelFor(url);
      const ticks = await waitFor(
        'the panel to have the newest tick',
        async () =>
          (await exportFromPanel(panel)).packets
            .filter((packet) => packet.sio?.event === 'tick')
            .map((packet) => packet.sio!.args![0] as number),
        (shown) => shown.at(-1) === FLOOD - 1,
      );
      const headEnd = ticks.findIndex((tick, index) => tick !== index);
      assert.ok(headEnd > 0, `the first ticks are the session's beginning: ${ticks.slice(0, 8).join(',')}`);
      const newest = ticks.slice(headEnd);
      assert.deepEqual(
        newest,
        Array.from({ length: newest.length }, (_, index) => FLOOD - newest.length + index),
        'then the newest ticks, every one, in order',
      );
      const notKept = (FLOOD - headEnd - newest.length).toLocaleString('en-US');
      await waitForPanelRow(panel, 'the marker', (row) => row.data === `${notKept} frames not kept: backlog budget`);
      await panel.close();
      await page.close();
    });

    it('keeps a frame over the size cap truncated to it, with its full size', async () => {
      await storeSettings(extension, { maxFrameSize: 1024 });
      const { page, url } = await openEchoPage(extension, echo.server);
      await page.evaluate(() => window.startBigFlood(1, 5000));
      await waitFor('the binary event in the page', () => page.evaluate(() => window.bigResult), Boolean);

      const panel = await extension.openPanelFor(url);
      const row = await waitForPanelRow(panel, 'the binary frame', (shown) => shown.data.startsWith('binary 5000 B'));
      assert.match(row.data, /… \(truncated, 5000 in all\)$/);
      const kept = await waitForPanelRow(panel, 'the echo', (shown) => shown.data.includes('"echoed","héllo"'));
      assert.doesNotMatch(kept.data, /truncated/, 'frames under the cap are whole');
      await panel.close();
      await page.close();
    });

    it('records nothing on a page whose origin is not listed, and everything on one that is', async () => {
      const other = await startEchoServer(4);
      try {
        await storeSettings(extension, {
          capturedSites: { mode: 'listed', origins: [new URL(echo.server.url).origin] },
        });
        const unlisted = await openEchoPage(extension, other);
        const listed = await openEchoPage(extension, echo.server);
        const picker = await extension.browser.newPage();
        await navigate(picker, `${extension.extensionOrigin}/panel.html`);
        const listedTabs = () =>
          picker.evaluate(() =>
            Array.from(document.querySelectorAll('a[data-url]'), (link) => link.getAttribute('data-url')),
          );
        await waitFor('the listed page in the tab picker', listedTabs, (urls) => urls.includes(listed.url));
        assert.ok(!(await listedTabs()).includes(unlisted.url), 'the page of an unlisted origin is not captured');
        await picker.close();
        await unlisted.page.close();
        await listed.page.close();
      } finally {
        await other.close();
      }
    });
  },
);
