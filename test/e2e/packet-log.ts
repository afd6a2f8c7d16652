/**
 * The Engine.IO packets a panel shows, next to those its server logged: each side as packets by direction and
 * transport, compared as text. Within one transport the order is the wire's, while during an upgrade the polling and
 * WebSocket halves run side by side, so their interleaving depends on timing.
 */
import type { Frame, Page } from 'puppeteer-core';
import { createSessionDecoder } from '../../src/protocol';
import type { SocketIoMajor } from '../apps/chat-server';
import type { EchoServer } from '../apps/echo-server';
import { readPanelRows, type PanelRow } from './panel-page';
import { waitFor } from './wait';

type Log = Record<string, string[]>;

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

/** Waits until the panel's packets equal the server's log; fails with both sides. */
export async function waitForServerLog(panel: Page | Frame, server: EchoServer): Promise<void> {
  let last = '';
  await waitFor(
    'the panel packets to equal the server log',
    async () => {
      const shown = sorted(decodePanel(await readPanelRows(panel), server.version));
      const expected = sorted(serverLog(server));
      last = `panel  ${shown}\nserver ${expected}`;
      return shown === expected;
    },
    (equal) => equal,
  ).catch((error: Error) => {
    throw new Error(`${error.message}\n${last}`);
  });
}
