/**
 * Capture is complete on every transport: for each socket.io major and transport, the Engine.IO packets the panel
 * shows (decoded from the captured frames with src/protocol) are exactly the packets the server logged, in order,
 * in both directions, in both browsers.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { SocketIoMajor } from '../apps/chat-server';
import { startEchoServer } from '../apps/echo-server';
import { describeInBrowsers } from './browsers';
import { waitForServerLog } from './packet-log';
import { waitFor } from './wait';

interface Cell {
  name: string;
  version: SocketIoMajor;
  query: string;
}

const CELLS: Cell[] = [
  { name: 'WebSocket only', version: 2, query: 'client=2&transports=websocket' },
  { name: 'XHR polling only', version: 2, query: 'client=2&transports=polling' },
  { name: 'polling upgraded to WebSocket', version: 2, query: 'client=2' },
  { name: 'JSONP polling', version: 2, query: 'client=2&transports=polling&jsonp' },
  { name: 'WebSocket only', version: 4, query: 'client=4&transports=websocket' },
  { name: 'XHR polling only', version: 4, query: 'client=4&transports=polling' },
  { name: 'polling upgraded to WebSocket', version: 4, query: 'client=4' },
  { name: 'fetch polling', version: 4, query: 'client=4&transports=fetch' },
];

describeInBrowsers(
  (browserName) => `every transport in ${browserName}`,
  (extension) => {
    for (const cell of CELLS) {
      it(`socket.io ${cell.version}.x, ${cell.name}: the panel has exactly the packets the server logged`, async () => {
        const server = await startEchoServer(cell.version);
        const page = await extension.browser.newPage();
        try {
          const url = `${server.url}?${cell.query}`;
          await page.goto(url, { waitUntil: 'domcontentloaded' });
          const result = await waitFor(
            'the page to get every ack',
            () => page.evaluate(() => (window as never as { echoResult?: { acks: string[] } }).echoResult),
            Boolean,
          );
          const messages = await page.evaluate(() => (window as never as { MESSAGES: string[] }).MESSAGES);
          assert.deepEqual(
            result!.acks,
            messages.map((text) => `ok: ${text}`),
          );

          const panel = await extension.openPanelFor(url);
          await waitForServerLog(panel, server);
          const packets = server.packets.map((logged) => `${logged.direction} ${logged.packet}`);
          assert.ok(
            packets.some((packet) => packet.startsWith('sent 42')),
            'the page sent events',
          );
          assert.ok(
            packets.some((packet) => packet.startsWith('received 43')),
            'the page received acks',
          );
          await panel.close();
        } finally {
          await page.close();
          await server.close();
        }
      });
    }
  },
);
