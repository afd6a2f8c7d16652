import type { Direction, InjectedFrame } from '../messages';
import { Entry, isCapturing, queueRecord } from './batches';
import { absoluteUrl } from './engineio-url';
import { countError } from './errors';
import { HEAD_FRAMES } from './head';
import { bare, call, mapGet, natives, now, then, weakMapGet } from './natives';
import { binaryPayload, injectedData } from './payload';
import { callNative, observeConstruction, proxyOf, replaceValue } from './replace';
import {
  closeRecord,
  connectionFields,
  errorRecord,
  frameRecord,
  openRecord,
  type ConnectionFields,
} from './serialize';
import { framePacket } from '../protocol/webtransport-stream';
import { recordingReadable, recordingWritable, type Inject, type StreamObserver } from './webtransport-streams';

/**
 * WebTransport sessions of the page (Engine.IO v4 sends its length-prefixed packets on one bidirectional stream): the
 * hook records the chunks of every bidirectional stream the page creates, one connection per stream. It never reacts
 * to `ready` or `closed` (Firefox would then no longer report their rejections as unhandled): a stream's end is read
 * from the stream, and the page's own `close()`.
 */

interface Session {
  id: string;
  url: string;
  streams: number;
}

interface StreamConnection {
  id: string;
  json: ConnectionFields;
  frames: number;
  deliver?: Inject;
  send?: Inject;
}

let sessionCount = 0;
const sessions = new natives.WeakMap<object, Session>();
/** Each bidirectional stream the page created on a watched session, and its connection. */
const streams = new natives.WeakMap<object, StreamConnection>();
/** The substitutes handed out for each stream, so that `stream.readable === stream.readable` holds. */
const substitutes = new natives.WeakMap<object, { readable?: ReadableStream; writable?: WritableStream }>();
/** Substitute stream → the native stream it stands for (the Firefox subclasses' own members act on the native). */
const nativeOf = new natives.WeakMap<object, object>();
/** Open streams by connection id, for the panel's commands. */
const live = new natives.Map<string, StreamConnection>();

/** An open, close or error record of a connection: in the head. */
const headEntry = (connection: ConnectionFields, text: string, time: number) =>
  new Entry(text, connection, true, false, time);

function logOpen(connection: StreamConnection, time: number): void {
  if (isCapturing()) queueRecord(headEntry(connection.json, openRecord(connection.json.fields, time), time));
}

/** A stream's end, once (the page's `close()` and the stream's end may both report it). */
function logClose(connection: StreamConnection, reason: string): void {
  if (!call(natives.mapDelete, live, connection.id)) return;
  const time = now();
  if (isCapturing())
    queueRecord(headEntry(connection.json, closeRecord(connection.json.fields, 0, reason, true, time), time));
}

function observerOf(connection: StreamConnection): StreamObserver {
  return bare({
    chunk(direction: Direction, bytes: Uint8Array, injected: boolean) {
      if (!isCapturing()) return;
      const time = now();
      const head = connection.frames++ < HEAD_FRAMES;
      const text = frameRecord(connection.json, direction, binaryPayload(bytes), time, injected);
      queueRecord(new Entry(text, connection.json, head, true, time));
    },
    ended: () => logClose(connection, 'stream ended'),
    failed() {
      call(natives.mapDelete, live, connection.id);
      const time = now();
      if (isCapturing())
        queueRecord(
          headEntry(connection.json, errorRecord(connection.json.fields, 'WebTransport stream error', time), time),
        );
    },
  });
}

/** A stream of a watched session gets its own connection: the session's id for its first, `<id>.<n>` for others. */
function watchStream(stream: object, session: Session): void {
  const id = session.streams === 0 ? session.id : `${session.id}.${session.streams}`;
  const first = session.streams++ === 0;
  const connection: StreamConnection = bare({ id, json: connectionFields(id, 'webtransport', session.url), frames: 0 });
  call(natives.weakMapSet, streams, stream, connection);
  call(natives.mapSet, live, id, connection);
  if (!first) logOpen(connection, now());
}

/** A session the page created (`new WebTransport(url, options)`), recorded with its URL when the page gave a string. */
function watchSession(instance: object, args: unknown[]): void {
  const url = typeof args[0] === 'string' ? absoluteUrl(args[0]) : '';
  const session: Session = bare({ id: `wt${++sessionCount}`, url, streams: 0 });
  call(natives.weakMapSet, sessions, instance, session);
  const time = now();
  if (isCapturing()) {
    const described = connectionFields(session.id, 'webtransport', url);
    queueRecord(headEntry(described, openRecord(described.fields, time), time));
  }
}

/**
 * `createBidirectionalStream` hands the page the native promise's derived promise (`then`): it rejects as the native
 * does and is unhandled exactly when the page leaves it so; the stream is remembered on the way.
 */
function replaceCreateStream(prototype: Record<string, unknown>): void {
  const native = prototype.createBidirectionalStream;
  if (typeof native !== 'function') return;
  const proxy = proxyOf(native, {
    apply(target, self: object, args: unknown[]) {
      const promise = callNative(target, self, args) as Promise<object>;
      const session = weakMapGet(sessions, self);
      if (!session) return promise;
      return then(promise, (stream) => {
        try {
          watchStream(stream, session);
        } catch {
          countError('webtransport');
        }
        return stream;
      });
    },
  });
  replaceValue(prototype, 'createBidirectionalStream', proxy);
}

