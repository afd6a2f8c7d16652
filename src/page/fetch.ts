import type { Direction, FramePayload, PageRecord } from '../messages';
import { createConnectionLog } from './channel';
import { absoluteUrl, isEngineIoUrl } from './engineio-url';
import { natives, now, then } from './natives';
import { binaryPayload, capturePayload, textPayload } from './payload';
import { callNative, proxyOf, replaceValue, withoutOwnFrames } from './replace';

let requestCount = 0;

interface Target {
  url: string;
  method: string;
  payload: FramePayload | Promise<FramePayload | undefined> | undefined;
}

/** A body read from a clone: binary when its content type says so (Engine.IO v3 XHR2 payloads), text otherwise. */
async function clonedPayload(read: Promise<ArrayBuffer>, headers: Headers): Promise<FramePayload> {
  const bytes = new Uint8Array(await read);
  const type = headers.get('content-type') ?? '';
  return type.includes('octet-stream') ? binaryPayload(bytes) : textPayload(natives.decodeUtf8(bytes));
}

/**
 * The URL, method and body of an Engine.IO fetch, without touching a body the page may still read: a Request's body
 * is read from a clone (Firefox has no `Request.prototype.body`, so every unused Request that may carry one is cloned).
 */
function engineIoTarget(input: unknown, init: RequestInit | null | undefined): Target | undefined {
  const request = input instanceof Request ? input : undefined;
  const url = request ? request.url : String(input);
  if (!isEngineIoUrl(url)) return undefined;
  const method = String(init?.method ?? request?.method ?? 'GET').toUpperCase();
  if (method === 'GET' || method === 'HEAD') return { url, method, payload: undefined };
  if (init?.body !== undefined && init.body !== null) return { url, method, payload: capturePayload(init.body) };
  if (!request || request.bodyUsed) return { url, method, payload: undefined };
  const payload = clonedPayload(natives.requestArrayBuffer.call(natives.requestClone.call(request)), request.headers);
  return { url, method, payload: payload.then((ready) => (ready.size > 0 ? ready : undefined)) };
}

/**
 * Records Engine.IO polling done with `fetch` (engine.io-client 6.6+ `Fetch` transport): the request body and a
 * clone of the response body, taken before the page gets the response, so its own stays unread.
 *
 * The page gets a promise derived from the native one, for every fetch: its rejections lose the hook's stack frames
 * (V8 records the caller's stack in a failed fetch's TypeError), and a rejection the page leaves unhandled still
 * reaches its `unhandledrejection` listeners, which the hook's own reaction to the native promise would prevent.
 */
export function hookFetch(): void {
  const fetchProxy = proxyOf(window.fetch, {
    apply(target, self, args: [RequestInfo | URL, RequestInit?]) {
      let request: Target | undefined;
      try {
        request = engineIoTarget(args[0], args[1]);
      } catch {
        // Never let capture disturb the page.
      }
      const result = callNative(target, self, args) as Promise<Response>;
      try {
        return observe(request, result);
      } catch {
        return result;
      }
    },
  });
  replaceValue(window, 'fetch', fetchProxy);
}

const rethrow = (error: unknown): never => {
  throw withoutOwnFrames(error);
};

function observe(request: Target | undefined, result: Promise<Response>): Promise<Response> {
  if (!request) return then(result, (response) => response, rethrow);
  const connection = `fetch${++requestCount}`;
  const log = createConnectionLog();
  const url = absoluteUrl(request.url);
  const record = (direction: Direction, payload: FramePayload, time: number, status?: number): PageRecord => ({
    kind: 'frame',
    connection,
    transport: 'polling',
    url,
    method: request.method,
    direction,
    payload,
    time,
    ...(status === undefined ? {} : { status }),
  });
  const sentAt = now();
  if (request.payload)
    log(Promise.resolve(request.payload).then((ready) => (ready ? record('sent', ready, sentAt) : undefined)));
  const received = (response: Response) => {
    try {
      const body = clonedPayload(
        natives.responseArrayBuffer.call(natives.responseClone.call(response)),
        response.headers,
      );
      log(body.then((payload) => record('received', payload, now(), response.status)));
    } catch {
      // Never let capture disturb the page.
    }
    return response;
  };
  const failed = (error: unknown) => {
    try {
      log({ kind: 'error', connection, transport: 'polling', message: 'fetch failed', time: now() });
    } catch {
      // Same as above.
    }
    return rethrow(error);
  };
  return then(result, received, failed);
}
