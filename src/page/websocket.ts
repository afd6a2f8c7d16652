import type { Direction, InjectedFrame } from '../messages';
import { createConnectionLog, Entry, isCapturing, isPanelListening, logSocketFrame, type Logged } from './batches';
import { absoluteUrl, isEngineIoUrl } from './engineio-url';
import { countError } from './errors';
import { HEAD_FRAMES } from './head';
import { createLane, isIdle, offer, releaseLane, type Lane } from './intercept';
import { bare, call, hasBrand, mapGet, natives, now, weakMapGet } from './natives';
import { injectedData } from './payload';
import { mockedWebSocket } from './mock-websocket';
import { observeConstruction, observeMethod } from './replace';
import {
  closeRecord,
  connectionFields,
  errorRecord,
  openRecord,
  unrecordedRecord,
  type ConnectionFields,
} from './serialize';

let connectionCount = 0;

interface Connection {
  id: string;
  url: string;
  json: ConnectionFields;
  /** Engine.IO (its URL says so), or a plain WebSocket. */
  engineIo: boolean;
  /** Frames recorded so far: the first HEAD_FRAMES are its head. */
  frames: number;
  /** Frames of a plain WebSocket let pass unrecorded while no panel listened, since `unrecordedSince`. */
  unrecorded: number;
  unrecordedSize: number;
  unrecordedSince: number;
  log: (logged: Logged) => void;
  /** Where the breakpoints hold its packets, per direction. */
  sent: Lane;
  received: Lane;
}

/** The connection of each socket the page created, without adding anything to the socket object itself. */
const connections = new natives.WeakMap<WebSocket, Connection>();
/** The open sockets by connection id, for the panel's commands. */
const live = new natives.Map<string, WebSocket>();
/** Plain WebSockets with unrecorded frames, told when a panel starts listening (at most MAX_UNRECORDED). */
let withUnrecorded = bare<Connection[]>([]);
const MAX_UNRECORDED = 256;
const WEBSOCKET_OPEN = 1;

/** An open, close or error record, or an unrecorded marker: in the head. */
const entry = (connection: Connection, text: string, time: number): Entry =>
  new Entry(text, connection.json, true, false, time);

/** The size a frame's data has (FramePayload.size units), without reading it. */
function dataSize(data: unknown): number {
  if (typeof data === 'string') return data.length;
  if (hasBrand(data, natives.arrayBufferByteLength)) return natives.arrayBufferByteLength(data);
  if (hasBrand(data, natives.blobSize)) return natives.blobSize(data);
  return 0;
}

/** Says how many frames of a plain WebSocket went unrecorded, before its next record. */
function tellUnrecorded(connection: Connection): void {
  if (connection.unrecorded === 0) return;
  const { json, unrecorded, unrecordedSize, unrecordedSince } = connection;
  connection.log(entry(connection, unrecordedRecord(json.fields, unrecorded, unrecordedSize, unrecordedSince), now()));
  connection.unrecorded = connection.unrecordedSize = 0;
}

/** A panel started listening: every plain WebSocket says what went unrecorded (and records in full from now on). */
export function tellAllUnrecorded(): void {
  const listed = withUnrecorded;
  withUnrecorded = bare<Connection[]>([]);
  for (let index = 0; index < listed.length; index++) tellUnrecorded(listed[index]);
}

function logFrame(
  connection: Connection,
  direction: Direction,
  data: unknown,
  injected: boolean,
  intercept?: string,
): void {
  if (!isCapturing()) return;
  const time = now();
  const head = connection.frames < HEAD_FRAMES;
  if (!head && !connection.engineIo && !isPanelListening()) {
    if (connection.unrecorded++ === 0) {
      connection.unrecordedSince = time;
      if (withUnrecorded.length < MAX_UNRECORDED) withUnrecorded[withUnrecorded.length] = connection;
    }
    connection.unrecordedSize += dataSize(data);
    return;
  }
  tellUnrecorded(connection);
  if (logSocketFrame(connection.log, connection.json, direction, data, head, time, injected, intercept)) {
    connection.frames++;
  }
}

/** Listens to the socket's events; only trusted ones (the browser's) are traffic, never those a page dispatches. */
function listen(socket: WebSocket, type: string, run: (event: Event) => void, capture = false): void {
  const listener = (event: Event) => {
    try {
      if (event.isTrusted && isCapturing()) run(event);
    } catch {
      countError('websocket'); // never let capture disturb the page
    }
  };
  call(natives.addEventListener, socket, type, listener, capture);
}

