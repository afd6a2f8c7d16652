/**
 * A tab nobody inspects costs at most its idle budget: 200,000 chat events of about 200 bytes on one socket.io 4.x
 * WebSocket, with no panel, leave the page's JS heap (the relay's isolated world shares it) within the default budget
 * of what the same page holds without the extension. A panel opened afterwards shows the session's beginning, one
 * marker saying how many frames the backlog let go, then the newest traffic, in order. (Chromium only: CDP gives the
 * page's heap.)
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Page } from 'puppeteer-core';
import { DEFAULT_SETTINGS } from '../../src/settings/schema';
import { startFloodServer, type FloodServer } from '../apps/flood/server';
import { launchPlain, launchWithExtension, type ExtensionBrowser, type PlainBrowser } from './browsers';
import { floodedPage, mib, pageHeapBytes } from './page-heap';
import { exportFromPanel, showView } from './panel-page';
import { waitFor } from './wait';

const EVENTS = 200_000;
const EVENT_BYTES = 200;

let server: FloodServer;
let plain: PlainBrowser | undefined;
let extension: ExtensionBrowser | undefined;
before(async () => {
  server = await startFloodServer();
  plain = await launchPlain('chromium');
  extension = await launchWithExtension('chromium');
});
after(async () => {
  await plain?.close();
  await extension?.close();
  await server?.close();
});

/** The rows of the Raw frames view from its top, as text, up to the first newest-traffic row after the marker. */
async function topRawRows(panel: Page): Promise<string[] | null> {
  await showView(panel, 'Raw frames');
  return panel.evaluate(async () => {
    const viewport = document.querySelector<HTMLElement>('.frames-viewport');
    if (!viewport) return null;
    // To 1 px first, then to the top, a task apart: the list follows the newest rows until a scroll leaves the
    // bottom, and keeps 0 as its scroll position meanwhile, so one scroll straight to 0 would change nothing it renders.
    for (const top of [1, 0]) {
      viewport.scrollTop = top;
      viewport.dispatchEvent(new Event('scroll'));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const rows = Array.from(document.querySelectorAll('table[aria-label="Captured frames"] tbody tr'));
    const texts = rows.map((row) => row.querySelector('td:last-child')?.textContent ?? '');
    const marker = texts.findIndex((text) => text.includes('not kept'));
    return marker < 0 || marker + 1 >= texts.length ? null : texts.slice(0, marker + 2);
  });
}

it(`keeps a page's heap within the idle budget through ${EVENTS.toLocaleString('en-US')} events, and shows the session's beginning, a marker and the newest traffic`, async (t) => {
  const without = await floodedPage(plain!.browser, `${server.url}?without`, EVENTS, EVENT_BYTES);
  const heapWithout = await pageHeapBytes(without);
  const url = `${server.url}?with`;
  const page = await floodedPage(extension!.browser, url, EVENTS, EVENT_BYTES);
  const heapWith = await pageHeapBytes(page);
  t.diagnostic(`page heap after ${EVENTS} events: ${mib(heapWith)} with the extension, ${mib(heapWithout)} without`);
  assert.ok(
    heapWith - heapWithout <= DEFAULT_SETTINGS.idleBudgetBytes,
    `the extension holds ${mib(heapWith - heapWithout)}, over the ${mib(DEFAULT_SETTINGS.idleBudgetBytes)} budget`,
  );

  const panel = await extension!.openPanelFor(url);
  const exported = await waitFor(
    'the panel to have the newest event',
    () => exportFromPanel(panel),
    (capture) => capture.packets.some((packet) => (packet.sio?.args?.[0] as { n?: number })?.n === EVENTS - 1),
    60_000,
  );
  const sio = exported.packets.filter((packet) => packet.sio).map((packet) => packet.sio!);
  assert.deepEqual(
    sio.slice(0, 3).map((packet) => [packet.type, packet.event ?? null]),
    [
      ['CONNECT', null],
      ['CONNECT', null],
      ['EVENT', 'flood'],
    ],
    "the session's beginning: its CONNECT both ways, and the page's first event",
  );
  const numbers = sio.slice(3).map((packet) => (packet.args?.[0] as { n: number }).n);
  const headEnd = numbers.findIndex((n, index) => n !== index);
  assert.ok(headEnd >= 10, `the first events are kept: ${numbers.slice(0, 20).join(',')}`);
  const newest = numbers.slice(headEnd);
  assert.deepEqual(
    newest,
    Array.from({ length: newest.length }, (_, index) => EVENTS - newest.length + index),
    'then the newest events, every one of them, in order',
  );
  const notKept = EVENTS - headEnd - newest.length;
  assert.ok(notKept > 0);

  const rows = await waitFor('the Raw frames view to show the marker', () => topRawRows(panel), Boolean);
  assert.match(rows![0], /^open ws:\/\//);
  assert.match(rows![1], /^0\{"sid":/);
  assert.equal(rows!.at(-2), `${notKept.toLocaleString('en-US')} frames not kept: backlog budget`);
  assert.match(rows!.at(-1)!, new RegExp(`^42\\["chat message",\\{"n":${EVENTS - newest.length},`));
  await panel.close();
});
