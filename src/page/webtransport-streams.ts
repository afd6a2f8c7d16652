import type { Direction } from '../messages';
import { countError } from './errors';
import { bare, call, hasBrand, natives, then } from './natives';
import { createBoundaryTracker } from './webtransport-boundary';

/**
 * The substitute streams the page gets for a WebTransport stream's `readable` and `writable`: streams of the same
 * class, fed from (or forwarding to) the native ones through a reader and a writer the hook holds, recording every
 * chunk on the way. The page's own pipes (engine.io-client pipes through them) go through the substitute's internal
 * slots, so wrapping `read()`/`write()` could not see them.
 */

/** What the substitutes report to their connection: each chunk, and how the stream ended. */
export interface StreamObserver {
  chunk(direction: Direction, bytes: Uint8Array, injected: boolean): void;
  ended(): void;
  failed(): void;
}

/** Panel packets waiting for a packet boundary, per side (beyond this many, new ones are refused). */
const MAX_WAITING_PACKETS = 1000;

/** Queues the panel's packets and lets them in only between two of the page's packets. */
function createInjectionQueue(insert: (bytes: Uint8Array) => void) {
  const tracker = createBoundaryTracker();
  let waiting = bare<Uint8Array[]>([]);
  let first = 0;
  const flush = () => {
    while (first < waiting.length && tracker.atBoundary()) insert(waiting[first++]);
    if (first === waiting.length) {
      waiting = bare<Uint8Array[]>([]);
      first = 0;
    }
  };
  return bare({
    /** Follows a chunk of the page's (before it is handed on: handing a chunk on may detach its buffer). */
    track: (bytes: Uint8Array, byteLength: number) => tracker.feed(bytes, byteLength),
    flush,
    add(bytes: Uint8Array): boolean {
      if (waiting.length - first >= MAX_WAITING_PACKETS) return false;
      waiting[waiting.length] = bytes;
      flush();
      return true;
    },
  });
}

/** A side of a stream the panel can add packets to; false when the packet was refused (queue full). */
export type Inject = (bytes: Uint8Array) => boolean;

/** The bytes of a chunk the page writes (any BufferSource), or undefined for anything else (the native rejects it). */
function chunkBytes(chunk: unknown): Uint8Array | undefined {
  if (hasBrand(chunk, natives.viewBuffer))
    return new natives.Uint8Array(
      natives.viewBuffer(chunk),
      natives.viewByteOffset(chunk),
      natives.viewByteLength(chunk),
    );
  if (hasBrand(chunk, natives.dataViewBuffer)) {
    const buffer = natives.dataViewBuffer(chunk);
    return new natives.Uint8Array(buffer, natives.dataViewByteOffset(chunk), natives.dataViewByteLength(chunk));
  }
  if (hasBrand(chunk, natives.arrayBufferByteLength)) return new natives.Uint8Array(chunk as ArrayBuffer);
  return undefined;
}

/** Runs a recording step: a failure is counted, never let into the page's stream. */
function guarded(step: () => void): void {
  try {
    step();
  } catch {
    countError('webtransport');
  }
}

/**
 * A byte stream of the native's class (`receiveClass`) that reads the native one chunk per pull (`highWaterMark` 0:
 * nothing is read before the page asks), records it and hands it on; errors and the end reach the page unchanged.
 */
export function recordingReadable(
  native: ReadableStream,
  receiveClass: Function,
  observer: StreamObserver,
): { stream: ReadableStream; deliver: Inject } {
  let reader: ReadableStreamDefaultReader<Uint8Array>;
  let controller: ReadableByteStreamController;
  const queue = createInjectionQueue((bytes) => {
    observer.chunk('received', bytes, true);
    call(natives.controllerEnqueue, controller, bytes as Uint8Array<ArrayBuffer>);
  });
  const source = bare({
    type: 'bytes' as const,
    start(started: ReadableByteStreamController) {
      controller = started;
      reader = call(natives.streamGetReader, native) as ReadableStreamDefaultReader<Uint8Array>;
    },
    pull: () =>
      then(
        call(natives.readerRead, reader) as Promise<ReadableStreamReadResult<Uint8Array>>,
        (result) => {
          if (result.done) {
            guarded(() => observer.ended());
            call(natives.controllerClose, controller);
            const request = natives.controllerByobRequest(controller);
            if (request) call(natives.byobRespond, request, 0);
            return;
          }
          const bytes = result.value;
          const byteLength = natives.viewByteLength(bytes);
          guarded(() => {
            observer.chunk('received', bytes, false);
            queue.track(bytes, byteLength);
          });
          call(natives.controllerEnqueue, controller, bytes as Uint8Array<ArrayBuffer>);
          guarded(queue.flush);
        },
        (error: unknown) => {
          guarded(() => observer.failed());
          call(natives.controllerError, controller, error);
        },
      ),
    cancel: (reason: unknown) => call(natives.readerCancel, reader, reason),
  });
  const strategy = bare({ highWaterMark: 0 });
  const stream = natives.construct(natives.ReadableStream, [source, strategy], receiveClass) as ReadableStream;
  return { stream, deliver: (bytes) => queue.add(bytes) };
}

/** A writable stream of the native's class (`sendClass`) whose sink records each chunk and writes it to the native. */
export function recordingWritable(
  native: WritableStream,
  sendClass: Function,
  observer: StreamObserver,
): { stream: WritableStream; send: Inject } {
  let writer: WritableStreamDefaultWriter;
  const queue = createInjectionQueue((bytes) => {
    void call(natives.writerWrite, writer, bytes);
    observer.chunk('sent', bytes, true);
  });
  const sink = bare({
    start() {
      writer = call(natives.streamGetWriter, native);
    },
    write(chunk: unknown) {
      const bytes = chunkBytes(chunk);
      const byteLength = bytes ? natives.viewByteLength(bytes) : 0;
      if (bytes)
        guarded(() => {
          observer.chunk('sent', bytes, false);
          queue.track(bytes, byteLength);
        });
      const written = call(natives.writerWrite, writer, chunk);
      guarded(queue.flush);
      return written;
    },
    close: () => call(natives.writerClose, writer),
    abort: (reason: unknown) => call(natives.writerAbort, writer, reason),
  });
  const stream = natives.construct(natives.WritableStream, [sink], sendClass) as WritableStream;
  return { stream, send: (bytes) => queue.add(bytes) };
}
