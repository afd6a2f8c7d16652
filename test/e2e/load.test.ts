/**
 * Load: a server pushes 100,000 small events as fast as it can while the panel is open; every one reaches the
 * panel, once and in order, as its export shows.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { startEchoServer, type EchoServer } from '../apps/echo-server';
import { describeInBrowsers } from './browsers';
import { exportFromPanel } from './panel-page';
import { waitFor } from './wait';

const EVENTS = 100_000;

describeInBrowsers((browserName) => `load in ${browserName}`, (extension) => {
  let server: EchoServer;
  before(async () => {
    server = await startEchoServer(4);
  });
  after(async () => {
    await server?.close();
  });

  it(`every one of ${EVENTS} events pushed at full speed reaches the panel, in order`, async () => {
    const url = `${server.url}?client=4&transports=websocket`;
    const page = await extension.browser.newPage();
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    await waitFor('the page to connect', () => page.evaluate(() => Boolean((window as never as { echoResult?: unknown }).echoResult)), Boolean);
    const panel = await extension.openPanelFor(url);
    await page.bringToFront();
    await page.evaluate((count) => (window as never as { startFlood(count: number): void }).startFlood(count), EVENTS);
    const result = await waitFor('the page to receive every event', () => page.evaluate(() => (window as never as { floodResult?: { ticks: number; inOrder: boolean } }).floodResult), Boolean, 120_000);
    assert.deepEqual(result, { ticks: EVENTS, inOrder: true });

    await panel.bringToFront();
    const ticks = await waitFor(
      'the panel to have every event',
      async () => {
        const exported = await exportFromPanel(panel);
        return exported.packets.filter((packet) => packet.sio?.event === 'tick').map((packet) => packet.sio!.args![0] as number);
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
});
