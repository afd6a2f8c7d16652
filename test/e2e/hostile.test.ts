/**
 * A panel nothing can crash: a raw server sends a real socket.io-client 4 page frames meant to break an inspector
 * (100,000 nested arrays, 50,000 event names made per request, a 1 MiB string, a 30-digit ack id, invalid JSON, a
 * BINARY_EVENT declaring a million attachments). The panel keeps working in both browsers: no view fails, the
 * toolbar, the filter, the details and the event counts respond, and Export gives a file with every packet (the page
 * runs under an idle budget that holds them all before the panel opens).
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Page } from 'puppeteer-core';
import {
  CASES,
  DEPTH,
  EVENT_NAMES,
  HUGE_ACK_ID,
  LONG_CHARS,
  startHostileServer,
  type HostileServer,
} from '../apps/hostile-server';
import { describeInBrowsers } from './browsers';
import {
  buttonNames,
  exportFromPanel,
  fillField,
  pressButton,
  readPacketRows,
  selectPacket,
  showView,
} from './panel-page';
import { storeSettings } from './stored-settings';
import { waitFor } from './wait';

const LOAD_MS = 60_000;
/** About 20 MB of records arrive before the panel opens: more than the default idle budget keeps. */
const IDLE_BUDGET = 64 * 1024 * 1024;

/** The text of the panel's element with this accessible name (aria-label). */
const labelled = (panel: Page, name: string) =>
  panel.evaluate((label) => document.querySelector(`[aria-label="${label}"]`)?.textContent ?? '', name);

/** The views that failed (their error boundaries' alerts). */
const failedViews = (panel: Page) =>
  panel.evaluate(() =>
    Array.from(document.querySelectorAll('[role="alert"][aria-label$=" failed"]'), (alert) => alert.textContent ?? ''),
  );

/** Filters the timeline to `text` and selects the one row left; returns the details' text. */
async function filterAndSelect(panel: Page, text: string, name: string): Promise<string> {
  await fillField(panel, 'Filter', text);
  const rows = await waitFor(
    `the filter "${text}" to leave the ${name} row`,
    () => readPacketRows(panel),
    (shown) => shown.length > 0 && shown.every((row) => row.data.includes(text) || row.name === name),
  );
  return selectPacket(panel, rows.find((row) => row.name === name)!.rowIndex);
}

describeInBrowsers(
  (browserName) => `hostile frames in ${browserName}`,
  (extension) => {
    it('leave the panel working: toolbar, filter, details, event counts, and a complete export', async (t) => {
      await storeSettings(extension, { idleBudgetBytes: IDLE_BUDGET });
      t.after(() => storeSettings(extension, undefined));
      const server: HostileServer = await startHostileServer();
      const page = await extension.browser.newPage();
      try {
        await page.goto(server.url, { waitUntil: 'domcontentloaded' });
        await waitFor('the server to send every hostile frame', () => server.done(), Boolean, LOAD_MS);
        await waitFor(
          'the page to receive the last event',
          () => page.evaluate(() => (window as never as { received: Record<string, number> }).received.main),
          (count) => count === EVENT_NAMES + 5,
          LOAD_MS,
        );
        const expected = CASES.reduce((sum, name) => sum + server.frames[name].length, 0);

        const panel = await extension.openPanelFor(server.url);
        await waitFor(
          `the panel to decode all ${expected} packets`,
          () => labelled(panel, 'Shown packets'),
          (text) => text === `${expected} packets`,
          LOAD_MS,
        );
        assert.deepEqual(await failedViews(panel), []);

        // The toolbar responds.
        await pressButton(panel, 'Pause');
        await waitFor(
          'Pause to become Resume',
          () => buttonNames(panel),
          (names) => names.includes('Resume'),
        );
        await pressButton(panel, 'Resume');
        await waitFor(
          'Resume to become Pause',
          () => buttonNames(panel),
          (names) => names.includes('Pause'),
        );
        await showView(panel, 'Raw frames');
        // The newest rows (the view follows them): the deep frame and the huge ack id among them, each cut.
        const frames = await waitFor(
          'the raw frames',
          () =>
            panel.evaluate(() =>
              Array.from(
                document.querySelectorAll('table[aria-label="Captured frames"] tbody tr'),
                (row) => row.textContent ?? '',
              ),
            ),
          (rows) => rows.some((row) => row.includes('"deep"')),
          LOAD_MS,
        );
        assert.ok(
          frames.every((row) => row.length <= 10_200),
          'each raw frame is shown cut to one line',
        );
        await showView(panel, 'Packets');

        // The filter and the details, on each hostile packet.
        assert.match(await filterAndSelect(panel, '"deep"', 'deep'), /Eventdeep/);
        const [deep] = await readPacketRows(panel);
        assert.match(deep.data, /… nested deeper than 64 levels/);
        assert.match(await filterAndSelect(panel, '"long"', 'long'), /… [\d,]+ more characters/);
        assert.ok((await readPacketRows(panel))[0].data.length < 400, 'the row shows a prefix of the megabyte');
        assert.match(await filterAndSelect(panel, '"acked"', 'acked'), new RegExp(`Ack id${HUGE_ACK_ID}`));
        assert.match(await filterAndSelect(panel, '"bad"', 'bad'), /JSON|invalid/i);
        await fillField(panel, 'Filter', '');

        // The event counts: the most frequent names, the total, and a search.
        const names = await waitFor(
          'the event names total',
          () => labelled(panel, 'Event names'),
          // The main case's names, and "bad": an EVENT whose arguments are not JSON keeps the name its head gave.
          (text) => text.startsWith(`${(EVENT_NAMES + 6).toLocaleString('en')} event names`),
        );
        assert.match(names, /\(top 100 shown\)$/);
        await fillField(panel, 'Search events', 'res:');
        await waitFor(
          'the event search',
          () => labelled(panel, 'Event names'),
          (text) => text.startsWith(`${EVENT_NAMES.toLocaleString('en')} of`),
        );
        assert.deepEqual(await failedViews(panel), []);

        // Export: a file with every packet, the hostile ones whole.
        const exported = await exportFromPanel(panel);
        assert.equal(exported.packets.length, expected, 'every packet is in the export');
        const events = exported.packets.map((packet) => packet.sio?.event);
        assert.equal(events.filter((event) => String(event).startsWith('res:')).length, EVENT_NAMES);
        const long = exported.packets.find((packet) => packet.sio?.event === 'long');
        assert.equal((long?.sio?.args?.[0] as string).length, LONG_CHARS);
        const acked = exported.packets.find((packet) => packet.sio?.event === 'acked');
        assert.equal(acked?.sio?.id, HUGE_ACK_ID);
        const deepArgs = exported.packets.find((packet) => packet.sio?.event === 'deep')?.sio?.args;
        let depth = 0;
        for (let at: unknown = deepArgs?.[0]; Array.isArray(at); at = at[0]) depth++;
        assert.equal(depth, DEPTH, 'the deep packet is exported whole');
        await panel.close();
      } finally {
        await page.close();
        await server.close();
      }
    });
  },
);
