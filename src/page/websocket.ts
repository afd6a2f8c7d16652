import type { Direction, FramePayload, PageRecord } from '../messages';
import { createConnectionLog } from './channel';
import { absoluteUrl } from './engineio-url';
import { natives, now } from './natives';
import { capturePayload } from './payload';
import { observeConstruction, observeMethod } from './replace';

let connectionCount = 0;

type Log = ReturnType<typeof createConnectionLog>;

interface Connection {
  id: string;
  url: string;
  log: Log;
}

/** The connection of each socket the page created, without adding anything to the socket object itself. */
const connections = new WeakMap<WebSocket, Connection>();

function frameRecord(connection: Connection, direction: Direction, payload: FramePayload): PageRecord {
  return { kind: 'frame', connection: connection.id, transport: 'websocket', url: connection.url, direction, payload, time: now() };
}

function logFrame(connection: Connection, direction: Direction, data: unknown): void {
  const time = now();
  const payload = capturePayload(data);
  if (payload === undefined) return;
  if (payload instanceof Promise) {
    connection.log(payload.then((ready) => ({ ...frameRecord(connection, direction, ready), time })));
  } else {
    connection.log({ ...frameRecord(connection, direction, payload), time });
  }
}

function watch(socket: WebSocket): void {
  const connection: Connection = { id: `ws${++connectionCount}`, url: absoluteUrl(socket.url), log: createConnectionLog() };
  connections.set(socket, connection);
  const base = { connection: connection.id, transport: 'websocket' as const };
  connection.log({ kind: 'open', ...base, url: connection.url, time: now() });
  natives.addEventListener.call(socket, 'message', (event: Event) => {
    try {
      logFrame(connection, 'received', (event as MessageEvent).data);
    } catch {
      // Never let capture disturb the page.
    }
  });
  natives.addEventListener.call(socket, 'close', (event: Event) => {
    try {
      const { code, reason, wasClean } = event as CloseEvent;
      connection.log({ kind: 'close', ...base, code, reason, wasClean, time: now() });
    } catch {
      // Same as above.
    }
  });
  natives.addEventListener.call(socket, 'error', () => {
    try {
      connection.log({ kind: 'error', ...base, message: 'WebSocket error', time: now() });
    } catch {
      // Same as above.
    }
  });
}

/**
 * Observes every WebSocket of this realm. The constructor and `send` are replaced by proxies of the natives (see
 * replace.ts); the only addition is one listener per socket, registered before the page can add its own.
 */
export function hookWebSocket(): void {
  observeConstruction<WebSocket>('WebSocket', watch);
  observeMethod(WebSocket.prototype, 'send', {
    after(socket, args) {
      const connection = connections.get(socket);
      if (connection) logFrame(connection, 'sent', args[0]);
    },
  });
}
