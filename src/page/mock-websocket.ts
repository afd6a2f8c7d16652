import { absoluteUrl } from './engineio-url';
import { countError } from './errors';
import { askMock, forgetMock, tellMock } from './mock';
import { recordMockedSocket } from './mock-record';
import { bare, call, natives } from './natives';

/**
 * A mocked WebSocket: a native EventTarget (so that addEventListener and dispatchEvent work as ever) whose prototype is
 * the page's `WebSocket.prototype` (so that `instanceof WebSocket` holds), with own accessors for what a socket's user
 * reads and own `send` and `close`. Its peer is the mock server in the relay; its frames are always text.
 */

/** Saved at install, like natives.ts: what a mocked socket needs besides the shared natives. */
const NativeEventTarget = EventTarget;
const NativeEvent = Event;
const NativeCloseEvent = CloseEvent;
const DOMError = DOMException;

const CONNECTING = 0;
const OPEN = 1;
const CLOSING = 2;
const CLOSED = 3;
const HANDLED = ['open', 'message', 'error', 'close'];

/** An accessor property that the page sees as a socket's own (not enumerable, like the prototype's). */
function accessor(target: object, key: string, get: () => unknown, set?: (value: unknown) => void): void {
  natives.defineProperty(target, key, bare({ get, ...(set ? { set } : {}), configurable: true, enumerable: false }));
}

function method(target: object, key: string, value: Function): void {
  natives.defineProperty(target, key, bare({ value, configurable: true, enumerable: false, writable: true }));
}

/** A mocked socket for `url`, or undefined when the relay does not mock it. */
export function mockedWebSocket(args: unknown[], newTarget: Function): WebSocket | undefined {
  const url = absoluteUrl(typeof args[0] === 'string' ? args[0] : String(args[0]));
  const socket = new NativeEventTarget();
  let readyState = CONNECTING;
  const dispatch = (event: Event) => {
    try {
      call(natives.dispatchEvent, socket, event);
    } catch {
      countError('websocket');
    }
  };
  const later = (run: () => void) => natives.setTimeout(run, 0);
  const opened = () => {
    if (readyState !== CONNECTING) return;
    readyState = OPEN;
    dispatch(new NativeEvent('open'));
  };
  const finish = (code: number) => {
    if (readyState === CLOSED) return;
    readyState = CLOSED;
    if (connection !== undefined) forgetMock(connection);
    record.closed(code);
    dispatch(new NativeCloseEvent('close', bare({ code, reason: '', wasClean: true })));
  };
  const connection = askMock(
    'open',
    url,
    bare({
      frames(packets: string[]) {
        const origin = natives.urlOrigin(new natives.URL(url));
        later(() => {
          opened(); // the handshake may come during the construction
          for (let index = 0; index < packets.length && readyState === OPEN; index++) {
            record.frame('received', packets[index]);
            dispatch(new natives.MessageEvent('message', bare({ data: packets[index], origin })));
          }
        });
      },
    }),
  );
  if (connection === undefined) return undefined;
  // Made before any of its frames reaches the page (they come later, see `frames`).
  const record = recordMockedSocket(connection, url);
  const prototype = (newTarget as { prototype?: unknown }).prototype;
  natives.setPrototypeOf(socket, typeof prototype === 'object' && prototype !== null ? prototype : WebSocket.prototype);
  const onHandlers = bare<Record<string, unknown>>({});
  for (const type of HANDLED) {
    accessor(
      socket,
      `on${type}`,
      () => onHandlers[type] ?? null,
      (value) => (onHandlers[type] = typeof value === 'function' ? value : null),
    );
    call(natives.addEventListener, socket, type, (event: Event) => {
      const handler = onHandlers[type];
      if (typeof handler === 'function') natives.apply(handler, socket, [event]);
    });
  }
  let binaryType = 'blob';
  accessor(socket, 'url', () => url);
  accessor(socket, 'readyState', () => readyState);
  accessor(socket, 'protocol', () => '');
  accessor(socket, 'extensions', () => '');
  accessor(socket, 'bufferedAmount', () => 0);
  accessor(
    socket,
    'binaryType',
    () => binaryType,
    (value) => void (value === 'blob' || value === 'arraybuffer' ? (binaryType = value) : undefined),
  );
  method(socket, 'send', (data: unknown) => {
    if (readyState === CONNECTING) throw new DOMError("Failed to execute 'send' on 'WebSocket'", 'InvalidStateError');
    if (readyState !== OPEN) return;
    record.frame('sent', data);
    tellMock(bare({ type: 'send', connection, ...(typeof data === 'string' ? { data } : {}) }));
  });
  method(socket, 'close', (code?: unknown) => {
    if (readyState === CLOSING || readyState === CLOSED) return;
    readyState = CLOSING;
    tellMock(bare({ type: 'close', connection }));
    later(() => finish(typeof code === 'number' ? code : 1005));
  });
  later(opened);
  return socket as WebSocket;
}
