/**
 * Before a panel listens, a plain (non-Engine.IO) WebSocket keeps its open record and its first frames; the frames
 * after those are not recorded at all, only counted, and a panel opened later shows one marker for them; from then on
 * everything is recorded, in both browsers.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { startPlainSocketServer, type PlainSocketServer } from '../apps/plain-socket/server';
import { describeInBrowsers } from './browsers';
import { readPanelRows, waitForPanelRow } from './panel-page';
import { waitFor } from './wait';

interface PlainWindow {
  plain: { open: boolean; sent: number; echoes: number };
  sendPlain(count: number): void;
}
declare const window: PlainWindow;

const BEFORE = 30;
const AFTER = 5;

describeInBrowsers(
  (browserName) => `a plain WebSocket in ${browserName}`,
  (extension) => {
    let server: PlainSocketServer;
    before(async () => {
      server = await startPlainSocketServer();
    });
    after(async () => {
      await server?.close();
    });

    it('keeps its first frames, counts the others until a panel listens, then records everything', async () => {
      const page = await extension.browser.newPage();
      await page.goto(server.url);
      await waitFor('the socket to open', () => page.evaluate(() => window.plain.open), Boolean);
      await page.evaluate((count) => window.sendPlain(count), BEFORE);
      await waitFor(
        'the echoes',
        () => page.evaluate(() => window.plain.echoes),
        (echoes) => echoes === BEFORE,
      );

      const panel = await extension.openPanelFor(server.url);
      await waitForPanelRow(panel, 'the marker', (row) => row.data.includes('frames not recorded'));
      await page.evaluate((count) => window.sendPlain(count), AFTER);
      await waitForPanelRow(
        panel,
        'the last echo',
        (row) => row.direction === 'received' && row.data === `plain ${BEFORE + AFTER - 1}`,
      );
      const rows = (await readPanelRows(panel)).map((row) => `${row.direction} ${row.data}`.trim());
      const sent = (from: number, count: number) =>
        Array.from({ length: count }, (_, index) => `sent plain ${from + index}`);
      const echoed = (from: number, count: number) =>
        Array.from({ length: count }, (_, index) => `received plain ${from + index}`);
      const unrecorded = (2 * BEFORE - 20).toLocaleString('en-US');
      assert.deepEqual(rows.slice(0, 21), [`open ${server.url.replace('http', 'ws')}echo`, ...sent(0, 20)]);
      assert.match(
        rows[21],
        new RegExp(`^${unrecorded} frames not recorded: plain WebSocket, no panel open \\(\\d+ in all\\)$`),
      );
      assert.deepEqual(rows.slice(22).sort(), [...sent(BEFORE, AFTER), ...echoed(BEFORE, AFTER)].sort());
      await panel.close();
      await page.close();
    });
  },
);