/** The page's `close()`: recorded for each open stream of the session (the close info is the page's, not read). */
function replaceClose(prototype: Record<string, unknown>): void {
  const native = prototype.close;
  if (typeof native !== 'function') return;
  replaceValue(
    prototype,
    'close',
    proxyOf(native, {
      apply(target, self: object, args: unknown[]) {
        const result = callNative(target, self, args);
        const session = weakMapGet(sessions, self);
        for (let index = 0; session && index < session.streams; index++) {
          const id = index === 0 ? session.id : `${session.id}.${index}`;
          const connection = mapGet(live, id);
          if (connection) logClose(connection, 'closed by the page');
        }
        return result;
      },
    }),
  );
}

/**
 * The substitute of one side of a watched stream, made at its first read and the same ever after (on a page the
 * settings do not capture, the native: capture never turns on again there).
 */
function substituteOf(stream: object, side: 'readable' | 'writable', native: object): object {
  const connection = weakMapGet(streams, stream);
  if (!connection || !isCapturing()) return native;
  let pair = weakMapGet(substitutes, stream);
  if (!pair) call(natives.weakMapSet, substitutes, stream, (pair = bare({})));
  const known = pair[side];
  if (known) return known;
  const observer = observerOf(connection);
  let made: ReadableStream | WritableStream;
  if (side === 'readable') {
    const readable = recordingReadable(native as ReadableStream, receiveClass, observer);
    connection.deliver = readable.deliver;
    made = pair.readable = readable.stream;
  } else {
    const writable = recordingWritable(native as WritableStream, sendClass, observer);
    connection.send = writable.send;
    made = pair.writable = writable.stream;
  }
  call(natives.weakMapSet, nativeOf, made, native);
  return made;
}

/** The class the page's streams have: Firefox's WebTransport subclasses, or Chromium's plain streams. */
let receiveClass: Function = natives.ReadableStream;
let sendClass: Function = natives.WritableStream;

function replaceStreamGetters(prototype: object): void {
  for (const side of ['readable', 'writable'] as const) {
    const descriptor = natives.getOwnPropertyDescriptor(prototype, side);
    if (!descriptor?.get) continue;
    const get = proxyOf(descriptor.get, {
      apply(target, self: object, args: unknown[]) {
        const native = callNative(target, self, args) as object;
        try {
          return substituteOf(self, side, native);
        } catch {
          countError('webtransport');
          return native;
        }
      },
    });
    natives.defineProperty(prototype, side, bare({ ...descriptor, get }));
  }
}

/** Members of Firefox's stream subclasses (`getStats`, `sendOrder`): called on a substitute, they act on its native. */
function forwardToNative(owner: Function | undefined, key: string): void {
  const descriptor = owner && natives.getOwnPropertyDescriptor(owner.prototype as object, key);
  if (!descriptor) return;
  for (const part of ['value', 'get', 'set'] as const) {
    const member = descriptor[part] as unknown;
    if (typeof member !== 'function') continue;
    descriptor[part] = proxyOf(member, {
      apply: (target, self: object, args: unknown[]) => callNative(target, weakMapGet(nativeOf, self) ?? self, args),
    });
  }
  natives.defineProperty(owner.prototype as object, key, bare({ ...descriptor }));
}

/** Observes the page's WebTransport sessions, where the browser has WebTransport. */
export function hookWebTransport(): void {
  const scope = window as unknown as Record<string, Function | undefined>;
  const native = scope.WebTransport;
  const bidirectional = scope.WebTransportBidirectionalStream;
  if (typeof native !== 'function' || typeof bidirectional !== 'function') return;
  const receive = scope.WebTransportReceiveStream;
  const send = scope.WebTransportSendStream;
  receiveClass = receive ?? natives.ReadableStream;
  sendClass = send ?? natives.WritableStream;
  forwardToNative(receive, 'getStats');
  forwardToNative(send, 'getStats');
  forwardToNative(send, 'sendOrder');
  forwardToNative(send, 'sendGroup');
  const prototype = native.prototype as Record<string, unknown>;
  replaceCreateStream(prototype);
  replaceClose(prototype);
  replaceStreamGetters(bidirectional.prototype as object);
  observeConstruction('WebTransport', watchSession, 'webtransport');
}

/**
 * The panel's packets on a live WebTransport stream, each framed with its length header: `send` writes them to the
 * server with the native writer, `deliver` hands them to the page's reads as if received, both between two packets
 * of the page's. Returns false when the stream is not open or the page has not read or written that side yet.
 */
export function injectIntoWebTransport(action: 'send' | 'deliver', id: string, frames: InjectedFrame[]): boolean {
  const connection = mapGet(live, id);
  const inject = connection && (action === 'send' ? connection.send : connection.deliver);
  if (!inject) return false;
  for (let index = 0; index < frames.length; index++) {
    const data = injectedData(frames[index]);
    const binary = typeof data !== 'string';
    const body = binary ? data : natives.encodeUtf8(data);
    const framed = framePacket(body, natives.viewByteLength(body), binary, (n) => new natives.Uint8Array(n));
    if (!inject(framed)) return false;
  }
  return true;
}
