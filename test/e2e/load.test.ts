/**
 * Load: a server pushes 100,000 small events as fast as it can while the panel is open; every one reaches the
 * panel, once and in order, as its export shows. And a burst of frames over the size cap, before a panel is open,
 * with an idle budget that holds them all: every one is kept, truncated, with its size.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeInBrowsers } from './browsers';
import { loadEchoPage, useEchoServer } from './echo-page';
import { exportFromPanel, readPanelRows } from './panel-page';
import { storeSettings } from './stored-settings';
import { waitFor } from './wait';

const EVENTS = 100_000;
/** Frames over the default 4 MiB cap (maxFrameSize): together, far more than the relay takes in one message. */
const BIG_FRAMES = 16;
const BIG_FRAME_BYTES = 4 * 1024 * 1024 + 1024;
/** An idle budget that holds them all (about 90 MB of base64), set for that test only. */
const BIG_BUDGET = 256 * 1024 * 1024;

describeInBrowsers(
  (browserName) => `load in ${browserName}`,
  (extension) => {
    const echo = useEchoServer();

    it(`every one of ${EVENTS} events pushed at full speed reaches the panel, in order`, async () => {
      const url = `${echo.server.url}?client=4&transports=websocket`;
      const page = await extension.browser.newPage();
      await loadEchoPage(page, url);
      const panel = await extension.openPanelFor(url);
      await page.bringToFront();
      await page.evaluate(
        (count) => (window as never as { startFlood(count: number): void }).startFlood(count),
        EVENTS,
      );
      const result = await waitFor(
        'the page to receive every event',
        () =>
          page.evaluate(() => (window as never as { floodResult?: { ticks: number; inOrder: boolean } }).floodResult),
        Boolean,
        120_000,
      );
      assert.deepEqual(result, { ticks: EVENTS, inOrder: true });

      await panel.bringToFront();
      const ticks = await waitFor(
        'the panel to have every event',
        async () => {
          const exported = await exportFromPanel(panel);
          return exported.packets
            .filter((packet) => packet.sio?.event === 'tick')
            .map((packet) => packet.sio!.args![0] as number);
        },
        (indexes) => indexes.length >= EVENTS,
        120_000,
      );
      assert.equal(ticks.length, EVENTS);
      const outOfOrder = ticks.findIndex((value, index) => value !== index);
      assert.equal(outOfOrder, -1, `tick ${outOfOrder} is ${ticks[outOfOrder]}`);
      await panel.close();
      await page.close();
    });

    it(`keeps each of ${BIG_FRAMES} binary frames over the size cap, pushed before the panel opens, truncated with its size`, async (t) => {
      await storeSettings(extension, { idleBudgetBytes: BIG_BUDGET });
      t.after(() => storeSettings(extension, undefined));
      const url = `${echo.server.url}?client=4&transports=websocket&big`;
      const page = await extension.browser.newPage();
      await loadEchoPage(page, url);
      await page.evaluate(
        (count, bytes) =>
          (window as never as { startBigFlood(count: number, bytes: number): void }).startBigFlood(count, bytes),
        BIG_FRAMES,
        BIG_FRAME_BYTES,
      );
      const result = await waitFor(
        'the page to receive every frame',
        () => page.evaluate(() => (window as never as { bigResult?: unknown }).bigResult),
        Boolean,
        60_000,
      );
      assert.deepEqual(result, { frames: BIG_FRAMES, bytes: BIG_FRAME_BYTES });

      const panel = await extension.openPanelFor(url);
      const binaryRows = (rows: { data: string }[]) => rows.filter((row) => row.data.startsWith('binary '));
      const rows = binaryRows(
        await waitFor(
          'the panel to show every big frame',
          () => readPanelRows(panel),
          (shown) => binaryRows(shown).length >= BIG_FRAMES,
          60_000,
        ),
      );
      const fill = (index: number) => index.toString(16).padStart(2, '0');
      assert.deepEqual(
        rows.map((row) => row.data.replace(/^(binary \d+ B: \S+) .* (… \(truncated, \d+ in all\))$/, '$1 $2')),
        Array.from(
          { length: BIG_FRAMES },
          (_, index) => `binary ${BIG_FRAME_BYTES} B: ${fill(index)} … (truncated, ${BIG_FRAME_BYTES} in all)`,
        ),
        'every frame once, in order, truncated, with its size',
      );
      await panel.close();
      await page.close();
    });
  },
);
