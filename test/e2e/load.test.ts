/**
 * Load: a server pushes 100,000 small events as fast as it can while the panel is open; the panel holds them unread
 * while the flood lasts and says so (or shows them as they come once asked to, or with Hold floods off), and every
 * one reaches the panel, once and in order, as its export shows (an export made while it holds too). And a burst of
 * frames over the size cap, before a panel is open, with an idle budget that holds them all: every one is kept,
 * truncated, with its size.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Page } from 'puppeteer-core';
import { describeInBrowsers } from './browsers';
import { loadEchoPage, useEchoServer } from './echo-page';
import { exportFromPanel, pressButtonIfShown, readPanelRows } from './panel-page';
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

    /** The flood hold's status in the toolbar, or '' while the panel reads records as they come. */
    const holdStatus = (panel: Page) =>
      panel.evaluate(
        () =>
          [...document.querySelectorAll('.toolbar [role="status"]')]
            .map((status) => status.textContent ?? '')
            .find((text) => /^(Holding|Catching up)/.test(text)) ?? '',
      );

    /** Floods the page with EVENTS ticks; `during` runs while the page receives them. */
    async function flood(page: Page, during: () => Promise<void>): Promise<void> {
      await page.bringToFront();
      await page.evaluate(
        (count) => (window as never as { startFlood(count: number): void }).startFlood(count),
        EVENTS,
      );
      await during();
      const result = await waitFor(
        'the page to receive every event',
        () =>
          page.evaluate(() => (window as never as { floodResult?: { ticks: number; inOrder: boolean } }).floodResult),
        Boolean,
        120_000,
      );
      assert.deepEqual(result, { ticks: EVENTS, inOrder: true });
    }

    /** The ticks in the panel's export, in its order. */
    async function exportedTicks(panel: Page): Promise<number[]> {
      const exported = await exportFromPanel(panel);
      return exported.packets
        .filter((packet) => packet.sio?.event === 'tick')
        .map((packet) => packet.sio!.args![0] as number);
    }

    /** Ticks 0 to `ticks.length` - 1, each once and in order. */
    function assertInOrder(ticks: readonly number[]): void {
      const outOfOrder = ticks.findIndex((value, index) => value !== index);
      assert.equal(outOfOrder, -1, `tick ${outOfOrder} is ${ticks[outOfOrder]}`);
    }

    /** Every tick of the flood, once and in order, in the panel's export. */
    async function assertEveryTick(panel: Page): Promise<void> {
      const ticks = await waitFor(
        'the panel to have every event',
        () => exportedTicks(panel),
        (indexes) => indexes.length >= EVENTS,
        120_000,
      );
      assert.equal(ticks.length, EVENTS);
      assertInOrder(ticks);
    }

    it(`holds ${EVENTS} events pushed at full speed while they come, then shows every one, in order`, async () => {
      const url = `${echo.server.url}?client=4&transports=websocket`;
      const page = await extension.browser.newPage();
      await loadEchoPage(page, url);
      const panel = await extension.openPanelFor(url);
      // What the hold status first said, watched from before the flood: a hold that the flood's end soon ends is seen.
      await panel.evaluate(() => {
        const scope = window as never as { firstSaid?: string };
        new MutationObserver(() => {
          for (const status of document.querySelectorAll('.toolbar [role="status"]')) {
            const text = status.textContent ?? '';
            if (/^(Holding|Catching up)/.test(text)) scope.firstSaid ??= text;
          }
        }).observe(document.body, { subtree: true, childList: true, characterData: true });
      });
      await flood(page, async () => {
        await waitFor('the panel to say it holds the flood', () => holdStatus(panel), Boolean, 60_000);
        // An export while it holds reads what the panel holds, and waits for what the page's relay kept, first.
        const said = (await holdStatus(panel)).match(/^Holding ([\d,]+) records/)?.[1] ?? '0';
        const ticks = await exportedTicks(panel);
        const held = Number(said.replaceAll(',', ''));
        assert.ok(ticks.length >= held, `the export has ${ticks.length} ticks; the panel said it held ${held}`);
        assertInOrder(ticks);
      });
      const firstSaid = await panel.evaluate(() => (window as never as { firstSaid?: string }).firstSaid);
      assert.match(firstSaid ?? '', /^Holding [\d,]+ records while the page floods \([\d,]+\/s\)$/);
      await panel.bringToFront();
      await waitFor(
        'the panel to read what it held',
        () => holdStatus(panel),
        (text) => text === '',
        60_000,
      );
      await assertEveryTick(panel);
      await panel.close();
      await page.close();
    });

    it(`shows a flood as it comes once asked to (Show now), every one of ${EVENTS} events in order`, async () => {
      const url = `${echo.server.url}?client=4&transports=websocket`;
      const page = await extension.browser.newPage();
      await loadEchoPage(page, url);
      const panel = await extension.openPanelFor(url);
      await flood(page, async () => {
        // Pressed as soon as the panel holds (in the same task: on a slow machine a hold can end, its records read, a
        // moment after it began, and Show now goes with it).
        await waitFor(
          'the panel to hold the flood, and Show now pressed',
          () => pressButtonIfShown(panel, 'Show now'),
          Boolean,
          60_000,
        );
        assert.equal(await holdStatus(panel), '', 'what was held is read at once');
        await waitFor(
          'the flood to end, nothing held meanwhile',
          async () => {
            assert.equal(await holdStatus(panel), '', 'nothing held for the rest of that flood');
            return page.evaluate(() => (window as never as { floodResult?: unknown }).floodResult);
          },
          Boolean,
          120_000,
        );
      });
      await panel.bringToFront();
      await assertEveryTick(panel);
      await panel.close();
      await page.close();
    });

    it(`shows a flood as it comes with Hold floods off (Settings), every one of ${EVENTS} events in order`, async (t) => {
      await storeSettings(extension, { holdFloods: false });
      t.after(() => storeSettings(extension, undefined));
      const url = `${echo.server.url}?client=4&transports=websocket`;
      const page = await extension.browser.newPage();
      await loadEchoPage(page, url);
      const panel = await extension.openPanelFor(url);
      // Any hold status, however brief, is seen: the toolbar's text is watched for it from before the flood.
      await panel.evaluate(() => {
        const scope = window as never as { heldOnce?: boolean };
        new MutationObserver(() => {
          const statuses = [...document.querySelectorAll('.toolbar [role="status"]')];
          if (statuses.some((status) => /^(Holding|Catching up)/.test(status.textContent ?? ''))) scope.heldOnce = true;
        }).observe(document.body, { subtree: true, childList: true, characterData: true });
      });
      await flood(page, async () => {
        await waitFor(
          'the panel to show the flood as it comes',
          () =>
            panel.evaluate(() =>
              [...document.querySelectorAll('.timeline-body [role="row"]')].some((row) =>
                row.textContent?.includes('tick'),
              ),
            ),
          Boolean,
          60_000,
        );
      });
      await panel.bringToFront();
      await assertEveryTick(panel);
      assert.equal(await panel.evaluate(() => (window as never as { heldOnce?: boolean }).heldOnce), undefined);
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
