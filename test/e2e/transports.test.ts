/**
 * Capture is complete on every transport: for each socket.io major and transport, the Engine.IO packets the panel
 * shows (decoded from the captured frames with src/protocol) are exactly the packets the server logged, in order,
 * in both directions, in both browsers.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { createSessionDecoder } from '../../src/protocol';
import type { SocketIoMajor } from '../apps/chat-server';
import { startEchoServer, type EchoServer } from '../apps/echo-server';
import { describeInBrowsers } from './browsers';
import { readPanelRows, type PanelRow } from './panel-page';
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

type Log = Record<string, string[]>;

/**
 * Packets by direction and transport: within one transport the order is the wire's, while during an upgrade the
 * polling and WebSocket halves run side by side, so their interleaving depends on timing.
 */
function bucket(log: Log, direction: string, transport: string, packet: string): void {
  (log[`${direction} over ${transport}`] ??= []).push(packet);
}

/** The Engine.IO packets of the panel's frames, decoded as one session. */
function decodePanel(rows: PanelRow[], version: SocketIoMajor): Log {
  const decoder = createSessionDecoder({
    url: `http://127.0.0.1/socket.io/?EIO=${version === 2 ? 3 : 4}&transport=polling`,
  });
  const log: Log = {};
  rows.forEach((row, time) => {
    if (row.kind !== 'frame') return;
    const direction = row.direction as 'sent' | 'received';
    const transport = row.transport as 'websocket' | 'polling';
    for (const packet of decoder.push({ direction, transport, data: row.data, time })) {
      if (packet.layer === 'http') continue; // the `ok` that answers a POST is HTTP, not a packet
      bucket(
        log,
        direction,
        transport,
        typeof packet.raw === 'string' ? packet.raw : `<binary ${packet.raw.byteLength} bytes>`,
      );
    }
  });
  return log;
}

function serverLog(server: EchoServer): Log {
  const log: Log = {};
  for (const { direction, transport, packet } of server.packets) bucket(log, direction, transport, packet);
  return log;
}

const sorted = (log: Log) => JSON.stringify(Object.fromEntries(Object.entries(log).sort()));

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
          let last = '';
          await waitFor(
            'the panel packets to equal the server log',
            async () => {
              const shown = sorted(decodePanel(await readPanelRows(panel), cell.version));
              const expected = sorted(serverLog(server));
              last = `panel  ${shown}\nserver ${expected}`;
              return shown === expected;
            },
            (equal) => equal,
          ).catch((error: Error) => {
            throw new Error(`${error.message}\n${last}`);
          });
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