/** The ways a connection's lanes let a frame go on: sent natively, or delivered to the page's listeners. */
function createLanes(socket: WebSocket, id: string, url: string, connection: () => Connection) {
  return {
    sent: createLane(
      id,
      url,
      'sent',
      (data, mark) => {
        call(natives.webSocketSend, socket, data as string);
        logFrame(connection(), 'sent', data, false, mark);
      },
      (data, mark) => logFrame(connection(), 'sent', data, false, mark),
      (frame) => frameData(frame, 'arraybuffer'),
    ),
    received: createLane(
      id,
      url,
      'received',
      (data, mark) => {
        logFrame(connection(), 'received', data, false, mark);
        const origin = natives.urlOrigin(new natives.URL(url));
        call(natives.dispatchEvent, socket, new natives.MessageEvent('message', bare({ data, origin })));
      },
      (data, mark) => logFrame(connection(), 'received', data, false, mark),
      (frame) => frameData(frame, natives.webSocketBinaryType(socket)),
    ),
  };
}

function watch(socket: WebSocket): void {
  const url = absoluteUrl(natives.webSocketUrl(socket));
  const id = `ws${++connectionCount}`;
  const lanes = createLanes(socket, id, url, () => connection);
  const connection: Connection = bare({
    id,
    url,
    json: connectionFields(id, 'websocket', url),
    engineIo: isEngineIoUrl(url),
    frames: 0,
    unrecorded: 0,
    unrecordedSize: 0,
    unrecordedSince: 0,
    log: createConnectionLog('websocket'),
    sent: lanes.sent,
    received: lanes.received,
  });
  call(natives.weakMapSet, connections, socket, connection);
  call(natives.mapSet, live, id, socket);
  if (isCapturing()) connection.log(entry(connection, openRecord(connection.json.fields, now()), now()));
  // A capture listener: at the target, the browser runs capture listeners before the others, so a held message
  // reaches none of the page's listeners, capturing ones included.
  listen(
    socket,
    'message',
    (event) => {
      const data = natives.messageEventData(event);
      if (!offer(connection.received, data)) return logFrame(connection, 'received', data, false);
      call(natives.stopImmediatePropagation, event); // held: the page's listeners see it once released
    },
    true,
  );
  listen(socket, 'close', (event) => {
    call(natives.mapDelete, live, id);
    releaseLane(connection.received); // what was held reaches the page before the close does
    releaseLane(connection.sent);
    tellUnrecorded(connection);
    const code = natives.closeEventCode(event);
    const reason = natives.closeEventReason(event);
    const wasClean = natives.closeEventWasClean(event);
    const time = now();
    connection.log(entry(connection, closeRecord(connection.json.fields, code, reason, wasClean, time), time));
  });
  listen(socket, 'error', () => {
    const time = now();
    connection.log(entry(connection, errorRecord(connection.json.fields, 'WebSocket error', time), time));
  });
}

/**
 * Observes every WebSocket of this realm. The constructor and `send` are replaced by proxies of the natives (see
 * replace.ts); the only addition is one listener per socket and event, registered before the page can add its own.
 */
export function hookWebSocket(): void {
  observeConstruction<WebSocket>('WebSocket', watch, 'websocket', mockedWebSocket);
  observeMethod(
    WebSocket.prototype,
    'send',
    bare({
      take(socket: WebSocket, args: unknown[]) {
        const connection = weakMapGet(connections, socket);
        if (!connection || isIdle(connection.sent)) return false;
        return natives.webSocketReadyState(socket) === WEBSOCKET_OPEN && offer(connection.sent, args[0]);
      },
      after(socket: WebSocket, args: unknown[]) {
        const connection = weakMapGet(connections, socket);
        if (connection) logFrame(connection, 'sent', args[0], false);
      },
    }),
    'websocket',
  );
}

/** An injected frame as a socket of this `binaryType` would see it. */
function frameData(frame: InjectedFrame, binaryType: BinaryType): string | ArrayBuffer | Blob {
  const data = injectedData(frame);
  if (typeof data === 'string') return data;
  // The Blob's parts stay an ordinary array: the constructor iterates them, and a prototype-free array has no iterator.
  return binaryType === 'blob' ? new natives.Blob([data]) : (natives.viewBuffer(data) as ArrayBuffer);
}

/**
 * The panel's frames on a live socket: `send` them to the server (with the native `send`), or `deliver` them to
 * the page's listeners as MessageEvents, as if the server had sent them. Either way the hook records them itself, as
 * injected (a delivered MessageEvent is untrusted, so the listener leaves it out). Returns false when not open.
 */
export function injectIntoSocket(action: 'send' | 'deliver', connectionId: string, frames: InjectedFrame[]): boolean {
  const socket = mapGet(live, connectionId);
  const connection = socket && weakMapGet(connections, socket);
  if (!socket || !connection || natives.webSocketReadyState(socket) !== WEBSOCKET_OPEN) return false;
  const origin = natives.urlOrigin(new natives.URL(connection.url));
  for (let index = 0; index < frames.length; index++) {
    if (action === 'send') {
      const data = frameData(frames[index], 'arraybuffer');
      call(natives.webSocketSend, socket, data);
      logFrame(connection, 'sent', data, true);
    } else {
      const data = frameData(frames[index], natives.webSocketBinaryType(socket));
      logFrame(connection, 'received', data, true);
      call(natives.dispatchEvent, socket, new natives.MessageEvent('message', bare({ data, origin })));
    }
  }
  return true;
}
