import type { Direction, FramePayload, InjectedFrame, PageRecord } from '../messages';
import { createConnectionLog } from './channel';
import { absoluteUrl } from './engineio-url';
import { natives, now } from './natives';
import { capturePayload, injectedData } from './payload';
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
/** The open sockets by connection id, for the panel's commands. */
const live = new Map<string, WebSocket>();
/** Set while the panel's frames are sent or delivered, so that their records say they were injected. */
let injecting = false;

type FrameRecord = Extract<PageRecord, { kind: 'frame' }>;

/** The record of one frame, built in one go. */
function frameRecord(
  connection: Connection,
  direction: Direction,
  time: number,
  injected: boolean,
  payload: FramePayload,
): FrameRecord {
  const record: FrameRecord = {
    kind: 'frame',
    connection: connection.id,
    transport: 'websocket',
    url: connection.url,
    direction,
    payload,
    time,
  };
  if (injected) record.injected = true;
  return record;
}

function logFrame(connection: Connection, direction: Direction, data: unknown): void {
  const time = now();
  const injected = injecting;
  const payload = capturePayload(data);
  if (payload === undefined) return;
  if (payload instanceof Promise)
    connection.log(payload.then((ready) => frameRecord(connection, direction, time, injected, ready)));
  else connection.log(frameRecord(connection, direction, time, injected, payload));
}

function watch(socket: WebSocket): void {
  const connection: Connection = {
    id: `ws${++connectionCount}`,
    url: absoluteUrl(socket.url),
    log: createConnectionLog(),
  };
  connections.set(socket, connection);
  live.set(connection.id, socket);
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
      live.delete(connection.id);
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

/** An injected frame as a socket of this `binaryType` would see it. */
function frameData(frame: InjectedFrame, binaryType: BinaryType): string | ArrayBuffer | Blob {
  const data = injectedData(frame);
  if (typeof data === 'string') return data;
  return binaryType === 'blob' ? new natives.Blob([data]) : data.buffer;
}

/**
 * The panel's frames on a live socket: `send` them to the server (with the native `send`), or `deliver` them to
 * the page's listeners as MessageEvents, as if the server had sent them. Either way they are recorded as injected.
 * Returns false when the connection is not open.
 */
export function injectIntoSocket(action: 'send' | 'deliver', connectionId: string, frames: InjectedFrame[]): boolean {
  const socket = live.get(connectionId);
  if (!socket || socket.readyState !== WebSocket.OPEN) return false;
  const connection = connections.get(socket)!;
  injecting = true;
  try {
    for (const frame of frames) {
      if (action === 'send') {
        const data = frameData(frame, 'arraybuffer');
        natives.webSocketSend.call(socket, data);
        logFrame(connection, 'sent', data);
      } else {
        const data = frameData(frame, socket.binaryType);
        natives.dispatchEvent.call(
          socket,
          new natives.MessageEvent('message', { data, origin: new natives.URL(connection.url).origin }),
        );
      }
    }
  } finally {
    injecting = false;
  }
  return true;
}
